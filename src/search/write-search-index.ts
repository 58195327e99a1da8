import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../article/article.ts';
import { findPackageRoot, type SiteConfig } from '../config/index.ts';
import { writeFileAtomic } from '../system/atomic-write.ts';
import { bucketFilePath, textFilePath, writeRecentSegment, type IndexLayout, type PublishedIndex } from './index-files.ts';
import { FORMAT_VERSION, GROUP_SIZE } from './index-format.ts';
import { baseState, planIndexUpdate, type IndexPlan, type IndexState } from './index-plan.ts';
import { makeIndexInThread } from './index-thread.ts';
import { searchDocs, searchRecord, type SearchDoc, type SearchRecord } from './search-docs.ts';

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
  /** Articles searched: the N of BM25's IDF. */
  readonly docs: number;
  /** The base's postings files, by termFile. */
  readonly buckets: readonly string[];
  /** The base's folders of text files (see GROUP_SIZE): ids from 0. */
  readonly groups: readonly string[];
  /** Base ids no longer searched, ascending; absent when none. */
  readonly removed?: readonly number[];
  /** The recent segment (see index-plan.ts); absent when it is empty. */
  readonly recent?: RecentEntry;
}

/** The recent segment in the entry: its articles' ids follow the base's. */
export interface RecentEntry {
  /** The id of its first article: the number of the base's ids, removed ones included. */
  readonly first: number;
  /** Its postings files, by termFile (their own number), ids counted from 0 within it. */
  readonly buckets: readonly string[];
  readonly groups: readonly string[];
  /** For each of its articles, the base id it follows in date order (−1: none), so that ties rank newest first as a whole build's ids would. */
  readonly after: readonly number[];
}

/** Expected bytes of postings per article (a little more than generated posts take). */
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
  /** Every file of the index, relative to the site. */
  readonly files: string[];
  /** Those of `files` named by their content: all but the entry and the format module. */
  readonly named: string[];
  /** How it was made: whole, by updating the published one, or taken unchanged. */
  readonly made: 'whole' | 'updated' | 'unchanged';
}

/** An index made: its entry, the state the cache keeps of it, and the files written into its folder (relative to it; the others are the published index's). */
interface MadeEntry {
  readonly entry: IndexEntry;
  readonly state: IndexState;
  readonly written: readonly string[];
}

/**
 * Writes the site's search index into `<outDir>/search-index/`: an entry,
 * postings files (terms split by hash), and a text file per article, all
 * but the entry named by their content (see index-format.ts). When the
 * published site's index is known (its state kept in the cache), only what
 * changed is made again (see index-plan.ts): a few edited, added or deleted
 * articles remake the small recent segment in a fraction of a second, more
 * update the base; otherwise it is built whole, in a worker thread.
 */
