import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { ARTICLE_TEXT_CHARS, type Article } from '../article.ts';
import type { SiteConfig } from '../config/index.ts';
import { BuildError } from '../report/build-error.ts';
import { allOrNone } from '../system/all-or-none.ts';
import { hrefFor } from '../urls/index.ts';
import { formatDateTime } from './local-date.ts';
import { SearchLanes } from './search-lanes.ts';

/** Folder of the search bundle inside the site (the search page imports `pagefind/pagefind.js` from it). */
export const SEARCH_BUNDLE_DIR = 'pagefind';

/**
 * How much of an article's text is indexed, in characters after the title.
 * Pagefind holds the whole index in memory and its Chinese segmentation
 * grows faster than the text: measured here, 1,000 articles read back from
 * their HTML took 110 s and 1.3 GB, while 3,000 records of 2,000 characters
 * took 13 s. A news article's lede carries its searchable substance.
 */
export const SEARCH_TEXT_CHARS = ARTICLE_TEXT_CHARS;

/** One article as the search index sees it. */
export interface SearchRecord {
  /** The href of the article page, base path included. */
  readonly url: string;
  readonly content: string;
  readonly meta: { readonly title: string; readonly date: string };
  readonly filters: { readonly category?: string[] };
}

/** The record of one article to index: its title and the start of its plain text `text`, with the date as the site shows it. */
function toSearchRecord(article: Article, text: string, config: SiteConfig): SearchRecord {
  const category = article.categories[0]?.[0];
  return {
    url: hrefFor(config.baseUrl, article.url),
    content: `${article.title}\n${text.slice(0, SEARCH_TEXT_CHARS)}`,
    meta: { title: article.title, date: formatDateTime(article.date, config.language, config.timezone) },
    filters: category ? { category: [category] } : {},
  };
}

/**
 * The search shards of the site's posts (see {@link planSearchShards});
 * `salt` is what else the index depends on. Hexo pages (`/about/`) are
 * left out: the search page finds articles, each shown with its date and
 * filtered by category, which a page has not.
 *
 * @param loadText the start of an article's plain text (default: what it holds, `text`); read only when its shard is indexed.
 */
