import type { ArchiveYear } from './archives.ts';
import type { CategoryNode } from './category-tree.ts';
import type { NameEntry } from './name-index.ts';

/**
 * The groupings of the listings (categories, tags, authors, archives) with
 * only the articles `isListed` accepts under each: what `content.hideDuplicates`
 * makes of them. Every group is kept, even one left empty: a hidden copy's
 * page still links its categories, tags and author, and a URL that existed
 * must not vanish because the publisher chose to hide copies.
 *
 * @param isListed whether the article at an index (into the list the groupings were made from) is listed.
 */
export function listedCategories(roots: readonly CategoryNode[], isListed: (index: number) => boolean): CategoryNode[] {
  return roots.map((node) => ({ ...node, articles: node.articles.filter(isListed), children: listedCategories(node.children, isListed) }));
}

/** Tags or authors with only the listed articles (see {@link listedCategories}). */
export function listedNames<T extends NameEntry>(entries: readonly T[], isListed: (index: number) => boolean): T[] {
  return entries.map((entry) => ({ ...entry, articles: entry.articles.filter(isListed) }));
}

/** The archives with only the listed articles (see {@link listedCategories}). */
export function listedArchives(years: readonly ArchiveYear[], isListed: (index: number) => boolean): ArchiveYear[] {
  return years.map((year) => ({
    ...year,
    articles: year.articles.filter(isListed),
    months: year.months.map((month) => ({ ...month, articles: month.articles.filter(isListed) })),
  }));
}

/**
 * For each article of a list (newest first), the index of the nearest
 * listed one older (`older`) and newer (`newer`) than it, -1 when there is
 * none: the neighbours its page links, skipping hidden copies. Two passes,
 * so that a thousand hidden copies in a row cost no more than a thousand.
 */
export function listedNeighbours(count: number, isListed: (index: number) => boolean): { older: Int32Array; newer: Int32Array } {
  const older = new Int32Array(count);
  const newer = new Int32Array(count);
  for (let i = count - 1, next = -1; i >= 0; i -= 1) {
    older[i] = next;
    if (isListed(i)) next = i;
  }
  for (let i = 0, previous = -1; i < count; i += 1) {
    newer[i] = previous;
    if (isListed(i)) previous = i;
  }
  return { older, newer };
}
