import type { Article } from '../../article/article.ts';
import { BoundedCache } from '../../system/bounded-cache.ts';
import { absoluteUrl } from '../../urls/index.ts';
import { toFeedEntry, type FeedEntry } from './feed-entry.ts';
import { feedOutputPath, feedUrl, type FeedFormat } from './feed-urls.ts';

/** Entries per feed: the newest 20, as most readers poll often enough (default of {@link planFeeds}). */
export const FEED_SIZE = 20;

/** One feed file to write, as plain data (articles are shared references, not copies). */
export interface FeedSpec {
  readonly format: FeedFormat;
  /** Root-relative URL of the feed. */
  readonly url: string;
  /** Relative to the output folder. */
  readonly outputPath: string;
  readonly title: string;
  readonly description: string;
  /** Root-relative URL of the page the feed follows (home, a category). */
  readonly homeUrl: string;
  /** Newest first, at most the feed size. */
  readonly articles: readonly Article[];
}

/** A feed ready to serialize: absolute URLs, entries made. */
export interface FeedChannel {
  readonly title: string;
  /** The feed's author: the site's `author`, else its title. */
  readonly author: string;
  readonly description: string;
  readonly language: string;
  readonly feedUrl: string;
  readonly homeUrl: string;
  /** Newest `updated` of the entries (ISO 8601); the epoch for an empty feed, so output stays reproducible. */
  readonly updated: string;
  readonly entries: readonly FeedEntry[];
}

/** What {@link planFeeds} describes. */
export interface FeedListing {
  readonly title: string;
  readonly description: string;
  /** Directory URL of the listing page, e.g. `/` or `categories/科技/`. */
  readonly url: string;
  /** Newest first; only the first `size` are kept. */
  readonly articles: readonly Article[];
}

/**
 * The feed files of one listing, one per format.
 *
 * @param size entries per feed (default: 20).
 */
export function planFeeds(listing: FeedListing, formats: readonly FeedFormat[], size = FEED_SIZE): FeedSpec[] {
  const articles = listing.articles.slice(0, size);
  return formats.map((format) => ({
    format,
    url: feedUrl(listing.url, format),
    outputPath: feedOutputPath(listing.url, format),
    title: listing.title,
    description: listing.description,
    homeUrl: listing.url,
    articles,
  }));
}

/** Site settings a feed prints. */
export interface FeedSite {
  readonly title: string;
  /** The site's author (default: none; the title stands for it). */
  readonly author?: string | undefined;
  readonly baseUrl: string;
  readonly language: string;
}

/**
 * Resolves a feed spec into a channel. `entryOf` makes (or recalls) the
 * entry of an article, so an article in several feeds is converted once.
 */
export function toFeedChannel(spec: FeedSpec, site: FeedSite, entries: readonly FeedEntry[]): FeedChannel {
  const newest = Math.max(0, ...entries.map((e) => Date.parse(e.updated)).filter((t) => !Number.isNaN(t)));
  const updatedEntry = entries.find((e) => Date.parse(e.updated) === newest);
  return {
    title: spec.title,
    author: site.author || site.title,
    description: spec.description,
    language: site.language,
    feedUrl: absoluteUrl(site.baseUrl, spec.url),
    homeUrl: absoluteUrl(site.baseUrl, spec.homeUrl),
    updated: updatedEntry?.updated ?? new Date(0).toISOString(),
    entries,
  };
}

/** Entries kept for the feeds still to write: an article is in the site's feeds and its categories', rarely more. */
const CACHED_ENTRIES = 500;

/**
 * The feed entry of an article, its HTML loaded (`loadHtml`) once for the
 * several feeds that show it, by its source: a bounded number are kept, so
 * that the feeds of 10,000 articles never hold every body at once.
 */
export function feedEntryCache(baseUrl: string, loadHtml: (article: Article) => Promise<string>): (article: Article) => Promise<FeedEntry> {
  const cache = new BoundedCache<Promise<FeedEntry>>(CACHED_ENTRIES);
  return (article) => cache.get(article.source, async () => toFeedEntry(article, await loadHtml(article), baseUrl));
}
