import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { BuildError } from '../report/build-error.ts';

/** A held lock on an output folder; release it when the build ends. */
export interface OutputLock {
  release(): Promise<void>;
}

/**
 * Takes an exclusive lock on the output folder (`<out>.lock`, holding the
 * owner's pid), so two builds started at once never write the same site.
 * A lock left by a process that no longer runs (killed with SIGKILL) is taken
 * over.
 *
 * @throws BuildError when another running build holds the lock.
 */
export async function lockOutput(outDir: string): Promise<OutputLock> {
  const lockFile = `${outDir}.lock`;
  await mkdir(path.dirname(outDir), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(lockFile, { force: true }) };
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new BuildError(`cannot create the lock file ${lockFile}: ${(cause as Error).message}`, { file: lockFile, cause });
      }
      const owner = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new BuildError(`another wirepress build (pid ${owner}) is writing ${outDir}`, {
          file: lockFile,
          hint: `Wait for it to finish, or remove ${lockFile} if no build is running.`,
        });
      }
      await rm(lockFile, { force: true });
    }
  }
  throw new BuildError(`cannot take the lock ${lockFile}`, { file: lockFile });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
