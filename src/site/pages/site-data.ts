import type { Article } from '../../article/article.ts';
import type { SiteConfig } from '../../config/index.ts';
import { outputPathForUrl, siteUrls } from '../../urls/index.ts';
import { buildArchivePages } from './archive-pages.ts';
import { groupArchives } from './archives.ts';
import { toArticlePage, toArticleSummary, type RecordContext } from './article-records.ts';
import { groupAuthors } from './author-index.ts';
import { buildAuthorPages } from './author-pages.ts';
import { authorsHeading, sourceAuthorTest } from './source-author.ts';
import { buildCategoryPages } from './category-pages.ts';
import { buildCategoryTree, flattenCategoryTree } from './category-tree.ts';
import { FEED_SIZE, planFeeds, type FeedSpec } from '../feeds/feed-channel.ts';
import { FEED_TYPES } from '../feeds/feed-urls.ts';
import { makeListingPages, pick, type ListingContext } from './listing-page.ts';
import { ogLocale, type FeedLink, type PageMeta } from './page-meta.ts';
import { contentSecurityPolicy } from './content-security-policy.ts';
import { findRelated } from './related-articles.ts';
import { listedArchives, listedCategories, listedNames, listedNeighbours } from './listed-only.ts';
import { isOtherCopy, storyLinks } from './story-copies.ts';
import type { SitemapUrl } from '../feeds/sitemap.ts';
import { groupTags } from './tag-index.ts';
import { buildTagPages } from './tag-pages.ts';
import type { ArticlePage, Link, ListingPage } from './types.ts';
import { uiTextFor, type UiText } from './ui-text.ts';

/** The part of the config templates may read (no folders, no secrets), and the og:locale it gives (e.g. `zh_CN`). */
export type PublicSiteConfig = Pick<SiteConfig, 'title' | 'subtitle' | 'description' | 'author' | 'baseUrl' | 'language' | 'timezone'> & {
  readonly locale: string;
  /** The Content-Security-Policy of every page (see contentSecurityPolicy). */
  readonly csp: string;
};

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

/** A numbered URL of Hexo's that a listing numbered from the oldest does not have: it sends the reader to the listing (see Pagination.redirectUrls). */
export interface RedirectPage {
  readonly outputPath: string;
  /** The listing's own URL. */
  readonly to: string;
  /** The listing's title. */
  readonly title: string;
}

/** Everything the templates render, computed before any template runs. */
export interface SiteData {
  readonly config: PublicSiteConfig;
  readonly text: UiText;
  /** Header links: home, categories, tags (when there are any), archives, authors, search. */
  readonly nav: readonly Link[];
  /** The posts' pages, newest first, then the Hexo pages' (`kind: 'page'`). */
  readonly articlePages: readonly ArticlePage[];
  readonly listingPages: readonly ListingPage[];
  readonly searchPages: readonly SearchPage[];
  readonly notFoundPages: readonly NotFoundPage[];
  readonly redirectPages: readonly RedirectPage[];
  /** The site's feeds, offered in every page's head. */
  readonly siteFeeds: readonly FeedLink[];
  /** Every feed file to write: the site's in three formats, an Atom feed per category and per tag. */
  readonly feeds: readonly FeedSpec[];
  /** Every page a search engine should know: articles, Hexo pages and the first page of each listing. */
  readonly sitemap: readonly SitemapUrl[];
}

/**
 * Computes every page of the site as plain data: article pages (with their
 * older/newer neighbours and related articles), the paginated home (pinned
 * posts first), category, tag, archive and author listings, the search
 * page, the feeds and the sitemap. Hexo pages (`kind: 'page'`) get their
 * own page and a sitemap entry, and nothing else: no listing, feed,
 * neighbour or related list holds them, and no count includes them.
 * The copies of one story (Article.story) list each other, and the others
 * name the canonical one; with `content.hideDuplicates` the others keep
 * their pages but leave every listing, feed, count and neighbour link. The
 * sitemap never lists another copy.
 * Pure; the order of `articles` does not matter (newest first, ties by
 * URL, is applied here).
 */
