import { cp, mkdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';

// What the compiled CLI reads at run time (package.json "files", plus the manifest).
const PARTS = ['bin', 'dist', 'templates', 'public', 'package.json'];

/**
 * Copies the compiled CLI (bin/, dist/, templates/, public/, package.json)
 * into `dir` and links node_modules, so every build of one benchmark runs the
 * same code even when the repository is recompiled meanwhile (other work,
 * `npm test`, compiles into the same dist/), and a test can change the
 * templates the CLI renders with.
 * @param repoRoot the repository
 * @param dir the snapshot folder (emptied first)
 * @returns `dir`
 */
export async function snapshotApp(repoRoot: string, dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const part of PARTS) await cp(path.join(repoRoot, part), path.join(dir, part), { recursive: true });
  await symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}
