import type { SiteUrls } from '../../urls/index.ts';
import type { CategoryNode } from './category-tree.ts';

/** Related articles shown under an article (default of {@link findRelated}). */
export const RELATED_LIMIT = 5;

/**
 * Articles related to the article at `index`: those of its deepest
 * category first (the feed it came from, `新媒体/ZAKER/source`), then of
 * each parent in turn, until `limit` are found. Within a category the
 * nearest in time come first, alternating older and newer — the newest
 * five of a busy category would otherwise be "related" to every article
 * in it. Cost per article is O(limit · depth · log n).
 *
 * @param categories the article's category paths.
 * @param nodes every category node by URL (from the category tree).
 * @param urls the URL builders the tree's URLs were made with.
 * @param limit at most this many (default: 5).
 * @returns indices into the article list.
 */
export function findRelated(
  index: number,
  categories: readonly (readonly string[])[],
  nodes: ReadonlyMap<string, CategoryNode>,
  urls: Pick<SiteUrls, 'categoryUrl'>,
  limit = RELATED_LIMIT,
): number[] {
  const levels = categories.flatMap((path) => path.map((_name, depth) => ({ depth, url: urls.categoryUrl(path.slice(0, depth + 1)) })));
  levels.sort((a, b) => b.depth - a.depth);
  const found: number[] = [];
  const seen = new Set<number>([index]);
  for (const { url } of levels) {
    const node = nodes.get(url);
    if (!node) continue;
    for (const other of nearest(node.articles, index)) {
      if (found.length >= limit) return found;
      if (seen.has(other)) continue;
      seen.add(other);
      found.push(other);
    }
  }
  return found;
}

/** The entries of a sorted index list around `index`, nearest first, alternating older and newer. */
function* nearest(sorted: readonly number[], index: number): Generator<number> {
  let right = lowerBound(sorted, index);
  let left = right - 1;
  if (sorted[right] === index) right += 1;
  while (left >= 0 || right < sorted.length) {
    // Indices run newest first: a larger index is an older article.
    if (right < sorted.length) yield sorted[right++] as number;
    if (left >= 0) yield sorted[left--] as number;
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
