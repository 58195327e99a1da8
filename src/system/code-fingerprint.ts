import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackageRoot } from '../config/index.ts';
import { listFilesRecursive } from './list-files.ts';

let memo: Promise<string> | undefined;

/**
 * A hash of wirepress's own code (every file of the compiled `dist/`, or of
 * `src/` under tsx), of the dependencies it runs with (see
 * {@link fingerprintInstalledDependencies}) and of the V8 version (the cache
 * is V8-serialized).
 * Cached results are keyed by it, so a new version, a local edit or an
 * upgraded rehype plugin invalidates them all: no version number to forget
 * to bump. Computed once per process.
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
    // Read synchronously: 240 small files, each awaited in turn, left this thread waiting between them on every build.
    hash.update(path.relative(codeRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  hash.update(fingerprintInstalledDependencies(findPackageRoot()));
  // Cache entries are V8-serialized: another Node.js reads them as misses rather than trusting the format.
  hash.update(process.versions.v8);
  return hash.digest('hex');
}

/**
 * A hash of the name and version of every package installed to run the
 * package at `packageRoot`: its `dependencies`, `optionalDependencies` and
 * `peerDependencies`, and theirs in turn, each found as Node.js finds it
 * (`node_modules/<name>` in the package's folder, then in each folder above).
 * An installed wirepress has no package-lock.json beside it, and a user's
 * `npm update` may move a plugin deep in the tree (hast-util-sanitize under
 * rehype-sanitize) while every direct version stays the same; a package
 * installed beside wirepress but not used by it changes nothing. A package
 * that is not installed (an optional one for another platform) counts as
 * missing.
 *
 * Synchronous: a few hundred small reads, once per process, cost less
 * read one after another than through fs/promises' queue.
 *
 * @param packageRoot the folder of the package whose dependencies count.
 */
export function fingerprintInstalledDependencies(packageRoot: string): string {
  const find = packageFinder();
  const root = path.resolve(packageRoot);
  const seen = new Set<string>([root]);
  const found = new Set<string>();
  const queue = [root];
  for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
    const manifest = readManifest(dir);
    if (!manifest) continue;
    for (const name of dependencyNames(manifest)) {
      const installed = find(dir, name);
      const version = installed?.manifest.version;
      found.add(`${name}@${typeof version === 'string' ? version : installed ? 'unversioned' : 'missing'}`);
      if (installed && !seen.has(installed.dir)) {
        seen.add(installed.dir);
        queue.push(installed.dir);
      }
    }
  }
  // Sorted: a set of packages, whatever order they were found in.
  return createHash('sha256').update([...found].sort().join('\n')).digest('hex');
}

/** What a package.json says, as far as the walk reads it. */
interface Manifest {
  readonly version?: unknown;
  readonly dependencies?: unknown;
  readonly optionalDependencies?: unknown;
  readonly peerDependencies?: unknown;
}

function readManifest(dir: string): Manifest | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Manifest) : undefined;
  } catch {
    // Absent, or broken (which would break the run too): it counts as missing.
    return undefined;
  }
}

function dependencyNames(manifest: Manifest): string[] {
  const names = new Set<string>();
  for (const field of [manifest.dependencies, manifest.optionalDependencies, manifest.peerDependencies]) {
    if (typeof field === 'object' && field !== null) for (const name of Object.keys(field)) names.add(name);
  }
  return [...names];
}

/** An installed package: its real folder and its package.json. */
interface InstalledPackage {
  readonly dir: string;
  readonly manifest: Manifest;
}

/**
 * Finds `name` as Node.js resolves it from `dir`: `<dir>/node_modules/<name>`,
 * then the same in each folder above, never inside a
 * `node_modules/node_modules`. The folder returned is real (no links), so
 * that its own dependencies are looked up where Node.js looks (pnpm links
 * every package from its store). Remembers which folders have a
 * node_modules/ and what each candidate held: most packages have no
 * node_modules/ of their own, and hundreds share the same one above.
 */
function packageFinder(): (dir: string, name: string) => InstalledPackage | undefined {
  const hasModules = new Map<string, boolean>();
  const candidates = new Map<string, InstalledPackage | undefined>();
  const modulesIn = (dir: string): boolean => {
    let found = hasModules.get(dir);
    if (found === undefined) hasModules.set(dir, (found = existsSync(path.join(dir, 'node_modules'))));
    return found;
  };
  const packageAt = (folder: string): InstalledPackage | undefined => {
    if (!candidates.has(folder)) {
      const manifest = readManifest(folder);
      candidates.set(folder, manifest && { dir: realpathSync(folder), manifest });
    }
    return candidates.get(folder);
  };
  return (dir, name) => {
    for (let at = dir; ; at = path.dirname(at)) {
      const installed = path.basename(at) !== 'node_modules' && modulesIn(at) ? packageAt(path.join(at, 'node_modules', name)) : undefined;
      if (installed) return installed;
      if (path.dirname(at) === at) return undefined;
    }
  };
}
