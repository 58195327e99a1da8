import { copyFile, link, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { folderMaker } from '../system/folder-maker.ts';

/** Files linked or copied at once. */
const CONCURRENCY = 16;

/**
 * Copies files into a folder (`to` is relative to it), hard-linking where the
 * file system allows: image variants in the cache are immutable, so a link
 * is as good as a copy and costs no disk.
 */
export async function copyFilesInto(dir: string, files: readonly { from: string; to: string }[]): Promise<void> {
  const missing = await linkFilesInto(dir, files);
  if (missing[0]) throw Object.assign(new Error(`ENOENT: no such file, link '${missing[0].from}'`), { code: 'ENOENT', path: missing[0].from });
}

/**
 * Copies a site's own files into a folder (`to` is relative to it),
 * replacing what is there: the user's `robots.txt` wins over the generated
 * one. Copied, not linked: the user edits these files in place, which must
 * never change a published site.
 */
export async function copySiteFiles(dir: string, files: readonly { from: string; to: string }[]): Promise<void> {
  const limit = pLimit(CONCURRENCY);
  await Promise.all(
    files.map((file) =>
      limit(async () => {
        const target = path.join(dir, file.to);
        await mkdir(path.dirname(target), { recursive: true });
        // A file published before is a hard link shared with the live site: replace it, never write into it.
        await rm(target, { force: true });
        await copyFile(file.from, target);
      }),
    ),
  );
}

/**
 * Takes files of the previous site into the staging folder by their paths
 * relative to both. Files published are never written again (a build
 * writes into a fresh staging folder), so a hard link is safe.
 *
 * @returns the paths that were not there to take: the caller makes them anew.
 */
export async function reuseFiles(fromDir: string, toDir: string, paths: readonly string[]): Promise<string[]> {
  const missing = await linkFilesInto(
    toDir,
    paths.map((file) => ({ from: path.join(fromDir, file), to: file })),
  );
  return missing.map((file) => file.to);
}

/** Links (else copies) each file; returns those whose source does not exist. Other errors throw. */
async function linkFilesInto(dir: string, files: readonly { from: string; to: string }[]): Promise<{ from: string; to: string }[]> {
  const limit = pLimit(CONCURRENCY);
  const madeDir = folderMaker();
  const missing: { from: string; to: string }[] = [];
  await Promise.all(
    files.map((file) =>
      limit(async () => {
        const target = path.join(dir, file.to);
        const parent = path.dirname(target);
        await madeDir(parent);
        await link(file.from, target).catch(async (error: NodeJS.ErrnoException) => {
          if (error.code === 'EEXIST') return;
          if (error.code === 'ENOENT') {
            missing.push(file);
            return;
          }
          await copyFile(file.from, target);
        });
      }),
    ),
  );
  return missing;
}
