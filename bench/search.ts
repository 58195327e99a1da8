/**
 * What the static search index costs: building it whole (CPU), updating it
 * for one edited post, 20 added ones and one deleted (its recent segment
 * made, src/search/index-plan.ts), merging such changes into its base, its
 * size on disk, what a first query fetches (with and without the fullest
 * recent segment), and the whole build's peak memory. Each figure is
 * the median of K runs over the records of a site of N generated posts,
 * built once with the real CLI and read back from its own text files.
 *
 *   npm run compile && node --import tsx bench/search.ts [--posts 10000] [--runs 3] [--work DIR] [--out FILE] [--seed N] [--corpus DIR] [--rebuild]
 *
 * Needs ../shared/corpus (to generate the posts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bucketCount, SEARCH_DIR } from '../src/search/write-search-index.ts';
import { positiveInt, runBenchmark } from './lib/bench-main.ts';
import { appendBatch, BATCH, editOne, removeOne, type Change } from './lib/changes-search.ts';
import { RECENT_ARTICLES } from '../src/search/index-plan.ts';
import { buildWholeIndex, buildWholeInSteps, indexSize, layoutOf, patchIndex, updateIndex } from './lib/index-cost-search.ts';
import { measureIndexMemory } from './lib/memory-search.ts';
import { QUERIES, runQueries } from './lib/queries-search.ts';
import { formatSearchTable, medianOfRuns, TARGETS, type SearchRun } from './lib/report-search.ts';
import { round2 } from './lib/results-json.ts';
import { prepareSearchSite, readSiteRecords, type SiteBuild } from './lib/site-search.ts';
import { snapshotApp } from '../tests/helpers/snapshot-app.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      posts: { type: 'string' },
      runs: { type: 'string' },
      work: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      corpus: { type: 'string' },
      rebuild: { type: 'boolean' },
    },
  });
  const posts = positiveInt('--posts', values.posts, 10_000);
  const runs = positiveInt('--runs', values.runs, 3);
  if (posts === undefined || runs === undefined) return 2;
  const stale = staleCompiledSearch();
  if (stale) {
    process.stderr.write(`bench: ${stale}; run \`npm run compile\` first.\n`);
    return 2;
  }
  const workRoot = path.resolve(values.work ?? path.join(os.tmpdir(), 'wirepress-bench-search'));
  const outFile = path.resolve(values.out ?? path.join(REPO_ROOT, 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-search.json`));
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const loadBefore = os.loadavg();

  // A frozen copy of the compiled CLI: dist/ may be recompiled while the benchmark runs.
  const appRoot = await snapshotApp(REPO_ROOT, path.join(workRoot, 'app'));
  const site = await prepareSearchSite({
    posts,
    workDir: workRoot,
    appRoot,
    seed: values.seed === undefined ? undefined : Number(values.seed),
    corpusDir: values.corpus === undefined ? undefined : path.resolve(values.corpus),
    rebuild: values.rebuild ?? false,
    commit: git(['rev-parse', 'HEAD']),
    log,
  });
  const records = readSiteRecords(site);
  log(`${records.length} records read back from ${path.join(site.dir, SEARCH_DIR)}`);
  const changes = { edit: editOne(records), append: appendBatch(records), remove: removeOne(records), fullRecent: appendBatch(records, RECENT_ARTICLES) };
  if (bucketCount(changes.append.records.length) !== bucketCount(records.length)) log(`note: ${BATCH} more posts change the number of postings files; the append will throw (the build rebuilds whole then)`);

  const done: SearchRun[] = [];
  const save = async (complete: boolean) => {
    await mkdir(path.dirname(outFile), { recursive: true });
    const json = resultsJson({ posts, runs, complete, loadBefore, done, siteBuild: site.build });
    await writeFile(outFile, `${JSON.stringify(json, null, 1)}\n`);
  };
  // Every run's files are removed at the end only: on this machine, deleting files makes creating the next ones cost more system time for a while.
  const runsDir = path.join(workRoot, 'runs');
  await rm(runsDir, { recursive: true, force: true });
  for (let run = 0; run < runs; run += 1) {
    const loadAverage = os.loadavg().map(round2);
    const dir = path.join(runsDir, String(run + 1));
    const siteDir = path.join(dir, 'site');
    const whole = buildWholeIndex(path.join(siteDir, SEARCH_DIR), records);
    log(`run ${run + 1}: whole build ${(whole.spent.cpuMs / 1000).toFixed(2)} s CPU (${(whole.spent.systemMs / 1000).toFixed(2)} s system), ${(whole.spent.wallMs / 1000).toFixed(2)} s wall`);
    const size = indexSize(whole.index, records);
    const queries = await runQueries(siteDir, REPO_ROOT);
    const update = (change: Change, name: string) => updateIndex(whole.index, records, change.records, path.join(dir, name));
    const edit = await update(changes.edit, 'edit');
    const append = await update(changes.append, 'append');
    const remove = await update(changes.remove, 'remove');
    log(`  updates: edit ${Math.round(edit.spent.wallMs)} ms, append ${Math.round(append.spent.wallMs)} ms, delete ${Math.round(remove.spent.wallMs)} ms`);
    // A first query with the fullest recent segment the plan keeps.
    const full = await update(changes.fullRecent, 'full-recent');
    const recentQueries = await runQueries(path.join(dir, 'full-recent'), REPO_ROOT);
    // The merges that fold the recent segment into the base; the first run also checks they give the files a whole build makes.
    const merge = (change: Change, name: string) => patchIndex(whole.index, change.records, change.moves, path.join(dir, name), run === 0);
    const mergeAppend = await merge(changes.append, 'merge-append');
    const mergeRemove = await merge(changes.remove, 'merge-remove');
    log(`  merges: append ${Math.round(mergeAppend.spent.wallMs)} ms, delete ${Math.round(mergeRemove.spent.wallMs)} ms; building in parts…`);
    const steps = buildWholeInSteps(path.join(dir, 'steps', SEARCH_DIR), records);
    log('  peak RSS of a whole build in a child process…');
    const memory = await measureIndexMemory(appRoot, path.join(site.dir, SEARCH_DIR), site.entry.groups, layoutOf(path.join(dir, 'memory', SEARCH_DIR), records));
    log(`  ${((memory.build.peakKb * 1024) / 1e6).toFixed(1)} MB peak RSS (node alone ${((memory.baseline.peakKb * 1024) / 1e6).toFixed(1)} MB)`);
    done.push({ run: run + 1, loadAverage, build: { ...whole.spent, msPerPost: round2(whole.spent.cpuMs / records.length) }, steps, size, edit, append, remove, full, mergeAppend, mergeRemove, queries, recentQueries, memory });
    await save(false);
  }
  await rm(runsDir, { recursive: true, force: true });

  const loadAfter = os.loadavg();
  process.stdout.write(`\nsearch index benchmark: ${records.length.toLocaleString('en')} posts, median of ${runs} run(s); node ${process.version}, ${os.cpus().length} CPUs\n\n`);
  const built = site.build;
  process.stdout.write(
    `records from a site the CLI built ${built.reused ? 'in an earlier run ' : ''}(commit ${built.commit?.slice(0, 7) ?? 'unknown'}): ${(built.wallMs / 1000).toFixed(0)} s, CPU ${((built.cpuMs ?? 0) / 1000).toFixed(0)} s, peak RSS ${(((built.peakRssKb ?? 0) * 1024) / 1e6).toFixed(0)} MB\n\n`,
  );
  process.stdout.write(`${formatSearchTable(posts, done)}\n`);
  if (Math.max(loadBefore[0]!, loadAfter[0]!) > os.cpus().length) {
    process.stdout.write(`\nwarning: load average ${round2(loadBefore[0]!)} → ${round2(loadAfter[0]!)} on ${os.cpus().length} CPUs: other work competed; trust CPU time over wall time.\n`);
  }
  await save(true);
  process.stdout.write(`\nresults: ${outFile}\n`);
  return 0;
}

/** Why the compiled code (which the site build and the memory child run) may differ from src/search/, if it may. */
function staleCompiledSearch(): string | undefined {
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) return 'dist/cli.js is missing';
  const sources = path.join(REPO_ROOT, 'src', 'search');
  for (const name of readdirSync(sources).filter((file) => file.endsWith('.ts'))) {
    const compiled = path.join(REPO_ROOT, 'dist', 'search', name.replace(/\.ts$/, '.js'));
    if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(path.join(sources, name)).mtimeMs) return `dist/search/ is older than src/search/${name}`;
  }
  return undefined;
}

