import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../../article/article.ts';
import { renderAtomFeed } from './atom-feed.ts';
import { feedEntryCache, toFeedChannel, type FeedSite, type FeedSpec } from './feed-channel.ts';
import type { FeedFormat } from './feed-urls.ts';
import { renderJsonFeed } from './json-feed.ts';
import { renderRssFeed } from './rss-feed.ts';

const RENDERERS: Readonly<Record<FeedFormat, typeof renderAtomFeed>> = { atom: renderAtomFeed, rss: renderRssFeed, json: renderJsonFeed };

/**
 * Serializes and writes every feed. One at a time: with a feed per
 * category, holding every rendered feed at once would cost a lot of
 * memory on a 10,000-article site.
 *
 * @param loadHtml an article's HTML (from the cache)
 * @returns the files written, relative to `outDir`.
 */
export async function writeFeeds(specs: readonly FeedSpec[], site: FeedSite, outDir: string, loadHtml: (article: Article) => Promise<string>): Promise<string[]> {
  const entryOf = feedEntryCache(site.baseUrl, loadHtml);
  const written: string[] = [];
  for (const spec of specs) {
    const file = path.join(outDir, spec.outputPath);
    await mkdir(path.dirname(file), { recursive: true });
    const entries = await Promise.all(spec.articles.map(entryOf));
    await writeFile(file, RENDERERS[spec.format](toFeedChannel(spec, site, entries)));
    written.push(spec.outputPath);
  }
  return written;
}
