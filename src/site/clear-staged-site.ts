import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { removeEmptyParents } from '../system/remove-empty-parents.ts';
import type { PageFingerprints } from './page-plan.ts';
import type { SiteFiles } from './previous-site.ts';

/** What a build keeps of a folder it builds in: see {@link clearStagedSite}. */
export interface StagedKeep {
  /** The new site's page and feed fingerprints. */
  readonly pages: PageFingerprints;
  /** Its other files that are named by their content (images): one of the same name is the same file. */
  readonly files: ReadonlySet<string>;
}

/** Files removed at once. */
const CONCURRENCY = 16;

/**
 * Clears a folder that already holds a site (`staged`, an older site kept
 * to build in, see spare-site.ts) down to what the new site keeps of it:
 * the pages and feeds whose fingerprint is unchanged, and the files named
 * by their content it has again. Everything else goes before anything is
 * written: the old site's files are hard links shared with the published
 * one, and a writer that opened one in place (Eleventy, `cp`) would
 * rewrite the live file. Folders left empty by what the new site no longer
 * has go too, so the result holds what a fresh folder would.
 *
 * @returns the pages and feeds kept
 */
export async function clearStagedSite(dir: string, staged: SiteFiles, keep: StagedKeep): Promise<Set<string>> {
  const kept = new Set<string>();
  const remove: string[] = [];
  for (const [file, fingerprint] of staged.pages) {
    if (keep.pages.get(file) === fingerprint && existsSync(path.join(dir, file))) kept.add(file);
    else remove.push(file);
  }
  for (const file of staged.files) if (!keep.files.has(file)) remove.push(file);
  const limit = pLimit(CONCURRENCY);
  await Promise.all(remove.map((file) => limit(() => rm(path.join(dir, file), { recursive: true, force: true }))));
  // Pages made again are written where they were: only the folders of what is gone may be empty.
  for (const file of remove) if (!keep.pages.has(file)) await removeEmptyParents(path.join(dir, file.replace(/\/$/, '')), dir);
  return kept;
}