interface ResultsInput {
  posts: number;
  runs: number;
  complete: boolean;
  loadBefore: number[];
  done: readonly SearchRun[];
  siteBuild: SiteBuild;
}

/** The results file: machine, method, targets, medians and every run. */
function resultsJson({ posts, runs, complete, loadBefore, done, siteBuild }: ResultsInput) {
  const dirty = git(['status', '--porcelain', '--', 'src', 'templates', 'public']);
  return {
    what: `The search index's cost at ${posts} generated posts (bench/search.ts, bench/README.md): whole build CPU in one thread, the update (recent segment) for 1 edited, ${BATCH} and ${RECENT_ARTICLES} added and 1 deleted post, the merge (IndexPatcher) of ${BATCH} added and 1 deleted post, size on disk, files and bytes of a first query (also with ${RECENT_ARTICLES} recent posts), peak RSS of a whole build in a child process.`,
    date: new Date().toISOString(),
    commit: git(['rev-parse', 'HEAD']),
    // The working tree's product code differed from the commit: the code measured is not that commit's.
    dirty: dirty === null ? null : dirty !== '',
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
    loadAverage: { before: loadBefore.map(round2), now: os.loadavg().map(round2) },
    complete,
    posts,
    runs,
    records: `read back from the text files of a site of ${posts} generated posts built by the CLI (cold, --offline)`,
    // The CLI's cold build of the site the records come from (`reused`: by an earlier run, maybe of another commit).
    siteBuild,
    targets: TARGETS,
    queries: QUERIES,
    median: done.length > 0 ? medianOfRuns(done) : null,
    perRun: done,
  };
}

function git(args: readonly string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

await runBenchmark(main);
