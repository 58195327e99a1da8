import type { Article } from '../article/article.ts';
import type { SiteConfig } from '../config/index.ts';
import { siteUrls, type SiteUrls } from '../urls/index.ts';
import { toArticlePage, toArticleSummary } from './pages/article-records.ts';
import { sourceAuthorTest } from './pages/source-author.ts';
import { fingerprintFeed, fingerprintPage } from './page-plan.ts';
import type { SitePlan } from './render-site.ts';
import type { ArticlePage, ArticleSummary, Link, ListingPage } from './pages/types.ts';

/** An updated plan and the pages and feeds of it that changed. */
export interface PlanPatch {
  readonly plan: SitePlan;
  /** Output paths of the pages and feeds to write again. */
  readonly outputs: readonly string[];
}

/**
 * Article fields that decide no other page's place or existence: the body,
 * what is made of it (its excerpt too), the title, the cover, and what only
 * its own page and its feed entries show (`description`, `link`, `lang`).
 * They reach the article's own page, the feeds holding it, and its summary
 * (title, excerpt, thumbnail) wherever that is shown. Every other field
 * (date, URL, categories, tags, sticky, kind, author…) decides which
 * listings hold the article, in what order, and who its neighbours are.
 */
const PATCHABLE_FIELDS = new Set([
  'htmlHash', 'contentHash', 'text', 'removed', 'coverImage', 'images', 'warnings', 'title', 'cover',
  'excerpt', 'description', 'link', 'lang', 'signature', 'filedTitle',
]);

/**
 * The plan of the site after one article changed only in
 * {@link PATCHABLE_FIELDS}: its page, the feeds holding it and, when its
 * summary changed, the listings and article pages showing that summary are
 * updated; no other page changes, so the dev server need not rebuild the
 * site's data (slow at 10,000 posts). The result is the plan
 * `buildSiteData` would make from the articles, to the byte (the next full
 * build renders none of the pages again).
 *
 * @returns `undefined` when another field changed: the change may move pages.
 */
export function patchSitePlan(plan: SitePlan, before: Article, after: Article, config: SiteConfig): PlanPatch | undefined {
  if (JSON.stringify(fixedFields(before)) !== JSON.stringify(fixedFields(after))) return undefined;
  // A copy of a story: its title and date show on its other copies' pages, and hideDuplicates may move it.
  if (before.story || after.story) return undefined;
  const own = plan.data.articlePages.find((page) => page.outputPath === after.outputPath);
  if (!own) return undefined;
  const urls = siteUrls(config);
  const summary = toArticleSummary(after, urls);
  const summaryChanged = JSON.stringify(summary) !== JSON.stringify(toArticleSummary(before, urls));
  const outputs: string[] = [];
  const fingerprints = new Map(plan.fingerprints);

  const articlePages = plan.data.articlePages.map((page) => {
    const updated = page === own ? ownPage(page, after, config, urls) : summaryChanged ? withSummaryOf(page, summary) : page;
    if (updated !== page) {
      fingerprints.set(page.outputPath, fingerprintPage(plan.shared, 'articlePages', updated));
      outputs.push(page.outputPath);
    }
    return updated;
  });
  const listingPages = plan.data.listingPages.map((page) => {
    const updated = summaryChanged ? listingWithSummary(page, summary) : page;
    if (updated !== page) {
      fingerprints.set(page.outputPath, fingerprintPage(plan.shared, 'listingPages', updated));
      outputs.push(page.outputPath);
    }
    return updated;
  });
  const feeds = plan.data.feeds.map((feed) => {
    if (!feed.articles.some((article) => article.source === after.source)) return feed;
    const updated = { ...feed, articles: feed.articles.map((article) => (article.source === after.source ? after : article)) };
    fingerprints.set(feed.outputPath, fingerprintFeed(plan.shared, updated));
    outputs.push(feed.outputPath);
    return updated;
  });
  return { plan: { data: { ...plan.data, articlePages, listingPages, feeds }, shared: plan.shared, fingerprints }, outputs };
}

/** The article's own page made again; its neighbours and related articles stay, as they follow from fields that did not change. */
function ownPage(page: ArticlePage, article: Article, config: SiteConfig, urls: SiteUrls): ArticlePage {
  const made = toArticlePage(article, { older: undefined, newer: undefined, related: [] }, { urls, onFailure: config.images.onFailure, isSourceAuthor: sourceAuthorTest(config.content.sourceNames) });
  return { ...made, older: page.older, newer: page.newer, related: page.related };
}

/** Another article's page, its links to the article (neighbour, related) showing the new summary. */
function withSummaryOf(page: ArticlePage, summary: ArticleSummary): ArticlePage {
  const relink = (link: Link | undefined) => (link?.url === summary.url && link.name !== summary.title ? { name: summary.title, url: link.url } : link);
  const older = relink(page.older);
  const newer = relink(page.newer);
  const related = page.related.some((item) => item.url === summary.url && item.name !== summary.title)
    ? page.related.map((item) => (item.url === summary.url ? { ...item, name: summary.title } : item))
    : page.related;
  return older === page.older && newer === page.newer && related === page.related ? page : { ...page, older, newer, related };
}

/** A listing page with the article's summary replaced, or the same page when it does not list the article. */
function listingWithSummary(page: ListingPage, summary: ArticleSummary): ListingPage {
  const lists = (items: readonly ArticleSummary[]) => items.some((item) => item.url === summary.url);
  if (!page.groups.some((group) => lists(group.items))) return page;
  const groups = page.groups.map((group) => (lists(group.items) ? { ...group, items: group.items.map((item) => (item.url === summary.url ? summary : item)) } : group));
  return { ...page, groups };
}

function fixedFields(article: Article): Record<string, unknown> {
  return Object.fromEntries(Object.entries(article).filter(([key]) => !PATCHABLE_FIELDS.has(key)));
}
