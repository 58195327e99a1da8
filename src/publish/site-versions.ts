import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, readlink, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PageFingerprints } from '../site/page-plan.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../system/atomic-write.ts';
import { pointLinkAt } from '../system/point-link.ts';
import { removeInBackground } from '../system/remove-in-background.ts';

/*
 * The output folder is a link to one complete version of the site. A build
 * makes the next version in a folder of its own and points the link at it
 * in one rename (see pointLinkAt): a reader never meets half a site, a
 * build killed at any moment leaves the last one published, and no system
 * call beyond rename(2) is needed. The versions live beside the output, in
 * `.wirepress-<name>/`, each with a record of what it holds. The version a
 * build replaces is kept as the spare the next build makes its site in,
 * touching only what changed since (see clearStagedSite): at 10,000 posts a
 * site is 18,000 pages in 39,000 folders, which are slow to link or delete.
 */

/** What a version of the site holds, paths relative to it with POSIX separators. */
export interface SiteFiles {
  /** Each page's and feed's fingerprint, by output path. */
  readonly pages: PageFingerprints;
  /** Every other file: the search index's, images, public/, the sitemaps. */
  readonly files: readonly string[];
  /** Those of `files` named by their content (re-hosted images, the search index's parts): one of the same name in another version is the same file. */
  readonly named: readonly string[];
}

/** The site published last, as its record describes it. */
export interface PreviousSite extends SiteFiles {
  /** Its version folder. */
  readonly dir: string;
  /** What it was made from (see siteInputsKey). */
  readonly inputs: string | undefined;
  /** The output link points at it; else it was found in the versions folder alone (restored from a CI cache, or the link deleted). */
  readonly linked: boolean;
  /** When it was published (ms). */
  readonly published: number;
}

/** A version folder a build writes the next site into. */
export interface NextVersion {
  readonly dir: string;
  /** What it already holds: the spare, an older site (see clearStagedSite); none for an empty folder. */
  readonly spare: SiteFiles | undefined;
}

const RECORD = '.json';
/** A version being deleted: never built in, never published. */
const TRASH = '.trash';
/** A real folder found at the output path, moved aside to put the link there. */
const MOVED_ASIDE = 'moved-aside-';

/** The folder holding the versions of the site published at `outDir`. */
export function versionsFolder(outDir: string): string {
  const out = path.resolve(outDir);
  return path.join(path.dirname(out), `.wirepress-${path.basename(out)}`);
}

/**
 * The site `outDir` shows, when it is a version with its record: the pages
 * and files a build may take unchanged. With no output at all, the newest
 * version of the versions folder (see liveVersion). A folder put there by
 * anyone else (an older wirepress, Hexo) has no record: nothing is taken
 * from it.
 */
export async function loadPreviousSite(outDir: string): Promise<PreviousSite | undefined> {
  const name = await liveVersion(outDir);
  if (name === undefined) return undefined;
  const record = await readRecord(path.join(versionsFolder(outDir), name));
  const linked = (await lstat(outDir).catch(() => undefined)) !== undefined;
  return record && { ...record, dir: path.join(versionsFolder(outDir), name), linked };
}

/**
 * Makes the folder the next version is written into: the spare, its record
 * dropped first (a build killed while changing it leaves no version to
 * trust), or an empty folder. Clears what crashed builds left: versions
 * without a record, a half-made link, and puts back a folder a killed
 * build had moved aside (see publishVersion).
 */
export async function prepareNextVersion(outDir: string): Promise<NextVersion> {
  const versions = versionsFolder(outDir);
  await mkdir(versions, { recursive: true });
  // Git users commit their blog folder whole: the versions are never theirs to commit.
  await writeFile(path.join(versions, '.gitignore'), '*\n');
  await recoverMovedAside(outDir);
  await removeStaleTempFiles(versions);
  const live = await liveVersion(outDir);
  // Folders a killed remover left half deleted.
  for (const name of await readdir(versions)) if (name.endsWith(TRASH)) removeInBackground(path.join(versions, name));
  const candidates = (await listVersions(versions)).filter((name) => name !== live);
  const spare = await newestRecorded(versions, candidates);
  for (const name of candidates) if (name !== spare?.name) await discard(path.join(versions, name));
  if (spare) {
    await rm(`${path.join(versions, spare.name)}${RECORD}`);
    const { pages, files, named } = spare.record;
    return { dir: path.join(versions, spare.name), spare: { pages, files, named } };
  }
  const dir = path.join(versions, await freshName(versions));
  await mkdir(dir);
  return { dir, spare: undefined };
}

/**
 * Publishes a version made by {@link prepareNextVersion}: records what it
 * holds, then points the output link at it. The version it replaces keeps
 * its record and becomes the spare. A real folder at the output path (the
 * first build, or a site another tool made) is moved into the versions
 * folder first and deleted after; a build killed between the two steps
 * gets it put back by the next one.
 *
 * @returns whether the output path became a link now (it was missing, or a folder)
 */
