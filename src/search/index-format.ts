/**
 * What the search index means, shared by the build and the browser: how
 * text is normalized and cut into terms, which file holds a term, how its
 * postings are encoded, and when an article contains a query. The build
 * copies this module, compiled, into the site as `search-format.js`, where
 * public/search-engine.js imports it: the two sides cannot drift apart.
 * It imports nothing and touches no Node.js API.
 *
 * Terms: Chinese, Japanese and Korean text gives every pair of adjacent
 * characters (a bigram) and every single character (a unigram, kept only as
 * "present"); any other run of letters and digits gives one word; a word
 * and the CJK character it touches give a junction (`5g网`). Text is folded
 * first, piece by piece: NFKC (full-width to half-width), then lower case.
 */

/** Changes whenever a file of the index changes shape. */
export const FORMAT_VERSION = 2;

/** Articles per text folder: an article's text file is `<groups[id / GROUP_SIZE]>/<id % GROUP_SIZE>.bin`. */
export const GROUP_SIZE = 256;

/** Most postings files one query fetches: with the entry and a page of texts, a first query stays within 15 files. */
export const MAX_TERM_FILES = 4;

/** BM25's term-frequency saturation and length normalization. */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
/**
 * The article length (in weighted terms) BM25 normalizes against. A
 * constant rather than the site's average: an article's weights then
 * depend on it alone, so an index updated post by post equals one built whole.
 */
export const BM25_AVERAGE_LENGTH = 2000;
/** Added to a term's weight when it is in the title: a title match ranks above a body match. */
export const TITLE_BONUS = 2;
/** Levels a term's BM25 weight is stored in (3 bits). */
export const WEIGHT_LEVELS = 7;

/** The class of a character: a separator, part of a word, or a CJK character. */
export const SEPARATOR = 0;
export const WORD = 1;
export const CJK = 2;
export type CharClass = typeof SEPARATOR | typeof WORD | typeof CJK;

const CJK_PATTERN = /^(?=[\p{L}\p{Nl}])[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;
const WORD_PATTERN = /^[\p{L}\p{N}\p{M}]/u;
const MARK_PATTERN = /^\p{M}/u;

// Classes of the BMP, filled as characters are met (255: not yet known).
const bmpClasses = new Uint8Array(0x10000).fill(255);

/** The class of the code point `char` (one code point, folded). */
export function charClass(char: string): CharClass {
  return codeClass(char.codePointAt(0) ?? 0);
}

/** The class of a (folded) code point. */
export function codeClass(code: number): CharClass {
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) ? WORD : SEPARATOR;
  }
  if (code >= 0x4e00 && code <= 0x9fff) return CJK;
  if (code < 0x10000) {
    const known = bmpClasses[code]!;
    if (known !== 255) return known as CharClass;
    const found = classifySlowly(String.fromCharCode(code));
    bmpClasses[code] = found;
    return found;
  }
  return classifySlowly(String.fromCodePoint(code));
}

function classifySlowly(char: string): CharClass {
  if (CJK_PATTERN.test(char)) return CJK;
  return WORD_PATTERN.test(char) ? WORD : SEPARATOR;
}

const foldedBmp = new Map<number, string>();

/** One piece of text (a code point and the combining marks after it), folded: NFKC, then lower case. */
function foldPiece(piece: string): string {
  if (piece.length === 1) {
    const code = piece.charCodeAt(0);
    if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : piece;
    if (code >= 0x4e00 && code <= 0x9fff) return piece;
    let folded = foldedBmp.get(code);
    if (folded === undefined) {
      folded = lowerCase(piece.normalize('NFKC'));
      foldedBmp.set(code, folded);
    }
    return folded;
  }
  return lowerCase(piece.normalize('NFKC'));
}

/** Lower case, with the Greek final sigma as any sigma: a word typed `οδος` finds `ΟΔΟΣ`. */
function lowerCase(text: string): string {
  return text.toLowerCase().replace(/ς/g, 'σ');
}

/** Folded text and, for each of its UTF-16 units, the index in the original text of the piece it came from. */
export interface FoldedText {
  readonly text: string;
  /** `from[i]` is where the piece that gave `text[i]` starts in the original; `from[text.length]` is the original's length. */
  readonly from: readonly number[];
}

/**
 * Folds `text` piece by piece (see {@link foldPiece}), keeping where each
 * folded unit came from, so a match in the folded text can be shown in the original.
 */
export function foldWithOffsets(text: string): FoldedText {
  let out = '';
  const from: number[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    while (markAt(text, i)) i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    const folded = foldPiece(text.slice(start, i));
    out += folded;
    for (let k = 0; k < folded.length; k += 1) from.push(start);
  }
  from.push(text.length);
  return { text: out, from };
}

