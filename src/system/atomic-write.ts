import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isProcessRunning } from './is-process-running.ts';

/**
 * Writes a file so that readers see either the old content or the new one,
 * never half of it: write a temporary file in the same folder (so the rename
 * stays on one file system), then rename it over the target, which POSIX
 * makes atomic. A crash leaves at worst a stray `.tmp` file, never a corrupt
 * cache entry. `data` may be chunks, each written as it is made.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array | Iterable<Uint8Array>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Deletes the temporary files that writers killed mid-write left in `dir`
 * (`<name>.<pid>.<hex>.tmp`, see writeFileAtomic), unless their writer still
 * runs. A missing folder has nothing to sweep.
 */
export async function removeStaleTempFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const pid = /\.(\d+)\.[a-f0-9]+\.tmp$/.exec(name)?.[1];
    if (pid !== undefined && !isProcessRunning(Number(pid))) await rm(path.join(dir, name), { force: true });
  }
}
