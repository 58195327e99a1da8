/** What the benchmarks share: their options, the head of a results file, medians and tables. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { MissingCorpusError } from './posts.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A bad command line: a message and exit code 2, not a stack trace. */
export class UsageError extends Error {}

const FLAGS = {
  posts: { type: 'string' }, runs: { type: 'string' }, images: { type: 'string' }, peers: { type: 'boolean' },
  out: { type: 'string' }, work: { type: 'string' }, seed: { type: 'string' }, corpus: { type: 'string' },
} as const;
type Flag = keyof typeof FLAGS;
type Count = 'posts' | 'runs' | 'images';

function parseOptions(flags: Flag[], defaults: Partial<Record<Count, number>>) {
  const { values } = parseArgs({ options: Object.fromEntries(flags.map((f) => [f, FLAGS[f]])) });
  const text = (flag: Flag) => values[flag] as string | undefined;
  const count = (flag: Count) => {
    const n = Number(text(flag) ?? defaults[flag] ?? 1);
    if (Number.isInteger(n) && n > 0) return n;
    throw new UsageError(`--${flag} expects a positive integer, received "${text(flag)}"`);
  };
  const [seed, corpus] = [text('seed'), text('corpus')];
  return {
    posts: count('posts'), runs: count('runs'), images: count('images'), peers: values['peers'] === true, out: text('out'),
    work: path.resolve(text('work') ?? path.join(os.tmpdir(), 'wirepress-bench')),
    /** `--seed` and `--corpus`, for generatePosts. */
    generate: { ...(seed ? { seed: Number(seed) } : {}), ...(corpus ? { corpusDir: path.resolve(corpus) } : {}) },
  };
}

/**
 * Parses the flags a benchmark accepts and runs `main` to the exit code. A bad
 * option, a missing corpus or (with `needsCli`) a missing dist/cli.js is one
 * line on stderr and exit code 2.
 */
export async function benchMain(flags: Flag[], defaults: Partial<Record<Count, number>>, main: (options: ReturnType<typeof parseOptions>) => Promise<number>, needsCli = true) {
  try {
    const options = parseOptions(flags, defaults);
    if (needsCli && !existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) throw new UsageError('dist/cli.js is missing; run `npm run compile` first (the npm scripts do).');
    process.exitCode = await main(options);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof MissingCorpusError)) throw error;
    process.stderr.write(`bench: ${error.message}\n`);
    process.exitCode = 2;
  }
}

export const isMain = (url: string): boolean => url === pathToFileURL(process.argv[1] ?? '').href;

/** `--out`, else `bench/results/<prefix><timestamp>.json` (git-ignored). */
export const resultsFile = (out: string | undefined, prefix = ''): string =>
  path.resolve(out ?? path.join(REPO_ROOT, 'bench', 'results', `${prefix}${new Date().toISOString().replace(/[:.]/g, '-')}.json`));

/** Progress goes to stderr, results to stdout. */
export const log = (text: string): boolean => process.stderr.write(`${text}\n`);
export const out = (text: string): boolean => process.stdout.write(`${text}\n`);

export async function writeJson(file: string, json: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
}

/** The head of a results file: when, which commit, which machine. */
export function provenance() {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return null;
    }
  };
  const dirty = git('status', '--porcelain', '--', 'src', 'templates', 'public');
  return {
    date: new Date().toISOString(),
    commit: git('rev-parse', 'HEAD'),
    // The working tree differed from the commit (other work in progress): the snapshot measured is not that commit.
    dirty: dirty === null ? null : dirty !== '',
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
  };
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The median of the values that are numbers; `null` when there are none. */
export function median(values: readonly (number | null | undefined)[]): number | null {
  const sorted = values.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? null : sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A plain-text table whose first `left` columns align left; CJK characters take two columns in a terminal. */
export function table(header: string[], rows: string[][], left = 1): string {
  const width = (text: string) => [...text].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1), 0);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => width(row[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => (i < left ? c + ' '.repeat(widths[i]! - width(c)) : ' '.repeat(widths[i]! - width(c)) + c)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
