import type { Article } from '../../article/article.ts';
import { absoluteUrl } from '../../urls/index.ts';
import { absolutizeHtml } from './absolute-html.ts';
import { localCover, summaryText } from '../pages/article-records.ts';
import { toWebUrl } from '../pages/web-url.ts';

/** One article as every feed format needs it: absolute URLs, full content. */
export interface FeedEntry {
  /** Absolute URL of the article; also its permanent id. */
  readonly url: string;
  readonly title: string;
  /** ISO 8601 with offset. */
  readonly published: string;
  /** ISO 8601 with offset: `updated`, else `published`. */
  readonly updated: string;
  readonly author: string | undefined;
  /** Each category path joined, `新媒体 / ZAKER / source`. */
  readonly categories: readonly string[];
  /** Plain text: the article's own excerpt, else about 120 characters of its text. */
  readonly summary: string;
  /** The story's source (`link:`), an http(s) URL: Atom's `rel="related"` link, JSON Feed's `external_url`. */
  readonly link: string | undefined;
  /** The sanitized body with every URL absolute. */
  readonly contentHtml: string;
  /** Absolute URL of the re-hosted cover, when there is one. */
  readonly image: string | undefined;
}

/**
 * The feed entry of an article. Made once per article and shared by every
 * feed it appears in (the site's three formats and one per category).
 *
 * @param baseUrl the site's absolute base URL.
 */
export function toFeedEntry(article: Article, html: string, baseUrl: string): FeedEntry {
  const url = absoluteUrl(baseUrl, article.url);
  const cover = localCover(article);
  return {
    url,
    title: article.title,
    published: article.date,
    updated: article.updated ?? article.date,
    author: article.author,
    categories: article.categories.map((path) => path.join(' / ')),
    summary: summaryText(article),
    link: toWebUrl(article.link),
    contentHtml: absolutizeHtml(html, url),
    image: cover ? absoluteUrl(baseUrl, cover.src) : undefined,
  };
}
