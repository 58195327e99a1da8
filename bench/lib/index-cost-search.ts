import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ArticleTerms, TermKeys } from '../../src/search/article-terms.ts';
import {
  bucketFilePath,
  encodeTextFile,
  IndexPatcher,
  textFilePath,
  WholeIndexWriter,
  writePostingsNamed,
  writeRecentSegment,
  type IndexLayout,
  type IndexMoves,
  type MadeIndex,
  type PublishedIndex,
} from '../../src/search/index-files.ts';
import { FORMAT_VERSION, readTermDirectory } from '../../src/search/index-format.ts';
import type { SearchRecord } from '../../src/search/search-docs.ts';
import { WholeIndex } from '../../src/search/whole-index.ts';
import { baseState, planIndexUpdate, type IndexPlan } from '../../src/search/index-plan.ts';
import { bucketCount, ENTRY_FILE, entryWithRecent, type IndexEntry } from '../../src/search/write-search-index.ts';
import { reuseFiles } from '../../src/publish/copy-files.ts';
import { groupNamesOf } from './site-search.ts';

/** Time spent by a piece of work in this process: wall, and CPU of the whole process (every thread, GC's included), user and system. */
export interface Spent {
  wallMs: number;
  cpuMs: number;
  userMs: number;
  systemMs: number;
}

/** Runs `work` and measures it with `process.cpuUsage()` and `performance.now()`. */
export function measure<T>(work: () => T): { result: T; spent: Spent } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = work();
  const wallMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  return { result, spent: { wallMs: round1(wallMs), cpuMs: round1((user + system) / 1000), userMs: round1(user / 1000), systemMs: round1(system / 1000) } };
}

/** The layout of an index of `records` in `<siteDir>/search-index/`, as the build lays it out. */
export function layoutOf(indexDir: string, records: readonly SearchRecord[]): IndexLayout {
  return { dir: indexDir, docs: records.length, files: bucketCount(records.length), groups: groupNamesOf(records) };
}

/** An index built whole, as published. */
export interface BuiltIndex {
  index: PublishedIndex;
  made: MadeIndex;
  spent: Spent;
}

/**
 * Builds the index of `records` whole into `indexDir` as the index worker
 * does (one WholeIndexWriter fed every record in id order, then finished),
 * timed; then writes its entry, untimed, as write-search-index.ts does.
 */
export function buildWholeIndex(indexDir: string, records: readonly SearchRecord[]): BuiltIndex {
  const layout = layoutOf(indexDir, records);
  const { result: made, spent } = measure(() => {
    const writer = new WholeIndexWriter(layout);
    for (const [id, record] of records.entries()) writer.add(id, record);
    return writer.finish();
  });
  writeEntry(layout, made.buckets);
  return { index: { dir: indexDir, docs: layout.docs, buckets: made.buckets, groups: layout.groups }, made, spent };
}

function writeEntry(layout: IndexLayout, buckets: readonly string[]): void {
  const entry: IndexEntry = { format: FORMAT_VERSION, docs: layout.docs, buckets, groups: layout.groups };
  mkdirSync(layout.dir, { recursive: true });
  writeFileSync(path.join(layout.dir, ENTRY_FILE), `${JSON.stringify(entry)}\n`);
}

/** CPU ms of each part of a whole build (see {@link buildWholeInSteps}). */
export interface BuildSteps {
  /** ArticleTerms.postings: folding and cutting the text into weighted terms. */
  tokenize: number;
  /** WholeIndex.add: holding each posting back for its term, and encoding them a batch (2^20 postings) at a time. */
  addPostings: number;
  /** encodeTextFile: each record as JSON, deflated. */
  encodeTexts: number;
  /** Writing the text files (and their folders). */
  writeTexts: number;
  /** WholeIndex.postingsFiles: encoding the last batch, sorting the terms, laying out the files. */
  makePostings: number;
  /** Naming the postings files by their hash, and writing them. */
  writePostings: number;
}

/**
 * The same build as {@link buildWholeIndex}, made of its parts so that each
 * is timed (CPU, summed over articles; each article's parts are timed
 * apart, so this pass is a little slower than the whole one).
 */
