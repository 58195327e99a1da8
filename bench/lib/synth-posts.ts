import type { RealPost } from './corpus.ts';
import { chooseCategoryPaths, type CategoryPath } from './category-paths.ts';
import { createRandom } from './prng.ts';
import { formatPost, rfc2822Date, zonelessDate, type PostFields } from './post-format.ts';
import { createTitleMaker } from './synth-titles.ts';

/** One generated post, in memory. */
export interface GeneratedPost {
  /** 0-based position in the generated sequence. */
  index: number;
  /** Where the bot would write it: `category/site/feed/<file name>`. */
  relPath: string;
  fields: PostFields;
  /** The instant of `date`, ms since the epoch (zoneless dates read as UTC). */
  timestamp: number;
  /** The body inside the bot's wrapper. */
  inner: string;
  /** The whole file, byte-for-byte in the bot's format. */
  text: string;
}

/** How posts are generated. */
export interface PostFactoryOptions {
  /** PRNG seed (default: `20211019`). */
  seed?: number;
  /** Share of zoneless `YYYY-MM-DD HH:mm:ss` dates (default: `0.2`; corpus: 9 of 54). */
  zonelessShare?: number;
  /** Share of long bodies of 60–80 KB (default: `0.02`). */
  longShare?: number;
}

// The corpus spans 2018-12 to 2022-09 (corpus/README.md).
const FIRST = Date.UTC(2018, 11, 1);
const LAST = Date.UTC(2022, 8, 30, 23, 59, 59);

/**
 * Returns a generator of posts built from the real ones: real bodies joined
 * to 2–40 KB (log-uniform; a share of 60–80 KB), recombined unique titles,
 * both date styles, ~30 category paths. The same seed gives the same
 * sequence; call it repeatedly to get post 0, 1, 2, …
 * @param real the corpus posts (see `readRealPosts`)
 * @param options seed and shares
 */
export function createPostFactory(real: readonly RealPost[], options: PostFactoryOptions = {}): () => GeneratedPost {
  const random = createRandom(options.seed ?? 20211019);
  const zonelessShare = options.zonelessShare ?? 0.2;
  const longShare = options.longShare ?? 0.02;
  const paths = chooseCategoryPaths(real, random);
  const makeTitle = createTitleMaker(real.map((p) => p.title), random);
  const bySite = new Map<string, RealPost[]>();
  for (const post of real) bySite.set(post.categories[1], [...(bySite.get(post.categories[1]) ?? []), post]);
  const sizes = new Map(real.map((p) => [p, Buffer.byteLength(p.inner)]));
  let lastFetch: number | undefined;
  let index = 0;

  const makeBody = (first: RealPost): string => {
    const target = random.chance(longShare)
      ? random.int(60_000, 80_000)
      : Math.round(Math.exp(Math.log(2_000) + random.next() * Math.log(40_000 / 2_000)));
    const parts = [first.inner];
    let size = sizes.get(first)!;
    while (size < target) {
      // Prefer a body that does not overshoot much, so sizes follow the target.
      let next = random.pick(real);
      for (let tries = 0; tries < 4 && size + sizes.get(next)! > target * 1.15; tries++) next = random.pick(real);
      parts.push(next.inner);
      size += sizes.get(next)! + 1;
    }
    return parts.join('\n');
  };

  const makeDate = (): { date: string; timestamp: number } => {
    if (random.chance(zonelessShare)) {
      // Zoneless dates are the bot's fetch time; one run writes several posts
      // with exactly the same value (corpus: 2021-11-26 07:21:47, four times).
      if (lastFetch === undefined || !random.chance(0.35)) lastFetch = random.int(FIRST / 1000, LAST / 1000) * 1000;
      return { date: zonelessDate(lastFetch), timestamp: lastFetch };
    }
    const timestamp = random.int(FIRST / 1000, LAST / 1000) * 1000;
    return { date: rfc2822Date(timestamp), timestamp };
  };

  return () => {
    const categories: CategoryPath = random.pick(paths);
    const site = categories[1];
    const first = random.pick(bySite.get(site) ?? real);
    const { title, fileName } = makeTitle();
    const { date, timestamp } = makeDate();
    // picsum covers are random placeholders (`?random=83`); the others are the site's real covers.
    const headimg = first.headimg.startsWith('https://picsum.photos/')
      ? `https://picsum.photos/400/300?random=${random.int(1, 9999)}`
      : first.headimg;
    const fields: PostFields = { title, categories, headimg, author: site, date };
    const inner = makeBody(first);
    return {
      index: index++,
      relPath: [...categories, fileName].join('/'),
      fields,
      timestamp,
      inner,
      text: formatPost(fields, inner),
    };
  };
}
