import { createHash } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../system/atomic-write.ts';
import type { PageFingerprints } from './page-plan.ts';

/**
 * What a folder of a site holds: each page's and feed's fingerprint, and
 * every other file (the search index's, images, public/), paths
 * relative to it with POSIX separators.
 */
export interface SiteFiles {
  readonly pages: PageFingerprints;
  readonly files: readonly string[];
}

/** The published site a build may take unchanged pages from. */
export interface PreviousSite {
  /** The output folder as published. */
  readonly dir: string;
  /** The fingerprint of each page and feed it holds, by output path. */
  readonly pages: PageFingerprints;
  /** What it was made from (see siteInputsKey), when known. */
  readonly inputs: string | undefined;
  /** Every other file it holds, when known (see {@link SiteFiles}). */
  readonly files: readonly string[] | undefined;
}

interface SiteRecord {
  readonly outDir: string;
  /** Identity of the folder as published: device, inode and change time. */
  readonly identity: string;
  readonly pages: [string, string][];
  readonly inputs?: string;
  readonly files?: string[];
}

/**
 * The record of what the last build published into `outDir`, kept in the
 * cache folder (never in the site, where it would be served). It is trusted
 * only while the output folder is still the very folder that build
 * published: a folder replaced, emptied or added to since (its inode or
 * change time differs) gets every page rendered again.
 */
export async function loadPreviousSite(outDir: string, cacheDir: string): Promise<PreviousSite | undefined> {
  const text = await readFile(recordFile(outDir, cacheDir), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  let record: SiteRecord;
  try {
    record = JSON.parse(text) as SiteRecord;
  } catch {
    return undefined;
  }
  if (record.outDir !== path.resolve(outDir) || !Array.isArray(record.pages)) return undefined;
  if (record.identity !== (await siteFolderIdentity(outDir))) return undefined;
  return {
    dir: path.resolve(outDir),
    pages: new Map(record.pages),
    inputs: typeof record.inputs === 'string' ? record.inputs : undefined,
    files: Array.isArray(record.files) ? record.files : undefined,
  };
}

/**
 * Records what was just published into `outDir`, and what it was made
 * from and its other files when known, for the next build's {@link loadPreviousSite}.
 *
 * @returns the folder's identity as recorded (see {@link siteFolderIdentity})
 */
export async function recordPublishedSite(
  outDir: string,
  cacheDir: string,
  pages: PageFingerprints,
  inputs?: string,
  files?: readonly string[],
): Promise<string | undefined> {
  const identity = await siteFolderIdentity(outDir);
  if (identity === undefined) return undefined;
  const record: SiteRecord = { outDir: path.resolve(outDir), identity, pages: [...pages], ...(inputs ? { inputs } : {}), ...(files ? { files: [...files] } : {}) };
  await writeFileAtomic(recordFile(outDir, cacheDir), JSON.stringify(record));
  return identity;
}

/** Forgets what was published into `outDir`: the next build renders every page (an in-place update is about to start). */
export async function forgetPublishedSite(outDir: string, cacheDir: string): Promise<void> {
  await rm(recordFile(outDir, cacheDir), { force: true });
}

function recordFile(outDir: string, cacheDir: string): string {
  return `${siteCachePath(outDir, cacheDir)}.json`;
}

/** Where the cache keeps what it knows of the site published into `outDir`: this path plus a suffix. */
export function siteCachePath(outDir: string, cacheDir: string): string {
  const name = createHash('sha256').update(path.resolve(outDir)).digest('hex').slice(0, 16);
  return path.join(cacheDir, 'sites', name);
}

/** What tells the published folder from one replaced, emptied or added to since: device, inode and change time. */
export async function siteFolderIdentity(dir: string): Promise<string | undefined> {
  const found = await stat(dir, { bigint: true }).catch(() => undefined);
  return found?.isDirectory() ? `${found.dev}:${found.ino}:${found.ctimeNs}` : undefined;
}
