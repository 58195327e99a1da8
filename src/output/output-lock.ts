import { link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isProcessRunning } from '../system/is-process-running.ts';
import { BuildError } from '../report/build-error.ts';
import { describeWriteFailure } from './write-failure.ts';

/** A held lock on an output folder; release it when the build ends. */
export interface OutputLock {
  release(): Promise<void>;
}

/**
 * Takes an exclusive lock on the output folder (`<out>.lock`, holding the
 * owner's pid), so two builds started at once never write the same site.
 * The lock file appears atomically with the pid in it (hard link of a temp
 * file). A lock left by a process that no longer runs (killed with SIGKILL)
 * is taken over — moved aside, then checked, so that of several builds
 * finding one stale lock only one wins.
 *
 * @throws BuildError when another running build holds the lock.
 */
export async function lockOutput(outDir: string): Promise<OutputLock> {
  const lockFile = `${outDir}.lock`;
  try {
    await mkdir(path.dirname(outDir), { recursive: true });
  } catch (cause) {
    throw describeWriteFailure(cause, outDir) ?? new BuildError(`cannot create the folder of ${outDir}: ${(cause as Error).message}`, { file: outDir, cause });
  }
  // The lock appears with the pid already in it (written to a temp file, then linked into place):
  // created empty and filled afterwards, a second build could read it empty and take it as stale.
  const temp = `${lockFile}.${process.pid}.tmp`;
  try {
    await writeFile(temp, String(process.pid));
  } catch (cause) {
    throw describeWriteFailure(cause, outDir) ?? new BuildError(`cannot create the lock file ${lockFile}: ${(cause as Error).message}`, { file: lockFile, cause });
  }
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await createLockFile(temp, lockFile);
        await sweepLeftovers(lockFile);
        return { release: () => releaseLock(lockFile) };
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw (
            describeWriteFailure(cause, outDir) ??
            new BuildError(`cannot create the lock file ${lockFile}: ${(cause as Error).message}`, { file: lockFile, cause })
          );
        }
      }
      const owner = await readOwner(lockFile);
      if (owner !== undefined && owner !== process.pid && isProcessRunning(owner)) throw busy(owner, outDir, lockFile);
      // The owner is gone (killed): move its lock aside atomically, then make sure the one moved is
      // that dead build's — another build may have taken the stale lock over in the meantime.
      const aside = `${lockFile}.${process.pid}.stale`;
      if (!(await rename(lockFile, aside).then(() => true, () => false))) continue;
      const moved = await readOwner(aside);
      if (moved !== undefined && moved !== owner && moved !== process.pid && isProcessRunning(moved)) {
        await link(aside, lockFile).catch(() => {});
        await rm(aside, { force: true });
        throw busy(moved, outDir, lockFile);
      }
      await rm(aside, { force: true });
    }
  } finally {
    await rm(temp, { force: true });
  }
  throw new BuildError(`cannot take the lock ${lockFile}: other builds keep taking it`, {
    file: lockFile,
    hint: `Wait for the other builds to finish, then build again.`,
  });
}

/** Links `temp` into place; where the file system has no hard links (FAT, some network shares), creates it exclusively instead. */
async function createLockFile(temp: string, lockFile: string): Promise<void> {
  try {
    await link(temp, lockFile);
  } catch (error) {
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EOPNOTSUPP'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await writeFile(lockFile, String(process.pid), { flag: 'wx' });
  }
}

/** Removes the temp and moved-aside lock files of builds that were killed before cleaning up. */
async function sweepLeftovers(lockFile: string): Promise<void> {
  const prefix = `${path.basename(lockFile)}.`;
  for (const entry of await readdir(path.dirname(lockFile)).catch(() => [])) {
    const pid = /^(\d+)\.(?:tmp|stale)$/.exec(entry.startsWith(prefix) ? entry.slice(prefix.length) : '')?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !isProcessRunning(Number(pid))) {
      await rm(path.join(path.dirname(lockFile), entry), { force: true });
    }
  }
}

function busy(owner: number, outDir: string, lockFile: string): BuildError {
  return new BuildError(`another wirepress build (pid ${owner}) is writing ${outDir}`, {
    file: lockFile,
    hint: `Wait for it to finish, or remove ${lockFile} if no build is running.`,
  });
}

async function readOwner(lockFile: string): Promise<number | undefined> {
  const owner = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
  return Number.isInteger(owner) && owner > 0 ? owner : undefined;
}

/** Removes the lock only while it is still ours: a lock taken over from us belongs to the other build now. */
async function releaseLock(lockFile: string): Promise<void> {
  if ((await readOwner(lockFile)) === process.pid) await rm(lockFile, { force: true });
}

