import { decodePostings, denseSize, encodeDense, encodePostings, FORMAT_VERSION, isPresenceTerm, postingValue, VarintReader, writeVarint, type Posting } from './index-format.ts';

/** One term's postings, encoded (see encodePostings; `dense`: encodeDense), and the term as UTF-8. */
export interface EncodedTerm {
  readonly name: Uint8Array;
  readonly df: number;
  readonly bytes: Uint8Array;
  readonly dense: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A postings file from its terms, in the layout readTermDirectory reads.
 * The terms are sorted here by their UTF-8 bytes, so an update can find a
 * term in a file without decoding the others.
 */
export function writePostingsFile(terms: readonly EncodedTerm[]): Uint8Array {
  const sorted = [...terms].sort((a, b) => compareBytes(a.name, b.name));
  const head: number[] = [FORMAT_VERSION];
  writeVarint(head, sorted.length);
  for (const { name, df, bytes, dense } of sorted) {
    writeVarint(head, name.length);
    for (const byte of name) head.push(byte);
    writeVarint(head, df);
    writeVarint(head, bytes.length * 2 + (dense ? 1 : 0));
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

/** A term's postings encoded, in the smaller layout. */
export function encodeTerm(term: string, postings: readonly Posting[]): EncodedTerm {
  const out: number[] = [];
  encodePostings(term, postings, out);
  const lastId = postings.at(-1)?.id ?? 0;
  if (denseSize(isPresenceTerm(term), postings.length, lastId) < out.length) return { name: encoder.encode(term), df: postings.length, bytes: encodeDense(term, postings), dense: true };
  return { name: encoder.encode(term), df: postings.length, bytes: Uint8Array.from(out), dense: false };
}

/**
 * A term whose postings are a list of gaps (`bytes`, ending at `lastId`),
 * in the smaller layout: the same choice {@link encodeTerm} makes.
 */
export function smallerLayout(term: string, name: Uint8Array, df: number, bytes: Uint8Array, lastId: number): EncodedTerm {
  if (denseSize(isPresenceTerm(term), df, lastId) >= bytes.length) return { name, df, bytes, dense: false };
  return { name, df, bytes: encodeDense(term, decodePostings(term, bytes, 0, bytes.length)), dense: true };
}

/** The last id of a list of gaps. */
function lastIdOf(term: string, bytes: Uint8Array): number {
  const flags = isPresenceTerm(term) ? 2 : 16;
  const reader = new VarintReader(bytes, 0);
  let id = -1;
  while (reader.at < bytes.length) id += Math.floor(reader.next() / flags) + 1;
  return id;
}

/** The terms of a postings file as they are stored, names and postings left encoded. */
function readEncodedTerms(file: Uint8Array): EncodedTerm[] {
  if (file[0] !== FORMAT_VERSION) throw new Error(`postings file of format ${file[0]}, expected ${FORMAT_VERSION}`);
  const reader = new VarintReader(file, 1);
  const count = reader.next();
  const heads: { name: Uint8Array; df: number; sizeField: number }[] = [];
  for (let i = 0; i < count; i += 1) {
    const length = reader.next();
    const name = file.subarray(reader.at, reader.at + length);
    reader.at += length;
    heads.push({ name, df: reader.next(), sizeField: reader.next() });
  }
  let at = reader.at;
  return heads.map(({ name, df, sizeField }) => {
    const size = Math.floor(sizeField / 2);
    const bytes = file.subarray(at, at + size);
    at += size;
    return { name, df, bytes, dense: sizeField % 2 === 1 };
  });
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Where `name` is among sorted terms, or −1. */
function findTerm(terms: readonly EncodedTerm[], name: Uint8Array): number {
  let low = 0;
  let high = terms.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const order = compareBytes(terms[middle]!.name, name);
    if (order === 0) return middle;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
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
  const stored = readEncodedTerms(file);
  // `stored` with the change applied: undefined where a term lost its last posting.
  const terms: (EncodedTerm | undefined)[] = [...stored];
  const renumber = (term: string, old: EncodedTerm | undefined): EncodedTerm | undefined => {
    const kept: Posting[] = [];
    for (const posting of old ? decodePostings(term, old.bytes, 0, old.bytes.length, old.dense) : []) {
      const id = moved ? (moved[posting.id] ?? -1) : replaced.has(posting.id) ? -1 : posting.id;
      if (id >= 0) kept.push(id === posting.id ? posting : { ...posting, id });
    }
    const merged = mergeById(kept, added.get(term) ?? []);
    return merged.length > 0 ? encodeTerm(term, merged) : undefined;
  };
  const extra: EncodedTerm[] = [];
  if (moved) {
    // Every term is renumbered.
    const met = new Set<string>();
    for (const [i, old] of stored.entries()) {
      const term = decoder.decode(old.name);
      met.add(term);
      terms[i] = renumber(term, old);
    }
    for (const term of added.keys()) if (!met.has(term)) extra.push(renumber(term, undefined)!);
  } else {
    // Only the terms the change touches are found and spliced; the others keep their bytes.
    for (const term of new Set([...stale, ...added.keys()])) {
      const at = findTerm(stored, encoder.encode(term));
      // A dense term is decoded, edited and encoded again; a list of gaps is spliced.
      if (at >= 0) terms[at] = stored[at]!.dense ? renumber(term, stored[at]) : spliceTerm(term, stored[at]!, replaced, added.get(term) ?? []);
      else if (added.has(term)) extra.push(renumber(term, undefined)!);
    }
  }
  return writePostingsFile([...terms.filter((term): term is EncodedTerm => term !== undefined), ...extra]);
}

/**
 * A term's postings with the ids in `replaced` dropped and `added` (ids
 * ascending) put in, worked on the encoded bytes: the runs of postings
 * between changes are copied as they are, and only the posting after a
 * change is encoded again (its gap changed). The same bytes as decoding,
 * editing and encoding the whole list, at a fraction of the cost: a common
 * term's list holds every article.
 */
function spliceTerm(term: string, old: EncodedTerm, replaced: ReadonlySet<number>, added: readonly Posting[]): EncodedTerm | undefined {
  const presence = isPresenceTerm(term);
  const flags = presence ? 2 : 16;
  const lastReplaced = Math.max(-1, ...replaced);
  const pieces: Uint8Array[] = [];
  const encoded = (value: number) => {
    const out: number[] = [];
    writeVarint(out, value);
    return Uint8Array.from(out);
  };
  let last = -1;
  let df = old.df;
  let next = 0;
  let runStart = 0;
  let id = -1;
  const bytes = old.bytes;
  const reader = new VarintReader(bytes, 0);
  const addUntil = (limit: number) => {
    for (; next < added.length && added[next]!.id < limit; next += 1) {
      const { id: newId, level, inTitle } = added[next]!;
      pieces.push(encoded(postingValue(presence, newId - last - 1, level, inTitle)));
      last = newId;
      df += 1;
    }
  };
  while (reader.at < bytes.length) {
    const start = reader.at;
    const value = reader.next();
    id += Math.floor(value / flags) + 1;
    const pendingAdd = next < added.length && added[next]!.id < id;
    if (!pendingAdd && !replaced.has(id) && id - Math.floor(value / flags) - 1 === last) {
      // Unchanged, and its gap still counts from the posting before: part of the run copied as it is.
      last = id;
      // Past every change: the rest is copied whole.
      if (next >= added.length && id > lastReplaced) break;
      continue;
    }
    pieces.push(bytes.subarray(runStart, start));
    runStart = reader.at;
    addUntil(id);
    if (replaced.has(id)) {
      df -= 1;
      continue;
    }
    pieces.push(encoded((id - last - 1) * flags + (value % flags)));
    last = id;
  }
  pieces.push(bytes.subarray(runStart));
  addUntil(Infinity);
  if (df === 0) return undefined;
  const spliced = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    spliced.set(piece, at);
    at += piece.length;
  }
  return smallerLayout(term, old.name, df, spliced, lastIdOf(term, spliced));
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