export async function writeSearchIndex(articles: readonly Article[], config: SiteConfig, options: SearchIndexOptions): Promise<SearchIndexResult> {
  const docs = searchDocs(articles, config, `${options.salt}\0${FORMAT_VERSION}`);
  const keys = docs.map((doc) => doc.key);
  const dir = path.join(options.outDir, SEARCH_DIR);
  const stateDir = path.join(config.cacheDir, 'search');
  const previous = options.previousDir ? await loadPublishedIndex(path.join(options.previousDir, SEARCH_DIR), stateDir) : undefined;
  const record = (id: number) => {
    const article = docs[id]!.article;
    return options.readText(article).then((text) => searchRecord(article, config, text));
  };
  const plan = planIndexUpdate(previous?.state, keys, previous?.entry.buckets.length ?? 0, bucketCount(docs.length));

  let made: MadeEntry | undefined;
  if (previous && plan.how === 'unchanged') made = { entry: previous.entry, state: previous.state, written: [] };
  else if (previous && plan.how === 'recent') made = await makeRecent(previous, plan, docs, dir, record);
  else if (previous && plan.how === 'merge') {
    const layout: IndexLayout = { dir, docs: docs.length, files: bucketCount(docs.length), groups: groupNames(docs) };
    const base: PublishedIndex = { dir: previous.dir, docs: previous.state.keys.length, buckets: previous.entry.buckets, groups: previous.entry.groups };
    const patched = await makeIndexInThread({ type: 'patch', layout, previous: base, moves: plan.moves }, plan.moves.added, record, options.signal).catch((error: unknown) => {
      if (options.signal?.aborted) throw error;
      // A file of the published index is missing or damaged: build it whole.
      return undefined;
    });
    if (patched) made = { entry: baseEntry(docs.length, patched.buckets, layout.groups), state: baseState(keys), written: patched.made };
  }
  const how: SearchIndexResult['made'] = !made ? 'whole' : plan.how === 'unchanged' ? 'unchanged' : 'updated';
  if (!made) {
    await rm(dir, { recursive: true, force: true });
    const layout: IndexLayout = { dir, docs: docs.length, files: bucketCount(docs.length), groups: groupNames(docs) };
    const whole = await makeIndexInThread({ type: 'whole', layout }, docs.map((_, id) => id), record, options.signal);
    made = { entry: baseEntry(docs.length, whole.buckets, layout.groups), state: baseState(keys), written: whole.made };
  }

  const { entry, state } = made;
  const entryText = `${JSON.stringify(entry)}\n`;
  await mkdir(dir, { recursive: true });
  // Atomically: in a folder kept to build in, the old entry may be a link to the live one.
  await writeFileAtomic(path.join(dir, ENTRY_FILE), entryText);
  const inIndex = filesOf(entry, state);
  const written = new Set(made.written);
  // What the folder does not hold yet: a folder kept to build in may hold some of it already.
  const wanted = inIndex.filter((file) => !written.has(file) && !existsSync(path.join(dir, file)));
  const missing = await options.reuse(wanted.map((file) => `${SEARCH_DIR}/${file}`));
  if (missing.length > 0) {
    if (how === 'whole') throw new Error(`${missing[0]} was not written`);
    // The published index lost a file since: build it whole.
    return writeSearchIndex(articles, config, { ...options, previousDir: undefined });
  }
  const recent = entry.recent;
  const names = [ENTRY_FILE, ...new Set([...entry.buckets, ...(recent?.buckets ?? [])].map(bucketFilePath)), ...new Set([...entry.groups, ...(recent?.groups ?? [])])];
  // A folder kept to build in holds files of an older index: what this one does not name goes.
  await removeOthers(dir, new Set(names));
  await writeFormatModule(options.outDir);
  await saveIndexState(stateDir, entryText, state);
  const named = inIndex.map((file) => `${SEARCH_DIR}/${file}`);
  return {
    articles: docs.length,
    files: [FORMAT_MODULE, `${SEARCH_DIR}/${ENTRY_FILE}`, ...named],
    named,
    made: how,
  };
}

function baseEntry(docs: number, buckets: readonly string[], groups: readonly string[]): IndexEntry {
  return { format: FORMAT_VERSION, docs, buckets, groups };
}

/**
 * Makes the recent segment of `plan` beside the published base, which
 * stays as it is: the segment is small (see RECENT_ARTICLES), so it is
 * made whole, in this thread, each time.
 */
async function makeRecent(
  previous: LoadedIndex,
  plan: Extract<IndexPlan, { how: 'recent' }>,
  docs: readonly SearchDoc[],
  dir: string,
  record: (id: number) => Promise<SearchRecord>,
): Promise<MadeEntry> {
  const state: IndexState = { keys: previous.state.keys, removed: plan.removed, recent: plan.fresh.map((id) => docs[id]!.key) };
  if (plan.fresh.length === 0) return { entry: entryWithRecent(previous.entry, docs.length, plan.removed, undefined), state, written: [] };
  const recentGroups = groupNames(plan.fresh.map((id) => docs[id]!));
  const made = writeRecentSegment(dir, await Promise.all(plan.fresh.map(record)), recentGroups);
  const recent: RecentEntry = { first: state.keys.length, buckets: made.buckets, groups: recentGroups, after: plan.after };
  return { entry: entryWithRecent(previous.entry, docs.length, plan.removed, recent), state, written: made.made };
}

