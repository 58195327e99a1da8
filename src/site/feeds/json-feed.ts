import type { FeedChannel } from './feed-channel.ts';
import { toSafeJson } from './xml-text.ts';

/**
 * A JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). Serialized with
 * `<`, `>` and `&` as `\u003c` etc. (still the same JSON), so the file is
 * harmless even if a browser sniffs it as HTML.
 */
export function renderJsonFeed(channel: FeedChannel): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.homeUrl,
    feed_url: channel.feedUrl,
    ...(channel.description ? { description: channel.description } : {}),
    language: channel.language,
    authors: [{ name: channel.author }],
    items: channel.entries.map((entry) => ({
      id: entry.url,
      url: entry.url,
      ...(entry.link ? { external_url: entry.link } : {}),
      title: entry.title,
      content_html: entry.contentHtml,
      summary: entry.summary,
      ...(entry.image ? { image: entry.image } : {}),
      date_published: entry.published,
      date_modified: entry.updated,
      ...(entry.author ? { authors: [{ name: entry.author }] } : {}),
      ...(entry.categories.length ? { tags: entry.categories } : {}),
    })),
  };
  return `${toSafeJson(feed, 2)}\n`;
}
