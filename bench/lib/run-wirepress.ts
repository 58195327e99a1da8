import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { measureProcess, type Measured } from './measure-process.ts';

/** The parts of the build report (`--report`) the benchmark reads. */
export interface ReportExcerpt {
  pages: number | null;
  summary: Record<string, number> | null;
  timings: { step: string; ms: number }[];
}

/** One measured `wirepress build`. */
export interface WirepressBuild extends Measured {
  report: ReportExcerpt;
  /** The build succeeded as a whole: exit code 0, or 1 (some posts skipped). */
  ok: boolean;
}

/** The folders of one benchmark build. */
export interface WirepressDirs {
  /** Folder holding bin/wirepress.js and dist/ (the repository, or a snapshot of it). */
  appRoot: string;
  contentDir: string;
  outDir: string;
  cacheDir: string;
  /** Working directory of the build; also holds the report. */
  workDir: string;
}

/**
 * Runs the compiled CLI once, offline, as a separate process:
 * `node bin/wirepress.js build --content … --out … --cache … --offline --report …`.
 * @param dirs the folders to use
 * @param timeoutMs kill the build after this long (default: 30 minutes)
 */
export async function runWirepressBuild(dirs: WirepressDirs, timeoutMs = 30 * 60_000): Promise<WirepressBuild> {
  const reportFile = path.join(dirs.workDir, 'report.json');
  await rm(reportFile, { force: true });
  const args = [
    path.join(dirs.appRoot, 'bin', 'wirepress.js'),
    'build',
    '--content', dirs.contentDir,
    '--out', dirs.outDir,
    '--cache', dirs.cacheDir,
    '--offline',
    '--report', reportFile,
  ];
  const measured = await measureProcess(process.execPath, args, { cwd: dirs.workDir, timeoutMs });
  const report = await readReport(reportFile);
  return { ...measured, report, ok: measured.exitCode === 0 || measured.exitCode === 1 };
}

async function readReport(file: string): Promise<ReportExcerpt> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const timings = Array.isArray(data['timings'])
      ? (data['timings'] as unknown[]).filter(
          (t): t is { step: string; ms: number } =>
            typeof t === 'object' && t !== null && typeof (t as { step?: unknown }).step === 'string' && typeof (t as { ms?: unknown }).ms === 'number',
        )
      : [];
    return {
      pages: typeof data['pages'] === 'number' ? data['pages'] : null,
      summary: typeof data['summary'] === 'object' && data['summary'] !== null ? (data['summary'] as Record<string, number>) : null,
      timings: timings.map(({ step, ms }) => ({ step, ms })),
    };
  } catch {
    return { pages: null, summary: null, timings: [] };
  }
}