// 1 where a BMP unit folds to itself and is no combining mark (most CJK text), 0 where not, 255 not yet known.
const stableUnits = new Uint8Array(0x10000).fill(255);
// 1 where a BMP unit is a combining mark, 0 where not, 255 not yet known.
const markUnits = new Uint8Array(0x10000).fill(255);

function isStableUnit(code: number): boolean {
  let known = stableUnits[code]!;
  if (known === 255) {
    const char = String.fromCharCode(code);
    known = (code < 0xd800 || code > 0xdfff) && !isMarkUnit(code) && foldPiece(char) === char ? 1 : 0;
    stableUnits[code] = known;
  }
  return known === 1;
}

/**
 * Whether a UTF-16 unit joins the piece before it: a combining mark, or a
 * half-width katakana voiced mark (ﾞ, ﾟ), which NFKC composes with the
 * kana before it (ﾊﾟ → パ) only when folded together.
 */
function isMarkUnit(code: number): boolean {
  if (code < 0x300) return false;
  if (code === 0xff9e || code === 0xff9f) return true;
  let known = markUnits[code]!;
  if (known === 255) {
    known = code >= 0xd800 && code <= 0xdfff ? 0 : MARK_PATTERN.test(String.fromCharCode(code)) ? 1 : 0;
    markUnits[code] = known;
  }
  return known === 1;
}

/** Whether a combining mark starts at `at` in `text`. */
function markAt(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const code = text.charCodeAt(at);
  if (code >= 0xd800 && code <= 0xdbff) return MARK_PATTERN.test(String.fromCodePoint(text.codePointAt(at) ?? 0));
  return isMarkUnit(code);
}

/** `text` folded: NFKC, then lower case, piece by piece (the same as {@link foldWithOffsets}). */
export function fold(text: string): string {
  let out = '';
  // Units that fold to themselves are copied a run at a time.
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const single = code < 0xd800 || code > 0xdbff;
    if (single && isStableUnit(code) && !markAt(text, i + 1)) {
      i += 1;
      continue;
    }
    out += text.slice(copied, i);
    // A piece: a code point and the combining marks after it.
    let end = i + (single ? 1 : 2);
    while (markAt(text, end)) end += text.charCodeAt(end) >= 0xd800 && text.charCodeAt(end) <= 0xdbff ? 2 : 1;
    out += foldPiece(text.slice(i, end));
    i = end;
    copied = i;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** One run of folded text: consecutive characters of one class, never separators. */
interface Run {
  readonly kind: typeof WORD | typeof CJK;
  /** Its characters (code points). */
  readonly chars: string[];
  /** It follows the run before with no separator between (a word against CJK characters, as in `5G网络`). */
  readonly joined: boolean;
}

/** The word and CJK runs of folded text, in order. */
function runsOf(folded: string): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  for (const char of folded) {
    const kind = charClass(char);
    if (kind === SEPARATOR) {
      current = undefined;
      continue;
    }
    if (!current || current.kind !== kind) {
      current = { kind, chars: [], joined: current !== undefined };
      runs.push(current);
    }
    current.chars.push(char);
  }
  return runs;
}

/**
 * The junction of a word and the CJK run it touches (`5g网` in `5G网络`,
 * `年5g` in `今年5G`): a term of its own, so a query such as `1年` is not
 * every article holding the word `1` and the character 年.
 */
function junctionOf(before: Run, after: Run): string {
  return before.kind === WORD ? before.chars.join('') + after.chars[0]! : before.chars.at(-1)! + after.chars.join('');
}

/** A CJK term of one character: indexed as present, without a weight. */
export function isPresenceTerm(term: string): boolean {
  return term.length <= 2 && [...term].length === 1 && charClass(term) === CJK;
}

/** The fields of an article the index searches, as its text file holds them. */
export interface SearchFields {
  readonly title: string;
  readonly categories: readonly string[];
  readonly tags: readonly string[];
  readonly text: string;
}

/**
 * All the searchable text of an article, folded: what a query must occur in.
 * Fields are separated by a line break, so no match spans two of them.
 */
export function searchableText(fields: SearchFields): string {
  return fold([fields.title, ...fields.categories, ...fields.tags, fields.text].join('\n'));
}

/** The stored weight level (0–{@link WEIGHT_LEVELS}) of a term met `tf` times in an article of `length` weighted terms. */
export function weightLevel(tf: number, length: number): number {
  if (tf === 0) return 0;
  const norm = BM25_K1 * (1 - BM25_B + (BM25_B * length) / BM25_AVERAGE_LENGTH);
  const saturated = (tf * (BM25_K1 + 1)) / (tf + norm);
  return Math.min(WEIGHT_LEVELS, Math.max(1, Math.round((saturated / (BM25_K1 + 1)) * WEIGHT_LEVELS)));
}

