import type { ListingDirs, SlugConfig } from '../config/index.ts';
import { BoundedCache } from '../system/bounded-cache.ts';
import { encodePathSegment, safePathSegment } from './path-segment.ts';
import { slugize } from './slugize.ts';

/**
 * Builders for every kind of site URL. Each returns a root-relative URL path
 * (`/categories/%E6%96%B0/`), percent-encoded and ending in `/`; templates
 * add the base path with the `href` filter. URLs are never concatenated
 * anywhere else.
 */

/**
 * URLs already made, by their segments. A site has a few hundred category,
 * archive and author URLs, but makes each of them once per article that
 * links to it: a measurable cost in every build at 10,000 posts before this.
 */
const madeUrls = new BoundedCache<string>(100_000);

/** Joins raw (unencoded) segments into a safe, encoded directory URL. */
export function urlFromSegments(segments: readonly string[]): string {
  return madeUrls.get(JSON.stringify(segments), () => {
    const parts = segments.map((s) => encodePathSegment(safePathSegment(s)));
    return parts.length === 0 ? '/' : `/${parts.join('/')}/`;
  });
}

/** What the listing URLs of a site depend on: its config's `dirs` and `slugs`. */
export interface SiteUrlSettings {
  readonly dirs: ListingDirs;
  readonly slugs: SlugConfig;
}

/** The URL builders of one site (see {@link siteUrls}). */
export interface SiteUrls {
  /** `/`. */
  readonly homeUrl: () => string;
  /** `/categories/` or `/categories/新媒体/ZAKER/`: the category dir, then Hexo's slug of each name of the path. */
  readonly categoryUrl: (path?: readonly string[]) => string;
  /** `/tags/` or `/tags/<slug>/`. */
  readonly tagUrl: (tag?: string) => string;
  /** `/archives/`, `/archives/2021/` or `/archives/2021/10/`. */
  readonly archiveUrl: (year?: number, month?: number) => string;
  /** `/authors/` or `/authors/<name>/` (a wirepress listing: the name as it is, made safe). */
  readonly authorUrl: (author?: string) => string;
  /** `/search/`. */
  readonly searchUrl: () => string;
  /** Numbered page `n` of a listing whose own URL is `firstPageUrl`: `…/page/3/` (which pages exist, and what page 1 is, is paginate's to say). */
  readonly pageUrl: (firstPageUrl: string, n: number) => string;
  /** Hexo's `Category.slug` of a category path: the parent's slug, `/`, its own (`新媒体/ZAKER`), unencoded. */
  readonly categorySlug: (path: readonly string[]) => string;
  /** Hexo's `Tag.slug`, unencoded. */
  readonly tagSlug: (tag: string) => string;
  /**
   * The top-level folders the site's own listings are written under
   * (`categories`, `tags`, `archives`, the pagination dir for `/page/2/`,
   * `authors`, `search`), as configured: a post must not land in them.
   */
  readonly topFolders: readonly string[];
}

/**
 * The URL builders of a site whose listings live where `settings.dirs` says
 * (Hexo's `category_dir`, `tag_dir`, `archive_dir`, `pagination_dir`), with
 * category and tag segments made as Hexo makes their slugs
 * (hexojs/hexo lib/models/category.ts and tag.ts):
 *
 * - a category's name goes through `category_map` when listed there, a
 *   tag's through `tag_map` (an empty mapping keeps the name);
 * - then through hexo-util's `slugize` with `filename_case` (see slugize.ts);
 * - a sub-category's slug is its parent's slug, `/`, then its own, so each
 *   name of a path is one segment.
 *
 * A name whose slug is empty (`???`) becomes `-`, as `:category` does in
 * permalinks: Hexo would write it over the listing's own index page.
 * Make it once per build: it remembers the slugs it made.
 */
export function siteUrls(settings: SiteUrlSettings): SiteUrls {
  const { dirs, slugs } = settings;
  const categoryDir = dirs.categories.split('/');
  const tagDir = dirs.tags.split('/');
  const archiveDir = dirs.archives.split('/');
  const paginationPath = `${dirs.pagination.split('/').map((s) => encodePathSegment(safePathSegment(s))).join('/')}/`;
  const categorySlugs = new Map<string, string>();
  const tagSlugs = new Map<string, string>();
  const slugOf = (name: string, map: Readonly<Record<string, string>>, made: Map<string, string>): string => {
    let slug = made.get(name);
    if (slug === undefined) {
      // Own keys only: a category named `constructor` is not Object.prototype's.
      const mapped = Object.hasOwn(map, name) ? map[name] || name : name;
      slug = slugize(mapped, slugs.caseTransform) || '-';
      made.set(name, slug);
    }
    return slug;
  };
  const categorySegments = (path: readonly string[]) => path.map((name) => slugOf(name, slugs.categoryMap, categorySlugs));
  const tagSlug = (tag: string) => slugOf(tag, slugs.tagMap, tagSlugs);
  return {
    homeUrl: () => '/',
    categoryUrl: (path = []) => urlFromSegments([...categoryDir, ...categorySegments(path)]),
    tagUrl: (tag) => urlFromSegments(tag === undefined ? tagDir : [...tagDir, tagSlug(tag)]),
    archiveUrl: (year, month) => {
      const segments = [...archiveDir];
      if (year !== undefined) segments.push(String(year));
      if (year !== undefined && month !== undefined) segments.push(String(month).padStart(2, '0'));
      return urlFromSegments(segments);
    },
    authorUrl: (author) => urlFromSegments(author === undefined ? ['authors'] : ['authors', author]),
    searchUrl: () => urlFromSegments(['search']),
    pageUrl: (firstPageUrl, n) => `${firstPageUrl}${paginationPath}${n}/`,
    categorySlug: (path) => categorySegments(path).join('/'),
    tagSlug,
    topFolders: [...new Set([categoryDir[0], tagDir[0], archiveDir[0], dirs.pagination.split('/')[0], 'authors', 'search'].filter((s): s is string => !!s))],
  };
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
  // A build asks for its one base URL's path with every link it makes absolute: parsed once.
  if (lastBasePath?.baseUrl !== baseUrl) lastBasePath = { baseUrl, path: new URL(baseUrl).pathname.replace(/\/+$/, '') };
  return lastBasePath.path;
}

let lastBasePath: { readonly baseUrl: string; readonly path: string } | undefined;

/** A root-relative URL as an href under the site's base path. */
export function hrefFor(baseUrl: string, url: string): string {
  return `${basePath(baseUrl)}${url}`;
}

/** A root-relative URL as an absolute URL under the base URL (feeds, canonical links, sitemaps). */
export function absoluteUrl(baseUrl: string, url: string): string {
  return new URL(hrefFor(baseUrl, url), baseUrl).href;
}
