import { outputPathForUrl, type SiteUrls } from '../../urls/index.ts';
import type { PageLink, Pagination } from './types.ts';

/** Numbered links shown on each side of the current page (default of {@link paginate}). */
export const PAGE_LINK_RADIUS = 2;

/** One page of a paginated listing. */
export interface Page<T> {
  readonly url: string;
  readonly outputPath: string;
  readonly items: readonly T[];
  readonly pagination: Pagination;
}

/** How a listing's later pages are named: `urls.pageUrl` (`…/page/2/`, after the configured pagination dir). */
export type PageUrlOf = SiteUrls['pageUrl'];

/**
 * Splits a listing into pages of `pageSize`: page 1 at `firstPageUrl`, then
 * `…/page/2/` and on (via `pageUrl`). A `pageSize` of 0 puts every item on
 * one page (Hexo's `per_page: 0`). An empty listing still has one page,
 * so every category and the home page exist. Each page links its
 * neighbours and a window of numbered pages: the first, the last and
 * `radius` on each side of the current one, with gaps between — a listing
 * of 1,000 pages must not print 1,000 links on each of them.
 *
 * @param pageSize articles per page; 0 (or less) for all on one page.
 * @param pageUrl names page `n` of the listing (see SiteUrls).
 * @param radius numbered links on each side of the current page (default: 2).
 */
export function paginate<T>(items: readonly T[], pageSize: number, firstPageUrl: string, pageUrl: PageUrlOf, radius = PAGE_LINK_RADIUS): Page<T>[] {
  const size = pageSize >= 1 ? Math.floor(pageSize) : Math.max(1, items.length);
  const total = Math.max(1, Math.ceil(items.length / size));
  const pages: Page<T>[] = [];
  for (let n = 1; n <= total; n += 1) {
    const url = pageUrl(firstPageUrl, n);
    pages.push({
      url,
      outputPath: outputPathForUrl(url),
      items: items.slice((n - 1) * size, n * size),
      pagination: {
        current: n,
        total,
        prevUrl: n > 1 ? pageUrl(firstPageUrl, n - 1) : undefined,
        nextUrl: n < total ? pageUrl(firstPageUrl, n + 1) : undefined,
        pages: pageLinks(n, total, radius, firstPageUrl, pageUrl),
      },
    });
  }
  return pages;
}

function pageLinks(current: number, total: number, radius: number, firstPageUrl: string, pageUrl: PageUrlOf): PageLink[] {
  const shown = new Set<number>([1, total]);
  for (let n = current - radius; n <= current + radius; n += 1) if (n >= 1 && n <= total) shown.add(n);
  const numbers = [...shown].sort((a, b) => a - b);
  const links: PageLink[] = [];
  let previous = 0;
  for (const n of numbers) {
    // A gap of exactly one page shows that page instead of `…`.
    if (n - previous === 2) links.push(link(n - 1, current, pageUrl(firstPageUrl, n - 1)));
    else if (n - previous > 2) links.push({ kind: 'gap' });
    links.push(link(n, current, pageUrl(firstPageUrl, n)));
    previous = n;
  }
  return links;
}

function link(n: number, current: number, url: string): PageLink {
  return { kind: 'page', n, url, current: n === current };
}
