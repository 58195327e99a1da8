import type { RealPost } from './corpus.ts';
import type { Random } from './prng.ts';

/** category / site / feed, as in the bot's `categories` list. */
export type CategoryPath = readonly [string, string, string];

/**
 * The category paths of the generated posts: every distinct path of the
 * corpus, then paths that pair a real site with another feed name of the
 * same top category (as a bot following more feeds would), up to `count`.
 * @param posts the real posts
 * @param random the seeded generator
 * @param count how many paths (default: `30`)
 */
export function chooseCategoryPaths(posts: readonly RealPost[], random: Random, count = 30): CategoryPath[] {
  const key = (p: CategoryPath) => p.join('\u0000');
  const real = new Map<string, CategoryPath>();
  for (const post of posts) real.set(key(post.categories), post.categories);
  const sites = new Map<string, Set<string>>();
  const feeds = new Map<string, Set<string>>();
  for (const [top, site, feed] of real.values()) {
    sites.set(top, (sites.get(top) ?? new Set()).add(site));
    feeds.set(top, (feeds.get(top) ?? new Set()).add(feed));
  }
  const extra: CategoryPath[] = [];
  for (const [top, siteSet] of sites) {
    for (const site of siteSet) {
      for (const feed of feeds.get(top) ?? []) {
        const path: CategoryPath = [top, site, feed];
        if (!real.has(key(path))) extra.push(path);
      }
    }
  }
  // Fisher–Yates with the seeded generator, so the choice is repeatable.
  for (let i = extra.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [extra[i], extra[j]] = [extra[j]!, extra[i]!];
  }
  return [...real.values(), ...extra].slice(0, Math.max(count, real.size));
}
