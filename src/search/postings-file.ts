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

/** How the articles of an index changed, for {@link patchPostingsFile}. */
export interface PostingsChange {
  /**
   * The new id of each old id (−1: gone), when some ids moved (an article
   * dated among older ones, or one deleted): every term is then decoded and
   * renumbered. `undefined` when every article kept its id.
   */
  readonly moved: Int32Array | undefined;
  /** Old ids whose postings go (edited or gone), when no id moved. */
  readonly replaced: ReadonlySet<number>;
  /** The terms those held, when no id moved: only these are decoded. */
  readonly stale: ReadonlySet<string>;
  /** The postings of new and edited articles, by term, ids ascending (new ids). */
  readonly added: ReadonlyMap<string, Posting[]>;
}

/**
 * A postings file with some articles replaced: the postings of gone or
 * edited articles are dropped, ids renumbered where they moved, and the new
 * postings merged in. Terms the change does not touch keep their bytes.
 * The result is the file a whole build makes.
 */
export function patchPostingsFile(file: Uint8Array, change: PostingsChange): Uint8Array {
  const { moved, replaced, stale, added } = change;
  const directory = readTermDirectory(file);
  const terms: EncodedTerm[] = [];
  for (const entry of directory.values()) {
    if (!moved && !stale.has(entry.term) && !added.has(entry.term)) {
      terms.push({ term: entry.term, df: entry.df, bytes: file.subarray(entry.start, entry.end) });
      continue;
    }
    const kept: Posting[] = [];
    for (const posting of decodePostings(entry.term, file, entry.start, entry.end)) {
      const id = moved ? (moved[posting.id] ?? -1) : replaced.has(posting.id) ? -1 : posting.id;
      if (id >= 0) kept.push(id === posting.id ? posting : { ...posting, id });
    }
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
