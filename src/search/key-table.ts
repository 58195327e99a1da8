/**
 * A hash table from small non-negative integers (V8 small integers) to
 * dense slots 0, 1, 2…, in one typed array (key and slot side by side, one
 * cache line for both): the index meets tens of millions of (article, term)
 * pairs, where a `Map` spent most of the build's time.
 */
export class KeyTable {
  // Key at 2i (-1: empty), its slot at 2i + 1.
  private entries: Int32Array;
  private mask: number;
  /** Keys held; a key's slot is its order of insertion. */
  size = 0;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.entries = new Int32Array(size * 2).fill(-1);
    this.mask = size - 1;
  }

  /** The slot of `key`, given the next one when it is new. */
  slotOf(key: number): number {
    const entries = this.entries;
    let at = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const found = entries[at * 2]!;
      if (found === key) return entries[at * 2 + 1]!;
      if (found === -1) break;
      at = (at + 1) & this.mask;
    }
    entries[at * 2] = key;
    entries[at * 2 + 1] = this.size;
    this.size += 1;
    if (this.size * 2 > this.mask) this.grow();
    return this.size - 1;
  }

  /** Forgets every key, keeping the memory. */
  clear(): void {
    this.entries.fill(-1);
    this.size = 0;
  }

  private grow(): void {
    const old = this.entries;
    this.entries = new Int32Array(old.length * 2).fill(-1);
    this.mask = old.length - 1;
    for (let i = 0; i < old.length; i += 2) {
      const key = old[i]!;
      if (key === -1) continue;
      let at = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
      while (this.entries[at * 2] !== -1) at = (at + 1) & this.mask;
      this.entries[at * 2] = key;
      this.entries[at * 2 + 1] = old[i + 1]!;
    }
  }
}
