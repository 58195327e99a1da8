import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ARTICLE_TEXT_CHARS, type Article } from '../article.ts';
import type { SiteConfig } from '../config/index.ts';
import { BuildError } from '../report/build-error.ts';
import { hrefFor } from '../urls/index.ts';
import { formatDateTime } from './local-date.ts';

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

/** The records to index: title and the start of the text, with the date as the site shows it. */
export function toSearchRecords(articles: readonly Article[], config: SiteConfig): SearchRecord[] {
  return articles.map((article) => {
    const category = article.categories[0]?.[0];
    return {
      url: hrefFor(config.baseUrl, article.url),
      content: `${article.title}\n${article.text.slice(0, SEARCH_TEXT_CHARS)}`,
      meta: { title: article.title, date: formatDateTime(article.date, config.language, config.timezone) },
      filters: category ? { category: [category] } : {},
    };
  });
}

/**
 * Builds the Pagefind search index from the articles and writes its bundle
 * to `<outDir>/pagefind/`. Records are given to Pagefind directly rather
 * than by re-reading every written page, which was the slowest part of a
 * build. Pagefind segments Chinese and Japanese into words at index time
 * for the site's language (https://pagefind.app/docs/multilingual/);
 * queries are segmented the same way by public/search.js with
 * `Intl.Segmenter`.
 *
 * Runs Pagefind's binary as a service and always stops it, so one build
 * leaves no process behind.
 *
 * @returns the number of pages indexed.
 * @throws BuildError when indexing fails.
 */
export async function indexForSearch(outDir: string, records: readonly SearchRecord[], siteLanguage: string): Promise<number> {
  // Pagefind's browser side looks the index up by the page's `<html lang>`, lower-cased, as its HTML indexer does.
  const language = siteLanguage.toLowerCase();
  // Loaded lazily: only a build that renders pays for starting the binary.
  const pagefind = await import('pagefind');
  try {
    const created = await pagefind.createIndex({ forceLanguage: language });
    if (!created.index) throw new Error(created.errors.join('; ') || 'no index was created');
    for (const record of records) {
      const added = await created.index.addCustomRecord({
        url: record.url,
        content: record.content,
        language,
        meta: { ...record.meta },
        filters: Object.fromEntries(Object.entries(record.filters).map(([key, values]) => [key, [...values]])),
      });
      if (added.errors.length > 0) throw new Error(added.errors.join('; '));
    }
    const written = await created.index.writeFiles({ outputPath: path.join(outDir, SEARCH_BUNDLE_DIR) });
    if (written.errors.length > 0) throw new Error(written.errors.join('; '));
    const entry = JSON.parse(await readFile(path.join(outDir, SEARCH_BUNDLE_DIR, 'pagefind-entry.json'), 'utf8')) as {
      languages?: Record<string, { page_count?: number }>;
    };
    return Object.values(entry.languages ?? {}).reduce((sum, entryLanguage) => sum + (entryLanguage.page_count ?? 0), 0);
  } catch (error) {
    const message = (error as Error).message;
    throw new BuildError(`the search index could not be built: ${message}`, {
      file: outDir,
      hint: /ENOSPC|no space left/i.test(message)
        ? 'The disk is full: free some space (or build into a folder on another disk) and build again.'
        : 'Pagefind ships a binary per platform (npm package @pagefind/<platform>); reinstall wirepress if it is missing.',
      cause: error,
    });
  } finally {
    await pagefind.close();
  }
}
