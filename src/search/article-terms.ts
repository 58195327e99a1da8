import { CJK, codeClass, fold, isPresenceTerm, SEPARATOR, WORD, weightLevel, type SearchFields } from './index-format.ts';
import { KeyTable } from './key-table.ts';

/**
 * A term as the build holds it: a number for the CJK terms of characters
 * met often enough to have a small id (no string made per occurrence),
 * else the term itself. See {@link TermKeys}.
 */
export type TermKey = number | string;

/** Characters given a small id; a bigram's key is `first * CHAR_IDS + second`, below 2^30 (a V8 small integer). */
const CHAR_IDS = 32768;

/** Small ids of the CJK characters met, so that a CJK term's key is a number. */
export class TermKeys {
  // By code point: the BMP in an array, the rest in a map.
  private readonly bmpIds = new Uint16Array(0x10000);
  private readonly astralIds = new Map<number, number>();
  private readonly chars: string[] = [''];

  /** The id (1 to CHAR_IDS − 1) of a CJK character, or 0 once all are taken. */
  charId(codePoint: number): number {
    const id = codePoint < 0x10000 ? this.bmpIds[codePoint]! : (this.astralIds.get(codePoint) ?? 0);
    if (id !== 0 || this.chars.length >= CHAR_IDS) return id;
    const next = this.chars.length;
    if (codePoint < 0x10000) this.bmpIds[codePoint] = next;
    else this.astralIds.set(codePoint, next);
    this.chars.push(String.fromCodePoint(codePoint));
    return next;
  }

  /** The term a key stands for. */
  term(key: TermKey): string {
    if (typeof key === 'string') return key;
    return key < CHAR_IDS ? this.chars[key]! : this.chars[Math.floor(key / CHAR_IDS)]! + this.chars[key % CHAR_IDS]!;
  }
}

/**
 * The postings one article adds: for each term, its weight level times 2,
 * plus 1 when the title holds it (see index-format.ts for what the terms
 * are). Numeric keys come in arrays, which the next article reuses.
 */
export interface ArticlePostings {
  readonly numericKeys: Int32Array;
  readonly numericPacked: Int32Array;
  readonly numericCount: number;
  readonly named: ReadonlyMap<string, number>;
}

/** The postings of an article by term, as a map (for updates and tests). */
export function postingsByTerm(postings: ArticlePostings, keys: TermKeys): Map<string, number> {
  const byTerm = new Map<string, number>();
  for (let i = 0; i < postings.numericCount; i += 1) byTerm.set(keys.term(postings.numericKeys[i]!), postings.numericPacked[i]!);
  for (const [term, packed] of postings.named) byTerm.set(term, packed);
  return byTerm;
}

/**
 * Cuts articles into terms (see index-format.ts) and weighs them. The
 * title's terms are flagged, not counted; the body's, categories' and
 * tags' are counted, and give the length BM25 normalizes by. Written for
 * speed, over typed arrays reused from one article to the next: it must give
 * exactly the terms parseQuery gives for any part of the text
 * (tests/unit/search-terms.test.ts holds it to that).
 */
export class ArticleTerms {
  private readonly numeric = new KeyTable(8192);
  // By slot of `numeric`: the key, and the count times 2 plus the title bit.
  private numericKeys = new Int32Array(8192);
  private numericCounts = new Int32Array(8192);
  private readonly named = new Map<string, number>();
  private length = 0;

  constructor(readonly keys: TermKeys) {}

  /** The postings of one article. */
  postings(fields: SearchFields): ArticlePostings {
    this.numeric.clear();
    this.named.clear();
    this.length = 0;
    this.scan(fields.title, true);
    for (const name of fields.categories) this.scan(name, false);
    for (const name of fields.tags) this.scan(name, false);
    this.scan(fields.text, false);

    for (let slot = 0; slot < this.numeric.size; slot += 1) {
      this.numericCounts[slot] = this.pack(this.numericKeys[slot]! < CHAR_IDS, this.numericCounts[slot]!);
    }
    for (const [term, count] of this.named) this.named.set(term, this.pack(isPresenceTerm(term), count));
    return { numericKeys: this.numericKeys, numericPacked: this.numericCounts, numericCount: this.numeric.size, named: this.named };
  }

  private pack(presence: boolean, count: number): number {
    return (presence ? 0 : weightLevel(count >> 1, this.length)) * 2 + (count & 1);
  }

  private addNumeric(key: number, inTitle: boolean, counted: boolean): void {
    const known = this.numeric.size;
    const slot = this.numeric.slotOf(key);
    if (slot >= this.numericKeys.length) {
      const keys = new Int32Array(this.numericKeys.length * 2);
      keys.set(this.numericKeys);
      this.numericKeys = keys;
      const counts = new Int32Array(this.numericCounts.length * 2);
      counts.set(this.numericCounts);
      this.numericCounts = counts;
    }
    if (this.numeric.size > known) {
      this.numericKeys[slot] = key;
      this.numericCounts[slot] = 0;
    }
    if (inTitle) this.numericCounts[slot]! |= 1;
    else if (counted) this.numericCounts[slot]! += 2;
  }

  private addNamed(term: string, inTitle: boolean, counted: boolean): void {
    const count = this.named.get(term) ?? 0;
    this.named.set(term, inTitle ? count | 1 : counted ? count + 2 : count);
  }

  private scan(text: string, inTitle: boolean): void {
    const folded = fold(text);
    let wordStart = -1;
    // The CJK character before this one: its id, or its code point when it has none (-1: none).
    let previousId = 0;
    let previousCode = -1;
    // The CJK character just before the word being read (-1: none): they make a junction.
    let beforeWord = -1;
    for (let i = 0; i <= folded.length; ) {
      const code = i < folded.length ? folded.charCodeAt(i) : 0x20;
      const point = code >= 0xd800 && code <= 0xdbff ? (folded.codePointAt(i) ?? code) : code;
      const kind = code < 0x80 ? ((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) ? WORD : SEPARATOR) : code >= 0x4e00 && code <= 0x9fff ? CJK : codeClass(point);
      if (kind !== WORD && wordStart >= 0) {
        const word = folded.slice(wordStart, i);
        this.addNamed(word, inTitle, true);
        if (!inTitle) this.length += 1;
        // Junctions are not counted in the length: it stays that of the words and bigrams.
        if (beforeWord >= 0) this.addNamed(String.fromCodePoint(beforeWord) + word, inTitle, true);
        if (kind === CJK) this.addNamed(word + String.fromCodePoint(point), inTitle, true);
        wordStart = -1;
      }
      if (kind === CJK) {
        const id = this.keys.charId(point);
        if (id !== 0) this.addNumeric(id, inTitle, false);
        else this.addNamed(String.fromCodePoint(point), inTitle, false);
        if (previousCode >= 0) {
          if (previousId !== 0 && id !== 0) this.addNumeric(previousId * CHAR_IDS + id, inTitle, true);
          else this.addNamed(String.fromCodePoint(previousCode, point), inTitle, true);
          if (!inTitle) this.length += 1;
        }
        previousId = id;
        previousCode = point;
      } else {
        if (kind === WORD && wordStart < 0) {
          wordStart = i;
          beforeWord = previousCode;
        }
        previousCode = -1;
      }
      i += point > 0xffff ? 2 : 1;
    }
  }
}
