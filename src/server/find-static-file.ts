import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInsideOrSame } from './resolve-request-path.ts';

/** What a resolved path is on disk. */
export type StaticLookup =
  | { kind: 'file'; file: string }
  /** A directory asked for without its trailing slash: redirect, so relative links resolve. */
  | { kind: 'directory-without-slash' }
  | { kind: 'not-found' }
  | { kind: 'forbidden' };

/**
 * Finds the file to serve for a path already resolved under `root`: a
 * directory serves its `index.html`; symlinks are followed only while their
 * real target stays inside the real `root` (compared with a trailing
 * separator), so a link to `/etc/passwd` planted in the output is refused.
 *
 * @param file absolute candidate path from `resolveRequestPath`
 * @param directory the URL ended in `/`
 * @param root the served folder
 */
export async function findStaticFile(file: string, directory: boolean, root: string): Promise<StaticLookup> {
  const realRoot = await realpath(root).catch(() => undefined);
  if (realRoot === undefined) return { kind: 'not-found' };
  // Looked up in the version the root links to now: a build publishing meanwhile must not make the file seem outside it.
  const first = await statReal(path.join(realRoot, path.relative(path.resolve(root), file)), realRoot);
  if (first.kind !== 'found') return first;
  if (first.isDirectory) {
    if (!directory) return { kind: 'directory-without-slash' };
    const index = await statReal(path.join(first.real, 'index.html'), realRoot);
    if (index.kind !== 'found') return index;
    return index.isDirectory ? { kind: 'not-found' } : { kind: 'file', file: index.real };
  }
  // `/about.html/` names a file as if it were a folder; no static server answers that.
  if (directory) return { kind: 'not-found' };
  return { kind: 'file', file: first.real };
}

type Stat = { kind: 'found'; real: string; isDirectory: boolean } | { kind: 'not-found' } | { kind: 'forbidden' };

async function statReal(file: string, realRoot: string): Promise<Stat> {
  try {
    const real = await realpath(file);
    if (!isInsideOrSame(real, realRoot)) return { kind: 'forbidden' };
    const info = await stat(real);
    if (!info.isFile() && !info.isDirectory()) return { kind: 'forbidden' };
    return { kind: 'found', real, isDirectory: info.isDirectory() };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ELOOP: a symlink cycle; EACCES: unreadable. Neither is the visitor's business.
    return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG' ? { kind: 'not-found' } : { kind: 'forbidden' };
  }
}
