import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IndexLayout } from '../../src/search/index-files.ts';
import { measureProcess } from './measure-process.ts';

/**
 * The child process: plain Node.js (tsx's loader thread would add its own
 * memory) running the compiled index-files.js, as the index worker does.
 * It reads each record from the site's text file as it needs it (the
 * worker is sent records 32 at a time, never all of them), feeds a
 * WholeIndexWriter, finishes it, and prints its own VmHWM (the kernel's
 * high-water mark of its RSS). With `build: false` it only starts: the baseline.
 */
const CHILD_SOURCE = `
import { readFileSync } from 'node:fs';
import path from 'node:path';
const { filesModule, layout, siteIndexDir, siteGroups, build } = JSON.parse(process.argv[1]);
const { WholeIndexWriter, decodeTextFile, textFilePath } = await import(filesModule);
const cpu = process.cpuUsage();
const started = performance.now();
if (build) {
  const writer = new WholeIndexWriter(layout);
  for (let id = 0; id < layout.docs; id += 1) {
    writer.add(id, decodeTextFile(readFileSync(path.join(siteIndexDir, textFilePath(siteGroups, id)))));
  }
  writer.finish();
}
const { user, system } = process.cpuUsage(cpu);
const status = readFileSync('/proc/self/status', 'utf8');
const kb = (field) => Number(new RegExp('^' + field + ':\\\\s+(\\\\d+) kB', 'm').exec(status)?.[1]);
const memory = process.memoryUsage();
process.stdout.write('\\n' + JSON.stringify({ vmHwmKb: kb('VmHWM'), vmRssKb: kb('VmRSS'), heapUsedKb: Math.round(memory.heapUsed / 1024), externalKb: Math.round(memory.external / 1024), cpuMs: (user + system) / 1000, wallMs: performance.now() - started }) + '\\n');
`;

/** What the child reported, and what was seen from outside. */
export interface ChildMemory {
  /** The child's VmHWM at its end: its peak RSS. */
  peakKb: number;
  /** Its VmRSS, heap used and memory outside the heap (typed arrays: postings) at the end, the index finished and not yet collected. */
  endRssKb: number;
  heapUsedKb: number;
  externalKb: number;
  /** CPU and wall time of its build, reading and inflating the records included. */
  cpuMs: number;
  wallMs: number;
  /** GNU time's %M for the child, when /usr/bin/time is GNU time. */
  gnuTimeKb: number | null;
}

/** The peak RSS of a whole index build in a child process, and of the same process that only starts. */
export interface IndexMemory {
  build: ChildMemory;
  baseline: ChildMemory;
  /** The build's peak above the baseline's. */
  netKb: number;
}

/**
 * Builds the index of the site's `docs` articles whole in a child process
 * (the compiled code of `appRoot`), and measures its peak RSS.
 *
 * @param siteIndexDir the site's search-index/ folder, whose text files give the records
 * @param siteGroups its entry's text folders
 * @param layout where the child writes the index (emptied first; the caller removes it)
 */
export async function measureIndexMemory(appRoot: string, siteIndexDir: string, siteGroups: readonly string[], layout: IndexLayout): Promise<IndexMemory> {
  const filesModule = pathToFileURL(path.join(appRoot, 'dist', 'search', 'index-files.js')).href;
  const run = async (build: boolean): Promise<ChildMemory> => {
    await rm(layout.dir, { recursive: true, force: true });
    const params = JSON.stringify({ filesModule, layout, siteIndexDir, siteGroups, build });
    const measured = await measureProcess(process.execPath, ['--input-type=module', '-e', CHILD_SOURCE, params]);
    const line = measured.output.trim().split('\n').at(-1) ?? '';
    if (measured.exitCode !== 0 || !line.startsWith('{')) throw new Error(`the index build's child process failed (exit ${measured.exitCode}):\n${measured.output.slice(-2000)}`);
    const child = JSON.parse(line) as { vmHwmKb: number; vmRssKb: number; heapUsedKb: number; externalKb: number; cpuMs: number; wallMs: number };
    return {
      peakKb: child.vmHwmKb,
      endRssKb: child.vmRssKb,
      heapUsedKb: child.heapUsedKb,
      externalKb: child.externalKb,
      cpuMs: Math.round(child.cpuMs),
      wallMs: Math.round(child.wallMs),
      gnuTimeKb: measured.gnuTimeKb,
    };
  };
  const baseline = await run(false);
  const build = await run(true);
  return { build, baseline, netKb: build.peakKb - baseline.peakKb };
}
