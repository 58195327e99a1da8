import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { BuildError } from '../report/build-error.ts';
import { exchangePaths } from '../system/exchange-paths.ts';
import { removeInBackground } from '../system/remove-in-background.ts';
import { describeWriteFailure } from '../report/write-failure.ts';

const STAGING_MARK = '.wirepress-staging-';
const RETIRED_MARK = '.wirepress-retired-';
/** A previous site being deleted: never put back (it may be half gone). */
const TRASH_MARK = '.wirepress-trash-';

/**
 * Creates an empty staging folder beside the output folder (same file system,
 * so publishing is a rename), clearing what crashed builds left behind: a
 * half-built staging folder, a retired site, or a previous site left under the
 * staging name by a build killed right after the swap in {@link publishStagingDir}.
 *
 * @throws BuildError when the folder beside the output cannot be written (full, read-only, forbidden).
 */
export async function createStagingDir(outDir: string): Promise<string> {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  try {
    await mkdir(parent, { recursive: true });
    await recoverInterruptedPublish(outDir);
    for (const entry of await readdir(parent)) {
      // A previous site still being deleted in the background: leave it to a remover, never wait for it.
      if (entry.startsWith(`${base}${TRASH_MARK}`)) removeInBackground(path.join(parent, entry));
      else if (entry.startsWith(`${base}${STAGING_MARK}`) || entry.startsWith(`${base}${RETIRED_MARK}`)) {
        await rm(path.join(parent, entry), { recursive: true, force: true });
      }
    }
    const staging = path.join(parent, `${base}${STAGING_MARK}${process.pid}-${Date.now()}`);
    await mkdir(staging);
    return staging;
  } catch (cause) {
    // A full or read-only disk here is the user's to fix, not a crash of ours.
    throw (
      describeWriteFailure(cause, outDir) ??
      new BuildError(`cannot prepare a staging folder beside ${outDir}: ${(cause as Error).message}`, { file: outDir, cause })
    );
  }
}

/**
 * Replaces the output folder with the staging folder. Where the system can
 * (see {@link exchangePaths}) the two are swapped in one step, so the output
 * folder never goes missing for a server reading it; elsewhere it takes two
 * renames (output → retired, staging → output). The previous site is only
 * removed once the new one is in place, and in the background (renamed to
 * trash first, so it is never mistaken for a site to restore), unless
 * `retire` takes it (resolves `true`) to build the next site in.
 *
 * A crash right after the swap leaves the previous site under the staging
 * name, which the next build's {@link createStagingDir} deletes; a crash
 * between the two renames is repaired by the next build
 * ({@link recoverInterruptedPublish}).
 */
export async function publishStagingDir(staging: string, outDir: string, retire?: (previousSite: string) => Promise<boolean>): Promise<void> {
  const retired = path.join(path.dirname(outDir), `${path.basename(outDir)}${RETIRED_MARK}${process.pid}-${Date.now()}`);
  let previous: string | undefined;
  try {
    previous = await moveIntoPlace(staging, outDir, retired);
  } catch (cause) {
    if (!(await exists(outDir)) && (await exists(retired))) await rename(retired, outDir);
    throw describeWriteFailure(cause, outDir) ?? new BuildError(`cannot publish the site to ${outDir}: ${(cause as Error).message}`, { file: outDir, cause });
  }
  if (previous && !(await retire?.(previous))) {
    const trash = retired.replace(RETIRED_MARK, TRASH_MARK);
    await rename(previous, trash);
    removeInBackground(trash);
  }
}

/** Removes a staging folder after a failed build; the previous site stays untouched. */
export async function discardStagingDir(staging: string): Promise<void> {
  // Retried: a renderer that failed may still be finishing a write into it.
  await rm(staging, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
}

/** Puts the staging folder at the output path; returns where the previous site went, if there was one. */
async function moveIntoPlace(staging: string, outDir: string, retired: string): Promise<string | undefined> {
  if (!(await exists(outDir))) {
    await rename(staging, outDir);
    return undefined;
  }
  if (await exchangePaths(staging, outDir)) return staging;
  await rename(outDir, retired);
  await rename(staging, outDir);
  return retired;
}

/** If a build died between retiring the old site and publishing the new one, puts the old site back. */
async function recoverInterruptedPublish(outDir: string): Promise<void> {
  if (await exists(outDir)) return;
  const parent = path.dirname(outDir);
  const retired = (await readdir(parent)).filter((e) => e.startsWith(`${path.basename(outDir)}${RETIRED_MARK}`)).sort();
  const newest = retired.at(-1);
  if (newest) await rename(path.join(parent, newest), outDir);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
