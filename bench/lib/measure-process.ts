import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** How the peak memory of a measured process was obtained. */
export type RssSource = 'gnu-time' | 'proc-vmhwm' | 'proc-tree' | 'none';

/** What one measured process did. */
export interface Measured {
  exitCode: number | null;
  signal: string | null;
  wallMs: number;
  /**
   * Peak resident set size in KiB of the build and every process it starts
   * (e.g. a search indexer): the largest of the process tree's summed VmRSS
   * (polled), the main process's VmHWM and GNU time's `%M`.
   */
  peakRssKb: number | null;
  /** The largest sum of VmRSS over the process and all its descendants seen by the poller. */
  treeRssKb: number | null;
  /** The most processes seen at once in the tree (1: no child processes). */
  maxProcesses: number;
  rssSource: RssSource;
  /** GNU time's `%M` (max RSS from wait4: the largest single process, not a sum), when /usr/bin/time is GNU time. */
  gnuTimeKb: number | null;
  /** User + system CPU time in ms (GNU time's %U+%S, else the last /proc/<pid>/stat read); less sensitive than wall time to other load on the machine. */
  cpuMs: number | null;
  /** The main process's highest VmHWM read from /proc/<pid>/status every `pollMs` (Linux only). */
  vmHwmKb: number | null;
  /** The last 16 KB of stdout and stderr, for error messages. */
  output: string;
  /** Whether it was killed for exceeding `timeoutMs`. */
  timedOut: boolean;
}

/** How to run a measured process. */
export interface MeasureOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Poll interval for VmHWM (default: `50` ms). */
  pollMs?: number;
  /** Wrap the process in GNU time when present (default: `true`). */
  useGnuTime?: boolean;
  /** Kill the process group after this many ms (default: none). */
  timeoutMs?: number;
}

let gnuTime: boolean | undefined;

/** Whether `/usr/bin/time` is GNU time (BusyBox and BSD time lack `-f %M -o`). */
export function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    gnuTime = existsSync('/usr/bin/time') && isGnu(spawnSync('/usr/bin/time', ['--version'], { encoding: 'utf8' }));
  }
  return gnuTime;
}

/**
 * Runs a command to completion and measures its wall time and peak memory
 * from the outside (nothing is added to the measured program). Peak RSS comes
 * from GNU time when installed, and is also polled from /proc VmHWM (the
 * kernel's high-water mark, so polling misses only growth in the last
 * interval before exit); CI images without GNU time rely on the polling.
 * @param command the program
 * @param args its arguments
 */
export async function measureProcess(command: string, args: readonly string[], options: MeasureOptions = {}): Promise<Measured> {
  const useTime = (options.useGnuTime ?? true) && hasGnuTime();
  const tempDir = useTime ? await mkdtemp(path.join(os.tmpdir(), 'wp-bench-time-')) : undefined;
  const timeFile = tempDir ? path.join(tempDir, 'rss') : undefined;
  const [program, argv] = timeFile ? ['/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, command, ...args]] : [command, [...args]];

  const started = performance.now();
  const child = spawn(program, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a timeout kills the program under GNU time too.
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-16_384);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  let vmHwmKb: number | null = null;
  let treeRssKb: number | null = null;
  let maxProcesses = 0;
  let polledCpuMs: number | null = null;
  const poll = () => {
    // Under GNU time the measured program is time's child.
    const pid = child.pid === undefined ? undefined : timeFile ? childPids(child.pid)[0] : child.pid;
    if (pid === undefined) return;
    const hwm = readStatusKb(pid, 'VmHWM');
    if (hwm !== null && (vmHwmKb === null || hwm > vmHwmKb)) vmHwmKb = hwm;
    polledCpuMs = readCpuMs(pid) ?? polledCpuMs;
    const tree = descendants(pid);
    const sum = tree.reduce((total, p) => total + (readStatusKb(p, 'VmRSS') ?? 0), 0);
    if (sum > 0 && (treeRssKb === null || sum > treeRssKb)) treeRssKb = sum;
    maxProcesses = Math.max(maxProcesses, tree.length);
  };
  const timer = setInterval(poll, options.pollMs ?? 50);
  let timedOut = false;
  const killer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        }, options.timeoutMs);
  const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, sig) => resolve([code, sig]));
  }).finally(() => {
    clearInterval(timer);
    clearTimeout(killer);
  });
  const wallMs = performance.now() - started;

  let gnuTimeKb: number | null = null;
  let gnuCpuMs: number | null = null;
  if (timeFile) {
    // GNU time writes "Command exited with non-zero status N" before its line on failure; ours is the last line.
    const last = (await readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').at(-1) ?? '';
    const match = /^(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+)$/.exec(last);
    if (match) {
      gnuCpuMs = Math.round((Number(match[1]) + Number(match[2])) * 1000);
      gnuTimeKb = Number(match[3]);
    }
    await rm(tempDir!, { recursive: true, force: true });
  }
  const candidates = [gnuTimeKb, vmHwmKb, treeRssKb].filter((v): v is number => v !== null);
  const peakRssKb = candidates.length > 0 ? Math.max(...candidates) : null;
  // Which of the three gave the peak (the tree sum wins when the build starts other processes).
  const rssSource: RssSource =
    peakRssKb === null ? 'none' : peakRssKb === gnuTimeKb ? 'gnu-time' : peakRssKb === vmHwmKb ? 'proc-vmhwm' : 'proc-tree';
  return { exitCode, signal, wallMs, cpuMs: gnuCpuMs ?? polledCpuMs, peakRssKb, treeRssKb, maxProcesses, rssSource, gnuTimeKb, vmHwmKb, output, timedOut };
}

function readStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null; // Not Linux, or the process has just exited.
  }
}

// Fields 14–17 of /proc/<pid>/stat are utime, stime, cutime and cstime (the
// last two: children already waited for, such as the search indexer) in clock
// ticks (USER_HZ, 100 on Linux); the name field may hold spaces, so split after ')'.
function readCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

// The children of every thread of a process (Linux 3.5+, CONFIG_PROC_CHILDREN).
function childPids(pid: number): number[] {
  try {
    const tasks = readdirSync(`/proc/${pid}/task`);
    return tasks.flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
  }
}

function descendants(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length && all.length < 1000; i++) all.push(...childPids(all[i]!));
  return all;
}

// GNU time prints its version on stdout (Debian 12) or stderr (older builds).
function isGnu(result: { stdout?: string | null; stderr?: string | null }): boolean {
  return /GNU/.test(`${result.stdout ?? ''}${result.stderr ?? ''}`);
}