export function buildWholeInSteps(indexDir: string, records: readonly SearchRecord[]): BuildSteps {
  const layout = layoutOf(indexDir, records);
  const keys = new TermKeys();
  const terms = new ArticleTerms(keys);
  const index = new WholeIndex(keys);
  const steps: BuildSteps = { tokenize: 0, addPostings: 0, encodeTexts: 0, writeTexts: 0, makePostings: 0, writePostings: 0 };
  let last = process.cpuUsage();
  // Adds the CPU time since the last charge to `step`.
  const charge = (step: keyof BuildSteps) => {
    const now = process.cpuUsage();
    steps[step] += (now.user - last.user + now.system - last.system) / 1000;
    last = now;
  };
  for (const [id, record] of records.entries()) {
    const postings = terms.postings(record);
    charge('tokenize');
    index.add(id, postings);
    charge('addPostings');
    const bytes = encodeTextFile(record);
    charge('encodeTexts');
    writeNewFile(layout.dir, textFilePath(layout.groups, id), bytes);
    charge('writeTexts');
  }
  const files = index.postingsFiles(layout.files);
  charge('makePostings');
  for (const bytes of files) writePostingsNamed(layout.dir, bytes, []);
  charge('writePostings');
  for (const step of Object.keys(steps) as (keyof BuildSteps)[]) steps[step] = round1(steps[step]);
  return steps;
}