export function searchShardsFor(
  articles: readonly Article[],
  config: SiteConfig,
  salt: string,
  loadText: (article: Article) => Promise<string> = async (article) => article.text,
): SearchShard[] {
  const oldestFirst = articles.filter((article) => article.kind !== 'page').sort((a, b) => a.timestamp - b.timestamp || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  // `date` carries the site timezone's offset: its first seven characters are the local month.
  const months = oldestFirst.map((article) => article.date.slice(0, 7));
  return planSearchShards(oldestFirst, months, `${salt}\0${config.language}`, {
    // The text read later is made from the same sanitized body as the HTML: the HTML's hash stands for it.
    identify: (article) => [toSearchRecord(article, article.text, config), article.htmlHash],
    toRecords: (group) => Promise.all(group.map(async (article) => toSearchRecord(article, await loadText(article), config))),
  });
}

/** Most articles per search shard: Pagefind's build time grows faster than its record count. */
export const SEARCH_SHARD_SIZE = 500;

/**
 * Fewest articles per search shard (but the newest): each shard costs a
 * fixed share of build time and of the search page's downloads, so quiet
 * months are indexed together.
 */
export const SEARCH_SHARD_MIN = 200;

/**
 * Shards indexed at once. A Pagefind service does most of a shard's work
 * on one thread but writes one shard while indexing the next: measured
 * here, two shards of 500 articles at once took 6.1 s instead of 7.7 s.
 */
export const SEARCH_SHARDS_AT_ONCE = 2;

/**
 * Pagefind services they share (see SearchLanes). Each holds 250–400 MB
 * per shard of 500 articles. Measured here on four such shards: two
 * services took 11.4–15.5 s and peaked at 767 MB, one took 14.6–19.3 s
 * and 514 MB. But a whole build is bound by the CPU of two cores: cold
 * builds of 10,000 posts with two services took 3–6 % less time (render
 * 70–88 s against 77–98 s) for 280 MB more at the peak, and a build of
 * 50,000 posts peaked at 2.39 GB, over the 2 GB it must stay under.
 */
export const SEARCH_SERVICES = 1;

/** The list of shard folders the search page merges, relative to the bundle folder. */
export const SEARCH_SHARDS_FILE = 'shards.json';

/** One independently built Pagefind index over some of the articles. */
export interface SearchShard {
  /** Its folder under `pagefind/`: a hash of its articles, so an unchanged shard keeps its name and can be reused. */
  readonly id: string;
  /** Its records, made when it is indexed: 50,000 articles' records held through the render cost 200 MB. */
  records(): Promise<readonly SearchRecord[]>;
}

/** How {@link planSearchShards} names a shard and makes its records. */
export interface ShardArticles<T> {
  /** What an article's record is made of, for the shard's name. */
  identify(article: T): unknown;
  toRecords(articles: readonly T[]): Promise<readonly SearchRecord[]>;
}

/**
 * Cuts the articles into shards along months, oldest first: consecutive
 * months are gathered until a shard holds {@link SEARCH_SHARD_MIN} articles,
 * and a month larger than {@link SEARCH_SHARD_SIZE} is cut every that many.
 * A new post only changes the newest shard and an edit only its own, so the
 * others keep their names and are taken from the previous site. Articles
 * must come oldest first.
 *
 * @param months the `YYYY-MM` of each article, in the same order
 * @param salt what else the index depends on (code, language)
 */
export function planSearchShards<T>(articles: readonly T[], months: readonly string[], salt: string, shardArticles: ShardArticles<T>): SearchShard[] {
  const byMonth = new Map<string, T[]>();
  articles.forEach((article, i) => {
    const month = months[i] ?? '';
    const list = byMonth.get(month);
    if (list) list.push(article);
    else byMonth.set(month, [article]);
  });
  const groups: T[][] = [];
  let open: T[] = [];
  const close = () => {
    if (open.length > 0) groups.push(open);
    open = [];
  };
  for (const monthArticles of byMonth.values()) {
    if (monthArticles.length > SEARCH_SHARD_SIZE) {
      close();
      for (let start = 0; start < monthArticles.length; start += SEARCH_SHARD_SIZE) groups.push(monthArticles.slice(start, start + SEARCH_SHARD_SIZE));
      continue;
    }
    open.push(...monthArticles);
    if (open.length >= SEARCH_SHARD_MIN) close();
  }
  close();
  return groups.map((group) => ({
    id: createHash('sha256').update(salt).update(JSON.stringify(group.map(shardArticles.identify))).digest('hex').slice(0, 16),
    records: () => shardArticles.toRecords(group),
  }));
}

/**
 * Builds the search index under `<outDir>/pagefind/`: one Pagefind index
 * per shard in `pagefind/<id>/`, and `pagefind/shards.json` listing them
 * for the search page, which merges them (Pagefind's `mergeIndex`). A shard
 * `reuse` can take from the previous site is not built again. Records are
 * given to Pagefind directly rather than by re-reading every written page,
 * so the index can be built while Eleventy writes the pages.
 * Pagefind segments Chinese and Japanese into words at index time for the
 * site's language (https://pagefind.app/docs/multilingual/); queries are
 * segmented the same way by public/search.js with `Intl.Segmenter`.
 *
 * Runs Pagefind's binary as services (see SearchLanes) and always stops
 * them, so one build leaves no process behind. A service never writes: it
 * hands the files over and they are written by our code, because on a
 * full disk its binary panics and never answers (its Node wrapper then
 * waits forever), while our own writes fail with ENOSPC, which we can name.
 *
 * @param reuse takes a shard's folder (relative to `outDir`) from the previous site; resolves where it is, or `undefined` when it cannot.
 * @param signal checked before each shard: stops the indexing when the build is given up.
 * @param fed called each time a shard's records are read and handed to Pagefind, which indexes them
 *   without this thread (see renderSite).
 * @returns the number of pages indexed, in all shards.
 * @throws BuildError when indexing fails.
 */
export async function indexForSearch(
  outDir: string,
  shards: readonly SearchShard[],
  siteLanguage: string,
  reuse: (shardDir: string) => Promise<string | undefined> = async () => undefined,
  signal?: AbortSignal,
  fed: () => void = () => {},
): Promise<number> {
  // Pagefind's browser side looks the index up by the page's `<html lang>`, lower-cased, as its HTML indexer does.
  const language = siteLanguage.toLowerCase();
  const bundleDir = path.join(outDir, SEARCH_BUNDLE_DIR);
  const lanes = new SearchLanes(SEARCH_SERVICES);
  const limit = pLimit(SEARCH_SHARDS_AT_ONCE);
  try {
    // A shard that failed stops those not yet started.
    const counts = await allOrNone(
      shards.map((shard) => (stop: AbortSignal) =>
        limit(async () => {
          stop.throwIfAborted();
          const shardDir = path.join(SEARCH_BUNDLE_DIR, shard.id);
          let found = await reuse(shardDir);
          if (found === undefined) {
            found = path.join(outDir, shardDir);
            const indexed = lanes.index(await shard.records(), language, found);
            fed();
            await indexed;
          }
          return countPages(found);
        }),
      ),
      signal,
    );
    const pages = counts.reduce((sum, count) => sum + count, 0);
    await mkdir(bundleDir, { recursive: true });
    await writeFile(path.join(bundleDir, SEARCH_SHARDS_FILE), `${JSON.stringify({ shards: shards.map((shard) => shard.id) })}\n`);
    return pages;
  } catch (error) {
    if (signal?.aborted && error === signal.reason) throw error;
    const message = (error as Error).message;
    throw new BuildError(`the search index could not be built: ${message}`, {
      file: outDir,
      hint: /ENOSPC|no space left/i.test(message)
        ? 'The disk is full: free some space (or build into a folder on another disk) and build again.'
        : 'Pagefind ships a binary per platform (npm package @pagefind/<platform>); reinstall wirepress if it is missing.',
      cause: error,
    });
  } finally {
    await lanes.close();
  }
}

async function countPages(shardDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(shardDir, 'pagefind-entry.json'), 'utf8')) as {
    languages?: Record<string, { page_count?: number }>;
  };
  return Object.values(entry.languages ?? {}).reduce((sum, entryLanguage) => sum + (entryLanguage.page_count ?? 0), 0);
}
