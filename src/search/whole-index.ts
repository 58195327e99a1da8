import { isPresenceTerm, postingValue, termFile } from './index-format.ts';
import type { ArticlePostings, TermKeys } from './article-terms.ts';
import { KeyTable } from './key-table.ts';
import { writePostingsFile } from './postings-file.ts';

/** A term's postings as they are encoded, growing as articles are added. */
class GrowingTerm {
  bytes = new Uint8Array(8);
  length = 0;
  df = 0;
  last = -1;

  constructor(
    readonly key: number | string,
    readonly presence: boolean,
  ) {}

  /** Adds article `id` (above the last) with `packed`, its weight level times 2 plus its title bit. */
  add(id: number, packed: number): void {
    const gap = id - this.last - 1;
    this.last = id;
    this.df += 1;
    let value = postingValue(this.presence, gap, packed >> 1, (packed & 1) === 1);
    if (this.bytes.length - this.length < 8) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    while (value >= 0x80) {
      this.bytes[this.length++] = (value & 0x7f) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.bytes[this.length++] = value;
  }
}

/** Postings held back before they are sorted by term and appended (see {@link WholeIndex}). */
const BATCH_POSTINGS = 1 << 20;

/**
 * The index built whole: articles are added in id order and each term's
 * postings are encoded as they come (the same bytes as encodePostings), so
 * only the encoded index is held, never the articles. Postings are held
 * back a batch at a time and appended term by term: a common term's bytes
 * are then touched once a batch rather than once an article, which halved
 * the time of this step.
 */
export class WholeIndex {
  private readonly numeric = new KeyTable(1 << 16);
  private readonly named = new Map<string, number>();
  private readonly terms: GrowingTerm[] = [];
  // The index in `terms` of each slot of `numeric`.
  private numericTerms = new Int32Array(1 << 16);
  private next = 0;
  // The postings held back: the term's slot, the article, the packed weight.
  private readonly pendingSlots = new Int32Array(BATCH_POSTINGS);
  private readonly pendingIds = new Int32Array(BATCH_POSTINGS);
  private readonly pendingPacked = new Uint8Array(BATCH_POSTINGS);
  private pending = 0;

  constructor(private readonly keys: TermKeys) {}

  /** Adds the article of id `id`: ids must come in order, from 0. */
  add(id: number, postings: ArticlePostings): void {
    if (id !== this.next) throw new Error(`article ${id} added out of order (expected ${this.next})`);
    this.next += 1;
    if (this.pending + postings.numericCount + postings.named.size > BATCH_POSTINGS) this.flush();
    for (let i = 0; i < postings.numericCount; i += 1) {
      const key = postings.numericKeys[i]!;
      const known = this.numeric.size;
      const slot = this.numeric.slotOf(key);
      if (this.numeric.size > known) this.newNumericTerm(slot, key);
      this.hold(this.numericTerms[slot]!, id, postings.numericPacked[i]!);
    }
    for (const [term, packed] of postings.named) {
      let slot = this.named.get(term);
      if (slot === undefined) {
        slot = this.terms.length;
        this.named.set(term, slot);
        this.terms.push(new GrowingTerm(term, isPresenceTerm(term)));
      }
      this.hold(slot, id, packed);
    }
  }

  /** About the bytes the postings files will take in all (each term's postings and its name). */
  postingsBytes(): number {
    this.flush();
    let bytes = 0;
    for (const growing of this.terms) bytes += growing.length + (typeof growing.key === 'string' ? growing.key.length * 3 : 6) + 3;
    return bytes;
  }

  /**
   * The postings files, `files` of them (a power of two), each term in the
   * one termFile names: made one at a time, each term's bytes let go once
   * its file is made, so the index is never held twice (at 50,000 posts
   * that was 114 MB more at the peak).
   */
  *postingsFiles(files: number): Generator<Uint8Array> {
    this.flush();
    const byFile: GrowingTerm[][] = Array.from({ length: files }, () => []);
    for (const growing of this.terms) byFile[termFile(this.keys.term(growing.key), files)]!.push(growing);
    this.terms.length = 0;
    const encoder = new TextEncoder();
    for (const [file, terms] of byFile.entries()) {
      yield writePostingsFile(terms.map((growing) => ({ name: encoder.encode(this.keys.term(growing.key)), df: growing.df, bytes: growing.bytes.subarray(0, growing.length) })));
      byFile[file] = [];
    }
  }

  private newNumericTerm(slot: number, key: number): void {
    if (slot >= this.numericTerms.length) {
      const grown = new Int32Array(this.numericTerms.length * 2);
      grown.set(this.numericTerms);
      this.numericTerms = grown;
    }
    this.numericTerms[slot] = this.terms.length;
    this.terms.push(new GrowingTerm(key, isPresenceTerm(this.keys.term(key))));
  }

  /** Holds back a posting of the term at `term` in `terms`. */
  private hold(slot: number, id: number, packed: number): void {
    // One article with more terms than a batch holds is appended in several.
    if (this.pending === BATCH_POSTINGS) this.flush();
    this.pendingSlots[this.pending] = slot;
    this.pendingIds[this.pending] = id;
    this.pendingPacked[this.pending] = packed;
    this.pending += 1;
  }

  /** Appends the postings held back, term by term (a stable counting sort keeps each term's ids in order). */
  private flush(): void {
    const count = this.pending;
    if (count === 0) return;
    const starts = new Int32Array(this.terms.length + 1);
    for (let i = 0; i < count; i += 1) starts[this.pendingSlots[i]! + 1]! += 1;
    for (let slot = 0; slot < this.terms.length; slot += 1) starts[slot + 1]! += starts[slot]!;
    const order = new Int32Array(count);
    for (let i = 0; i < count; i += 1) order[starts[this.pendingSlots[i]!]!++] = i;
    for (let k = 0; k < count; k += 1) {
      const i = order[k]!;
      this.terms[this.pendingSlots[i]!]!.add(this.pendingIds[i]!, this.pendingPacked[i]!);
    }
    this.pending = 0;
  }
}
