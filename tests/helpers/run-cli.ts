import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared corpus of real posts, beside the repository (absent on a fresh machine). */
export const CORPUS_DIR = path.resolve(REPO_ROOT, '../shared/corpus');
export const HAS_CORPUS = existsSync(path.join(CORPUS_DIR, 'real'));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI (`bin/wirepress.js`, compiled by `npm test`) as a black
 * box; `app` is another copy of it to run (see snapshotApp).
 */
export function runCli(args: readonly string[], options: { cwd: string; timeoutMs?: number; env?: Record<string, string>; app?: string }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(options.app ?? REPO_ROOT, 'bin/wirepress.js'), ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Copies a fixture folder into a new temp folder, replacing `PORT` in its posts when given. */
export async function copyFixture(name: string, replacements: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `wirepress-${name}-`));
  await cp(path.join(REPO_ROOT, 'tests/fixtures/cli', name), dir, { recursive: true });
  if (Object.keys(replacements).length > 0) {
    for (const file of await listFiles(dir)) {
      let text = await readFile(file, 'utf8');
      for (const [from, to] of Object.entries(replacements)) text = text.split(from).join(to);
      await writeFile(file, text);
    }
  }
  return dir;
}

/** Every file under a folder, recursively (absolute paths). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}
