import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeTextFile, textFilePath } from '../../src/search/index-files.ts';
import { FORMAT_VERSION, GROUP_SIZE } from '../../src/search/index-format.ts';
import type { SearchRecord } from '../../src/search/search-docs.ts';
import { ENTRY_FILE, SEARCH_DIR, type IndexEntry } from '../../src/search/write-search-index.ts';
import { generatePosts } from '../generate-posts.ts';
import { runWirepressBuild } from './run-wirepress.ts';

/** Where the benchmark's site of N generated posts is made. */
export interface SearchSiteOptions {
  posts: number;
  /** Holds `posts-N/`, `site-N/`, `cache-N/` and `site-N.json` (what the site was made of, and its build's figures). */
  workDir: string;
  /** Folder holding bin/wirepress.js and dist/ (a snapshot of the repository). */
  appRoot: string;
  seed?: number | undefined;
  corpusDir?: string | undefined;
  /** Build the site again even when one of the same posts is there (default: `false`). */
  rebuild?: boolean;
  /** The commit being measured, kept with the build's figures. */
  commit: string | null;
  log: (message: string) => void;
}

/** The CLI build that made the site: when, of which commit, and its figures. */
export interface SiteBuild {
  /** Made by an earlier run, whose figures these are. */
  reused: boolean;
  commit: string | null;
  date: string;
  wallMs: number;
  cpuMs: number | null;
  peakRssKb: number | null;
  rssSource: string;
  timings: { step: string; ms: number }[];
}

/** A built site whose search index the benchmark reads its records from. */
export interface SearchSite {
  dir: string;
  entry: IndexEntry;
  build: SiteBuild;
}

/**
 * A site of `posts` generated posts, built once with the real CLI (cold,
 * offline); later runs with the same posts, seed, corpus and index format
 * reuse it (a cold build of 10,000 posts takes minutes). `<work>/site-N.json`
 * says what it was made of, and keeps its build's figures.
 */
export async function prepareSearchSite(options: SearchSiteOptions): Promise<SearchSite> {
  const { posts, workDir, log } = options;
  const dir = path.join(workDir, `site-${posts}`);
  const stampFile = path.join(workDir, `site-${posts}.json`);
  const key = JSON.stringify({ posts, seed: options.seed ?? null, corpus: options.corpusDir ?? null, format: FORMAT_VERSION });
  const entryFile = path.join(dir, SEARCH_DIR, ENTRY_FILE);
  const stamp = await readFile(stampFile, 'utf8')
    .then((text) => JSON.parse(text) as { key: string; build: SiteBuild })
    .catch(() => undefined);
  if (!options.rebuild && existsSync(entryFile) && stamp?.key === key) {
    log(`reusing the site of ${posts} posts in ${dir} (--rebuild builds it again)`);
    return { dir, entry: readEntry(dir), build: { ...stamp.build, reused: true } };
  }
  await rm(stampFile, { force: true });
  log(`generating ${posts} posts…`);
  const generated = await generatePosts({
    posts,
    outDir: path.join(workDir, `posts-${posts}`),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.corpusDir === undefined ? {} : { corpusDir: options.corpusDir }),
  });
  log(`  ${(generated.bytes / 1e6).toFixed(1)} MB; building the site with the CLI (cold, offline)…`);
  const cacheDir = path.join(workDir, `cache-${posts}`);
  await rm(dir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
  const run = await runWirepressBuild({ appRoot: options.appRoot, contentDir: generated.outDir, outDir: dir, cacheDir, workDir }, 60 * 60_000);
  if (!run.ok || !existsSync(entryFile)) {
    throw new Error(`the site build failed (exit ${run.exitCode}${run.timedOut ? ', timed out' : ''}):\n${run.output.slice(-2000)}`);
  }
  log(`  built in ${(run.wallMs / 1000).toFixed(1)} s (CPU ${((run.cpuMs ?? 0) / 1000).toFixed(1)} s), peak RSS ${(((run.peakRssKb ?? 0) * 1024) / 1e6).toFixed(0)} MB`);
  const build: SiteBuild = {
    reused: false,
    commit: options.commit,
    date: new Date().toISOString(),
    wallMs: Math.round(run.wallMs),
    cpuMs: run.cpuMs,
    peakRssKb: run.peakRssKb,
    rssSource: run.rssSource,
    timings: run.report.timings,
  };
  await writeFile(stampFile, `${JSON.stringify({ key, build }, null, 1)}\n`);
  return { dir, entry: readEntry(dir), build };
}

function readEntry(siteDir: string): IndexEntry {
  return JSON.parse(readFileSync(path.join(siteDir, SEARCH_DIR, ENTRY_FILE), 'utf8')) as IndexEntry;
}

/** Every article's record, by id, read back from the site's own text files. */
export function readSiteRecords(site: SearchSite): SearchRecord[] {
  const indexDir = path.join(site.dir, SEARCH_DIR);
  return Array.from({ length: site.entry.docs }, (_, id) => decodeTextFile(readFileSync(path.join(indexDir, textFilePath(site.entry.groups, id)))));
}

/**
 * The name of each text folder of an index of `records`: a hash of its
 * records, so that a folder whose article changed is renamed, as the
 * build names them by its articles' keys.
 */
export function groupNamesOf(records: readonly SearchRecord[]): string[] {
  const names: string[] = [];
  for (let first = 0; first < records.length; first += GROUP_SIZE) {
    const hash = createHash('sha256');
    for (const record of records.slice(first, first + GROUP_SIZE)) hash.update(JSON.stringify(record));
    names.push(hash.digest('hex').slice(0, 12));
  }
  return names;
}