/** A term's contribution to a score, before its IDF. */
export function termWeight(term: string, level: number, inTitle: boolean): number {
  const body = isPresenceTerm(term) ? 1 : (level / WEIGHT_LEVELS) * (BM25_K1 + 1);
  return body + (inTitle ? TITLE_BONUS : 0);
}

/** BM25's inverse document frequency of a term found in `df` of `n` articles. */
export function idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** One space-separated part of a query: it must occur, as typed, in every result. */
export interface QueryPart {
  /** The part folded. */
  readonly text: string;
  /** Its terms, every one of which an article containing it holds. */
  readonly terms: readonly string[];
  /**
   * The terms to look up: the part itself when it is one term, else terms
   * that together cover all of its characters (every other bigram of a long
   * CJK run, its words and junctions): enough to find candidates when files are few.
   */
  readonly cover: readonly string[];
  /** The part is itself a term: an article holding that term contains it, no check needed. */
  readonly exact: boolean;
}

/** The parts of a query: split on white space, folded, each with its terms. Parts with no letter, digit or CJK character are left out. */
export function parseQuery(query: string): QueryPart[] {
  const parts: QueryPart[] = [];
  const seen = new Set<string>();
  for (const text of fold(query).split(/\s+/u)) {
    if (text === '' || seen.has(text)) continue;
    seen.add(text);
    const terms: string[] = [];
    const cover: string[] = [];
    const runs = runsOf(text);
    for (const [at, run] of runs.entries()) {
      const { kind, chars } = run;
      if (run.joined) {
        const junction = junctionOf(runs[at - 1]!, run);
        terms.push(junction);
        cover.push(junction);
      }
      if (kind === WORD || chars.length === 1) {
        const term = chars.join('');
        terms.push(term);
        cover.push(term);
        continue;
      }
      for (let i = 0; i + 1 < chars.length; i += 1) {
        const bigram = chars[i]! + chars[i + 1]!;
        terms.push(bigram);
        if (i % 2 === 0 || i + 2 === chars.length) cover.push(bigram);
      }
    }
    if (terms.length === 0) continue;
    const exact = terms.includes(text);
    parts.push({ text, terms: unique(terms), cover: exact ? [text] : unique(cover), exact });
  }
  return parts;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/**
 * Where `part` (folded) occurs in `folded` text, as typed: at any position
 * for CJK characters, but a word in the query is never the middle of a
 * longer word in the text ("win" is not in "windows"), as words are indexed whole.
 *
 * @returns the start of each occurrence, in UTF-16 units of `folded`
 */
export function findPart(folded: string, part: string, limit = Infinity): number[] {
  const found: number[] = [];
  const first = charClass(String.fromCodePoint(part.codePointAt(0) ?? 0));
  const lastChar = lastCodePoint(part, part.length);
  const last = charClass(lastChar);
  let at = folded.indexOf(part);
  while (at !== -1 && found.length < limit) {
    const end = at + part.length;
    const before = at > 0 ? charClass(lastCodePoint(folded, at)) : SEPARATOR;
    const after = end < folded.length ? charClass(String.fromCodePoint(folded.codePointAt(end) ?? 0)) : SEPARATOR;
    if (!(first === WORD && before === WORD) && !(last === WORD && after === WORD)) found.push(at);
    at = folded.indexOf(part, at + 1);
  }
  return found;
}

/** The code point that ends at `end` in `text`. */
function lastCodePoint(text: string, end: number): string {
  const low = text.charCodeAt(end - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && end >= 2 ? end - 2 : end - 1;
  return String.fromCodePoint(text.codePointAt(start) ?? 0);
}

/** Whether folded searchable text contains every part of a query (see {@link findPart}). */
export function containsQuery(folded: string, parts: readonly QueryPart[]): boolean {
  return parts.every((part) => findPart(folded, part.text, 1).length > 0);
}

/** Which postings file holds `term`, of `files` (a power of two): FNV-1a over its UTF-16 units. */
export function termFile(term: string, files: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i += 1) {
    hash ^= term.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & (files - 1);
}

/** One article in a term's postings. */
export interface Posting {
  readonly id: number;
  /** Weight level (see {@link weightLevel}); 0 for a presence term. */
  readonly level: number;
  readonly inTitle: boolean;
}

/**
 * The bytes of a term's postings in the dense layout, which a term held by
 * many articles takes when it is smaller than the list of gaps: a varint of
 * the bitmap's length, a bitmap of the ids (bit `id % 8` of byte `id / 8`,
 * up to the last id), then each posting's flags in id order: for a weighted
 * term 4 bits (title bit, 3-bit level; low half first), for a presence term
 * its title bit. `的` in 49,429 of 50,000 articles takes 12.5 KB rather than 49 KB.
 */
export function denseSize(presence: boolean, df: number, lastId: number): number {
  const bitmap = (lastId >> 3) + 1;
  return varintLength(bitmap) + bitmap + Math.ceil(df / (presence ? 8 : 2));
}

/** The bytes of `value` as a varint (see {@link writeVarint}). */
export function varintLength(value: number): number {
  let length = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) length += 1;
  return length;
}

/** Reads varints (see {@link writeVarint}) one after another. */
export class VarintReader {
  constructor(
    private readonly bytes: Uint8Array,
    public at: number,
  ) {}

  next(): number {
    let value = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = this.bytes[this.at++]!;
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte >= 0x80);
    return value;
  }
}

