import type { FeedChannel } from './feed-channel.ts';
import { escapeXml } from './xml-text.ts';

/**
 * An Atom 1.0 feed (RFC 4287). Content is `type="html"`: the sanitized body
 * as escaped text, never CDATA (a body may itself contain `]]>`). Every
 * entry has an author: its own, else the feed's (the site's author, else
 * its title), which RFC 4287 §4.1.1 requires when an entry has none. A
 * link post's source is the entry's `rel="related"` link (§4.2.7.2).
 */
export function renderAtomFeed(channel: FeedChannel): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(channel.language)}">`,
    `<title>${escapeXml(channel.title)}</title>`,
    ...(channel.description ? [`<subtitle>${escapeXml(channel.description)}</subtitle>`] : []),
    `<link rel="self" type="application/atom+xml" href="${escapeXml(channel.feedUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(channel.homeUrl)}"/>`,
    `<id>${escapeXml(channel.feedUrl)}</id>`,
    `<updated>${escapeXml(channel.updated)}</updated>`,
    `<author><name>${escapeXml(channel.author)}</name></author>`,
    '<generator>wirepress</generator>',
  ];
  for (const entry of channel.entries) {
    lines.push(
      '<entry>',
      `<title>${escapeXml(entry.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>`,
      ...(entry.link ? [`<link rel="related" type="text/html" href="${escapeXml(entry.link)}"/>`] : []),
      `<id>${escapeXml(entry.url)}</id>`,
      `<published>${escapeXml(entry.published)}</published>`,
      `<updated>${escapeXml(entry.updated)}</updated>`,
      ...(entry.author ? [`<author><name>${escapeXml(entry.author)}</name></author>`] : []),
      ...entry.categories.map((term) => `<category term="${escapeXml(term)}"/>`),
      `<summary>${escapeXml(entry.summary)}</summary>`,
      `<content type="html">${escapeXml(entry.contentHtml)}</content>`,
      '</entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
