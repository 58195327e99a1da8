import type { Article } from './article.ts';
import { manySignatureValues, signatureSimilarity, type TextSignature } from './text-signature.ts';

/**
 * Estimated similarity (Jaccard, of the texts' shingles) from which an
 * article is a copy of a story's canonical one. Real copies found in the
 * bots' repositories for issue #22 score 0.62 (IT之家 fetched the Exchange
 * story again with a new title and two more paragraphs), 0.94 (one story
 * under cnBeta and 快科技) and 1 (ZAKER's copy of IT之家's story, in other
 * markup). Different stories stay far below (the corpus's, checked by
 * tests/unit/article-near-duplicates.test.ts: on one topic, the Win11 and
 * Exchange posts, at most 0.01; sharing a site's boilerplate, the
 * Eventernote listings, 0.14). An estimate strays by about 0.04 around 0.6
 * (128 values).
 */
export const SAME_STORY_SIMILARITY = 0.5;

/**
 * LSH bands: 32 bands of 4 values (two words, see bandKey); two articles
 * are candidates when all 4 values of a band agree. Texts 0.5 alike meet in
 * some band 87 times in 100, 0.62 alike 99 times in 100, 0.2 alike 5 times
 * in 100.
 */
const BANDS = 32;

/**
 * Members of one bucket an article meets besides the bucket's first: the
 * latest few. A bucket of a thousand equal bodies must cost a thousand
 * comparisons, not half a million; copies share most of the 32 bands, so
 * they meet through one of them.
 */
const BUCKET_PEERS = 4;

/**
 * Copies a story carries (see DuplicateStory.copies): pages list them, and a
 * story told a thousand times (a benchmark's recombined bodies) must not
 * make every one of its pages list the thousand others.
 */
export const LISTED_COPIES = 10;

/** The copies of one story an article is among. */
export interface DuplicateStory {
  /**
   * `source` of the copy the others name as canonical: the newest, and of
   * copies dated alike (a feed fetched again keeps the story's date) the
   * longest text, then the first URL.
   */
  readonly canonical: string;
  /** This article's estimated similarity to the canonical copy (1 for that copy itself). */
  readonly similarity: number;
  /**
   * The story's copies, the canonical one first, then newest first, with
   * their similarity to it: the first {@link LISTED_COPIES} (one list,
   * shared by every copy).
   */
  readonly copies: readonly { readonly source: string; readonly similarity: number }[];
}

/** An article as {@link markDuplicateStories} reads it. */
type Comparable = Pick<Article, 'source' | 'url' | 'kind' | 'timestamp' | 'signature' | 'story'>;

type Signed = Comparable & { readonly signature: TextSignature };

/**
 * The articles with each copy of a story carrying its {@link DuplicateStory}
 * (`story`), in the same order; an article of no story is returned as it
 * is (without a `story` an earlier marking gave it). Hexo pages and texts
 * too short for a signature are no copies.
 */
export function markDuplicateStories<T extends Comparable>(articles: readonly T[]): T[] {
  const stories = findDuplicateStories(articles);
  return articles.map((article) => {
    const story = stories.get(article.source);
    if (!story) return article.story === undefined ? article : withoutStory(article);
    return { ...withoutStory(article), story };
  });
}

/**
 * Every article that is a copy of a story, by source. Linear in the
 * articles: their MinHash signatures are bucketed by LSH bands, and an
 * article is compared only with the canonical copies of the articles it
 * shares a bucket with. Stories are stars, not chains: taken from the
 * newest, an article either joins the canonical copy it is most alike
 * (at least {@link SAME_STORY_SIMILARITY}) or is canonical itself, so every
 * copy is that alike to its canonical one and a story never drifts, copy by
 * copy, into another.
 */
