/**
 * What reading many small files costs the thread that asks, with Node's
 * promise-based calls (as many at once as a build reads posts: 16) and
 * with the synchronous ones: stamping and reading every post (ingest), and
 * reading bodies back from the cache's pack files (render, twice a post).
 * The CPU time is the process's, user and system; the files are in the
 * page cache, as a build finds its posts and its cache.
 *
 *   node --import tsx bench/file-io.ts [--posts N] [--runs K] [--work DIR] [--out FILE]   (defaults: 10000, 5)
 *
 * The posts are generated as `npm run bench` generates them (from
 * ../shared/corpus); the packs are those posts' bytes, concatenated into
 * 8 MB files (body-packs.ts).
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { PACK_BYTES } from '../src/cache/body-packs.ts';
import { listFilesRecursive } from '../src/system/list-files.ts';
import { generatePosts } from './generate-posts.ts';
import { benchMain, log, median, out, provenance, resultsFile, round2, table, writeJson } from './lib/common.ts';

/** Posts read at once by ingest (ingest-articles.ts), and bodies by the render (render-site.ts). */
const AT_ONCE = 16;

interface Cost {
  wallMs: number;
  cpuMs: number;
}

async function measure(work: () => unknown): Promise<Cost> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

interface Range {
  readonly file: string;
  readonly offset: number;
  readonly length: number;
}

/** The posts' bytes in pack files; returns where each post is, every one listed twice (a page and a feed or the search index read it). */
async function writePacks(files: readonly string[], dir: string): Promise<Range[]> {
  await mkdir(dir, { recursive: true });
  const ranges: Range[] = [];
  let chunks: Buffer[] = [];
  let bytes = 0;
  const flush = async () => {
    const file = path.join(dir, `${ranges.length}.pack`);
    await writeFile(file, Buffer.concat(chunks));
    return file;
  };
  let pending: { offset: number; length: number }[] = [];
  for (const post of files) {
    const content = readFileSync(post);
    pending.push({ offset: bytes, length: content.length });
    chunks.push(content);
    bytes += content.length;
    if (bytes >= PACK_BYTES || post === files.at(-1)) {
      const file = await flush();
      ranges.push(...pending.map((range) => ({ file, ...range })));
      [chunks, bytes, pending] = [[], 0, []];
    }
  }
  return [...ranges, ...ranges];
}

async function readRangeAwaited(range: Range): Promise<void> {
  const handle = await open(range.file, 'r');
  try {
    await handle.read(Buffer.allocUnsafe(range.length), 0, range.length, range.offset);
  } finally {
    await handle.close();
  }
}

function readRangeSync(range: Range): void {
  const fd = openSync(range.file, 'r');
  try {
    readSync(fd, Buffer.allocUnsafe(range.length), 0, range.length, range.offset);
  } finally {
    closeSync(fd);
  }
}

const awaitedEach = <T>(items: readonly T[], work: (item: T) => Promise<unknown>) => {
  const limit = pLimit(AT_ONCE);
  return Promise.all(items.map((item) => limit(() => work(item))));
};

await benchMain(
  ['posts', 'runs', 'work', 'out', 'corpus'],
  { posts: 10_000, runs: 5 },
  async ({ posts, runs, work, out: outFile, generate }) => {
    const postsDir = path.join(work, `file-io-posts-${posts}`);
    await generatePosts({ posts, outDir: postsDir, ...generate });
    const files = (await listFilesRecursive(postsDir)).filter((file) => file.endsWith('.md'));
    const ranges = await writePacks(files, path.join(work, `file-io-packs-${posts}`));
    const cases: Record<string, () => unknown> = {
      'stat, awaited': () => awaitedEach(files, (file) => stat(file)),
      'stat, sync': () => files.forEach((file) => statSync(file)),
      'read posts, awaited': () => awaitedEach(files, (file) => readFile(file)),
      'read posts, sync': () => files.forEach((file) => readFileSync(file)),
      'read bodies from packs, awaited': () => awaitedEach(ranges, readRangeAwaited),
      'read bodies from packs, sync': () => ranges.forEach(readRangeSync),
    };
    // Once each to bring every file into the page cache, then the runs, the cases in turn.
    for (const run of Object.values(cases)) await run();
    const costs = new Map<string, Cost[]>(Object.keys(cases).map((name) => [name, []]));
    for (let round = 1; round <= runs; round += 1) {
      log(`round ${round} of ${runs}`);
      for (const [name, run] of Object.entries(cases)) costs.get(name)!.push(await measure(run));
    }
    const summary = [...costs].map(([name, measured]) => ({
      case: name,
      calls: name.startsWith('read bodies') ? ranges.length : files.length,
      wallMs: round2(median(measured.map((cost) => cost.wallMs))!),
      cpuMs: round2(median(measured.map((cost) => cost.cpuMs))!),
      runs: measured.map((cost) => ({ wallMs: round2(cost.wallMs), cpuMs: round2(cost.cpuMs) })),
    }));
    out(table(['case', 'calls', 'wall ms', 'CPU ms'], summary.map((row) => [row.case, String(row.calls), row.wallMs.toFixed(0), row.cpuMs.toFixed(0)])));
    const file = resultsFile(outFile, 'file-io-');
    await writeJson(file, { ...provenance(), posts, runs, atOnce: AT_ONCE, summary });
    log(`wrote ${file}`);
    return 0;
  },
  false,
);
