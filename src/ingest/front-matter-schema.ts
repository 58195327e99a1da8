import { z } from 'zod';
import { describeValue } from './describe-value.ts';
import { normalizeCategories } from './normalize-categories.ts';
import { ACCEPTED_DATE_FORMATS, parseDate, type ParsedDate } from './parse-date.ts';
import { formatInZone } from './zone-time.ts';

/** Front matter after validation: what the rest of ingest needs, normalized. */
export interface FrontMatter {
  title: string;
  /** `undefined` when the post has no `date` (the caller falls back to the file's mtime). */
  date: ParsedDate | undefined;
  updated: ParsedDate | undefined;
  categories: string[][];
  tags: string[];
  author: string | undefined;
  cover: string | undefined;
  slug: string | undefined;
  permalink: string | undefined;
  excerpt: string | undefined;
  description: string | undefined;
  /** An http(s) URL. */
  link: string | undefined;
  /** 0 when not pinned. */
  sticky: number;
  lang: string | undefined;
  /** hexo-abbrlink's key, as written. */
  abbrlink: string | undefined;
}

/** One problem with one key; `key` is the key as written (`category` when the alias was used). */
export interface FrontMatterProblem {
  key: string;
  severity: 'error' | 'warning';
  rule: string;
  message: string;
  hint: string;
}

const DATE_HINT = `Write the date in one of these forms: ${ACCEPTED_DATE_FORMATS.join('; ')}.`;
const TITLE_HINT = 'Give the post a title on one line, e.g. `title: Storm hits the coast` (quote it if it contains `: ` or starts with a quote).';
const CATEGORIES_HINT =
  'Write `categories:` as one name, a list (one hierarchy: `[新媒体, ZAKER, source]`) or a list of lists (several hierarchies: `[[a, b], [c]]`).';

type IssueSink = { issues: { push(issue: { code: 'custom'; message: string; input: unknown; params: Record<string, string> }): void } };

function fail(ctx: IssueSink, value: unknown, rule: string, message: string, hint: string): typeof z.NEVER {
  ctx.issues.push({ code: 'custom', message, input: value, params: { rule, hint } });
  return z.NEVER;
}

function titleField() {
  return z.unknown().transform((value, ctx) => {
    if (value === undefined || value === null) return fail(ctx, value, 'ingest/title', '`title` is missing', TITLE_HINT);
    // YAML reads `title: 2021` as a number; a title is text, so take it as written.
    const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    if (typeof text !== 'string') {
      return fail(ctx, value, 'ingest/title', `\`title\`: expected text, received ${describeValue(value)}`, TITLE_HINT);
    }
    const title = text.trim();
    if (title === '') return fail(ctx, value, 'ingest/title', '`title` is empty', TITLE_HINT);
    return title;
  });
}

function dateField(key: 'date' | 'updated', timeZone: string, shownZone: string) {
  return z.unknown().transform((value, ctx) => {
    if (value === undefined || value === null || value === '') return undefined;
    const parsed = typeof value === 'string' ? parseDate(value, timeZone) : undefined;
    if (parsed) return shownZone === timeZone ? parsed : { ...parsed, iso: formatInZone(parsed.timestamp, shownZone) };
    return fail(ctx, value, 'ingest/date', `\`${key}\`: expected a date, received ${describeValue(value)}`, DATE_HINT);
  });
}

function categoriesField() {
  return z.unknown().transform((value, ctx) => {
    const result = normalizeCategories(value);
    if ('error' in result) return fail(ctx, value, 'ingest/categories', `\`categories\`: ${result.error}`, CATEGORIES_HINT);
    return result.categories;
  });
}

const schemas = new Map<string, ReturnType<typeof buildSchema>>();

function buildSchema(timeZone: string, shownZone: string) {
  return z.object({
    title: titleField(),
    date: dateField('date', timeZone, shownZone),
    updated: dateField('updated', timeZone, shownZone),
    categories: categoriesField(),
  });
}

/**
 * Validates and normalizes a post's front matter. Unknown keys (`comments`,
 * `headimg` once read, theme keys) are ignored. `title`, `date`, `updated`
 * and `categories` must be right or the post is skipped; the other keys are
 * read leniently: a value of the wrong kind is dropped with a warning.
 *
 * @param data the parsed front matter.
 * @param timeZone the IANA timezone of dates written without an offset.
 * @param shownZone the site's timezone, whose offset the dates' ISO text carries (default: `timeZone`).
 */
