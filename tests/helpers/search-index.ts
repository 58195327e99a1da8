import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IndexEntry } from '../../src/search/write-search-index.ts';

/** A result of the built site's search, as public/search-engine.js gives it. */
export interface FoundArticle {
  readonly id: number;
  readonly url: string;
  readonly date: string;
  readonly title: readonly { text: string; mark: boolean }[];
  readonly excerpt: readonly { text: string; mark: boolean }[];
}

/** What a search of the built site found, and what it fetched to find it. */
export interface SiteSearch {
  /** Every result, all pages read. */
  readonly found: FoundArticle[];
  /** The count shown once every candidate was read. */
  readonly total: number | undefined;
  /** Whether the candidates were exact (no text had to be read to check them). */
  readonly exact: boolean;
  /** Files and bytes the first page fetched, the entry included. */
  readonly firstPage: { files: number; bytes: number };
}

/**
 * Searches a built site with its own search-engine.js (imported from the
 * site, so what is tested is what is served), reading files from disk as
 * the browser would fetch them.
 *
 * @param pages result pages to read (default: all)
 */
export async function searchSite(outDir: string, query: string, pages = Infinity): Promise<SiteSearch> {
  const { SearchIndex } = (await import(pathToFileURL(path.join(outDir, 'search-engine.js')).href)) as {
    SearchIndex: new (dir: string, load: (url: string) => Promise<Response>) => {
      search(query: string): Promise<{ more(): Promise<FoundArticle[]>; found: FoundArticle[]; total: number | undefined; exact: boolean; unchecked: number }>;
    };
  };
  let files = 0;
  let bytes = 0;
  const index = new SearchIndex('/search-index/', async (url) => {
    const data = await readFile(path.join(outDir, url)).catch(() => undefined);
    files += 1;
    bytes += data?.length ?? 0;
    return data ? new Response(data) : new Response('not found', { status: 404 });
  });
  const results = await index.search(query);
  await results.more();
  const firstPage = { files, bytes };
  for (let page = 1; page < pages && results.unchecked > 0; page += 1) await results.more();
  return { found: results.found, total: results.total, exact: results.exact, firstPage };
}

/** Whether the built site's search finds `text` in some article. */
export async function searchIndexHolds(outDir: string, text: string): Promise<boolean> {
  return (await searchSite(outDir, text)).found.length > 0;
}

/** The built site's search index entry: the names of its postings files and text folders (see src/search/write-search-index.ts). */
export async function readIndexEntry(outDir: string): Promise<IndexEntry> {
  return JSON.parse(await readFile(path.join(outDir, 'search-index', 'index.json'), 'utf8')) as IndexEntry;
}
