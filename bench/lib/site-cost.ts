import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { SEARCH_DIR } from '../../src/search/write-search-index.ts';
import { searchSite } from '../../tests/helpers/search-index.ts';

/**
 * The queries, each a first query on a fresh page. Words found in the
 * generated posts (recombined from the real ones in ../shared/corpus, so
 * "北京" or "猫" find nothing there).
 */
export const QUERIES = [
  { kind: '1 CJK character', query: '雨' },
  { kind: 'common character', query: '的' },
  { kind: '2 CJK characters', query: '手机' },
  { kind: '4 CJK characters', query: '人工智能' },
  { kind: 'Latin word', query: 'Chrome' },
  { kind: 'mixed', query: 'Chrome 浏览器' },
  { kind: 'no result', query: 'qzxjv' },
  { kind: 'four common parts', query: '一个 的 了 在' },
] as const;

/** What a reader's first query fetched: files and bytes until the first page of results, the entry included. */
export interface QueryCost {
  query: string;
  files: number;
  bytes: number;
  results: number;
}

/** What a published site costs: bytes on disk (each file once, hard links shared), the search index's share, and first queries. */
export interface SiteCost {
  bytes: number;
  searchBytes: number;
  queries: QueryCost[];
}

/**
 * Measures the site published at `outDir`: its size, and each of
 * {@link QUERIES} run by the site's own search-engine.js reading files from
 * disk as the browser fetches them (tests/helpers/search-index.ts).
 */
export async function measureSite(outDir: string): Promise<SiteCost> {
  const seen = new Set<bigint>();
  let [bytes, searchBytes] = [0, 0];
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    const found = await lstat(file, { bigint: true });
    if (seen.has(found.ino)) continue;
    seen.add(found.ino);
    bytes += Number(found.size);
    if (path.relative(outDir, file).startsWith(`${SEARCH_DIR}${path.sep}`)) searchBytes += Number(found.size);
  }
  const queries: QueryCost[] = [];
  for (const { query } of QUERIES) {
    const search = await searchSite(outDir, query, 1);
    queries.push({ query, ...search.firstPage, results: search.found.length });
  }
  return { bytes, searchBytes, queries };
}
