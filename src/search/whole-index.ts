import { isPresenceTerm, postingValue, termFile } from './index-format.ts';
import type { ArticlePostings, TermKeys, TermKey } from './article-terms.ts';
import { KeyTable } from './key-table.ts';
import { smallerLayout, writePostingsFile } from './postings-file.ts';

/** Postings held back before they are sorted by term and encoded (see {@link WholeIndex}). */
const BATCH_POSTINGS = 1 << 20;
/** The most bytes one posting's varint takes (ids below 2^27). */
const MAX_POSTING_BYTES = 5;

/** An Int32Array twice as long, its start copied. */
function grown(array: Int32Array<ArrayBuffer>, fill = 0): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2).fill(fill);
  bigger.set(array);
  return bigger;
}

/**
 * The index built whole: articles are added in id order, their postings
 * held back a batch at a time, then sorted by term (a stable counting sort)
 * and encoded into one buffer of the batch's exact size, each term's run
 * in it a piece (its list of gaps, cut at batch ends). Only
 * the encoded index is held, never the articles, and with no room to grow
 * per term: growing a buffer per term left up to half of it empty, and the
 * old copies to the collector (at 50,000 posts the peak was far above the
 * size of the postings).
 */
export class WholeIndex {
  private readonly numeric = new KeyTable(1 << 16);
  private readonly named = new Map<string, number>();
  /** By term slot (the order terms were met): its key, whether it is a presence term, its document frequency and last id. */
  private readonly keys: TermKey[] = [];
  private presence = new Uint8Array(1 << 16);
  private df = new Int32Array(1 << 16);
  private lastIds = new Int32Array(1 << 16);
  // The slot of each numeric key's slot in `numeric`.
  private numericSlots = new Int32Array(1 << 16);
  private next = 0;
  // The postings held back: the term's slot, the article, the packed weight.
  private readonly pendingSlots = new Int32Array(BATCH_POSTINGS);
  private readonly pendingIds = new Int32Array(BATCH_POSTINGS);
  private readonly pendingPacked = new Uint8Array(BATCH_POSTINGS);
  private pending = 0;
  /** The encoded batches, and the first piece of each. */
  private readonly batches: Uint8Array[] = [];
  private readonly batchPieces: number[] = [];
  // The pieces: each a term's run in a batch, linked in batch order from the term's first piece.
  // A piece ends where the next one of its batch starts (a batch's pieces are made in order).
  private pieceStart = new Int32Array(1 << 16);
  private pieceNext = new Int32Array(1 << 16);
  private pieces = 0;
  private firstPiece = new Int32Array(1 << 16).fill(-1);
  private lastPiece = new Int32Array(1 << 16).fill(-1);

  constructor(private readonly termKeys: TermKeys) {}

  /** Adds the article of id `id`: ids must come in order, from 0. */
  add(id: number, postings: ArticlePostings): void {
    if (id !== this.next) throw new Error(`article ${id} added out of order (expected ${this.next})`);
    this.next += 1;
    if (this.pending + postings.numericCount + postings.named.size > BATCH_POSTINGS) this.flush();
    for (let i = 0; i < postings.numericCount; i += 1) {
      const key = postings.numericKeys[i]!;
      const known = this.numeric.size;
      const at = this.numeric.slotOf(key);
      if (this.numeric.size > known) {
        if (at >= this.numericSlots.length) this.numericSlots = grown(this.numericSlots);
        this.numericSlots[at] = this.newTerm(key);
      }
      this.hold(this.numericSlots[at]!, id, postings.numericPacked[i]!);
    }
    for (const [term, packed] of postings.named) {
      let slot = this.named.get(term);
      if (slot === undefined) {
        slot = this.newTerm(term);
        this.named.set(term, slot);
      }
      this.hold(slot, id, packed);
    }
  }

  /** About the bytes the postings files will take in all (each term's postings and its name). */
  postingsBytes(): number {
    this.flush();
    let bytes = 0;
    for (const batch of this.batches) bytes += batch.length;
    for (const key of this.keys) bytes += (typeof key === 'string' ? key.length * 3 : 6) + 3;
    return bytes;
  }

  /**
   * The postings files, `files` of them (a power of two), each term in the
   * one termFile names, made one at a time: a term's pieces are joined as
   * its file is made. The batches are let go once the last file is made.
   */
  *postingsFiles(files: number): Generator<Uint8Array> {
    this.flush();
    const byFile: number[][] = Array.from({ length: files }, () => []);
    const names = this.keys.map((key) => this.termKeys.term(key));
    for (const [slot, name] of names.entries()) byFile[termFile(name, files)]!.push(slot);
    const encoder = new TextEncoder();
    for (const slots of byFile) {
      yield writePostingsFile(slots.map((slot) => smallerLayout(names[slot]!, encoder.encode(names[slot]!), this.df[slot]!, this.joinPieces(slot), this.lastIds[slot]!)));
    }
    this.batches.length = 0;
    this.batchPieces.length = 0;
  }