export function findDuplicateStories(articles: readonly Comparable[]): Map<string, DuplicateStory> {
  const signed = articles.filter((article): article is Signed => article.kind !== 'page' && article.signature !== undefined).sort(compareCopies);
  const values = manySignatureValues(signed.map((article) => article.signature));
  const { first, previous } = bucketLinks(values);
  const canonicalOf = new Int32Array(signed.length);
  const metBy = new Int32Array(signed.length).fill(-1);
  for (let i = 0; i < signed.length; i += 1) {
    let best = i;
    let bestSimilarity = SAME_STORY_SIMILARITY;
    for (let band = 0; band < BANDS; band += 1) {
      const slot = band * signed.length + i;
      const head = first[slot]!;
      // The bucket's first article, then the latest few before this one.
      for (let peer = head, met = 0; peer !== i && met <= BUCKET_PEERS; met += 1) {
        // An earlier article is settled: it stands for its canonical copy, which is compared once.
        const canonical = canonicalOf[peer]!;
        if (metBy[canonical] !== i) {
          metBy[canonical] = i;
          const similarity = signatureSimilarity(values[i]!, values[canonical]!, bestSimilarity);
          // The most alike; of equally alike ones, the first in canonical order.
          if (similarity > bestSimilarity || (similarity === bestSimilarity && (best === i || canonical < best))) {
            best = canonical;
            bestSimilarity = similarity;
          }
        }
        peer = met === 0 ? previous[slot]! : previous[band * signed.length + peer]!;
        if (peer <= head) break;
      }
    }
    canonicalOf[i] = best;
  }
  return toStories(signed, values, canonicalOf);
}

/**
 * For each band and article (in canonical order), at `band × count +
 * article`, the first article of its bucket and the one before it there
 * (-1 for none). The buckets of one band at a time are an open-addressing
 * table of typed arrays: a Map of 50,000 keys per band took most of the time.
 */
function bucketLinks(values: readonly Uint32Array[]): { first: Int32Array; previous: Int32Array } {
  const first = new Int32Array(values.length * BANDS);
  const previous = new Int32Array(values.length * BANDS);
  const bits = Math.max(4, Math.ceil(Math.log2(values.length * 2)));
  const mask = (1 << bits) - 1;
  const keys = new Int32Array(mask + 1);
  const last = new Int32Array(mask + 1);
  for (let band = 0; band < BANDS; band += 1) {
    keys.fill(-1);
    for (let i = 0; i < values.length; i += 1) {
      const key = bandKey(values[i]!, band);
      let slot = Math.imul(key, 0x9e3779b1) >>> (32 - bits);
      while (keys[slot] !== -1 && keys[slot] !== key) slot = (slot + 1) & mask;
      const at = band * values.length + i;
      const before = keys[slot] === key ? last[slot]! : -1;
      keys[slot] = key;
      last[slot] = i;
      first[at] = before === -1 ? i : first[band * values.length + before]!;
      previous[at] = before;
    }
  }
  return { first, previous };
}

/** The stories of the articles that joined a canonical copy, by source. */
function toStories(signed: readonly Signed[], values: readonly Uint32Array[], canonicalOf: Int32Array): Map<string, DuplicateStory> {
  const members = new Map<number, number[]>();
  for (let i = 0; i < signed.length; i += 1) {
    const canonical = canonicalOf[i]!;
    if (canonical === i) continue;
    const list = members.get(canonical);
    if (list) list.push(i);
    else members.set(canonical, [canonical, i]);
  }
  const stories = new Map<string, DuplicateStory>();
  for (const [canonical, list] of members) {
    const similarities = list.map((i) => roundSimilarity(signatureSimilarity(values[canonical]!, values[i]!)));
    const copies = list.slice(0, LISTED_COPIES).map((i, k) => ({ source: signed[i]!.source, similarity: similarities[k]! }));
    list.forEach((i, k) => stories.set(signed[i]!.source, { canonical: signed[canonical]!.source, similarity: similarities[k]!, copies }));
  }
  return stories;
}

/** Canonical first: the newest, then the longest text, then the first URL (then the first source, so the order is total). */
function compareCopies(a: Signed, b: Signed): number {
  return b.timestamp - a.timestamp || b.signature.length - a.signature.length || compareText(a.url, b.url) || compareText(a.source, b.source);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A key of one band's values (two words, see signatureValues), a small integer: equal values, equal keys (unequal ones collide once in 2^30, which only costs a comparison). */
function bandKey(words: Uint32Array, band: number): number {
  return (Math.imul(words[band * 2]!, 0x9e3779b1) ^ words[band * 2 + 1]!) & 0x3fffffff;
}

function roundSimilarity(similarity: number): number {
  return Math.round(similarity * 100) / 100;
}

function withoutStory<T extends Comparable>(article: T): T {
  const { story: _story, ...rest } = article;
  return rest as T;
}