export function buildSiteData(articles: readonly Article[], config: SiteConfig): SiteData {
  const text = uiTextFor(config.language);
  const urls = siteUrls(config);
  const posts = sortNewestFirst(articles.filter((article) => article.kind !== 'page'));
  const pages = [...articles.filter((article) => article.kind === 'page')].sort((a, b) => compareUrls(a.url, b.url));
  const bySource = new Map(posts.map((article) => [article.source, article]));
  // content.hideDuplicates: the other copies of a story keep their pages, but leave the listings, the feeds and the neighbour links.
  const hidden = new Set(config.content.hideDuplicates ? posts.flatMap((article, i) => (isOtherCopy(article, bySource) ? [i] : [])) : []);
  const isListed = (i: number) => !hidden.has(i);
  const listed = hidden.size === 0 ? posts : posts.filter((_, i) => isListed(i));
  const summaries = posts.map((article) => toArticleSummary(article, urls));
  // One object per article, however many pages link to it: a page's fingerprint hashes each once (see fingerprintPage).
  const links: Link[] = summaries.map(({ title, url }) => ({ name: title, url }));
  const relatedLinks = summaries.map(({ title, url, date }) => ({ name: title, url, date }));
  const categoryTree = listedCategories(buildCategoryTree(posts, config.language, urls), isListed);
  const categoryNodes = flattenCategoryTree(categoryTree);
  const nodesByUrl = new Map(categoryNodes.map((node) => [node.url, node]));
  const isSourceAuthor = sourceAuthorTest(config.content.sourceNames);
  const records: RecordContext = { urls, onFailure: config.images.onFailure, isSourceAuthor };
  // 作者, 来源 or both: what the author index holds (the bots' authors are all sources).
  const authorsName = authorsHeading(posts, isSourceAuthor, text);
  const { older, newer } = listedNeighbours(posts.length, isListed);
  const articlePages = [
    ...posts.map((article, i) =>
      toArticlePage(
        article,
        { older: links[older[i]!], newer: links[newer[i]!], related: pick(relatedLinks, findRelated(i, article.categories, nodesByUrl, urls)), ...storyLinks(article, bySource) },
        records,
      ),
    ),
    ...pages.map((page) => toArticlePage(page, { older: undefined, newer: undefined, related: [] }, records)),
  ];

  const listings: ListingContext = { text, urls, pageSize: config.pageSize, order: config.pagination };
  const homeUrl = urls.homeUrl();
  const home = makeListingPages(
    {
      kind: 'home',
      url: homeUrl,
      section: homeUrl,
      heading: config.title,
      title: '',
      items: pick(summaries, stickyFirst(posts).filter(isListed)),
      ...(config.description ? { description: config.description } : {}),
    },
    { ...listings, pageSize: config.homePageSize },
  );
  const tags = listedNames(groupTags(posts, config.language, urls), isListed);
  const listingPages: ListingPage[] = [
    ...home,
    ...buildCategoryPages(categoryTree, summaries, listings),
    ...buildTagPages(tags, summaries, listings),
    ...buildArchivePages(listedArchives(groupArchives(posts, config.timezone), isListed), summaries, config, listings),
    ...buildAuthorPages(listedNames(groupAuthors(posts, config.language, urls), isListed), summaries, { ...listings, text: { ...text, authors: authorsName } }),
  ];

  const siteFeedTitle = config.title;
  const feeds: FeedSpec[] = [
    ...planFeeds({ title: siteFeedTitle, description: config.description, url: homeUrl, articles: listed }, ['atom', 'rss', 'json']),
    ...categoryNodes.flatMap((node) =>
      planFeeds({ title: `${node.path.join(' / ')} · ${config.title}`, description: '', url: node.url, articles: pick(posts, node.articles.slice(0, FEED_SIZE)) }, ['atom']),
    ),
    ...tags.flatMap((tag) =>
      planFeeds({ title: `${tag.name} · ${config.title}`, description: '', url: tag.url, articles: pick(posts, tag.articles.slice(0, FEED_SIZE)) }, ['atom']),
    ),
  ];
  const siteFeeds: FeedLink[] = feeds.slice(0, 3).map((f) => ({ title: `${siteFeedTitle} (${f.format === 'json' ? 'JSON Feed' : f.format === 'rss' ? 'RSS' : 'Atom'})`, type: FEED_TYPES[f.format], url: f.url }));

  const searchUrl = urls.searchUrl();
  const siteMeta: PageMeta = {
    title: config.title,
    description: config.description || text.describeListing(config.title, listed.length),
    type: 'website',
    image: undefined,
    jsonLd: undefined,
    feeds: [],
  };

  return {
    config: {
      title: config.title,
      subtitle: config.subtitle,
      description: config.description,
      author: config.author,
      baseUrl: config.baseUrl,
      language: config.language,
      timezone: config.timezone,
      locale: ogLocale(config.language),
      csp: contentSecurityPolicy(config.csp),
    },
    text,
    nav: [
      { name: text.home, url: homeUrl },
      { name: text.categories, url: urls.categoryUrl() },
      ...(tags.length > 0 ? [{ name: text.tags, url: urls.tagUrl() }] : []),
      { name: text.archives, url: urls.archiveUrl() },
      { name: authorsName, url: urls.authorUrl() },
      { name: text.search, url: searchUrl },
    ],
    articlePages,
    listingPages,
    searchPages: [
      { url: searchUrl, outputPath: outputPathForUrl(searchUrl), section: searchUrl, title: text.search, meta: { ...siteMeta, title: text.search } },
    ],
    // Its description counts the articles: held by this one page, not shared by all (one post more re-renders only it).
    notFoundPages: [{ outputPath: '404.html', meta: siteMeta }],
    redirectPages: listingPages.flatMap((page) => page.pagination.redirectUrls.map((url) => ({ outputPath: outputPathForUrl(url), to: page.url, title: page.meta.title }))),
    siteFeeds,
    feeds,
    sitemap: [
      ...listingPages.filter((page) => page.pagination.front).map((page) => ({ url: page.url, lastmod: undefined })),
      // Never another copy of a story: its page names the canonical copy, which search engines are to index instead.
      ...[...posts.filter((article) => !isOtherCopy(article, bySource)), ...pages].map((article) => ({ url: article.url, lastmod: article.updated ?? article.date })),
    ],
  };
}

function sortNewestFirst(articles: readonly Article[]): Article[] {
  return [...articles].sort((a, b) => b.timestamp - a.timestamp || compareUrls(a.url, b.url));
}

/**
 * The home page's order, as hexo-generator-index makes it: the posts by
 * date, then a stable sort by `sticky`, higher first (a negative one sinks
 * below the unpinned).
 *
 * @param posts newest first.
 * @returns indices into `posts`.
 */
function stickyFirst(posts: readonly Article[]): number[] {
  return posts.map((_, i) => i).sort((a, b) => (posts[b]?.sticky || 0) - (posts[a]?.sticky || 0));
}

function compareUrls(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
