import { createHash } from 'node:crypto';
import { encodePathSegment, MAX_SEGMENT_BYTES, outputPathForUrl, safePathSegment, slugize } from '../urls/index.ts';
import type { WallTime } from './zone-time.ts';

/** What the permalink tokens are made from. */
export interface PermalinkInput {
  /** Path under the content folder, POSIX separators: `二次元/Bangumi/CUE.md`. */
  source: string;
  title: string;
  /** `slug` from the front matter, replacing the source path in `:title` and `:name`. */
  slug: string | undefined;
  /** `permalink` from the front matter: used instead of the pattern. */
  permalink: string | undefined;
  /** `id` from the front matter, for `:id`. */
  id: string | undefined;
  /** The publication date as wall time in the site timezone. */
  wall: WallTime;
  timestamp: number;
  categories: readonly (readonly string[])[];
  /** hexo-abbrlink's link for `:abbrlink` (see abbrlinkOf). */
  abbrlink?: string | undefined;
  /** Values of other tokens: the post's front-matter scalars, then the site's `permalink_defaults` (as Hexo's post_permalink filter). */
  fields?: Readonly<Record<string, string>>;
  /**
   * `:category`: Hexo's slug of the post's category (category_map and
   * filename_case applied, see SiteUrls.categorySlug), or `default_category`
   * (default: the first hierarchy's names slugized, else `uncategorized`).
   */
  category?: string | undefined;
  /** `false` drops `.html` from a file URL (Hexo's `pretty_urls.trailing_html`; default: true). */
  trailingHtml?: boolean;
}

/**
 * The tokens Hexo's post_permalink filter fills (hexojs/hexo
 * lib/plugins/filter/post_permalink.ts), and `:abbrlink` (hexo-abbrlink).
 * Any other token must come from `permalink_defaults` (or a post's front
 * matter, which Hexo also reads): see {@link findUnknownTokens}.
 */
export const PERMALINK_TOKENS: ReadonlySet<string> = new Set([
  'year', 'month', 'day', 'hour', 'minute', 'second', 'i_month', 'i_day', 'timestamp',
  'title', 'name', 'post_title', 'hash', 'id', 'category', 'abbrlink',
]);

// Hexo's token grammar (hexo-util lib/permalink.ts): word characters, not ending in `_`.
const TOKEN = /:(\w*[^_\W])/g;

/**
 * The tokens of a permalink pattern that nothing fills: neither Hexo nor
 * `permalink_defaults`. Hexo prints `undefined` for them; wirepress stops,
 * naming them, rather than publish every post at one URL.
 */
export function findUnknownTokens(pattern: string, defaults: Readonly<Record<string, string>>): string[] {
  const unknown = [...pattern.matchAll(TOKEN)].map((match) => match[1] ?? '').filter((name) => !PERMALINK_TOKENS.has(name) && !Object.hasOwn(defaults, name));
  return [...new Set(unknown)];
}

/** Whether a permalink pattern uses `:abbrlink`. */
export function usesAbbrlink(pattern: string): boolean {
  return [...pattern.matchAll(TOKEN)].some((match) => match[1] === 'abbrlink');
}

/**
 * A Hexo page's URL from its path under the source folder (hexojs/hexo
 * lib/plugins/processor/asset.ts): the extension becomes `.html`, and
 * `about/index.md` is served as `/about/`. The `permalink` key replaces it.
 */
export function pagePermalink(name: string, permalink: string | undefined, trailingHtml = true): ResolvedPermalink {
  const stem = sourceStem(name);
  const path = permalink ?? (/(?:^|\/)index$/.test(stem) ? stem.replace(/index$/, '') : `${stem}.html`);
  return resolveUrlPath(permalink !== undefined ? pathOfPermalink(path) : path, name, trailingHtml);
}

/** A post's public URL and the file written for it. */
export interface ResolvedPermalink {
  /** Percent-encoded, root-relative: `/2021/10/19/storm/` or, for `.html` patterns, `/2021/storm.html`. */
  url: string;
  /** Relative to the output folder, never outside it: `2021/10/19/storm/index.html`. */
  outputPath: string;
}

/**
 * Expands a Hexo permalink pattern (hexojs/hexo lib/plugins/filter/post_permalink.ts):
 *
 * - `:year :month :day :hour :minute :second` (zero-padded) and `:i_month :i_day`
 *   from the date in the site timezone;
 * - `:title` the source path without extension (`2021/storm` for `2021/storm.md`),
 *   or the `slug` key; `:name` its last segment;
 * - `:post_title` the title, slugized and lower-cased;
 * - `:hash` Hexo's: sha1 of slug + Unix seconds, 12 hex; `:id` the `id` key, else `:hash`;
 * - `:category` the slug path of the deepest category of the first
 *   hierarchy (`新媒体/ZAKER/source`), else `default_category`;
 * - `:timestamp` Unix seconds; `:abbrlink` hexo-abbrlink's link;
 * - any other token: the post's front-matter value, else `permalink_defaults`
 *   (see findUnknownTokens: a token neither fills stops the build).
 *
 * The `permalink` key replaces the pattern. Whatever comes out is made safe:
 * split on `/`, `.`/`..`/empty segments dropped, each segment through
 * `safePathSegment` and `encodePathSegment`. A result ending in `.html` stays a
 * file URL (Hexo allows `:title.html`); anything else is a directory URL
 * served by its `index.html`. When nothing is left (`slug: ..`), the source
 * path is used instead.
 *
 * @param pattern the site's pattern (default in config: `:year/:month/:day/:title/`).
 */
