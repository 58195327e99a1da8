import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../article.ts';
import { findPackageRoot, type SiteConfig } from '../config/index.ts';
import { writeFileAtomic } from '../system/atomic-write.ts';
import { bucketFilePath, textFilePath, type IndexLayout, type IndexMoves, type MadeIndex, type PublishedIndex } from './index-files.ts';
import { FORMAT_VERSION, GROUP_SIZE } from './index-format.ts';
import { makeIndexInThread } from './index-thread.ts';
import { searchDocs, searchRecord, type SearchDoc } from './search-docs.ts';

/** The index's folder in the site. */
export const SEARCH_DIR = 'search-index';
/** Its entry, the one file not named by its content: the search page fetches it first, revalidating it. */
export const ENTRY_FILE = 'index.json';

/** The index's format (index-format.ts) as the browser imports it, beside public/search-engine.js. */
export const FORMAT_MODULE = 'search-format.js';

/** Whether a file of the site (relative, POSIX separators) is the search index's to write. */
export function isSearchIndexFile(file: string): boolean {
  return file === FORMAT_MODULE || file.startsWith(`${SEARCH_DIR}/`);
}

/** The entry of an index, as the search page reads it. */
export interface IndexEntry {
  readonly format: number;
  /** Articles (ids 0 to docs − 1). */
  readonly docs: number;
  /** The name of each postings file, by termFile. */
  readonly buckets: readonly string[];
  /** The name of each folder of text files (see GROUP_SIZE). */
  readonly groups: readonly string[];
}

/** Expected bytes of postings per article (measured: 2,233 at 10,000 generated posts). */
const POSTINGS_PER_ARTICLE = 2300;
/** What a postings file should hold, about: a query fetches up to four. */
const BUCKET_BYTES = 32 * 1024;

/** Postings files for `docs` articles: a power of two, so that termFile is a mask; it depends on the count alone, so an update and a whole build agree. */
export function bucketCount(docs: number): number {
  let files = 1;
  while (files * BUCKET_BYTES < docs * POSTINGS_PER_ARTICLE) files *= 2;
  return files;
}

/** Where and how {@link writeSearchIndex} writes. */
export interface SearchIndexOptions {
  /** The site being made (the index goes in its `search-index/`). */
  readonly outDir: string;
  /** The published site, when the build may take its index from it. */
  readonly previousDir?: string | undefined;
  /** Files of the index the new one keeps unchanged stay in `previousDir` (the dev server's in-place publish) rather than be taken into `outDir`. */
  readonly keepUnchanged?: boolean;
  /** What else the index depends on (the code). */
  readonly salt: string;
  /** An article's plain text (read from the cache). */
  readonly readText: (article: Article) => Promise<string>;
  /**
   * Takes files (relative to the sites) from `previousDir` into `outDir`;
   * resolves those it could not.
   */
  readonly reuse: (files: readonly string[]) => Promise<string[]>;
  readonly signal?: AbortSignal | undefined;
}

/** What {@link writeSearchIndex} did. */
export interface SearchIndexResult {
  /** Articles in the index. */
  readonly articles: number;
  /** Every file of the index, relative to the site, the entry first. */
  readonly files: string[];
  /** Its top-level names in `search-index/`: what an in-place publish keeps there. */
  readonly names: string[];
  /** How it was made: whole, by updating the published one, or taken unchanged. */
  readonly made: 'whole' | 'updated' | 'unchanged';
}

/**
 * Writes the site's search index into `<outDir>/search-index/`: an entry,
 * postings files (terms split by hash), and a text file per article, all
 * but the entry named by their content (see index-format.ts). When the
 * published site's index is known (its state kept in the cache), only what
 * changed is made again: a few edited or added articles update it in a
 * fraction of a second; otherwise it is built whole, in a worker thread.
 */
export async function writeSearchIndex(articles: readonly Article[], config: SiteConfig, options: SearchIndexOptions): Promise<SearchIndexResult> {
  const docs = searchDocs(articles, config, `${options.salt}\0${FORMAT_VERSION}`);
  const layout: IndexLayout = { dir: path.join(options.outDir, SEARCH_DIR), docs: docs.length, files: bucketCount(docs.length), groups: groupNames(docs) };
  const stateDir = path.join(config.cacheDir, 'search');
  const previous = options.previousDir ? await loadPublishedIndex(path.join(options.previousDir, SEARCH_DIR), stateDir) : undefined;
  const record = (id: number) => {
    const article = docs[id]!.article;
    return options.readText(article).then((text) => searchRecord(article, config, text));
  };
  const allIds = docs.map((_, id) => id);

  let made: MadeIndex | undefined;
  let how: SearchIndexResult['made'] = 'whole';
  if (previous && previous.index.buckets.length === layout.files) {
    const moves = movesSince(previous.keys, docs);
    const gone = moves.moved.filter((to) => to === -1).length;
    if (moves.added.length === 0 && moves.moved.every((to, from) => to === from)) {
      made = { buckets: [...previous.index.buckets], made: [] };
      how = 'unchanged';
    } else if (moves.added.length + gone <= Math.max(64, docs.length / 8)) {
      made = await makeIndexInThread({ type: 'patch', layout, previous: previous.index, moves }, moves.added, record, options.signal).catch((error: unknown) => {
        if (options.signal?.aborted) throw error;
        // A file of the published index is missing or damaged: build it whole.
        return undefined;
      });
      how = 'updated';
    }
  }
  if (!made) {
    await rm(layout.dir, { recursive: true, force: true });
    made = await makeIndexInThread({ type: 'whole', layout }, allIds, record, options.signal);
    how = 'whole';
  }

  const entry: IndexEntry = { format: FORMAT_VERSION, docs: docs.length, buckets: made.buckets, groups: layout.groups };
  const entryText = `${JSON.stringify(entry)}\n`;
  await mkdir(layout.dir, { recursive: true });
  // Atomically: in a folder kept to build in, the old entry may be a link to the live one.
  await writeFileAtomic(path.join(layout.dir, ENTRY_FILE), entryText);
  const inIndex = [...new Set(made.buckets)].map(bucketFilePath).concat(allIds.map((id) => textFilePath(layout.groups, id)));
  if (!options.keepUnchanged) {
    const written = new Set(made.made);
    // What the folder does not hold yet: a folder kept to build in may hold some of it already.
    const wanted = inIndex.filter((file) => !written.has(file) && !existsSync(path.join(layout.dir, file)));
    const missing = await options.reuse(wanted.map((file) => `${SEARCH_DIR}/${file}`));
    if (missing.length > 0) {
      if (how === 'whole') throw new Error(`${missing[0]} was not written`);
      // The published index lost a file since: build it whole.
      return writeSearchIndex(articles, config, { ...options, previousDir: undefined });
    }
  }
  const names = [ENTRY_FILE, ...new Set(made.buckets.map(bucketFilePath)), ...new Set(layout.groups)];
  // A folder kept to build in holds files of an older index: what this one does not name goes.
  if (!options.keepUnchanged) await removeOthers(layout.dir, new Set(names));
  await writeFormatModule(options.outDir);
  await saveIndexState(stateDir, entryText, docs);
  return {
    articles: docs.length,
    files: [FORMAT_MODULE, `${SEARCH_DIR}/${ENTRY_FILE}`, ...inIndex.map((file) => `${SEARCH_DIR}/${file}`)],
    names,
    made: how,
  };
}

