import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { FORMAT_MODULE } from '../../src/search/write-search-index.ts';
import { searchSite } from '../../tests/helpers/search-index.ts';

/**
 * The queries, each a first query on a fresh page. Words found in the
 * generated posts (recombined from the 54 real ones in ../shared/corpus,
 * so "北京" or "猫" find nothing there).
 */
export const QUERIES = [
  { kind: '1 CJK character', query: '雨' },
  { kind: 'common character', query: '的' },
  { kind: '2 CJK characters', query: '手机' },
  { kind: '4 CJK characters', query: '人工智能' },
  { kind: '8 CJK characters', query: '正式测试的过程中' },
  { kind: 'Latin word', query: 'Chrome' },
  { kind: 'mixed', query: 'Chrome 浏览器' },
  { kind: 'no result', query: 'qzxjv' },
  { kind: 'four common parts', query: '一个 的 了 在' },
] as const;

/** What a first query fetched, as the search page would. */
export interface QueryCost {
  kind: string;
  query: string;
  /** Files and bytes fetched for the first page of results, the entry included. */
  files: number;
  bytes: number;
  /** Results on the first page, and the count shown (`null`: not known before every candidate is read). */
  results: number;
  total: number | null;
  exact: boolean;
  /** Time to the first page, reading from disk in this process. */
  wallMs: number;
}

/**
 * Runs every query through the site's own search-engine.js against the
 * index in `<siteDir>/search-index/` (tests/helpers/search-index.ts reads
 * files from disk as the browser fetches them). The engine and the format
 * module are this repository's (`npm run compile` made the latter).
 */
export async function runQueries(siteDir: string, repoRoot: string): Promise<QueryCost[]> {
  await copyFile(path.join(repoRoot, 'public', 'search-engine.js'), path.join(siteDir, 'search-engine.js'));
  await copyFile(path.join(repoRoot, 'dist', 'search', 'index-format.js'), path.join(siteDir, FORMAT_MODULE));
  const costs: QueryCost[] = [];
  for (const { kind, query } of QUERIES) {
    const started = performance.now();
    const search = await searchSite(siteDir, query, 1);
    const wallMs = Math.round(performance.now() - started);
    costs.push({ kind, query, ...search.firstPage, results: search.found.length, total: search.total ?? null, exact: search.exact, wallMs });
  }
  return costs;
}
