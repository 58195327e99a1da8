import { denseSize, FORMAT_VERSION, isPresenceTerm, postingValue, varintLength, VarintReader, writeVarint, type Posting } from './index-format.ts';

/** One term's postings, encoded (a list of gaps, or `dense`: see decodePostings), and the term as UTF-8. */
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

/**
 * A term's postings as typed arrays, ids ascending, each with its flags as
 * postingValue packs them (a presence term's title bit; a weighted term's
 * title bit times 8 plus its level): an update edits a common term's tens
 * of thousands of postings without an object each.
 */
interface PostingArrays {
  readonly ids: Int32Array;
  readonly flags: Uint8Array;
  readonly count: number;
}

/** A term's postings encoded, in the smaller layout. */
export function encodeTerm(term: string, postings: readonly Posting[]): EncodedTerm {
  const presence = isPresenceTerm(term);
  const ids = Int32Array.from(postings, (posting) => posting.id);
  const flags = Uint8Array.from(postings, ({ level, inTitle }) => (presence ? 0 : level) + (inTitle ? (presence ? 1 : 8) : 0));
  return encodeArrays(term, encoder.encode(term), { ids, flags, count: postings.length });
}

/**
 * A term whose postings are a list of gaps (`bytes`, ending at `lastId`),
 * in the smaller layout: the same choice {@link encodeTerm} makes.
 */
export function smallerLayout(term: string, name: Uint8Array, df: number, bytes: Uint8Array, lastId: number): EncodedTerm {
  if (denseSize(isPresenceTerm(term), df, lastId) >= bytes.length) return { name, df, bytes, dense: false };
  return encodeArrays(term, name, decodeArrays(term, { name, df, bytes, dense: false }));
}

/** A stored term's postings as arrays. */
function decodeArrays(term: string, { bytes, dense, df }: EncodedTerm): PostingArrays {
  const presence = isPresenceTerm(term);
  const ids = new Int32Array(df);
  const flags = new Uint8Array(df);
  let count = 0;
  const reader = new VarintReader(bytes, 0);
  if (dense) {
    const bitmap = reader.next();
    const start = reader.at;
    const flagsAt = start + bitmap;
    for (let at = start; at < flagsAt; at += 1) {
      const byte = bytes[at]!;
      for (let bit = 0; byte !== 0 && bit < 8; bit += 1) {
        if ((byte & (1 << bit)) === 0) continue;
        ids[count] = (at - start) * 8 + bit;
        flags[count] = presence ? (bytes[flagsAt + (count >> 3)]! >> (count & 7)) & 1 : (bytes[flagsAt + (count >> 1)]! >> ((count & 1) * 4)) & 15;
        count += 1;
      }
    }
  } else {
    const base = presence ? 2 : 16;
    let id = -1;
    while (reader.at < bytes.length) {
      const value = reader.next();
      id += Math.floor(value / base) + 1;
      ids[count] = id;
      flags[count] = value % base;
      count += 1;
    }
  }
  return { ids, flags, count };
}

/** Postings as arrays, encoded in the smaller layout: the list of gaps, or the dense layout of denseSize. */
function encodeArrays(term: string, name: Uint8Array, { ids, flags, count }: PostingArrays): EncodedTerm {
  const presence = isPresenceTerm(term);
  const base = presence ? 2 : 16;
  let gapsSize = 0;
  for (let i = 0, last = -1; i < count; last = ids[i]!, i += 1) gapsSize += varintLength((ids[i]! - last - 1) * base + flags[i]!);
  const lastId = count > 0 ? ids[count - 1]! : 0;
  const size = denseSize(presence, count, lastId);
  if (size < gapsSize) {
    const bytes = new Uint8Array(size);
    const head: number[] = [];
    writeVarint(head, (lastId >> 3) + 1);
    bytes.set(head);
    const flagsAt = head.length + (lastId >> 3) + 1;
    for (let k = 0; k < count; k += 1) {
      const id = ids[k]!;
      bytes[head.length + (id >> 3)] = bytes[head.length + (id >> 3)]! | (1 << (id & 7));
      const at = flagsAt + (presence ? k >> 3 : k >> 1);
      bytes[at] = bytes[at]! | (flags[k]! << (presence ? k & 7 : (k & 1) * 4));
    }
    return { name, df: count, bytes, dense: true };
  }
  const out: number[] = [];
  for (let i = 0, last = -1; i < count; last = ids[i]!, i += 1) writeVarint(out, (ids[i]! - last - 1) * base + flags[i]!);
  return { name, df: count, bytes: Uint8Array.from(out), dense: false };
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
    const kept = old ? decodeArrays(term, old) : { ids: new Int32Array(0), flags: new Uint8Array(0), count: 0 };
    let count = 0;
    for (let i = 0; i < kept.count; i += 1) {
      const id = moved ? (moved[kept.ids[i]!] ?? -1) : replaced.has(kept.ids[i]!) ? -1 : kept.ids[i]!;
      if (id < 0) continue;
      kept.ids[count] = id;
      kept.flags[count] = kept.flags[i]!;
      count += 1;
    }
    const merged = mergeArrays(term, { ...kept, count }, added.get(term) ?? []);
    return merged.count > 0 ? encodeArrays(term, old?.name ?? encoder.encode(term), merged) : undefined;
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

/** Postings as arrays with `added` (ids ascending, none among them) merged in. */
function mergeArrays(term: string, kept: PostingArrays, added: readonly Posting[]): PostingArrays {
  if (added.length === 0) return kept;
  const presence = isPresenceTerm(term);
  const count = kept.count + added.length;
  const ids = new Int32Array(count);
  const flags = new Uint8Array(count);
  let i = 0;
  let j = 0;
  for (let k = 0; k < count; k += 1) {
    if (j >= added.length || (i < kept.count && kept.ids[i]! < added[j]!.id)) {
      ids[k] = kept.ids[i]!;
      flags[k] = kept.flags[i++]!;
    } else {
      const { id, level, inTitle } = added[j++]!;
      ids[k] = id;
      flags[k] = (presence ? 0 : level) + (inTitle ? (presence ? 1 : 8) : 0);
    }
  }
  return { ids, flags, count };
}