export async function publishVersion(dir: string, outDir: string, record: SiteFiles & { inputs: string | undefined }): Promise<boolean> {
  await recordVersion(dir, record);
  const out = path.resolve(outDir);
  const found = await lstat(out).catch(() => undefined);
  const movedAside = found && !found.isSymbolicLink() ? path.join(versionsFolder(out), `${MOVED_ASIDE}${Date.now()}`) : undefined;
  if (movedAside) await rename(out, movedAside);
  await pointLinkAt(out, dir);
  if (movedAside) await discard(movedAside);
  return !found?.isSymbolicLink();
}

/**
 * Removes the published site: the output link (or a plain folder there) and
 * the versions beside it. Says each before it goes.
 *
 * @returns what was removed
 */
export async function removeSite(outDir: string, onRemove: (dir: string) => void): Promise<string[]> {
  const removed: string[] = [];
  for (const dir of [path.resolve(outDir), versionsFolder(outDir)]) {
    if (!(await lstat(dir).catch(() => undefined))) continue;
    onRemove(dir);
    // A link goes alone: rm never follows it.
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    removed.push(dir);
  }
  return removed;
}

/** Deletes a version a failed build was writing. */
export async function discardVersion(dir: string): Promise<void> {
  await rm(`${dir}${RECORD}`, { force: true });
  // Retried: a renderer that failed may still be finishing a write into it.
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
}

/**
 * The name of the version the output link points at, if it is one. With no
 * output at all, the newest version with its record: the versions folder
 * was restored without the link (a CI run restores it from its cache into
 * a fresh checkout), and the site it held is the one to build on.
 */
async function liveVersion(outDir: string): Promise<string | undefined> {
  const out = path.resolve(outDir);
  if (!(await lstat(out).catch(() => undefined))) {
    const versions = versionsFolder(out);
    const names = existsSync(versions) ? await listVersions(versions) : [];
    return (await newestRecorded(versions, names))?.name;
  }
  const target = await readlink(out).catch(() => undefined);
  if (target === undefined) return undefined;
  const dir = path.resolve(path.dirname(out), target);
  return path.dirname(dir) === versionsFolder(out) ? path.basename(dir) : undefined;
}

/** Version folders in `versions`, those being deleted aside. */
async function listVersions(versions: string): Promise<string[]> {
  const entries = await readdir(versions, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory() && !entry.name.endsWith(TRASH) && !entry.name.startsWith(MOVED_ASIDE)).map((entry) => entry.name);
}

/** The version published last of `names`, by the time its record says: a folder restored from a cache has new file times. */
async function newestRecorded(versions: string, names: readonly string[]) {
  let newest: { name: string; record: SiteFiles & { published: number } } | undefined;
  for (const name of names) {
    const record = await readRecord(path.join(versions, name));
    if (record && (!newest || record.published > newest.record.published)) newest = { name, record };
  }
  return newest;
}

/** Records what a version holds, as published at `published` (ms; the spare readied for the dev server is recorded as just before the live one). */
export async function recordVersion(dir: string, record: SiteFiles & { inputs: string | undefined }, published = Date.now()): Promise<void> {
  await writeFileAtomic(`${dir}${RECORD}`, JSON.stringify({ published, pages: [...record.pages], files: record.files, named: record.named, inputs: record.inputs }));
}

async function readRecord(dir: string): Promise<(SiteFiles & { inputs: string | undefined; published: number }) | undefined> {
  const text = await readFile(`${dir}${RECORD}`, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const record = JSON.parse(text) as { published?: unknown; pages?: unknown; files?: unknown; named?: unknown; inputs?: unknown };
    if (typeof record.published !== 'number' || !Array.isArray(record.pages) || !Array.isArray(record.files) || !Array.isArray(record.named)) return undefined;
    return {
      published: record.published,
      pages: new Map(record.pages as [string, string][]),
      files: record.files as string[],
      named: record.named as string[],
      inputs: typeof record.inputs === 'string' ? record.inputs : undefined,
    };
  } catch {
    // Cut short by a crash: the version is not trusted, and is deleted by the next build.
    return undefined;
  }
}

/** A build killed between moving a real output folder aside and linking the new version left no site: put the old one back. */
async function recoverMovedAside(outDir: string): Promise<void> {
  const versions = versionsFolder(outDir);
  const movedAside = (await readdir(versions)).filter((name) => name.startsWith(MOVED_ASIDE)).sort();
  const newest = movedAside.pop();
  if (newest && !(await lstat(outDir).catch(() => undefined))) await rename(path.join(versions, newest), outDir);
  else if (newest) movedAside.push(newest);
  for (const name of movedAside) await discard(path.join(versions, name));
}

/** Renames a folder aside (so it is never taken for a version) and deletes it in the background: a whole site is slow to delete. */
async function discard(dir: string): Promise<void> {
  await rm(`${dir}${RECORD}`, { force: true });
  if (!(await lstat(dir).catch(() => undefined))) return;
  const trash = `${dir}-${Date.now()}${TRASH}`;
  await rename(dir, trash);
  removeInBackground(trash);
}

async function freshName(versions: string): Promise<string> {
  for (let n = Date.now(); ; n += 1) {
    const name = `v${n}`;
    if (!(await lstat(path.join(versions, name)).catch(() => undefined))) return name;
  }
}
