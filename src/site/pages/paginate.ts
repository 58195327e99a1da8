import { outputPathForUrl, type SiteUrls } from '../../urls/index.ts';
import type { PageLink, Pagination } from './types.ts';

/** Numbered links shown on each side of the current page (default of {@link paginate}). */
export const PAGE_LINK_RADIUS = 2;

/**
 * How a listing's pages are numbered:
 * - `anchored`: from the oldest articles. Page 1 holds the oldest, and a
 *   page once full never changes, so a new post re-renders only the
 *   listing's own URL and the few pages nearest it (and a CDN may cache the
 *   others for good).
 * - `newest`: from the newest, as Hexo does: `/page/2/` holds the articles
 *   after the first page's, and every new post moves every page.
 */
export type PaginationOrder = 'anchored' | 'newest';

/** One page of a paginated listing. */
export interface Page<T> {
  readonly url: string;
  readonly outputPath: string;
  readonly items: readonly T[];
  readonly pagination: Pagination;
}

/** How a listing's numbered pages are named: `urls.pageUrl` (`…/page/2/`, after the configured pagination dir). */
export type PageUrlOf = SiteUrls['pageUrl'];

/**
 * Splits a listing (newest first) into pages of `pageSize`. The listing's
 * own URL (its front page) shows the newest; numbered pages
 * (`…/page/2/`, via `pageUrl`) the older ones, numbered as `order` says.
 * A `pageSize` of 0 puts every item on one page (Hexo's `per_page: 0`). An
 * empty listing still has its front page, so every category and the home
 * page exist. Each page links its neighbours and a window of numbered
 * pages: both ends and `radius` on each side of the current one, with gaps
 * between — a listing of 1,000 pages must not print 1,000 links on each.
 *
 * @param pageSize articles per page; 0 (or less) for all on one page.
 * @param pageUrl names page `n` of the listing (see SiteUrls).
 * @param radius numbered links on each side of the current page (default: 2).
 */
export function paginate<T>(
  items: readonly T[],
  pageSize: number,
  firstPageUrl: string,
  pageUrl: PageUrlOf,
  order: PaginationOrder,
  radius = PAGE_LINK_RADIUS,
): Page<T>[] {
  const size = pageSize >= 1 ? Math.floor(pageSize) : Math.max(1, items.length);
  return order === 'anchored' ? anchoredPages(items, size, firstPageUrl, pageUrl, radius) : newestFirstPages(items, size, firstPageUrl, pageUrl, radius);
}

/** Hexo's pages: page n holds items `(n - 1) × size` to `n × size`, page 1 at the listing's own URL. */
function newestFirstPages<T>(items: readonly T[], size: number, firstPageUrl: string, pageUrl: PageUrlOf, radius: number): Page<T>[] {
  const total = Math.max(1, Math.ceil(items.length / size));
  const urlOf = (n: number) => (n === 1 ? firstPageUrl : pageUrl(firstPageUrl, n));
  const pages: Page<T>[] = [];
  for (let n = 1; n <= total; n += 1) {
    const url = urlOf(n);
    pages.push({
      url,
      outputPath: outputPathForUrl(url),
      items: items.slice((n - 1) * size, n * size),
      pagination: {
        front: n === 1,
        current: n,
        total,
        prevUrl: n > 1 ? urlOf(n - 1) : undefined,
        nextUrl: n < total ? urlOf(n + 1) : undefined,
        pages: total > 1 ? pageWindow(n, [1, total], radius, (m) => numbered(m, n, urlOf(m))) : [],
        redirectUrls: [],
      },
    });
  }
  return pages;
}

/**
 * Pages numbered from the oldest. Of the listing's `full` whole pages'
 * worth of items, page k (k < full) holds the k-th oldest `size`; the
 * front page holds the newest whole page plus the `rest` that do not yet
 * fill another (between `size` and `2 × size − 1` items), so no page is
 * ever short and none repeats another's items. A page's data names no
 * count of the whole listing and links only pages that already exist:
 * only pages within `radius + 2` of the newest change when the listing
 * grows by a page.
 */
function anchoredPages<T>(items: readonly T[], size: number, firstPageUrl: string, pageUrl: PageUrlOf, radius: number): Page<T>[] {
  const full = Math.floor(items.length / size);
  // Hexo numbers pages 2 to its last; pages 1 to `full - 1` exist here.
  const hexoLast = Math.ceil(items.length / size);
  const redirectUrls: string[] = [];
  for (let n = Math.max(2, full); n <= hexoLast; n += 1) redirectUrls.push(pageUrl(firstPageUrl, n));
  const front: Page<T> = {
    url: firstPageUrl,
    outputPath: outputPathForUrl(firstPageUrl),
    items: full <= 1 ? items : items.slice(0, items.length - (full - 1) * size),
    pagination: { front: true, current: Math.max(1, full), total: undefined, prevUrl: undefined, nextUrl: undefined, pages: [], redirectUrls },
  };
  if (full <= 1) return [front];
  // Positions: page k is at k, the front page at `full` (it holds the `full`-th whole page).
  const urlOf = (position: number) => (position === full ? firstPageUrl : pageUrl(firstPageUrl, position));
  const linksFrom = (current: number) => pageWindow(current, [full, 1], radius, (m) => (m === full ? frontLink(firstPageUrl, current === full) : numbered(m, current, urlOf(m))));
  const pages: Page<T>[] = [{ ...front, pagination: { ...front.pagination, nextUrl: urlOf(full - 1), pages: linksFrom(full) } }];
  for (let k = full - 1; k >= 1; k -= 1) {
    const url = pageUrl(firstPageUrl, k);
    const end = items.length - (k - 1) * size;
    pages.push({
      url,
      outputPath: outputPathForUrl(url),
      items: items.slice(end - size, end),
      pagination: {
        front: false,
        current: k,
        total: undefined,
        prevUrl: urlOf(k + 1),
        nextUrl: k > 1 ? urlOf(k - 1) : undefined,
        pages: linksFrom(k),
        redirectUrls: [],
      },
    });
  }
  return pages;
}

/**
 * The pager's links of the page at position `current`: both `ends`, and
 * `radius` on each side of `current`, in the order of `ends` (first to
 * last), a gap where positions are left out.
 */
function pageWindow(current: number, ends: readonly [number, number], radius: number, linkOf: (position: number) => PageLink): PageLink[] {
  const [first, last] = ends;
  const step = first <= last ? 1 : -1;
  const shown = new Set<number>([first, last]);
  for (let n = current - radius; n <= current + radius; n += 1) if ((n - first) * step >= 0 && (last - n) * step >= 0) shown.add(n);
  const positions = [...shown].sort((a, b) => (a - b) * step);
  const links: PageLink[] = [];
  let previous = first - step;
  for (const n of positions) {
    const distance = (n - previous) * step;
    // A gap of exactly one page shows that page instead of `…`.
    if (distance === 2) links.push(linkOf(n - step));
    else if (distance > 2) links.push({ kind: 'gap' });
    links.push(linkOf(n));
    previous = n;
  }
  return links;
}

function numbered(n: number, current: number, url: string): PageLink {
  return { kind: 'page', n, url, current: n === current };
}

function frontLink(url: string, current: boolean): PageLink {
  return { kind: 'front', url, current };
}
