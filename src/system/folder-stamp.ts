import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { listFilesRecursive } from './list-files.ts';

/**
 * A stamp of every file under `dirs`: its path, size, inode, modification
 * and change times, as git's index tells a file unchanged without reading
 * it. A folder that does not exist stamps as absent. Undefined when a
 * folder holds a symbolic link (what it points to could change unseen) or
 * a file vanishes while it is stamped: the caller then does the full work.
 *
 * Synchronous stats: 10,000 of them take a tenth of the time of awaited
 * ones, and nothing else runs meanwhile.
 */
export async function stampFolders(dirs: readonly string[]): Promise<string | undefined> {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    hash.update(`\0${dir}\0`);
    let files: string[];
    try {
      files = await listFilesRecursive(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      hash.update('absent\n');
      continue;
    }
    for (const file of files) {
      // A link is listed as a file (listFilesRecursive follows none); gone since the listing: a bot writing meanwhile.
      const stats = lstatSync(file, { throwIfNoEntry: false });
      if (stats === undefined || stats.isSymbolicLink()) return undefined;
      hash.update(`${path.relative(dir, file)}\0${stats.size}\0${stats.ino}\0${stats.mtimeMs}\0${stats.ctimeMs}\n`);
    }
  }
  return hash.digest('hex');
}
