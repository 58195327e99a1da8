import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SEARCH_BUNDLE_DIR, SEARCH_SHARDS_FILE } from '../../src/site/search-index.ts';

/** The shard folders `pagefind/shards.json` lists. */
export async function readShards(outDir: string): Promise<string[]> {
  const { shards } = JSON.parse(await readFile(path.join(outDir, SEARCH_BUNDLE_DIR, SEARCH_SHARDS_FILE), 'utf8')) as { shards: string[] };
  return shards;
}

/**
 * Whether the search index holds `text`: Pagefind keeps each page's indexed
 * text in a gzipped fragment, `pagefind_dcd` followed by JSON with `content`.
 */
export async function searchIndexHolds(outDir: string, text: string): Promise<boolean> {
  for (const shard of await readShards(outDir)) {
    const dir = path.join(outDir, SEARCH_BUNDLE_DIR, shard, 'fragment');
    for (const file of await readdir(dir)) {
      const raw = gunzipSync(await readFile(path.join(dir, file))).toString('utf8');
      const fragment = JSON.parse(raw.slice(raw.indexOf('{'))) as { content?: string };
      if (fragment.content?.includes(text)) return true;
    }
  }
  return false;
}
