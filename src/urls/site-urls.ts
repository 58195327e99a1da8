import { BoundedCache } from '../system/bounded-cache.ts';
import { encodePathSegment, safePathSegment } from './path-segment.ts';

/**
 * Builders for every kind of site URL. Each returns a root-relative URL path
 * (`/categories/%E6%96%B0/`), percent-encoded and ending in `/`; templates
 * add the base path with the `href` filter. URLs are never concatenated
 * anywhere else.
 */

/**
 * URLs already made, by their segments. A site has a few hundred category,
 * archive and author URLs, but makes each of them once per article that
 * links to it: 0.4 s of every build at 10,000 posts before this.
 */
const madeUrls = new BoundedCache<string>(100_000);

/** Joins raw (unencoded) segments into a safe, encoded directory URL. */
export function urlFromSegments(segments: readonly string[]): string {
  return madeUrls.get(JSON.stringify(segments), () => {
    const parts = segments.map((s) => encodePathSegment(safePathSegment(s)));
    return parts.length === 0 ? '/' : `/${parts.join('/')}/`;
  });
}

/** `/categories/` or `/categories/新媒体/ZAKER/`. */
export function categoryUrl(path: readonly string[] = []): string {
  return urlFromSegments(['categories', ...path]);
}

/** `/archives/`, `/archives/2021/` or `/archives/2021/10/`. */
export function archiveUrl(year?: number, month?: number): string {
  const segments = ['archives'];
  if (year !== undefined) segments.push(String(year));
  if (year !== undefined && month !== undefined) segments.push(String(month).padStart(2, '0'));
  return urlFromSegments(segments);
}

/** `/tags/name/`. */
export function tagUrl(tag?: string): string {
  return urlFromSegments(tag === undefined ? ['tags'] : ['tags', tag]);
}

/** `/authors/name/`. */
export function authorUrl(author?: string): string {
  return urlFromSegments(author === undefined ? ['authors'] : ['authors', author]);
}

/** Page `n` (1-based) of a paginated listing whose first page is `firstPageUrl`: page 1 is the listing itself, then `…/page/2/`. */
export function pageUrl(firstPageUrl: string, n: number): string {
  return n <= 1 ? firstPageUrl : `${firstPageUrl}page/${n}/`;
}

/** The file that serves a directory URL, relative to the output folder: `/a/%E6%96%B0/` → `a/新/index.html`. */
export function outputPathForUrl(url: string): string {
  const segments = url.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  if (segments.some((s) => s === '.' || s === '..' || s.includes('/') || s.includes('\\'))) {
    throw new Error(`unsafe URL reached outputPathForUrl: ${url}`);
  }
  return [...segments, 'index.html'].join('/');
}

/** The path of the site's base URL, without a trailing slash: `''` for `https://x.org/`, `/blog` for `https://x.org/blog/`. */
export function basePath(baseUrl: string): string {
  return new URL(baseUrl).pathname.replace(/\/+$/, '');
}

/** A root-relative URL as an href under the site's base path. */
export function hrefFor(baseUrl: string, url: string): string {
  return `${basePath(baseUrl)}${url}`;
}

/** A root-relative URL as an absolute URL under the base URL (feeds, canonical links, sitemaps). */
export function absoluteUrl(baseUrl: string, url: string): string {
  return new URL(hrefFor(baseUrl, url), baseUrl).href;
}
