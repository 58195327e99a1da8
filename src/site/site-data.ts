import type { Article } from '../article.ts';
import type { SiteConfig } from '../config/index.ts';
import { archiveUrl, categoryUrl, urlFromSegments } from '../urls/index.ts';
import { buildArchivePages } from './archive-pages.ts';
import { groupArchives } from './archives.ts';
import { toArticlePage, toArticleSummary } from './article-records.ts';
import { buildCategoryPages } from './category-pages.ts';
import { buildCategoryTree } from './category-tree.ts';
import { makeListingPages } from './listing-page.ts';
import type { ArticlePage, Link, ListingPage } from './types.ts';
import { uiTextFor, type UiText } from './ui-text.ts';

/** The part of the config templates may read (no folders, no secrets). */
export interface PublicSiteConfig {
  readonly title: string;
  readonly description: string;
  readonly baseUrl: string;
  readonly language: string;
  readonly timezone: string;
}

/** Everything the templates render, computed before any template runs. */
export interface SiteData {
  readonly config: PublicSiteConfig;
  readonly text: UiText;
  /** Header links: home, categories, archives. */
  readonly nav: readonly Link[];
  readonly articlePages: readonly ArticlePage[];
  readonly listingPages: readonly ListingPage[];
}

/**
 * Computes every page of the site as plain data: article pages (with their
 * older/newer neighbours), the paginated home, category and archive
 * listings. Pure; the order of `articles` does not matter (newest first,
 * ties by URL, is applied here).
 */
export function buildSiteData(articles: readonly Article[], config: SiteConfig): SiteData {
  const text = uiTextFor(config.language);
  const sorted = sortNewestFirst(articles);
  const summaries = sorted.map(toArticleSummary);
  const articlePages = sorted.map((article, i) => toArticlePage(article, sorted[i + 1], sorted[i - 1]));

  const homeUrl = urlFromSegments([]);
  const listingPages: ListingPage[] = [
    ...makeListingPages({ kind: 'home', url: homeUrl, section: homeUrl, heading: config.title, title: '', items: summaries }, config.pageSize, text),
    ...buildCategoryPages(buildCategoryTree(sorted, config.language), summaries, config.pageSize, text, homeUrl),
    ...buildArchivePages(groupArchives(sorted, config.timezone), summaries, config, text, homeUrl),
  ];

  return {
    config: {
      title: config.title,
      description: config.description,
      baseUrl: config.baseUrl,
      language: config.language,
      timezone: config.timezone,
    },
    text,
    nav: [
      { name: text.home, url: homeUrl },
      { name: text.categories, url: categoryUrl() },
      { name: text.archives, url: archiveUrl() },
    ],
    articlePages,
    listingPages,
  };
}

function sortNewestFirst(articles: readonly Article[]): Article[] {
  return [...articles].sort((a, b) => b.timestamp - a.timestamp || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}
