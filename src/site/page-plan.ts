import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeedSpec } from './feeds/feed-channel.ts';
import type { SiteData } from './pages/site-data.ts';
import type { ArticlePage, ListingPage } from './pages/types.ts';
import { listFilesRecursive } from '../system/list-files.ts';

/** The page lists of {@link SiteData} that templates paginate over, one entry per written page. */
const PAGE_LISTS = ['articlePages', 'listingPages', 'searchPages', 'notFoundPages', 'redirectPages'] as const;

/** One of {@link PAGE_LISTS}. */
export type PageList = (typeof PAGE_LISTS)[number];

/** The fingerprint of every page a build writes, by output path (relative, POSIX). */
export type PageFingerprints = ReadonlyMap<string, string>;

/**
 * Fingerprints every page from everything that shapes its HTML: its own
 * entry (for an article: its HTML's hash, its neighbours, its related
 * articles) and `shared` (see {@link sharedPageFingerprint}). A page whose
 * fingerprint is the one the previous build recorded need not be rendered
 * again.
 */
export function fingerprintPages(data: SiteData, shared: string): PageFingerprints {
  const fingerprints = new Map<string, string>();
  for (const list of PAGE_LISTS) {
    for (const entry of data[list]) fingerprints.set(entry.outputPath, fingerprintPage(shared, list, entry));
  }
  return fingerprints;
}

/** The fingerprint of one entry of a page list (see {@link fingerprintPages}). */
export function fingerprintPage(shared: string, list: PageList, entry: { readonly outputPath: string }): string {
  return createHash('sha256').update(shared).update(list).update(JSON.stringify(withSharedDigests(list, entry))).digest('hex');
}

/**
 * The entry with each object it shares with other pages replaced by the
 * object's digest: the article summaries a listing shows (one summary is
 * on up to eight listings) and the links an article page has to its
 * neighbours and related articles (one link is on up to seven pages). At
 * 2,000 posts, summaries were most of the JSON the pages' fingerprints
 * hashed; at 10,000, the links were almost half of an article page's (their
 * URLs percent-encoded: bench/results/2026-12-04-issue-23-session8-memory.json),
 * so each is serialized and hashed once.
 */
function withSharedDigests(list: PageList, entry: { readonly outputPath: string }): unknown {
  if (list === 'listingPages') {
    const page = entry as ListingPage;
    return { ...page, groups: page.groups.map((group) => ({ ...group, items: group.items.map(sharedDigest) })) };
  }
  if (list === 'articlePages') {
    const page = entry as ArticlePage;
    return { ...page, older: page.older && sharedDigest(page.older), newer: page.newer && sharedDigest(page.newer), related: page.related.map(sharedDigest) };
  }
  return entry;
}

/** Digests of shared objects already seen; they are never changed once made (a changed article gets new ones). */
const sharedDigests = new WeakMap<object, string>();

function sharedDigest(shared: object): string {
  let digest = sharedDigests.get(shared);
  if (digest === undefined) {
    digest = createHash('sha256').update(JSON.stringify(shared)).digest('base64');
    sharedDigests.set(shared, digest);
  }
  return digest;
}

/** Fingerprints every feed file like {@link fingerprintPages} does pages (its articles carry their HTML's hash, not the HTML). */
export function fingerprintFeeds(feeds: readonly FeedSpec[], shared: string): PageFingerprints {
  return new Map(feeds.map((feed) => [feed.outputPath, fingerprintFeed(shared, feed)]));
}

/** The fingerprint of one feed file (see {@link fingerprintFeeds}). */
export function fingerprintFeed(shared: string, feed: FeedSpec): string {
  return createHash('sha256').update(shared).update('feed').update(JSON.stringify(feed)).digest('hex');
}

/** The site data with only the pages `keep` accepts left in its page lists. */
export function onlyPages(data: SiteData, keep: (outputPath: string) => boolean): SiteData {
  const lists = Object.fromEntries(PAGE_LISTS.map((list) => [list, (data[list] as readonly { outputPath: string }[]).filter((entry) => keep(entry.outputPath))]));
  return { ...data, ...lists };
}

/**
 * The pages of `data` cut into batches of at most `size` pages, in order
 * (articles first), the short lists sharing a batch: each batch is one
 * Eleventy run, set up anew. Every batch carries the site-wide data.
 */
export function pageBatches(data: SiteData, size: number): SiteData[] {
  const empty = () => Object.fromEntries(PAGE_LISTS.map((list) => [list, [] as unknown[]])) as Record<PageList, unknown[]>;
  const batches: Record<PageList, unknown[]>[] = [];
  let batch = empty();
  let room = size;
  for (const list of PAGE_LISTS) {
    const pages = data[list] as readonly unknown[];
    for (let start = 0; start < pages.length; ) {
      const taken = pages.slice(start, start + room);
      batch[list].push(...taken);
      start += taken.length;
      room -= taken.length;
      if (room === 0) {
        batches.push(batch);
        batch = empty();
        room = size;
      }
    }
  }
  if (room < size) batches.push(batch);
  return batches.map((lists) => ({ ...data, ...lists }) as SiteData);
}

/** Whether any page list of `data` has a page. */
export function hasPages(data: SiteData): boolean {
  return PAGE_LISTS.some((list) => data[list].length > 0);
}

/**
 * The part of every page's fingerprint that all pages share: the site-wide
 * data, every file of the templates folders (the built-in one, and the
 * site's own), and the code fingerprint.
 */
export async function sharedPageFingerprint(data: SiteData, templatesDirs: readonly string[], code: string): Promise<string> {
  const hash = createHash('sha256').update(code).update('\0');
  hash.update(JSON.stringify([data.config, data.text, data.nav, data.siteFeeds]));
  for (const [i, dir] of templatesDirs.entries()) {
    for (const file of await listFilesRecursive(dir)) hash.update(`\0${i}\0`).update(path.relative(dir, file)).update('\0').update(await readFile(file));
  }
  return hash.digest('hex');
}
