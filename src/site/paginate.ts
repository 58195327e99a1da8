import { outputPathForUrl, pageUrl } from '../urls/index.ts';
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

/**
 * Splits a listing into pages of `pageSize`: page 1 at `firstPageUrl`, then
 * `…/page/2/` and on (via `pageUrl`). An empty listing still has one page,
 * so every category and the home page exist. Each page links its
 * neighbours and a window of numbered pages: the first, the last and
 * `radius` on each side of the current one, with gaps between — a listing
 * of 1,000 pages must not print 1,000 links on each of them.
 *
 * @param pageSize articles per page, at least 1.
 * @param radius numbered links on each side of the current page (default: 2).
 */
export function paginate<T>(items: readonly T[], pageSize: number, firstPageUrl: string, radius = PAGE_LINK_RADIUS): Page<T>[] {
  const size = Math.max(1, Math.floor(pageSize));
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
        pages: pageLinks(n, total, radius, firstPageUrl),
      },
    });
  }
  return pages;
}

function pageLinks(current: number, total: number, radius: number, firstPageUrl: string): PageLink[] {
  const shown = new Set<number>([1, total]);
  for (let n = current - radius; n <= current + radius; n += 1) if (n >= 1 && n <= total) shown.add(n);
  const numbers = [...shown].sort((a, b) => a - b);
  const links: PageLink[] = [];
  let previous = 0;
  for (const n of numbers) {
    // A gap of exactly one page shows that page instead of `…`.
    if (n - previous === 2) links.push(link(n - 1, current, firstPageUrl));
    else if (n - previous > 2) links.push({ kind: 'gap' });
    links.push(link(n, current, firstPageUrl));
    previous = n;
  }
  return links;
}

function link(n: number, current: number, firstPageUrl: string): PageLink {
  return { kind: 'page', n, url: pageUrl(firstPageUrl, n), current: n === current };
}