async function removeOthers(dir: string, keep: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(dir)) if (!keep.has(name)) await rm(path.join(dir, name), { recursive: true, force: true });
}

/**
 * Copies the compiled index-format.ts into the site, for the search page:
 * the browser reads the index with the very code that wrote it. Under the
 * tests, wirepress runs from src/ but `npm test` compiles dist/ first.
 */
async function writeFormatModule(outDir: string): Promise<void> {
  const compiled = path.join(findPackageRoot(), 'dist', 'search', 'index-format.js');
  const source = await readFile(compiled, 'utf8').catch((error: unknown) => {
    throw new Error(`${compiled} is missing (${(error as Error).message}): run \`npm run compile\`, or reinstall wirepress`);
  });
  // Atomically: in a folder kept to build in, the old file may be a link to the live one.
  await writeFileAtomic(path.join(outDir, FORMAT_MODULE), source);
}

/** The name of each folder of text files: a hash of its articles' keys, so it changes whenever one of its files does. */
function groupNames(docs: readonly SearchDoc[]): string[] {
  const names: string[] = [];
  for (let first = 0; first < docs.length; first += GROUP_SIZE) {
    const hash = createHash('sha256');
    for (const doc of docs.slice(first, first + GROUP_SIZE)) hash.update(doc.key);
    names.push(hash.digest('hex').slice(0, 8));
  }
  return names;
}

/**
 * Where the published index's articles went: an article is kept when its
 * key (which stands for all its files are made of) is still there. Both
 * lists are in the same order, so kept articles keep their order.
 */
function movesSince(previousKeys: readonly string[], docs: readonly SearchDoc[]): IndexMoves {
  const newIds = new Map(docs.map((doc, id) => [doc.key, id]));
  const moved = Int32Array.from(previousKeys, (key) => newIds.get(key) ?? -1);
  const kept = new Set(moved);
  return { moved, added: docs.map((_, id) => id).filter((id) => !kept.has(id)) };
}

/** What the cache keeps of a published index: its articles' keys, by id. */
interface IndexState {
  readonly keys: readonly string[];
}

/** States kept (one per published index; a few, as the dev server and `build` may publish different sites). */
const STATES_KEPT = 4;

/**
 * The published index in `dir` and its articles' keys, kept in the cache
 * under the hash of its entry; `undefined` when either is missing.
 */
async function loadPublishedIndex(dir: string, stateDir: string): Promise<{ index: PublishedIndex; keys: readonly string[] } | undefined> {
  const entryText = await readFile(path.join(dir, ENTRY_FILE), 'utf8').catch(() => undefined);
  if (entryText === undefined) return undefined;
  const state = await readFile(statePath(stateDir, entryText), 'utf8').catch(() => undefined);
  if (state === undefined) return undefined;
  try {
    const entry = JSON.parse(entryText) as IndexEntry;
    const { keys } = JSON.parse(state) as IndexState;
    if (entry.format !== FORMAT_VERSION || keys.length !== entry.docs) return undefined;
    return { index: { dir, docs: entry.docs, buckets: entry.buckets, groups: entry.groups }, keys };
  } catch {
    return undefined;
  }
}

async function saveIndexState(stateDir: string, entryText: string, docs: readonly SearchDoc[]): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  const state: IndexState = { keys: docs.map((doc) => doc.key) };
  await writeFileAtomic(statePath(stateDir, entryText), JSON.stringify(state));
  const names = await readdir(stateDir);
  const dated = await Promise.all(names.map(async (name) => ({ name, time: (await stat(path.join(stateDir, name)).catch(() => undefined))?.mtimeMs ?? 0 })));
  for (const { name } of dated.sort((a, b) => b.time - a.time).slice(STATES_KEPT)) await rm(path.join(stateDir, name), { force: true });
}

function statePath(stateDir: string, entryText: string): string {
  return path.join(stateDir, `${createHash('sha256').update(entryText).digest('hex').slice(0, 16)}.json`);
}