  /** A term's postings: its pieces, joined. */
  private joinPieces(slot: number): Uint8Array {
    const runs: Uint8Array[] = [];
    let length = 0;
    let batch = 0;
    for (let piece = this.firstPiece[slot]!; piece !== -1; piece = this.pieceNext[piece]!) {
      while (this.batchPieces[batch + 1] !== undefined && this.batchPieces[batch + 1]! <= piece) batch += 1;
      const last = this.batchPieces[batch + 1] === undefined ? this.pieces - 1 : this.batchPieces[batch + 1]! - 1;
      const end = piece === last ? this.batches[batch]!.length : this.pieceStart[piece + 1]!;
      runs.push(this.batches[batch]!.subarray(this.pieceStart[piece]!, end));
      length += end - this.pieceStart[piece]!;
    }
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const run of runs) {
      bytes.set(run, at);
      at += run.length;
    }
    return bytes;
  }

  /** A slot for a new term. */
  private newTerm(key: TermKey): number {
    const slot = this.keys.length;
    this.keys.push(key);
    if (slot >= this.df.length) {
      const presence = new Uint8Array(this.presence.length * 2);
      presence.set(this.presence);
      this.presence = presence;
      this.df = grown(this.df);
      this.lastIds = grown(this.lastIds);
      this.firstPiece = grown(this.firstPiece, -1);
      this.lastPiece = grown(this.lastPiece, -1);
    }
    this.presence[slot] = isPresenceTerm(this.termKeys.term(key)) ? 1 : 0;
    this.lastIds[slot] = -1;
    return slot;
  }

  /** Holds back a posting of the term in slot `slot`. */
  private hold(slot: number, id: number, packed: number): void {
    // One article with more terms than a batch holds is encoded in several.
    if (this.pending === BATCH_POSTINGS) this.flush();
    this.pendingSlots[this.pending] = slot;
    this.pendingIds[this.pending] = id;
    this.pendingPacked[this.pending] = packed;
    this.pending += 1;
  }

  /** Encodes the postings held back, term by term (a stable counting sort keeps each term's ids in order), into a batch. */
  private flush(): void {
    const count = this.pending;
    if (count === 0) return;
    const terms = this.keys.length;
    const starts = new Int32Array(terms + 1);
    for (let i = 0; i < count; i += 1) starts[this.pendingSlots[i]! + 1]! += 1;
    for (let slot = 0; slot < terms; slot += 1) starts[slot + 1]! += starts[slot]!;
    const order = new Int32Array(count);
    for (let i = 0; i < count; i += 1) order[starts[this.pendingSlots[i]!]!++] = i;

    const buffer = new Uint8Array(count * MAX_POSTING_BYTES);
    let length = 0;
    let current = -1;
    this.batchPieces.push(this.pieces);
    for (let k = 0; k < count; k += 1) {
      const i = order[k]!;
      const slot = this.pendingSlots[i]!;
      if (slot !== current) {
        current = slot;
        this.newPiece(slot, length);
      }
      const id = this.pendingIds[i]!;
      const packed = this.pendingPacked[i]!;
      let value = postingValue(this.presence[slot] === 1, id - this.lastIds[slot]! - 1, packed >> 1, (packed & 1) === 1);
      this.lastIds[slot] = id;
      this.df[slot] = this.df[slot]! + 1;
      while (value >= 0x80) {
        buffer[length++] = (value & 0x7f) | 0x80;
        value = Math.floor(value / 0x80);
      }
      buffer[length++] = value;
    }
    this.batches.push(buffer.slice(0, length));
    this.pending = 0;
  }

  /** Starts a piece of the term in `slot` at `start` of the batch being encoded, linked after the term's last. */
  private newPiece(slot: number, start: number): void {
    const piece = this.pieces;
    if (piece >= this.pieceStart.length) {
      this.pieceStart = grown(this.pieceStart);
      this.pieceNext = grown(this.pieceNext);
    }
    this.pieceStart[piece] = start;
    this.pieceNext[piece] = -1;
    if (this.lastPiece[slot] === -1) this.firstPiece[slot] = piece;
    else this.pieceNext[this.lastPiece[slot]!] = piece;
    this.lastPiece[slot] = piece;
    this.pieces += 1;
  }
}
