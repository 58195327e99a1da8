import type { Article } from '../article.ts';
import type { SiteConfig } from '../config/index.ts';
import { archiveUrl, authorUrl, categoryUrl, outputPathForUrl, urlFromSegments } from '../urls/index.ts';
import { buildArchivePages } from './archive-pages.ts';
import { groupArchives } from './archives.ts';
import { toArticlePage, toArticleSummary } from './article-records.ts';
import { groupAuthors } from './author-index.ts';
import { buildAuthorPages } from './author-pages.ts';
import { buildCategoryPages } from './category-pages.ts';
import { buildCategoryTree, flattenCategoryTree } from './category-tree.ts';
import { FEED_SIZE, planFeeds, type FeedSpec } from './feed-channel.ts';
import { FEED_TYPES } from './feed-urls.ts';
import { makeListingPages, pick } from './listing-page.ts';
import { ogLocale, type FeedLink, type PageMeta } from './page-meta.ts';
import { findRelated } from './related-articles.ts';
import type { SitemapUrl } from './sitemap.ts';
import type { ArticlePage, Link, ListingPage } from './types.ts';
import { uiTextFor, type UiText } from './ui-text.ts';

/** The part of the config templates may read (no folders, no secrets). */
export interface PublicSiteConfig {
  readonly title: string;
  readonly description: string;
  readonly baseUrl: string;
  readonly language: string;
  readonly timezone: string;
  /** og:locale, e.g. `zh_CN`. */
  readonly locale: string;
}

/** The search page (one page; a paginated template like the others). */
export interface SearchPage {
  readonly url: string;
  readonly outputPath: string;
  readonly section: string;
  readonly title: string;
  readonly meta: PageMeta;
}

/** The "not found" page: where it is written and its head metadata (the site's own). */
export interface NotFoundPage {
  readonly outputPath: string;
  readonly meta: PageMeta;
}

/** Everything the templates render, computed before any template runs. */
export interface SiteData {
  readonly config: PublicSiteConfig;
  readonly text: UiText;
  /** Header links: home, categories, archives, authors, search. */
  readonly nav: readonly Link[];
  readonly articlePages: readonly ArticlePage[];
  readonly listingPages: readonly ListingPage[];
  readonly searchPages: readonly SearchPage[];
  readonly notFoundPages: readonly NotFoundPage[];
  /** The site's feeds, offered in every page's head. */
  readonly siteFeeds: readonly FeedLink[];
  /** Every feed file to write: the site's in three formats, an Atom feed per category. */
  readonly feeds: readonly FeedSpec[];
  /** Every page a search engine should know: articles and the first page of each listing. */
  readonly sitemap: readonly SitemapUrl[];
}

/**
 * Computes every page of the site as plain data: article pages (with their
 * older/newer neighbours and related articles), the paginated home,
 * category, archive and author listings, the search page, the feeds and
 * the sitemap. Pure; the order of `articles` does not matter (newest first,
 * ties by URL, is applied here).
 */
export function buildSiteData(articles: readonly Article[], config: SiteConfig): SiteData {
  const text = uiTextFor(config.language);
  const sorted = sortNewestFirst(articles);
  const summaries = sorted.map(toArticleSummary);
  const categoryTree = buildCategoryTree(sorted, config.language);
  const categoryNodes = flattenCategoryTree(categoryTree);
  const nodesByUrl = new Map(categoryNodes.map((node) => [node.url, node]));
  const articlePages = sorted.map((article, i) =>
    toArticlePage(
      article,
      { older: sorted[i + 1], newer: sorted[i - 1], related: pick(summaries, findRelated(i, article.categories, nodesByUrl)) },
      config.images.onFailure,
    ),
  );

  const homeUrl = urlFromSegments([]);
  const home = makeListingPages(
    { kind: 'home', url: homeUrl, section: homeUrl, heading: config.title, title: '', items: summaries, ...(config.description ? { description: config.description } : {}) },
    config.pageSize,
    text,
  );
  const listingPages: ListingPage[] = [
    ...home,
    ...buildCategoryPages(categoryTree, summaries, config.pageSize, text, homeUrl),
    ...buildArchivePages(groupArchives(sorted, config.timezone), summaries, config, text, homeUrl),
    ...buildAuthorPages(groupAuthors(sorted, config.language), summaries, config.pageSize, text, homeUrl),
  ];

  const siteFeedTitle = config.title;
  const feeds: FeedSpec[] = [
    ...planFeeds({ title: siteFeedTitle, description: config.description, url: homeUrl, articles: sorted }, ['atom', 'rss', 'json']),
    ...categoryNodes.flatMap((node) =>
      planFeeds({ title: `${node.path.join(' / ')} · ${config.title}`, description: '', url: node.url, articles: pick(sorted, node.articles.slice(0, FEED_SIZE)) }, ['atom']),
    ),
  ];
  const siteFeeds: FeedLink[] = feeds.slice(0, 3).map((f) => ({ title: `${siteFeedTitle} (${f.format === 'json' ? 'JSON Feed' : f.format === 'rss' ? 'RSS' : 'Atom'})`, type: FEED_TYPES[f.format], url: f.url }));

  const searchUrl = urlFromSegments(['search']);
  const siteMeta: PageMeta = {
    title: config.title,
    description: config.description || text.describeListing(config.title, sorted.length),
    type: 'website',
    image: undefined,
    jsonLd: undefined,
    feeds: [],
  };

  return {
    config: {
      title: config.title,
      description: config.description,
      baseUrl: config.baseUrl,
      language: config.language,
      timezone: config.timezone,
      locale: ogLocale(config.language),
    },
    text,
    nav: [
      { name: text.home, url: homeUrl },
      { name: text.categories, url: categoryUrl() },
      { name: text.archives, url: archiveUrl() },
      { name: text.authors, url: authorUrl() },
      { name: text.search, url: searchUrl },
    ],
    articlePages,
    listingPages,
    searchPages: [
      { url: searchUrl, outputPath: outputPathForUrl(searchUrl), section: searchUrl, title: text.search, meta: { ...siteMeta, title: text.search } },
    ],
    // Its description counts the articles: held by this one page, not shared by all (one post more re-renders only it).
    notFoundPages: [{ outputPath: '404.html', meta: siteMeta }],
    siteFeeds,
    feeds,
    sitemap: [
      ...listingPages.filter((page) => page.pagination.current === 1).map((page) => ({ url: page.url, lastmod: undefined })),
      ...sorted.map((article) => ({ url: article.url, lastmod: article.updated ?? article.date })),
    ],
  };
}

function sortNewestFirst(articles: readonly Article[]): Article[] {
  return [...articles].sort((a, b) => b.timestamp - a.timestamp || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}
