import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
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
 * @returns the files written, relative to `outDir`.
 */
export async function writeFeeds(specs: readonly FeedSpec[], site: FeedSite, outDir: string): Promise<string[]> {
  const entryOf = feedEntryCache(site.baseUrl);
  const written: string[] = [];
  for (const spec of specs) {
    const file = path.join(outDir, spec.outputPath);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, RENDERERS[spec.format](toFeedChannel(spec, site, entryOf)));
    written.push(spec.outputPath);
  }
  return written;
}
