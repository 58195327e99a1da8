import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from './run-cli.ts';
import { searchSite } from './search-index.ts';

/** Whether a file of a site (relative, POSIX separators) is the search index's: compared by {@link assertSameSearch}, not byte for byte. */
export const inSearchIndex = (file: string) => file === 'search-index' || file.startsWith('search-index/');

/**
 * Asserts two built sites are the same: every file but the search index's
 * with the same bytes, and (unless `search` is false) the same search
 * answers. An updated index keeps its base and adds a recent segment
 * (src/search/index-plan.ts), so its files differ from a whole build's.
 */
export async function assertSameSite(actual: string, expected: string, what: string, { search = true } = {}): Promise<void> {
  const tree = async (dir: string) => {
    const files = (await listFiles(dir)).map((file) => path.relative(dir, file).split(path.sep).join('/')).filter((file) => !inSearchIndex(file));
    return new Map(await Promise.all(files.map(async (file) => [file, await readFile(path.join(dir, file))] as const)));
  };
  const [a, e] = await Promise.all([tree(actual), tree(expected)]);
  assert.deepEqual([...a.keys()].sort(), [...e.keys()].sort(), `${what}: the same files`);
  for (const [file, bytes] of e) assert.ok(a.get(file)?.equals(bytes), `${what}: ${file} differs`);
  if (search) await assertSameSearch(expected, actual, what);
}

/**
 * Asserts two sites' searches give the same results, in the same order,
 * with the same counts: for every article's title and the start of its
 * text, and for a few words in many articles. Resolves the number of queries.
 */
export async function assertSameSearch(expectedDir: string, actualDir: string, what: string): Promise<number> {
  const queries = new Set(['的', '科技', 'the', '2021']);
  const everyArticle = [...(await searchSite(expectedDir, '的')).found, ...(await searchSite(expectedDir, 'the')).found];
  for (const result of everyArticle) {
    queries.add(result.title.map((piece) => piece.text).join(''));
    queries.add(result.excerpt.map((piece) => piece.text).join('').replace('…', '').slice(0, 12));
  }
  const answer = async (dir: string, query: string) => {
    const { found, total } = await searchSite(dir, query);
    return `${JSON.stringify(query)}: ${total} · ${found.map((result) => result.url).join(' ')}`;
  };
  for (const query of queries) assert.equal(await answer(actualDir, query), await answer(expectedDir, query), `${what}: the search answers as the whole build's`);
  return queries.size;
}