export function validateFrontMatter(
  data: Record<string, unknown>,
  timeZone: string,
  shownZone = timeZone,
): { frontMatter?: FrontMatter; problems: FrontMatterProblem[] } {
  const schemaKey = `${timeZone} ${shownZone}`;
  let schema = schemas.get(schemaKey);
  if (!schema) {
    schema = buildSchema(timeZone, shownZone);
    schemas.set(schemaKey, schema);
  }
  // Hexo's post processor: `category` and `tag` are aliases, used only when the plural is absent.
  const categoriesKey = isPresent(data.categories) || !isPresent(data.category) ? 'categories' : 'category';
  const tagsKey = isPresent(data.tags) || !isPresent(data.tag) ? 'tags' : 'tag';
  const problems: FrontMatterProblem[] = [];
  const warn = (key: string, message: string, hint: string) =>
    problems.push({ key, severity: 'warning', rule: 'ingest/front-matter', message, hint });

  const parsed = schema.safeParse({
    title: data.title,
    date: data.date,
    updated: data.updated,
    categories: data[categoriesKey],
  });
  const tags = readTags(data[tagsKey], (message) => warn(tagsKey, message, 'Write `tags:` as one name or a list of names.'));
  const author = readAuthor(data.author, (message) => warn('author', message, 'Write `author: Name` or `author: {name: Name}`.'));
  const cover = readCover(data, warn);
  const slug = readText(data.slug, (message) => warn('slug', `\`slug\`: ${message}`, 'Write `slug:` as one line of text.'));
  const permalink = readText(data.permalink, (message) =>
    warn('permalink', `\`permalink\`: ${message}`, 'Write `permalink:` as a path, e.g. `permalink: 2021/storm/`.'),
  );

  const text = (key: string, hint: string) => readText(data[key], (message) => warn(key, `\`${key}\`: ${message}`, hint));
  const excerpt = text('excerpt', 'Write `excerpt:` as one line of text.');
  const description = text('description', 'Write `description:` as one line of text.');
  const link = readLink(text('link', 'Write `link: https://…`, the story\'s source.'), (message) => warn('link', message, 'Write `link: https://…`, the story\'s source.'));
  const sticky = readSticky(data.sticky, (message) => warn('sticky', message, 'Write `sticky: 1` (higher numbers come first on the home page).'));
  const lang = readLang(text('lang', 'Write `lang: en` (a language tag).'), (message) => warn('lang', message, 'Write `lang: en` or `lang: zh-CN` (a BCP 47 language tag).'));
  // `abbrlink: 0` is the plugin's "not set yet" (hexo-abbrlink lib/logic.js `!abbrlink`).
  const abbrlink = data.abbrlink === 0 || data.abbrlink === '0' ? undefined : text('abbrlink', 'Write `abbrlink:` as the link hexo-abbrlink wrote, e.g. `abbrlink: 5c3a`.');

  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'title');
      const params = (issue as { params?: { rule?: string; hint?: string } }).params ?? {};
      problems.push({
        key: field === 'categories' ? categoriesKey : field,
        severity: 'error',
        rule: params.rule ?? 'ingest/front-matter',
        message: issue.message,
        hint: params.hint ?? 'Fix the key named in the message.',
      });
    }
    return { problems };
  }
  return { frontMatter: { ...parsed.data, tags, author, cover, slug, permalink, excerpt, description, link, sticky, lang, abbrlink }, problems };
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function readTags(value: unknown, warn: (message: string) => void): string[] {
  if (!isPresent(value)) return [];
  const items = Array.isArray(value) ? value : [value];
  const tags: string[] = [];
  for (const item of items) {
    if (item === null) continue;
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
      warn(`\`tags\`: expected tag names, received ${describeValue(item)}; it was ignored`);
      continue;
    }
    const tag = String(item).trim();
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

function readAuthor(value: unknown, warn: (message: string) => void): string | undefined {
  if (!isPresent(value)) return undefined;
  const name = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { name?: unknown }).name : value;
  const text = readText(name, () => undefined);
  if (text === undefined) warn(`\`author\`: expected a name, received ${describeValue(value)}; it was ignored`);
  return text;
}

// `cover` is the Hexo convention; the bots write the same URL to `headimg` and `thumbnail` (../shared/corpus/README.md).
function readCover(data: Record<string, unknown>, warn: (key: string, message: string, hint: string) => void): string | undefined {
  for (const key of ['cover', 'headimg', 'thumbnail']) {
    const value = data[key];
    if (!isPresent(value) || value === '') continue;
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    warn(key, `\`${key}\`: expected an image URL, received ${describeValue(value)}; it was ignored`, `Write \`${key}: https://…/image.jpg\`.`);
  }
  return undefined;
}

/** A scalar as trimmed text; `undefined` (after calling `warn`) for lists and mappings, or empty text. */
function readText(value: unknown, warn: (message: string) => void): string | undefined {
  if (!isPresent(value)) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const text = String(value).trim();
    return text === '' ? undefined : text;
  }
  warn(`expected text, received ${describeValue(value)}; it was ignored`);
  return undefined;
}

function readLink(value: string | undefined, warn: (message: string) => void): string | undefined {
  if (value === undefined) return undefined;
  try {
    const { protocol } = new URL(value);
    if (protocol === 'http:' || protocol === 'https:') return value;
  } catch {
    // Reported below.
  }
  warn(`\`link\`: expected an http(s) URL, received ${describeValue(value)}; it was ignored`);
  return undefined;
}

// hexo-generator-index sorts by `sticky` descending; `sticky: true` pins with weight 1, as themes read it.
function readSticky(value: unknown, warn: (message: string) => void): number {
  if (!isPresent(value) || value === false) return 0;
  if (value === true) return 1;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number === 'number' && Number.isFinite(number)) return number;
  warn(`\`sticky\`: expected a number, received ${describeValue(value)}; it was ignored`);
  return 0;
}

// `zh_CN`, as Hexo themes name languages, is taken too: the site normalizes it (see pageLanguage).
const LANGUAGE_TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i;

function readLang(value: string | undefined, warn: (message: string) => void): string | undefined {
  if (value === undefined) return undefined;
  if (LANGUAGE_TAG.test(value)) return value;
  warn(`\`lang\`: expected a language tag such as "en" or "zh-CN", received ${describeValue(value)}; it was ignored`);
  return undefined;
}