/** One posting as the varint it is stored as: the gap since the previous id, shifted left over the title bit and, for a weighted term, the 3-bit weight level. */
export function postingValue(presence: boolean, gap: number, level: number, inTitle: boolean): number {
  return presence ? gap * 2 + (inTitle ? 1 : 0) : gap * 16 + (inTitle ? 8 : 0) + level;
}

/**
 * The postings of a term from its bytes. A term's postings are a list of
 * gaps (ids ascending; for each, a varint of {@link postingValue}: the gap
 * since the previous id, shifted left over its flags) or, `dense`, the
 * layout of {@link denseSize}.
 */
export function decodePostings(term: string, bytes: Uint8Array, start: number, end: number, dense = false): Posting[] {
  const presence = isPresenceTerm(term);
  const postings: Posting[] = [];
  if (dense) {
    const reader = new VarintReader(bytes, start);
    const bitmap = reader.next();
    const flags = reader.at + bitmap;
    for (let at = reader.at; at < flags; at += 1) {
      const byte = bytes[at]!;
      if (byte === 0) continue;
      for (let bit = 0; bit < 8; bit += 1) {
        if ((byte & (1 << bit)) === 0) continue;
        const id = (at - reader.at) * 8 + bit;
        const k = postings.length;
        const flag = presence ? (bytes[flags + (k >> 3)]! >> (k & 7)) & 1 : (bytes[flags + (k >> 1)]! >> ((k & 1) * 4)) & 15;
        postings.push(presence ? { id, level: 0, inTitle: flag === 1 } : { id, level: flag & 7, inTitle: (flag & 8) !== 0 });
      }
    }
    return postings;
  }
  const reader = new VarintReader(bytes, start);
  let previous = -1;
  while (reader.at < end) {
    const value = reader.next();
    const id = previous + 1 + Math.floor(value / (presence ? 2 : 16));
    previous = id;
    postings.push(presence ? { id, level: 0, inTitle: value % 2 === 1 } : { id, level: value % 8, inTitle: (value & 8) !== 0 });
  }
  return postings;
}

/** Appends `value` (a non-negative integer below 2^53) as a varint: 7 bits a byte, low first. */
export function writeVarint(out: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

/** One term's entry in a postings file. */
export interface TermEntry {
  readonly term: string;
  /** Articles holding it. */
  readonly df: number;
  /** Where its postings are in the file, and whether they are in the dense layout (see {@link denseSize}). */
  readonly start: number;
  readonly end: number;
  readonly dense: boolean;
}

/**
 * The directory of a postings file: its format version, the number of
 * terms, then for each (sorted) its UTF-8 length and bytes, its document
 * frequency, and the length of its postings times 2, plus 1 when they are
 * dense; the postings follow in the same order.
 */
export function readTermDirectory(bytes: Uint8Array): Map<string, TermEntry> {
  if (bytes[0] !== FORMAT_VERSION) throw new Error(`postings file of format ${bytes[0]}, expected ${FORMAT_VERSION}`);
  const reader = new VarintReader(bytes, 1);
  const decoder = new TextDecoder();
  const count = reader.next();
  const heads: { term: string; df: number; sizeField: number }[] = [];
  for (let i = 0; i < count; i += 1) {
    const length = reader.next();
    const term = decoder.decode(bytes.subarray(reader.at, reader.at + length));
    reader.at += length;
    heads.push({ term, df: reader.next(), sizeField: reader.next() });
  }
  const directory = new Map<string, TermEntry>();
  let at = reader.at;
  for (const { term, df, sizeField } of heads) {
    const size = Math.floor(sizeField / 2);
    directory.set(term, { term, df, start: at, end: at + size, dense: sizeField % 2 === 1 });
    at += size;
  }
  return directory;
}
