import type { SiteUrls } from '../../urls/index.ts';
import { collatorFor } from './name-index.ts';

/** A category with every article filed in it or in any of its sub-categories. */
export interface CategoryNode {
  /** Name as first written by an article (two names may share one URL, see below). */
  readonly name: string;
  /** Names from the top category down to this one. */
  readonly path: readonly string[];
  readonly url: string;
  /** Indices into the article list, in its order, each article once. */
  readonly articles: readonly number[];
  /** Sorted by name in the site's language. */
  readonly children: readonly CategoryNode[];
}

interface MutableNode {
  name: string;
  path: string[];
  url: string;
  articles: number[];
  children: Map<string, MutableNode>;
}

/**
 * Builds the category hierarchy (Hexo's: each path in `categories` is a
 * chain from a top category down, `["新媒体", "ZAKER", "source"]` in the
 * real posts) with the articles under each node. An article counts once in
 * a node even when two of its paths pass through it. Nodes are keyed by
 * URL: two names that make the same slug (`a/b`, `a-b`; see siteUrls) are
 * one page on disk, so they are one node here.
 *
 * @param articles in listing order (newest first); indices refer to it.
 * @param language BCP 47 tag used to sort names.
 * @param urls the site's URL builders (category URLs).
 * @returns the top-level categories.
 */
export function buildCategoryTree(
  articles: readonly { readonly categories: readonly (readonly string[])[] }[],
  language: string,
  urls: Pick<SiteUrls, 'categoryUrl'>,
): CategoryNode[] {
  const roots = new Map<string, MutableNode>();
  articles.forEach((article, index) => {
    for (const path of article.categories) {
      let level = roots;
      for (let depth = 0; depth < path.length; depth += 1) {
        const names = path.slice(0, depth + 1);
        const url = urls.categoryUrl(names);
        let node = level.get(url);
        if (!node) {
          node = { name: names[depth] ?? '', path: names, url, articles: [], children: new Map() };
          level.set(url, node);
        }
        // Articles arrive in order, so a repeat can only be the last one added.
        if (node.articles[node.articles.length - 1] !== index) node.articles.push(index);
        level = node.children;
      }
    }
  });
  return freeze(roots, collatorFor(language));
}

/** Every node of the tree, parents before their children. */
export function flattenCategoryTree(roots: readonly CategoryNode[]): CategoryNode[] {
  const all: CategoryNode[] = [];
  const visit = (nodes: readonly CategoryNode[]) => {
    for (const node of nodes) {
      all.push(node);
      visit(node.children);
    }
  };
  visit(roots);
  return all;
}

function freeze(level: Map<string, MutableNode>, collator: Intl.Collator): CategoryNode[] {
  return [...level.values()]
    .sort((a, b) => collator.compare(a.name, b.name) || (a.url < b.url ? -1 : 1))
    .map((node) => ({ name: node.name, path: node.path, url: node.url, articles: node.articles, children: freeze(node.children, collator) }));
}
