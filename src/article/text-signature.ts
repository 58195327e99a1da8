/**
 * A short fingerprint of an article's text that tells how much of it
 * another article shares: the same story from two feeds, or one story
 * fetched twice (issue #22). Made once per body, when it is sanitized, and
 * kept in the cache with it; comparing two costs 128 small comparisons.
 *
 * The text is cut into shingles of {@link SHINGLE_CHARS} letters and
 * digits (character n-grams suit Chinese, which has no spaces) and the
 * set is summarized by MinHash, in its one-permutation form (Li, Owen and
 * Zhang 2012, with the "optimal densification" of Shrivastava 2017 for the
 * bins no shingle fell in): one hash per shingle, not one per shingle and
 * per value, 128 times fewer. Each value
 * keeps its low 16 bits (b-bit MinHash, Li and König 2010): two unlike
 * values agree by chance once in 65,536, and the signature stays small
 * enough to ride on every article (and through every fingerprint hashing
 * one).
 */

/** The values of a signature; 32 bands of 4 for the LSH index (see near-duplicates.ts). */
export const SIGNATURE_VALUES = 128;

/**
 * Letters and digits per shingle. Measured for issue #22 on real copies (the
 * Exchange story under ZAKER and twice under IT之家, one story under cnBeta
 * and 快科技): from 4 to 12 their exact similarity barely moves (0.63, 0.96),
 * while that of different stories falls: the Eventernote listings sharing
 * their boilerplate from 0.30 to 0.20, the test sites' posts drawn from
 * twelve words (tests/helpers/generate-site.ts) from 0.56 to 0.14 at 10.
 */
export const SHINGLE_CHARS = 10;

/**
 * Fewer letters and digits than this make no signature: such a body is
 * boilerplate around a picture or a list of links (the corpus's Bangumi
 * posts all read "番组计划哔哩哔哩"), and equal boilerplate is no story.
 */
export const MIN_SIGNED_CHARS = 50;

/** What an article's text is compared by (see {@link textSignature}). */
export interface TextSignature {
  /** The {@link SIGNATURE_VALUES} MinHash values, 16 bits each, little-endian, in base64. */
  readonly minhash: string;
  /** Letters and digits in the text: the longer of two copies dated alike is the canonical one. */
  readonly length: number;
}

/**
 * The signature of a text, or `undefined` when it has fewer than
 * {@link MIN_SIGNED_CHARS} letters and digits. Case, width (NFKC),
 * whitespace and punctuation do not count: ZAKER writes "IT 之家" and `"`
 * where IT之家 wrote "IT之家" and `“”`.
 */
export function textSignature(text: string): TextSignature | undefined {
  const chars = lettersAndDigits(text);
  if (chars.length < MIN_SIGNED_CHARS) return undefined;
  const bins = new Uint32Array(SIGNATURE_VALUES).fill(EMPTY);
  // A rolling polynomial hash of the last SHINGLE_CHARS characters (mod 2^32), mixed before use.
  const outgoing = power(SHINGLE_BASE, SHINGLE_CHARS - 1);
  let rolling = 0;
  for (let i = 0; i < chars.length; i += 1) {
    if (i >= SHINGLE_CHARS) rolling = (rolling - Math.imul(chars[i - SHINGLE_CHARS]!, outgoing)) | 0;
    rolling = (Math.imul(rolling, SHINGLE_BASE) + chars[i]!) | 0;
    if (i < SHINGLE_CHARS - 1) continue;
    const hash = mix(rolling);
    // The top 7 bits pick the bin, the other 25 are the value whose minimum it keeps.
    const bin = hash >>> 25;
    const value = hash & 0x1ffffff;
    if (value < bins[bin]!) bins[bin] = value;
  }
  const bytes = Buffer.alloc(SIGNATURE_VALUES * 2);
  for (let bin = 0; bin < SIGNATURE_VALUES; bin += 1) bytes.writeUInt16LE((bins[bin] === EMPTY ? bins[donorBin(bins, bin)]! : bins[bin]!) & 0xffff, bin * 2);
  return { minhash: bytes.toString('base64'), length: chars.length };
}

/**
 * The values of a signature (see {@link TextSignature.minhash}), two to a
 * 32-bit word (value 2k in the low half of word k): compared a word at a
 * time. All zero when it is not a signature (a cache of another version).
 */
export function signatureValues(signature: TextSignature): Uint32Array {
  return manySignatureValues([signature])[0]!;
}

