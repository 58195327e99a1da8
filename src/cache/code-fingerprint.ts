import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackageRoot } from '../config/index.ts';
import { listFilesRecursive } from '../system/list-files.ts';

let memo: Promise<string> | undefined;

/**
 * A hash of wirepress's own code (every file of the compiled `dist/`, or of
 * `src/` under tsx), of its locked dependencies (package-lock.json) and of
 * the V8 version (the cache is V8-serialized).
 * Cached results are keyed by it, so a new version, a local edit or an
 * upgraded rehype plugin invalidates them all: no version number to forget
 * to bump. Computed once per process (a few milliseconds).
 */
export function codeFingerprint(): Promise<string> {
  memo ??= computeFingerprint();
  return memo;
}

async function computeFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  const codeRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  for (const file of await listFilesRecursive(codeRoot)) {
    // Source maps and declarations change nothing at run time.
    if (file.endsWith('.map') || file.endsWith('.d.ts')) continue;
    hash.update(path.relative(codeRoot, file)).update('\0').update(await readFile(file)).update('\0');
  }
  const lock = await readFile(path.join(findPackageRoot(), 'package-lock.json')).catch(() => undefined);
  if (lock) hash.update(lock);
  // Cache entries are V8-serialized: another Node.js reads them as misses rather than trusting the format.
  hash.update(process.versions.v8);
  return hash.digest('hex');
}
