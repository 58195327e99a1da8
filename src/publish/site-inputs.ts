import { createHash, randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../article/article.ts';
import { codeFingerprint } from '../system/code-fingerprint.ts';
import type { SiteConfig } from '../config/index.ts';
import type { ImageFile } from '../images/types.ts';
import { listFilesRecursive } from '../system/list-files.ts';

/**
 * A hash of everything a site is made from: every article as built (its
 * HTML by its hash), the config, every file of the templates and public
 * folders, the re-hosted image files and wirepress's own code. Two builds
 * with the same inputs publish the same files, so a build whose inputs are
 * those of the site it would replace has nothing to publish. What cannot be
 * read makes a key no build matches.
 *
 * A file the site publishes as it is (a re-hosted image, a Hexo blog's own
 * file) counts by its name and the stamp of its file: the site holds hard
 * links to the images, so a cached file found broken and made again (a new
 * file) must be published again, and an edited `CNAME` is a new stamp.
 */
export async function siteInputsKey(articles: readonly Article[], config: SiteConfig, copiedFiles: readonly ImageFile[]): Promise<string> {
  const hash = createHash('sha256').update(await codeFingerprint()).update('\0').update(JSON.stringify(config));
  const folders = [config.templatesDir, config.publicDir, config.ownTemplatesDir, config.ownPublicDir];
  for (const [i, dir] of folders.entries()) {
    if (dir === undefined) continue;
    try {
      for (const file of await listFilesRecursive(dir)) hash.update(`\0${i}\0`).update(path.relative(dir, file)).update('\0').update(await readFile(file));
    } catch {
      hash.update(randomUUID());
    }
  }
  for (const article of [...articles].sort((a, b) => (a.source < b.source ? -1 : 1))) hash.update('\0').update(JSON.stringify(article));
  for (const file of [...copiedFiles].sort((a, b) => (a.to < b.to ? -1 : 1))) {
    const found = await stat(file.from).catch(() => undefined);
    hash.update('\0').update(file.to).update(found ? `\0${found.size}:${found.ino}:${found.mtimeMs}` : randomUUID());
  }
  return hash.digest('hex');
}
