import { copyFile, link, mkdir } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';

/**
 * Copies files into a folder (`to` is relative to it), hard-linking where the
 * file system allows: image variants in the cache are immutable, so a link
 * is as good as a copy and costs no disk.
 */
export async function copyFilesInto(dir: string, files: readonly { from: string; to: string }[]): Promise<void> {
  const limit = pLimit(16);
  const madeDirs = new Set<string>();
  await Promise.all(
    files.map((file) =>
      limit(async () => {
        const target = path.join(dir, file.to);
        const parent = path.dirname(target);
        if (!madeDirs.has(parent)) {
          await mkdir(parent, { recursive: true });
          madeDirs.add(parent);
        }
        await link(file.from, target).catch(async (error: NodeJS.ErrnoException) => {
          if (error.code === 'EEXIST') return;
          await copyFile(file.from, target);
        });
      }),
    ),
  );
}
