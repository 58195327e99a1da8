import { createHash } from 'node:crypto';
import { encodePathSegment, MAX_SEGMENT_BYTES, outputPathForUrl, safePathSegment } from '../urls/index.ts';
import { slugize } from './slugize.ts';
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
 * - `:category` the slugized path of the deepest category of the first
 *   hierarchy (`新媒体/ZAKER/source`), else `uncategorized`;
 * - any other token expands to nothing (Hexo would print `undefined`).
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
  let segments = expanded.split(/[/\\]+/).filter((s) => s.trim() !== '' && s !== '.' && s !== '..');
  if (segments.length === 0) segments = sourceStem(input.source).split('/');
  const isFile = /\.html$/i.test(expanded.trim());
  if (!isFile) {
    const url = `/${segments.map((s) => encodePathSegment(safePathSegment(s))).join('/')}/`;
    return { url, outputPath: outputPathForUrl(url) };
  }
  const last = segments.pop() ?? 'index.html';
  const dirs = segments.map((s) => safePathSegment(s));
  const file = safeHtmlFileName(last);
  const url = `/${[...dirs, file].map(encodePathSegment).join('/')}`;
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
    post_title: () => slugize(input.title, true),
    hash,
    id: () => input.id ?? hash(),
    category: () => categoryPath(input.categories),
  };
  // Hexo's token grammar (hexo-util lib/permalink.ts): word characters, not ending in `_`.
  return pattern.replace(/:(\w*[^_\W])/g, (_match, name: string) => (Object.hasOwn(tokens, name) ? (tokens[name]?.() ?? '') : ''));
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
