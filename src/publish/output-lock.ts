import { link, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isProcessRunning } from '../system/is-process-running.ts';
import { BuildError } from '../report/build-error.ts';
import { describeWriteFailure } from '../report/write-failure.ts';

/** A held lock on an output folder; release it when the build ends. */
export interface OutputLock {
  release(): Promise<void>;
}

/**
 * Takes an exclusive lock on the output folder (`<out>.lock`, holding the
 * owner's pid), so two builds started at once never write the same site.
 * The lock file appears atomically with the pid in it (hard link of a temp
 * file). A lock left by a process that no longer runs (killed with SIGKILL)
 * is taken over under a short takeover lock, so that of several builds
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
    for (let attempt = 0; attempt < 100; attempt += 1) {
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
      // The owner is gone (killed). Only the holder of the takeover lock may remove a stale lock, so
      // of several builds finding it, one removes it; all of them then race for the lock itself,
      // which only one exclusive link can win.
      if (await takeOver(temp, lockFile)) continue;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await rm(temp, { force: true });
  }
  throw new BuildError(`cannot take the lock ${lockFile}: other builds keep taking it`, {
    file: lockFile,
    hint: `Wait for the other builds to finish, then build again.`,
  });
}

/** A takeover lasts milliseconds; a takeover lock older than this was left by a build killed during one. */
const STALE_TAKEOVER_MS = 10_000;

/**
 * Removes a stale lock while holding `<lock>.takeover`. Returns false when
 * another build holds the takeover lock (try again shortly).
 */
async function takeOver(temp: string, lockFile: string): Promise<boolean> {
  const takeoverFile = `${lockFile}.takeover`;
  try {
    await createLockFile(temp, takeoverFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - ((await stat(takeoverFile).catch(() => undefined))?.mtimeMs ?? Date.now());
    if (age > STALE_TAKEOVER_MS) await rm(takeoverFile, { force: true });
    return false;
  }
  try {
    // Under the takeover lock nobody else removes the lock file, so what we read is what we remove.
    // A lock file that is gone is not removed: another build may have just taken the lock.
    const text = await readFile(lockFile, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : ''));
    if (text === undefined) return true;
    const owner = ownerIn(text);
    // No pid in it: a build killed between creating and filling it (file systems without hard links), unless it is fresh.
    const stale = owner === undefined ? Date.now() - ((await stat(lockFile).catch(() => undefined))?.mtimeMs ?? Date.now()) > STALE_TAKEOVER_MS : !isProcessRunning(owner);
    if (stale) await rm(lockFile, { force: true });
    return true;
  } finally {
    await rm(takeoverFile, { force: true });
  }
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

/** Removes the temp lock files of builds that were killed before cleaning up. */
async function sweepLeftovers(lockFile: string): Promise<void> {
  const prefix = `${path.basename(lockFile)}.`;
  for (const entry of await readdir(path.dirname(lockFile)).catch(() => [])) {
    const pid = /^(\d+)\.tmp$/.exec(entry.startsWith(prefix) ? entry.slice(prefix.length) : '')?.[1];
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
  return ownerIn(await readFile(lockFile, 'utf8').catch(() => ''));
}

function ownerIn(text: string): number | undefined {
  const owner = Number.parseInt(text, 10);
  return Number.isInteger(owner) && owner > 0 ? owner : undefined;
}

/** Removes the lock only while it is still ours: a lock taken over from us belongs to the other build now. */
async function releaseLock(lockFile: string): Promise<void> {
  if ((await readOwner(lockFile)) === process.pid) await rm(lockFile, { force: true });
}

