import { decodePostings, encodePostings, FORMAT_VERSION, readTermDirectory, writeVarint, type Posting } from './index-format.ts';

/** One term's postings, encoded (see encodePostings). */
export interface EncodedTerm {
  readonly term: string;
  readonly df: number;
  readonly bytes: Uint8Array;
}

/** A postings file from its terms, in the layout readTermDirectory reads; the terms are sorted here. */
export function writePostingsFile(terms: readonly EncodedTerm[]): Uint8Array {
  const sorted = [...terms].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const head: number[] = [FORMAT_VERSION];
  writeVarint(head, sorted.length);
  const encoder = new TextEncoder();
  for (const { term, df, bytes } of sorted) {
    const name = encoder.encode(term);
    writeVarint(head, name.length);
    for (const byte of name) head.push(byte);
    writeVarint(head, df);
    writeVarint(head, bytes.length);
  }
  const file = new Uint8Array(head.length + sorted.reduce((sum, term) => sum + term.bytes.length, 0));
  file.set(head);
  let at = head.length;
  for (const { bytes } of sorted) {
    file.set(bytes, at);
    at += bytes.length;
  }
  return file;
}

/** A term's postings encoded. */
export function encodeTerm(term: string, postings: readonly Posting[]): EncodedTerm {
  const out: number[] = [];
  encodePostings(term, postings, out);
  return { term, df: postings.length, bytes: Uint8Array.from(out) };
}

/**
 * A postings file with some articles replaced: every posting of the ids in
 * `replaced` is dropped from the terms in `stale` (the terms those articles
 * held), and `added` (by term, ids ascending) merged in. Terms neither
 * touches keep their bytes. The result is the file a whole build makes.
 */
export function patchPostingsFile(file: Uint8Array, replaced: ReadonlySet<number>, stale: ReadonlySet<string>, added: ReadonlyMap<string, Posting[]>): Uint8Array {
  const directory = readTermDirectory(file);
  const terms: EncodedTerm[] = [];
  for (const entry of directory.values()) {
    if (!stale.has(entry.term) && !added.has(entry.term)) {
      terms.push({ term: entry.term, df: entry.df, bytes: file.subarray(entry.start, entry.end) });
      continue;
    }
    const kept = decodePostings(entry.term, file, entry.start, entry.end).filter((posting) => !replaced.has(posting.id));
    const merged = mergeById(kept, added.get(entry.term) ?? []);
    if (merged.length > 0) terms.push(encodeTerm(entry.term, merged));
  }
  for (const [term, postings] of added) {
    if (!directory.has(term) && postings.length > 0) terms.push(encodeTerm(term, postings));
  }
  return writePostingsFile(terms);
}

function mergeById(a: readonly Posting[], b: readonly Posting[]): Posting[] {
  if (b.length === 0) return [...a];
  const merged: Posting[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.id < b[j]!.id)) merged.push(a[i++]!);
    else merged.push(b[j++]!);
  }
  return merged;
}
