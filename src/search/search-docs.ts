import { createHash } from 'node:crypto';
import type { Article } from '../article/article.ts';
import type { SiteConfig } from '../config/index.ts';
import { hrefFor } from '../urls/index.ts';
import type { SearchFields } from './index-format.ts';

/** What an article's text file holds (see index-format.ts): what the search page shows of it, and all it searches. */
export interface SearchRecord extends SearchFields {
  /** The href of its page, base path included. */
  readonly url: string;
  /** ISO 8601, with offset: the search page shows it in the site's timezone. */
  readonly date: string;
}

/** One article of the index, by id. */
export interface SearchDoc {
  readonly article: Article;
  /** Stands for everything its text file and postings are made of: the same key, the same files. */
  readonly key: string;
}

/**
 * The articles the search index holds, in id order: posts, oldest first
 * (a new post gets the next id, so an hourly batch only adds to the index),
 * each with its key. Hexo pages (`/about/`) are left out: the search page
 * finds articles, each shown with its date, which a page has not.
 *
 * @param salt what else the files depend on (the code)
 */
export function searchDocs(articles: readonly Article[], config: SiteConfig, salt: string): SearchDoc[] {
  return articles
    .filter((article) => article.kind !== 'page')
    .sort((a, b) => a.timestamp - b.timestamp || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
    .map((article) => ({
      article,
      key: createHash('sha256')
        .update(salt)
        // The text is made from the same sanitized body as the HTML: the HTML's hash stands for it.
        .update(JSON.stringify([recordHead(article, config), article.htmlHash]))
        .digest('hex')
        .slice(0, 16),
    }));
}

/** An article's text file, its text read (see {@link searchDocs}). */
export function searchRecord(article: Article, config: SiteConfig, text: string): SearchRecord {
  return { ...recordHead(article, config), text };
}

function recordHead(article: Article, config: SiteConfig): Omit<SearchRecord, 'text'> {
  return {
    url: hrefFor(config.baseUrl, article.url),
    title: article.title,
    date: article.date,
    categories: article.categories.map((path) => path.join(' / ')),
    tags: [...article.tags],
  };
}
