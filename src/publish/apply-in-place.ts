import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { listFilesRecursive } from '../system/list-files.ts';
import { removeEmptyParents } from '../system/remove-empty-parents.ts';

/** What {@link applyInPlace} removes from the published site. */
export interface InPlaceRemovals {
  /** Files of the previous site the new one no longer has (pages of deleted posts), relative to the output folder. */
  readonly files: readonly string[];
  /** Folders under the output folder whose entries not in `keep` go (files of the search index it no longer has). */
  readonly prune: readonly { readonly dir: string; readonly keep: readonly string[] }[];
}

/**
 * Publishes a partial build by updating the live output folder: every file
 * of `staging` (the pages that changed) is renamed over its counterpart,
 * then what the new site no longer has is deleted and the folders it
 * empties are removed. Each file is replaced atomically, but the site as a
 * whole is not: a reader may see the new page of a post beside the old
 * listing for a moment. For the dev server, whose rebuild must take as long
 * as the change, not the site; `wirepress build` swaps whole sites.
 */
export async function applyInPlace(staging: string, outDir: string, removals: InPlaceRemovals): Promise<void> {
  const madeDirs = new Set<string>();
  for (const file of await listFilesRecursive(staging)) {
    const target = path.join(outDir, path.relative(staging, file));
    const parent = path.dirname(target);
    if (!madeDirs.has(parent)) {
      await mkdir(parent, { recursive: true });
      madeDirs.add(parent);
    }
    await rename(file, target);
  }
  for (const file of removals.files) {
    await rm(path.join(outDir, file), { force: true });
    await removeEmptyParents(path.join(outDir, file), outDir);
  }
  for (const { dir, keep } of removals.prune) {
    const names = await readdir(path.join(outDir, dir)).catch(() => [] as string[]);
    for (const name of names.filter((n) => !keep.includes(n))) await rm(path.join(outDir, dir, name), { recursive: true, force: true });
  }
  await rm(staging, { recursive: true, force: true });
}