/**
 * The values of many signatures (see {@link signatureValues}), views of one
 * buffer: 50,000 buffers of their own cost more to make and to collect than
 * comparing the signatures does.
 */
export function manySignatureValues(signatures: readonly TextSignature[]): Uint32Array[] {
  const words = SIGNATURE_VALUES / 2;
  const all = new Uint32Array(signatures.length * words);
  return signatures.map((signature, i) => {
    const bytes = Buffer.from(signature.minhash, 'base64');
    if (bytes.length === SIGNATURE_VALUES * 2) for (let k = 0; k < words; k += 1) all[i * words + k] = bytes.readUInt32LE(k * 4);
    return all.subarray(i * words, (i + 1) * words);
  });
}

/**
 * The estimated Jaccard similarity of the shingles of two texts, from their
 * signatures' values (see {@link signatureValues}): 0 to 1.
 *
 * @param floor stop counting once the similarity cannot reach it: the value returned is then below it, and no estimate (default: 0)
 */
export function signatureSimilarity(a: Uint32Array, b: Uint32Array, floor = 0): number {
  const needed = floor * SIGNATURE_VALUES;
  let same = 0;
  for (let k = 0; k < SIGNATURE_VALUES / 2; k += 1) {
    const differ = a[k]! ^ b[k]!;
    if (differ === 0) same += 2;
    else if ((differ & 0xffff) === 0 || differ >>> 16 === 0) same += 1;
    else if (same + SIGNATURE_VALUES - 2 * (k + 1) < needed) break;
  }
  return same / SIGNATURE_VALUES;
}

const EMPTY = 0xffffffff;

/**
 * The bin an empty bin takes its value from: the first non-empty one in a
 * sequence of bins drawn from the bin's own number, the same sequence for
 * every text, so that two texts whose bins agree borrow alike (optimal
 * densification). A text with a signature has at least 41 shingles, so
 * the draw ends within a few tries; the scan after it only makes the
 * function total.
 */
function donorBin(bins: Uint32Array, bin: number): number {
  for (let attempt = 1; attempt <= 1024; attempt += 1) {
    const donor = mix(Math.imul(bin + 1, 0x9e3779b1) ^ attempt) >>> 25;
    if (bins[donor] !== EMPTY) return donor;
  }
  return bins.findIndex((value) => value !== EMPTY);
}

/** The text's letters and digits as code points, NFKC-folded and lower-cased. */
function lettersAndDigits(text: string): Uint32Array {
  const chars = new Uint32Array(text.length * 3);
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    const single = FOLDED[unit]!;
    if (single === DROP) continue;
    if (single !== UNKNOWN && single !== MANY) {
      chars[count++] = single;
      continue;
    }
    // A pair of surrogates is one character; a lone one is none.
    const point = text.codePointAt(i)!;
    if (point > 0xffff) i += 1;
    for (const folded of foldChar(point)) chars[count++] = folded;
  }
  return chars.subarray(0, count);
}

/**
 * What each UTF-16 unit folds to, learnt on first sight (a text uses a few
 * thousand of them): normalizing and testing a whole 75 KB body with
 * `normalize` and a Unicode regex cost most of its signature's time.
 */
const FOLDED = new Uint32Array(0x10000);
const UNKNOWN = 0;
const DROP = 0xffffffff;
/** Folds to several characters (`㎡`, `ﬁ`), or is a surrogate: folded each time. */
const MANY = 0xfffffffe;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** The letters and digits a character folds to under NFKC and lower case (learning it when it is a single unit). */
function foldChar(point: number): number[] {
  const folded = [...String.fromCodePoint(point).normalize('NFKC').toLowerCase()].filter((char) => LETTER_OR_DIGIT.test(char)).map((char) => char.codePointAt(0)!);
  if (point <= 0xffff && FOLDED[point] === UNKNOWN) {
    const isSurrogate = point >= 0xd800 && point <= 0xdfff;
    FOLDED[point] = isSurrogate || folded.length > 1 ? MANY : folded.length === 0 ? DROP : folded[0]!;
  }
  return folded;
}

/** An odd multiplier for the rolling hash. */
const SHINGLE_BASE = 0x01000193;

function power(base: number, exponent: number): number {
  let result = 1;
  for (let i = 0; i < exponent; i += 1) result = Math.imul(result, base);
  return result;
}

/** MurmurHash3's finalizer: spreads every input bit over the whole hash. */
function mix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
