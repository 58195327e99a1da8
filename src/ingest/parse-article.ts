import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ParseSettingKey, SiteConfig } from '../config/index.ts';
import { errorAt, hasErrors, warningAt, type Diagnostic } from '../report/diagnostic.ts';
import { siteUrls } from '../urls/index.ts';
import { classifyBody } from './classify-body.ts';
import { decodeText } from './decode-text.ts';
import { findKeyLine, scalarTextOnLine } from './find-key-line.ts';
import { findUnknownKeys } from './find-unknown-keys.ts';
import { validateFrontMatter, type FrontMatter } from './front-matter-schema.ts';
import { abbrlinkNumber, formatAbbrlink, parseAbbrlink } from './abbrlink.ts';
import { findUnknownTokens, pagePermalink, resolvePermalink, usesAbbrlink, type PermalinkInput } from './permalink.ts';
import { ACCEPTED_DATE_FORMATS, parseDate, type ParsedDate } from './parse-date.ts';
import { parsePostFileName, type PostFileName } from './post-file-name.ts';
import { keptCover } from './placeholder-cover.ts';
import { readFrontMatter } from './read-front-matter.ts';
import type { ArticleSource } from './types.ts';
import { formatInZone, wallTimeInZone } from './zone-time.ts';

/** A post left out on purpose (not an error). */
export interface ExcludedArticle {
  source: string;
  /** `listing`: a theme's page for a listing wirepress makes itself (`type: tags` or `type: categories` at `source/tags/index.md`). */
  reason: 'draft' | 'unpublished' | 'future' | 'listing';
}

/** What {@link parseArticle} needs besides the bytes. */
export interface ParseArticleOptions {
  /** The file's modification time, used (with a warning) when the post has no `date`, as Hexo does. Without it such a post is an error. */
  mtimeMs?: number;
  /** A post (default) or a Hexo page (see ArticleSource.kind): a page needs no title nor date, and its URL is its path. */
  kind?: 'post' | 'page';
  /** The path under its own folder (the posts, drafts or source folder), for `:title` and a page's URL (default: `source`). */
  name?: string;
}

/** What parseArticle reads of the config. */
export type ParseConfig = Pick<SiteConfig, 'timezone' | 'permalink'> & Partial<Pick<SiteConfig, ParseSettingKey>>;

/** The outcome for one file: the article, or why it was excluded or skipped. */
export interface ParsedArticle {
  article?: ArticleSource;
  /** Line of the key that decided the article's URL (`permalink`, `slug`, else `date`), for `ingest/url-collision`. */
  urlLine?: number;
  /**
   * With a `:abbrlink` pattern: the link's number and what made the URL,
   * for ingest to move a generated link off one already taken, as
   * hexo-abbrlink does (see assignAbbrlinks).
   */
  abbrlink?: { readonly value: number; readonly explicit: boolean; readonly input: PermalinkInput };
  excluded?: ExcludedArticle;
  diagnostics: Diagnostic[];
}

/**
 * Parses one post from its bytes. Pure: no I/O, so workers and tests call it
 * directly. Never throws on bad input: a problem becomes a diagnostic with
 * the line in the file, and an error means no article.
 *
 * @param source the path under the content folder, POSIX separators (names the file in diagnostics).
 * @param sourcePath the absolute path, copied to the article.
 * @param bytes the raw file.
 * @param config the site timezone (dates without an offset), permalink pattern,
 *   and `strict` (default false; when true, unknown front-matter keys become `ingest/unknown-key` warnings);
 *   `content.placeholderCovers` and `proxyPrefixes` (default: none) drop a placeholder cover (see keptCover).
 * @param options the file's mtime for posts without `date`.
 */
