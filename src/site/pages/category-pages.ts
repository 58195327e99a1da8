import { flattenCategoryTree, type CategoryNode } from './category-tree.ts';
import { FEED_TYPES, feedUrl } from '../feeds/feed-urls.ts';
import { makeListingPages, pick, type ListingContext } from './listing-page.ts';
import type { ArticleSummary, CategoryTreeItem, Link, ListingPage } from './types.ts';

/**
 * The category pages: `/categories/` with the whole tree and counts, then
 * one paginated listing per category (`/categories/新媒体/ZAKER/`) of every
 * article in it or below it, with breadcrumbs and its sub-categories.
 *
 * @param roots the category tree; its indices point into `summaries`.
 */
export function buildCategoryPages(roots: readonly CategoryNode[], summaries: readonly ArticleSummary[], context: ListingContext): ListingPage[] {
  const { text, urls } = context;
  const home: Link = { name: text.home, url: urls.homeUrl() };
  const index: Link = { name: text.categories, url: urls.categoryUrl() };
  const pages = makeListingPages(
    { kind: 'categories', url: index.url, section: index.url, heading: text.categories, items: [], breadcrumbs: [home], tree: roots.map(toTreeItem) },
    context,
  );
  for (const node of flattenCategoryTree(roots)) {
    const ancestors = node.path.slice(0, -1).map((name, depth) => ({ name, url: urls.categoryUrl(node.path.slice(0, depth + 1)) }));
    pages.push(
      ...makeListingPages(
        {
          kind: 'category',
          url: node.url,
          section: index.url,
          heading: node.name,
          title: node.path.join(' / '),
          items: pick(summaries, node.articles),
          breadcrumbs: [home, index, ...ancestors],
          children: node.children.map((child) => ({ name: child.name, url: child.url, count: child.articles.length })),
          childrenHeading: text.subcategories,
          // Written by site-data's feed plan: one Atom feed per category.
          feeds: [{ title: node.path.join(' / '), type: FEED_TYPES.atom, url: feedUrl(node.url, 'atom') }],
        },
        context,
      ),
    );
  }
  return pages;
}

function toTreeItem(node: CategoryNode): CategoryTreeItem {
  return { name: node.name, url: node.url, count: node.articles.length, children: node.children.map(toTreeItem) };
}
