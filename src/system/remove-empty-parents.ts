import { rmdir } from 'node:fs/promises';
import path from 'node:path';

/** Removes the folders above `file` that are now empty, up to (not including) `root`. */
export async function removeEmptyParents(file: string, root: string): Promise<void> {
  for (let dir = path.dirname(file); dir.startsWith(`${root}${path.sep}`); dir = path.dirname(dir)) {
    // Fails on a folder that still holds something: then so do all above it.
    if (!(await rmdir(dir).then(() => true, () => false))) return;
  }
}
