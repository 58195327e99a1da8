import { createHash, type Hash } from 'node:crypto';
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * A stamp of every file under `dirs`: its path, size, inode, modification
 * and change times, as git's index tells a file unchanged without reading
 * it. A folder that does not exist stamps as absent. Undefined when a
 * folder holds a symbolic link (what it points to could change unseen) or
 * a file vanishes while it is stamped: the caller then does the full work.
 *
 * Synchronous calls: 10,000 of them take a tenth of the time of awaited
 * ones, and nothing else runs meanwhile.
 */
export function stampFolders(dirs: readonly string[]): string | undefined {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    hash.update(`\0${dir}\0`);
    if (!stampFolder(hash, dir, '')) return undefined;
  }
  return hash.digest('hex');
}

/** Adds the files under `dir` to `hash`; false when one is a link. */
function stampFolder(hash: Hash, dir: string, relative: string): boolean {
  let entries;
  try {
    entries = readdirSync(path.join(dir, relative), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hash.update('absent\n');
    return true;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isSymbolicLink()) return false;
    if (entry.isDirectory()) {
      if (!stampFolder(hash, dir, name)) return false;
      continue;
    }
    // Gone since the listing (a bot writing meanwhile): no stamp to trust.
    const stats = lstatSync(path.join(dir, name), { throwIfNoEntry: false });
    if (stats === undefined) return false;
    hash.update(`${name}\0${stats.size}\0${stats.ino}\0${stats.mtimeMs}\0${stats.ctimeMs}\n`);
  }
  return true;
}