// As index-files.ts writes a file of the index: named by content, never written twice.
function writeNewFile(dir: string, relative: string, bytes: Uint8Array): void {
  const file = path.join(dir, relative);
  if (existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

/** One update of a published index, timed. */
export interface PatchCost {
  /** Articles new or edited, and gone. */
  added: number;
  gone: number;
  /** Whether ids moved (an article gone from the middle): every term is then decoded and renumbered. */
  moved: boolean;
  spent: Spent;
  /** Files the patcher wrote (or linked) into the new index's folder. */
  filesWritten: number;
  postingsFilesWritten: number;
  /** Linking the index's unchanged files from the published site into a new one (reuseFiles, as writeSearchIndex does when no spare site holds them). */
  reuse: { files: number; wallMs: number };
  /** The updated index's postings files are those a whole build of the same records makes (`null`: not checked). */
  sameAsWhole: boolean | null;
}

/**
 * Updates the published index `previous` to one of `after`, as the build
 * does: an IndexPatcher told where the old ids went (`moves`), fed the new
 * and edited records, then finished (timed: wall and CPU). Then links the
 * files it did not write from the published index, as
 * write-search-index.ts does (timed apart).
 *
 * @param check also build `after` whole and compare the postings files (default: `false`)
 */
export async function patchIndex(previous: PublishedIndex, after: readonly SearchRecord[], moves: IndexMoves, siteDir: string, check = false): Promise<PatchCost> {
  const indexDir = path.join(siteDir, 'search-index');
  const layout = layoutOf(indexDir, after);
  const { result: made, spent } = measure(() => {
    const patcher = new IndexPatcher(layout, previous, moves);
    for (const id of moves.added) patcher.add(id, after[id]!);
    return patcher.finish();
  });
  writeEntry(layout, made.buckets);
  const written = new Set(made.made);
  const unchanged = [...new Set(made.buckets)]
    .map(bucketFilePath)
    .concat(after.map((_, id) => textFilePath(layout.groups, id)))
    .filter((file) => !written.has(file));
  const started = performance.now();
  const missing = await reuseFiles(previous.dir, indexDir, unchanged);
  const reuse = { files: unchanged.length, wallMs: round1(performance.now() - started) };
  if (missing.length > 0) throw new Error(`${missing.length} files of the published index were missing, ${missing[0]} first`);
  let sameAsWhole: boolean | null = null;
  if (check) {
    const whole = buildWholeIndex(path.join(siteDir, 'whole-check'), after);
    sameAsWhole = whole.made.buckets.every((name, file) => name === made.buckets[file]);
  }
  return {
    added: moves.added.length,
    gone: moves.moved.filter((to) => to === -1).length,
    moved: !moves.moved.every((to, from) => to === -1 || to === from),
    spent,
    filesWritten: made.made.length,
    postingsFilesWritten: made.made.filter((file) => !file.includes('/')).length,
    reuse,
    sameAsWhole,
  };
}

/** One update of a published index as the build makes it, timed. */
export interface UpdateCost {
  /** What the plan chose (index-plan.ts): `recent` for a few changes. */
  how: IndexPlan['how'];
  /** Articles in the recent segment, and removed from the base. */
  recent: number;
  removed: number;
  /** Planning (every article's key compared), reading nothing, and writing the recent segment. */
  spent: Spent;
  filesWritten: number;
  /** The recent segment's postings files and bytes: a query fetches some beside the base's. */
  recentPostings: { files: number; bytes: number };
  /** Linking the base's files from the published site into a new one (reuseFiles, as writeSearchIndex does when no spare site holds them). */
  reuse: { files: number; wallMs: number };
}

/** An article's key, as searchDocs makes one: a hash of what its page shows, standing for its text. */
function keyOf(record: SearchRecord): string {
  return createHash('sha256').update(JSON.stringify([record.url, record.title, record.date, record.categories, record.tags, record.text.length])).digest('hex').slice(0, 16);
}

/**
 * Updates the published index `previous` (a whole build of `before`) to
 * one of `after` as writeSearchIndex does (timed: wall and CPU): every
 * article's key compared (planIndexUpdate), then the recent segment of
 * the new and edited articles written beside the base, and the entry.
 * Then links the base's files from the published index (timed apart).
 */
export async function updateIndex(previous: PublishedIndex, before: readonly SearchRecord[], after: readonly SearchRecord[], siteDir: string): Promise<UpdateCost> {
  const dir = path.join(siteDir, 'search-index');
  const state = baseState(before.map(keyOf));
  const { result, spent } = measure(() => {
    const plan = planIndexUpdate(state, after.map(keyOf), previous.buckets.length, bucketCount(after.length));
    if (plan.how !== 'recent') return { plan, made: { buckets: [], made: [] } };
    const fresh = plan.fresh.map((id) => after[id]!);
    const groups = groupNamesOf(fresh);
    mkdirSync(dir, { recursive: true });
    const made: MadeIndex = fresh.length > 0 ? writeRecentSegment(dir, fresh, groups) : { buckets: [], made: [] };
    const recent = fresh.length > 0 ? { first: before.length, buckets: made.buckets, groups, after: plan.after } : undefined;
    const entry = entryWithRecent(previous, after.length, plan.removed, recent);
    writeFileSync(path.join(dir, ENTRY_FILE), `${JSON.stringify(entry)}\n`);
    return { plan, made };
  });
  const { plan, made } = result;
  const unchanged = [...new Set(previous.buckets)].map(bucketFilePath).concat(before.map((_, id) => textFilePath(previous.groups, id)));
  const started = performance.now();
  const missing = await reuseFiles(previous.dir, dir, unchanged);
  const reuse = { files: unchanged.length, wallMs: round1(performance.now() - started) };
  if (missing.length > 0) throw new Error(`${missing.length} files of the published index were missing, ${missing[0]} first`);
  const recentFiles = [...new Set(made.buckets)].map((name) => statSync(path.join(dir, bucketFilePath(name))).size);
  return {
    how: plan.how,
    recent: plan.how === 'recent' ? plan.fresh.length : 0,
    removed: plan.how === 'recent' ? plan.removed.length : 0,
    spent,
    filesWritten: made.made.length,
    recentPostings: { files: recentFiles.length, bytes: recentFiles.reduce((sum, size) => sum + size, 0) },
    reuse,
  };
}

/** Files and bytes of one kind of file of the index. */
export interface FilesSize {
  files: number;
  /** Their sizes summed. */
  bytes: number;
  /** What they take on this disk (allocated blocks). */
  diskBytes: number;
  largest: number;
  median: number;
}

/** What an index takes on disk, by kind of file. */
export interface IndexSize {
  /** Its postings files (distinct: empty ones share a name), and the terms they hold. */
  postings: FilesSize & { terms: number };
  entry: FilesSize;
  texts: FilesSize & { folders: number; jsonBytes: number };
  total: { files: number; bytes: number; diskBytes: number };
}

/** The size of the index in `index.dir`: its postings files, its entry, and its text files. */
export function indexSize(index: PublishedIndex, records: readonly SearchRecord[]): IndexSize {
  const sizeOf = (files: readonly string[]): FilesSize => {
    const stats = files.map((file) => statSync(path.join(index.dir, file)));
    const sizes = stats.map((s) => s.size).sort((a, b) => a - b);
    return {
      files: files.length,
      bytes: sizes.reduce((sum, n) => sum + n, 0),
      diskBytes: stats.reduce((sum, s) => sum + s.blocks * 512, 0),
      largest: sizes.at(-1) ?? 0,
      median: sizes[sizes.length >> 1] ?? 0,
    };
  };
  const postingsFiles = [...new Set(index.buckets)].map(bucketFilePath);
  const terms = postingsFiles.reduce((sum, file) => sum + readTermDirectory(readFileSync(path.join(index.dir, file))).size, 0);
  const postings = { ...sizeOf(postingsFiles), terms };
  const entry = sizeOf([ENTRY_FILE]);
  const texts = sizeOf(records.map((_, id) => textFilePath(index.groups, id)));
  const jsonBytes = records.reduce((sum, record) => sum + Buffer.byteLength(JSON.stringify(record)), 0);
  const folders = readdirSync(index.dir, { withFileTypes: true }).filter((d) => d.isDirectory()).length;
  const all = [postings, entry, texts];
  return {
    postings,
    entry,
    texts: { ...texts, folders, jsonBytes },
    total: { files: all.reduce((sum, s) => sum + s.files, 0), bytes: all.reduce((sum, s) => sum + s.bytes, 0), diskBytes: all.reduce((sum, s) => sum + s.diskBytes, 0) },
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
