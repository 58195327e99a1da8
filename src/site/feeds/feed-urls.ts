import { outputPathForUrl } from '../../urls/index.ts';

/** The feed formats the site writes. */
export type FeedFormat = 'atom' | 'rss' | 'json';

/** File name of each format inside the folder it covers: `/atom.xml`, `/categories/科技/atom.xml`. */
export const FEED_FILES: Readonly<Record<FeedFormat, string>> = { atom: 'atom.xml', rss: 'rss.xml', json: 'feed.json' };

/** Media type of each format, for `<link rel="alternate" type>` and `rel="self"`. */
export const FEED_TYPES: Readonly<Record<FeedFormat, string>> = {
  atom: 'application/atom+xml',
  rss: 'application/rss+xml',
  json: 'application/feed+json',
};

/**
 * The URL of a feed covering the listing at `dirUrl` (a directory URL from
 * src/urls, e.g. `categoryUrl(path)`). A fixed file name after a built,
 * already-safe directory URL, as `pageUrl` adds `page/2/`.
 */
export function feedUrl(dirUrl: string, format: FeedFormat): string {
  return `${dirUrl}${FEED_FILES[format]}`;
}

/** The file a feed URL is written to, relative to the output folder: `/categories/%E7%A7%91/atom.xml` → `categories/科/atom.xml`. */
export function feedOutputPath(dirUrl: string, format: FeedFormat): string {
  return outputPathForUrl(dirUrl).replace(/index\.html$/, FEED_FILES[format]);
}
