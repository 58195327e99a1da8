import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { SEARCH_DIR } from '../../src/search/write-search-index.ts';
import { searchSite } from '../../tests/helpers/search-index.ts';

// Each a first query on a fresh page (bench/README.md says why each); all but
// one find words of the generated posts, where "北京" or "猫" find nothing.
const QUERIES = ['雨', '的', '手机', '人工智能', 'Chrome', 'Chrome 浏览器', 'qzxjv', '一个 的 了 在'];

/**
 * What a published site costs: its bytes on disk (each file once: hard links
 * share theirs), the search index's share, and per query the files and bytes
 * fetched until the first page of results, the entry included.
 */
export interface SiteCost {
  bytes: number;
  searchBytes: number;
  queries: { query: string; files: number; bytes: number; results: number }[];
}

/** Measures the site at `outDir`; the queries run the site's own search-engine.js, reading files from disk as a browser fetches them. */
export async function measureSite(outDir: string): Promise<SiteCost> {
  const seen = new Set<bigint>();
  let [bytes, searchBytes] = [0, 0];
  for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { ino, size } = await lstat(file, { bigint: true });
    if (seen.has(ino)) continue;
    seen.add(ino);
    bytes += Number(size);
    if (path.relative(outDir, file).startsWith(`${SEARCH_DIR}${path.sep}`)) searchBytes += Number(size);
  }
  const queries = [];
  for (const query of QUERIES) {
    const search = await searchSite(outDir, query, 1);
    queries.push({ query, ...search.firstPage, results: search.found.length });
  }
  return { bytes, searchBytes, queries };
}