export function parseArticle(
  source: string,
  sourcePath: string,
  bytes: Uint8Array,
  config: ParseConfig,
  options: ParseArticleOptions = {},
): ParsedArticle {
  const decoded = decodeText(source, bytes);
  const diagnostics = [...decoded.diagnostics];
  if (decoded.text === undefined) return { diagnostics };
  const split = readFrontMatter(source, decoded.text);
  diagnostics.push(...split.diagnostics);
  if (!split.parts) return { diagnostics };
  const parts = split.parts;
  const { data } = parts;

  // Hexo keeps `published: false` posts out of the site; `draft: true` is the other common spelling.
  if (isFlag(data.draft, true)) return { excluded: { source, reason: 'draft' }, diagnostics };
  if (isFlag(data.published, false)) return { excluded: { source, reason: 'unpublished' }, diagnostics };

  const kind = options.kind ?? 'post';
  // NexT, Butterfly and Fluid ask users to add these pages so the theme fills them with its tag cloud; wirepress writes /tags/ and /categories/ itself.
  if (kind === 'page' && (data.type === 'tags' || data.type === 'categories')) return { excluded: { source, reason: 'listing' }, diagnostics };
  const lineOf = (key: string) => findKeyLine(parts.lines, parts.openLine + 1, parts.closeLine, key) ?? parts.openLine;
  if (config.strict) diagnostics.push(...findUnknownKeys(source, data, lineOf));
  const name = options.name ?? source;
  const input = { ...data };
  // Hexo pages need no title (themes show the site's); the page's file name is more use in a tab.
  if (kind === 'page' && (data.title === undefined || data.title === null || data.title === '')) input.title = pageTitle(name);
  if (typeof data.title === 'number' || typeof data.title === 'boolean') {
    // `title: 1.50` reads as the number 1.5; keep the digits as written.
    input.title = scalarTextOnLine(parts.lines[lineOf('title') - 1] ?? '') || String(data.title);
  }
  const { frontMatter, problems } = validateFrontMatter(input, config.dateTimeZone ?? config.timezone, config.timezone);
  for (const problem of problems) {
    const make = problem.severity === 'error' ? errorAt : warningAt;
    diagnostics.push(make(source, problem.rule, problem.message, { line: lineOf(problem.key), hint: problem.hint }));
  }
  if (!frontMatter || hasErrors(diagnostics)) return { diagnostics };

  const fileName = kind === 'post' ? parsePostFileName(config.newPostName ?? ':title.md', name) : undefined;
  const dated = resolveDate(frontMatter.date, { kind, fileName, mtimeMs: options.mtimeMs, timezone: config.timezone });
  if ('missing' in dated) {
    diagnostics.push(errorAt(source, 'ingest/date', '`date` is missing', { line: parts.openLine, hint: dateHint() }));
    return { diagnostics };
  }
  const { date } = dated;
  if (dated.fromFileTime) {
    diagnostics.push(
      warningAt(source, 'ingest/date-missing', `\`date\` is missing; the file's modification time ${date.iso} was used`, {
        line: parts.openLine,
        hint: dateHint(),
      }),
    );
  }

  const { formatProblem, body, bodyLine, bodyFormat } = classifyBody(parts.body, parts.bodyLine, { extension: path.posix.extname(name), format: data.format });
  if (formatProblem) diagnostics.push(warningAt(source, 'ingest/front-matter', formatProblem, { line: lineOf('format'), hint: 'Write `format: markdown` or `format: html`, or leave the key out to let wirepress tell.' }));

  const trailingHtml = config.prettyUrls?.trailingHtml ?? true;
  const permalinkInput: PermalinkInput = {
    source: name,
    title: frontMatter.title,
    // Hexo 8 names a post by its file whatever its `slug:` says (tests/fixtures/hexo/README.md): a Hexo blog keeps its URLs.
    slug: (config.hexo ? undefined : frontMatter.slug) ?? fileName?.slug,
    permalink: frontMatter.permalink,
    id: typeof data.id === 'string' || typeof data.id === 'number' ? String(data.id) : undefined,
    wall: wallTimeInZone(date.timestamp, config.timezone),
    timestamp: date.timestamp,
    categories: frontMatter.categories,
    fields: tokenFields(config.permalink, data, config.permalinkDefaults ?? {}),
    category: categoryToken(config, frontMatter.categories),
    trailingHtml,
  };
  const abbrlink = kind === 'post' && frontMatter.permalink === undefined && usesAbbrlink(config.permalink) ? readAbbrlink(frontMatter, config) : undefined;
  if (abbrlink) permalinkInput.abbrlink = abbrlink.text;
  const { url, outputPath } = kind === 'page' ? pagePermalink(name, frontMatter.permalink, trailingHtml) : resolvePermalink(config.permalink, permalinkInput);

  const article: ArticleSource = {
    source,
    sourcePath,
    name,
    contentHash: createHash('sha256').update(bytes).digest('hex'),
    title: frontMatter.title,
    date: date.iso,
    timestamp: date.timestamp,
    updated: frontMatter.updated?.iso,
    categories: frontMatter.categories,
    tags: frontMatter.tags,
    kind,
    excerpt: frontMatter.excerpt,
    description: frontMatter.description,
    link: frontMatter.link,
    sticky: frontMatter.sticky,
    lang: frontMatter.lang,
    author: frontMatter.author,
    cover: keptCover(frontMatter.cover, config.content?.placeholderCovers ?? [], config.proxyPrefixes ?? []),
    url,
    outputPath,
    body,
    bodyLine,
    bodyFormat,
  };
  const urlKey = data.permalink !== undefined ? 'permalink' : data.abbrlink !== undefined && abbrlink ? 'abbrlink' : data.slug !== undefined ? 'slug' : 'date';
  const relink = abbrlink && { value: abbrlink.value, explicit: abbrlink.explicit, input: permalinkInput };
  return { article, urlLine: lineOf(urlKey), diagnostics, ...(relink ? { abbrlink: relink } : {}) };
}

