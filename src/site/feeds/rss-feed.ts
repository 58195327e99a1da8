import type { FeedChannel } from './feed-channel.ts';
import { escapeXml } from './xml-text.ts';

/**
 * An RSS 2.0 feed (https://www.rssboard.org/rss-specification) with the
 * `atom:link rel="self"` the RSS Advisory Board recommends. Dates are RFC
 * 822 in GMT; the body goes in `<description>` as escaped HTML (the RSS
 * convention, not CDATA); authors are names, not e-mail addresses, so they
 * use `dc:creator` rather than `<author>`.
 */
export function renderRssFeed(channel: FeedChannel): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${escapeXml(channel.title)}</title>`,
    `<link>${escapeXml(channel.homeUrl)}</link>`,
    // RSS requires a description; a site without one describes itself by its title.
    `<description>${escapeXml(channel.description || channel.title)}</description>`,
    `<language>${escapeXml(channel.language)}</language>`,
    `<lastBuildDate>${rfc822(channel.updated)}</lastBuildDate>`,
    `<atom:link href="${escapeXml(channel.feedUrl)}" rel="self" type="application/rss+xml"/>`,
    '<generator>wirepress</generator>',
  ];
  for (const entry of channel.entries) {
    lines.push(
      '<item>',
      `<title>${escapeXml(entry.title)}</title>`,
      `<link>${escapeXml(entry.url)}</link>`,
      `<guid isPermaLink="true">${escapeXml(entry.url)}</guid>`,
      `<pubDate>${rfc822(entry.published)}</pubDate>`,
      ...(entry.author ? [`<dc:creator>${escapeXml(entry.author)}</dc:creator>`] : []),
      ...entry.categories.map((term) => `<category>${escapeXml(term)}</category>`),
      `<description>${escapeXml(entry.contentHtml)}</description>`,
      '</item>',
    );
  }
  lines.push('</channel>', '</rss>', '');
  return lines.join('\n');
}

/** `Tue, 19 Oct 2021 00:49:00 GMT`; `toUTCString` writes exactly RFC 822's form. */
function rfc822(iso: string): string {
  const time = Date.parse(iso);
  return new Date(Number.isNaN(time) ? 0 : time).toUTCString();
}