/** The entry of the published base `base` with `removed` left out and `recent` beside it, for `docs` articles in all. */
export function entryWithRecent(base: Pick<IndexEntry, 'buckets' | 'groups'>, docs: number, removed: readonly number[], recent: RecentEntry | undefined): IndexEntry {
  return { format: FORMAT_VERSION, docs, buckets: base.buckets, groups: base.groups, ...(removed.length > 0 ? { removed } : {}), ...(recent ? { recent } : {}) };
}

/** Every file an index's entry names but itself, relative to its folder: the base's (text files of removed articles included), then the recent segment's. */
function filesOf(entry: IndexEntry, state: IndexState): string[] {
  const files = [...new Set(entry.buckets)].map(bucketFilePath);
  for (let id = 0; id < state.keys.length; id += 1) files.push(textFilePath(entry.groups, id));
  const { recent } = entry;
  if (recent) {
    files.push(...[...new Set(recent.buckets)].map(bucketFilePath));
    for (let id = 0; id < recent.after.length; id += 1) files.push(textFilePath(recent.groups, id));
  }
  return files;
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

/**
 * The name of each folder of text files: a hash of its articles' keys, so
 * it changes whenever one of its files does; 12 hex digits, so that two of
 * the few hundred folders of an index never share one.
 */
function groupNames(docs: readonly SearchDoc[]): string[] {
  const names: string[] = [];
  for (let first = 0; first < docs.length; first += GROUP_SIZE) {
    const hash = createHash('sha256');
    for (const doc of docs.slice(first, first + GROUP_SIZE)) hash.update(doc.key);
    names.push(hash.digest('hex').slice(0, 12));
  }
  return names;
}

/** States kept (one per published index; a few, as the dev server and `build` may publish different sites). */
const STATES_KEPT = 4;

/** A published index: its folder, its entry, and the state the cache kept of it. */
interface LoadedIndex {
  readonly dir: string;
  readonly entry: IndexEntry;
  readonly state: IndexState;
}

/**
 * The published index in `dir` and its state, kept in the cache under the
 * hash of its entry; `undefined` when either is missing or they disagree.
 */
async function loadPublishedIndex(dir: string, stateDir: string): Promise<LoadedIndex | undefined> {
  const entryText = await readFile(path.join(dir, ENTRY_FILE), 'utf8').catch(() => undefined);
  if (entryText === undefined) return undefined;
  const stateText = await readFile(statePath(stateDir, entryText), 'utf8').catch(() => undefined);
  if (stateText === undefined) return undefined;
  try {
    const entry = JSON.parse(entryText) as IndexEntry;
    const state = JSON.parse(stateText) as IndexState;
    const { keys, removed, recent } = state;
    const agree =
      entry.format === FORMAT_VERSION &&
      entry.docs === keys.length - removed.length + recent.length &&
      entry.groups.length === Math.ceil(keys.length / GROUP_SIZE) &&
      JSON.stringify(entry.removed ?? []) === JSON.stringify(removed) &&
      (entry.recent ? entry.recent.first === keys.length && entry.recent.after.length === recent.length : recent.length === 0);
    return agree ? { dir, entry, state } : undefined;
  } catch {
    return undefined;
  }
}

async function saveIndexState(stateDir: string, entryText: string, state: IndexState): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  await writeFileAtomic(statePath(stateDir, entryText), JSON.stringify(state));
  const names = await readdir(stateDir);
  const dated = await Promise.all(names.map(async (name) => ({ name, time: (await stat(path.join(stateDir, name)).catch(() => undefined))?.mtimeMs ?? 0 })));
  for (const { name } of dated.sort((a, b) => b.time - a.time).slice(STATES_KEPT)) await rm(path.join(stateDir, name), { force: true });
}

function statePath(stateDir: string, entryText: string): string {
  return path.join(stateDir, `${createHash('sha256').update(entryText).digest('hex').slice(0, 16)}.json`);
}