/**
 * A post's date as Hexo finds it: its `date:`; else the date in its file
 * name (new_post_name `:year-:month-:day-:title.md`), at that day's
 * midnight; else its file's modification time (quietly for a page, which
 * is rarely dated; with a warning for a post).
 */
function resolveDate(
  written: ParsedDate | undefined,
  context: { kind: 'post' | 'page'; fileName: PostFileName | undefined; mtimeMs: number | undefined; timezone: string },
): { date: ParsedDate; fromFileTime: boolean } | { missing: true } {
  if (written) return { date: written, fromFileTime: false };
  const named = context.fileName?.date;
  if (named) {
    const day = [named.year, named.month, named.day].map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0')).join('-');
    const parsed = parseDate(day, context.timezone);
    if (parsed) return { date: parsed, fromFileTime: false };
  }
  if (context.mtimeMs === undefined || !Number.isFinite(context.mtimeMs)) return { missing: true };
  const timestamp = Math.floor(context.mtimeMs);
  return { date: { iso: formatInZone(timestamp, context.timezone), timestamp }, fromFileTime: context.kind === 'post' };
}

/** The post's `abbrlink:` key, else hexo-abbrlink's link from its title. */
function readAbbrlink(frontMatter: FrontMatter, config: ParseConfig): { value: number; text: string; explicit: boolean } {
  const { alg, rep } = config.abbrlink ?? { alg: 'crc16', rep: 'dec' };
  if (frontMatter.abbrlink !== undefined) return { value: parseAbbrlink(frontMatter.abbrlink, rep), text: frontMatter.abbrlink, explicit: true };
  const value = abbrlinkNumber(frontMatter.title, alg);
  return { value, text: formatAbbrlink(value, rep), explicit: false };
}

/**
 * Values for the pattern's tokens that are not Hexo's own: the post's
 * front-matter scalar, else the site's `permalink_defaults` (Hexo's
 * post_permalink filter reads both, the post first).
 */
function tokenFields(pattern: string, data: Record<string, unknown>, defaults: Readonly<Record<string, string>>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of findUnknownTokens(pattern, {})) {
    const value = data[name];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[name] = String(value);
    else if (Object.hasOwn(defaults, name)) fields[name] = defaults[name] ?? '';
  }
  return fields;
}

/** `:category`: Hexo's slug of the first hierarchy (category_map, filename_case), else `default_category`; undefined when the pattern has none. */
function categoryToken(config: ParseConfig, categories: readonly (readonly string[])[]): string | undefined {
  if (!config.permalink.includes(':category') || !config.dirs || !config.slugs) return undefined;
  const first = categories[0];
  return first && first.length > 0 ? siteUrls({ dirs: config.dirs, slugs: config.slugs }).categorySlug(first) : config.defaultCategory;
}

/** `about/index.md` → `about`; `links.md` → `links`. */
function pageTitle(name: string): string {
  const stem = name.replace(/\.[^./]*$/, '');
  return (stem.endsWith('/index') ? stem.slice(0, -'/index'.length) : stem).split('/').pop() || stem;
}

/** True for the boolean `expected`, or its YAML 1.1 spellings that the core schema leaves as text (`no`, `off`…). */
function isFlag(value: unknown, expected: boolean): boolean {
  if (value === expected) return true;
  if (typeof value !== 'string') return false;
  const words = expected ? ['true', 'yes', 'on'] : ['false', 'no', 'off'];
  return words.includes(value.trim().toLowerCase());
}

function dateHint(): string {
  return `Add \`date:\` in one of these forms: ${ACCEPTED_DATE_FORMATS.join('; ')}.`;
}
