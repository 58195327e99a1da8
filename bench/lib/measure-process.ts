import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** What one measured process did: see {@link measureProcess}. */
export type Measured = Awaited<ReturnType<typeof measureProcess>>;

let gnuTime: boolean | undefined;

/** Whether /usr/bin/time is GNU time (BusyBox and BSD time lack `-f %M -o`); it prints its version on stdout or stderr. */
export const hasGnuTime = (): boolean =>
  (gnuTime ??= existsSync('/usr/bin/time') && /GNU/.test(String(spawnSync('/usr/bin/time', ['--version'], { encoding: 'utf8' }).output)));

/**
 * Runs a command to completion, measured from outside (nothing is added to
 * the program); memory in KiB. Every 50 ms the poller reads the main process's
 * VmHWM (the kernel's high-water mark; `vmHwmKb`: the highest read) and CPU
 * time, and sums VmRSS over its process tree (`treeRssKb`: the largest sum;
 * `maxProcesses`: the most processes at once, 1 when it starts none). With GNU
 * time, `gnuTimeKb` is its %M (the largest single process, from wait4) and
 * `cpuMs` its %U+%S; else `cpuMs` is the last /proc/<pid>/stat read (own and
 * waited-for children). `peakRssKb` is the largest of the three memory
 * figures, `rssSource` says which. `output`: the last 16 KB of stdout and stderr.
 */
export async function measureProcess(command: string, args: readonly string[], options: { cwd?: string; useGnuTime?: boolean; timeoutMs?: number } = {}) {
  const tempDir = (options.useGnuTime ?? true) && hasGnuTime() ? await mkdtemp(path.join(os.tmpdir(), 'wp-bench-time-')) : undefined;
  const timeFile = tempDir && path.join(tempDir, 'rss');
  const [program, argv] = timeFile ? ['/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, command, ...args]] : [command, [...args]];
  const started = performance.now();
  // Its own process group, so a timeout kills the program under GNU time too.
  const child = spawn(program, argv, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString('utf8')).slice(-16_384));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const polled = { vmHwmKb: 0, treeRssKb: 0, cpuMs: null as number | null, maxProcesses: 0 };
  const timer = setInterval(() => {
    // Under GNU time the measured program is time's child.
    const pid = timeFile ? childPids(child.pid!)[0] : child.pid;
    if (pid === undefined) return;
    const tree = descendants(pid);
    polled.vmHwmKb = Math.max(polled.vmHwmKb, statusKb(pid, 'VmHWM') ?? 0);
    polled.treeRssKb = Math.max(polled.treeRssKb, tree.reduce((sum, p) => sum + (statusKb(p, 'VmRSS') ?? 0), 0));
    polled.cpuMs = cpuMs(pid) ?? polled.cpuMs;
    polled.maxProcesses = Math.max(polled.maxProcesses, tree.length);
  }, 50);
  let timedOut = false;
  const killer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
    timedOut = true;
    process.kill(-child.pid!, 'SIGKILL');
  }, options.timeoutMs);
  const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, sig) => resolve([code, sig]));
  }).finally(() => {
    clearInterval(timer);
    clearTimeout(killer);
  });
  const wallMs = performance.now() - started;

  // GNU time writes "Command exited with non-zero status N" before its line on failure; ours is the last line.
  const gnu = timeFile ? /^([\d.]+) ([\d.]+) (\d+)$/.exec((await readFile(timeFile, 'utf8').catch(() => '')).trim().split('\n').at(-1)!) : null;
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
  const gnuTimeKb = gnu ? Number(gnu[3]) : null;
  const vmHwmKb = polled.vmHwmKb || null;
  const treeRssKb = polled.treeRssKb || null;
  const peakRssKb = Math.max(gnuTimeKb ?? 0, vmHwmKb ?? 0, treeRssKb ?? 0) || null;
  // The tree sum wins when the build starts other processes.
  const rssSource: 'gnu-time' | 'proc-vmhwm' | 'proc-tree' | 'none' =
    peakRssKb === null ? 'none' : peakRssKb === gnuTimeKb ? 'gnu-time' : peakRssKb === vmHwmKb ? 'proc-vmhwm' : 'proc-tree';
  const cpu = gnu ? Math.round((Number(gnu[1]) + Number(gnu[2])) * 1000) : polled.cpuMs;
  return { exitCode, signal, wallMs, cpuMs: cpu, peakRssKb, treeRssKb, maxProcesses: polled.maxProcesses, rssSource, gnuTimeKb, vmHwmKb, output, timedOut };
}

/** A `kB` field of /proc/<pid>/status; `null` off Linux or once the process has exited. */
export function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

// Fields 14–17 of /proc/<pid>/stat: utime, stime, cutime and cstime (children
// already waited for, such as a search indexer) in ticks of 10 ms (USER_HZ
// 100); the name field may hold spaces, hence the split after ')'.
function cpuMs(pid: number): number | null {
  try {
    const ticks = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 15).reduce((sum, f) => sum + Number(f), 0);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

// The children of every thread of a process (Linux 3.5+, CONFIG_PROC_CHILDREN).
function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) => readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

function descendants(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length && all.length < 1000; i++) all.push(...childPids(all[i]!));
  return all;
}
