import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { SiteConfig } from '../config/index.ts';
import { siteCachePath, siteFolderIdentity, type SiteFiles } from '../site/index.ts';
import { writeFileAtomic } from '../system/atomic-write.ts';
import { removeInBackground } from '../system/remove-in-background.ts';

/*
 * A build swaps a whole new site in (see publishStagingDir). Making that
 * site in an empty folder meant linking every unchanged file of the
 * published one into it, and deleting the old site after: at 10,000 posts,
 * 18,000 pages in 39,000 folders, 3 s of links, more to delete, and one
 * link more per image variant on a site with images. Instead, the site a
 * swap retires is kept in the cache folder with the record of what it
 * holds, and the next build makes its site in it, touching only what
 * changed since that older site (see clearStagedSite).
 */

/** The name of a spare being deleted is the spare's plus this. */
const TRASH_MARK = '.trash-';

interface SpareRecord extends SiteFiles {
  /** Identity of the spare folder once kept (see siteFolderIdentity): a folder changed since is not trusted. */
  readonly identity: string;
}

/**
 * Keeps `retired`, the site a swap just replaced, to build the next one in.
 * `site` is what it holds (its record as the previous site). Resolves
 * `false` when it cannot be kept (the cache is on another file system, or
 * full): the caller deletes it.
 */
export async function keepSpareSite(retired: string, site: SiteFiles, config: SiteConfig): Promise<boolean> {
  const { dir, recordFile } = spareLocation(config);
  try {
    await rm(recordFile, { force: true });
    // Left by a build that could not take it: it is never built in.
    if (existsSync(dir)) await discard(dir);
    await mkdir(path.dirname(dir), { recursive: true });
    await rename(retired, dir);
  } catch {
    return false;
  }
  const identity = await siteFolderIdentity(dir);
  // Without its record, the spare is deleted by the next build rather than built in.
  if (identity !== undefined) await writeFileAtomic(recordFile, JSON.stringify({ identity, pages: [...site.pages], files: site.files })).catch(() => undefined);
  return true;
}

/**
 * Moves the spare site kept by {@link keepSpareSite} into `staging` (an
 * empty folder on the same file system) and returns what it holds; or,
 * when there is none to trust, deletes any left and resolves `undefined`.
 */
export async function takeSpareSite(staging: string, config: SiteConfig): Promise<SiteFiles | undefined> {
  const { dir, recordFile } = spareLocation(config);
  // Spares a killed remover left half deleted.
  for (const entry of await readdir(path.dirname(dir)).catch((): string[] => [])) {
    if (entry.startsWith(`${path.basename(dir)}${TRASH_MARK}`)) removeInBackground(path.join(path.dirname(dir), entry));
  }
  const text = await readFile(recordFile, 'utf8').catch(() => undefined);
  // Taken once: a build that dies while clearing it leaves a staging folder, never a spare.
  await rm(recordFile, { force: true }).catch(() => undefined);
  const record = text === undefined ? undefined : parseRecord(text);
  if (!existsSync(dir)) return undefined;
  if (record && record.identity === (await siteFolderIdentity(dir))) {
    const moved = await rename(dir, staging).then(
      () => true,
      () => false,
    );
    if (moved) return { pages: record.pages, files: record.files };
  }
  await discard(dir).catch(() => undefined);
  return undefined;
}

function parseRecord(text: string): SpareRecord | undefined {
  try {
    const record = JSON.parse(text) as { identity?: unknown; pages?: unknown; files?: unknown };
    if (typeof record.identity !== 'string' || !Array.isArray(record.pages) || !Array.isArray(record.files)) return undefined;
    return { identity: record.identity, pages: new Map(record.pages as [string, string][]), files: record.files as string[] };
  } catch {
    return undefined;
  }
}

/** Renames a spare folder aside and deletes it in the background. */
async function discard(dir: string): Promise<void> {
  const trash = `${dir}${TRASH_MARK}${process.pid}-${Date.now()}`;
  await rename(dir, trash);
  removeInBackground(trash);
}

/** Where the spare site of `config.outDir` is kept: in the cache folder, beside the record of the published site. */
function spareLocation(config: SiteConfig): { dir: string; recordFile: string } {
  const dir = `${siteCachePath(config.outDir, config.cacheDir)}.spare`;
  return { dir, recordFile: `${dir}.json` };
}