export function resolvePermalink(pattern: string, input: PermalinkInput): ResolvedPermalink {
  const expanded = input.permalink !== undefined ? pathOfPermalink(input.permalink) : expandPattern(pattern, input);
  return resolveUrlPath(expanded, input.source, input.trailingHtml ?? true);
}

/** A URL path made safe (see {@link resolvePermalink}); `source` stands in when nothing is left of it. */
function resolveUrlPath(expanded: string, source: string, trailingHtml: boolean): ResolvedPermalink {
  let segments = expanded.split(/[/\\]+/).filter((s) => s.trim() !== '' && s !== '.' && s !== '..');
  if (segments.length === 0) segments = sourceStem(source).split('/').filter((s) => s !== '.' && s !== '..');
  const isFile = /\.html$/i.test(expanded.trim());
  if (!isFile) {
    const url = `/${segments.map((s) => encodePathSegment(safePathSegment(s))).join('/')}/`;
    return { url, outputPath: outputPathForUrl(url) };
  }
  const last = segments.pop() ?? 'index.html';
  const dirs = segments.map((s) => safePathSegment(s));
  const file = safeHtmlFileName(last);
  const urlFile = trailingHtml ? file : file.replace(/\.html$/i, '');
  const url = `/${[...dirs, urlFile].map(encodePathSegment).join('/')}`;
  return { url, outputPath: [...dirs, file].join('/') };
}

function expandPattern(pattern: string, input: PermalinkInput): string {
  const slug = input.slug ?? sourceStem(input.source);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const hash = () => createHash('sha1').update(slug + String(Math.floor(input.timestamp / 1000))).digest('hex').slice(0, 12);
  const { wall } = input;
  // Functions, so that costly tokens (slugs, hashes) are computed only when the pattern uses them.
  const tokens: Record<string, () => string> = {
    year: () => pad(wall.year, 4),
    month: () => pad(wall.month),
    day: () => pad(wall.day),
    hour: () => pad(wall.hour),
    minute: () => pad(wall.minute),
    second: () => pad(wall.second),
    i_month: () => String(wall.month),
    i_day: () => String(wall.day),
    title: () => slug,
    name: () => slug.split('/').pop() ?? slug,
    post_title: () => slugize(input.title, 1),
    timestamp: () => String(Math.floor(input.timestamp / 1000)),
    hash,
    id: () => input.id ?? hash(),
    category: () => input.category ?? categoryPath(input.categories),
    abbrlink: () => input.abbrlink ?? '',
  };
  const fields = input.fields ?? {};
  return pattern.replace(TOKEN, (_match, name: string) =>
    Object.hasOwn(tokens, name) ? (tokens[name]?.() ?? '') : Object.hasOwn(fields, name) ? (fields[name] ?? '') : '',
  );
}

function categoryPath(categories: PermalinkInput['categories']): string {
  const first = categories[0];
  if (!first || first.length === 0) return 'uncategorized';
  // Hexo's category slug is the parent's slug, `/`, then its own name slugized.
  return first.map((name) => slugize(name) || '-').join('/');
}

function sourceStem(source: string): string {
  return source.replace(/\.[^./]*$/, '');
}

// `permalink:` is a URL path as Hexo writes it: an absolute URL keeps only its path, and
// percent-escapes are decoded (the segments are re-encoded after they are made safe).
function pathOfPermalink(permalink: string): string {
  let path = permalink;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname;
    } catch {
      // Not a URL after all: read it as a path.
    }
  }
  if (!/%[0-9a-f]{2}/i.test(path)) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** `safePathSegment` for a file name that must keep its `.html` within the 255-byte limit. */
function safeHtmlFileName(name: string): string {
  const stem = safePathSegment(name.replace(/\.html$/i, ''));
  const extension = '.html';
  if (Buffer.byteLength(stem) + extension.length <= MAX_SEGMENT_BYTES) return stem + extension;
  const suffix = `-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
  const budget = MAX_SEGMENT_BYTES - extension.length - suffix.length;
  let cut = '';
  for (const char of stem) {
    if (Buffer.byteLength(cut + char) > budget) break;
    cut += char;
  }
  return safePathSegment(cut + suffix) + extension;
}
