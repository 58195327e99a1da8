import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { removeEmptyParents } from '../system/remove-empty-parents.ts';
import type { PageFingerprints } from '../site/page-plan.ts';
import { reuseFiles } from './copy-files.ts';
import { discardVersion, loadPreviousSite, prepareNextVersion, recordVersion, type NextVersion, type PreviousSite, type SiteFiles } from './site-versions.ts';

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
 * to build in, see site-versions.ts) down to what the new site keeps of it:
 * the pages and feeds whose fingerprint is unchanged, and the files named
 * by their content it has again. Everything else goes before anything is
 * written: the old site's files are hard links shared with the published
 * one, and a writer that opened one in place (Eleventy, `cp`) would
 * rewrite the live file. Folders left empty by what the new site no longer
 * has go too, so the result holds what a fresh folder would.
 *
 * @returns the pages and feeds kept
 */
export async function clearStagedSite(dir: string, staged: Pick<SiteFiles, 'pages' | 'files'>, keep: StagedKeep): Promise<Set<string>> {
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

/**
 * Puts into the next version every page and feed the new site has
 * unchanged: those its spare holds (see {@link clearStagedSite}, which
 * first clears the rest of the spare but the files `keepFiles` names), and
 * hard links to those of the published site. The renderer makes the others.
 *
 * @returns the pages and feeds the next version holds
 */
export async function stageUnchangedPages(
  next: NextVersion,
  previous: PreviousSite | undefined,
  pages: PageFingerprints,
  keepFiles: ReadonlySet<string>,
): Promise<Set<string>> {
  const kept = next.spare ? await clearStagedSite(next.dir, next.spare, { pages, files: keepFiles }) : new Set<string>();
  if (!previous) return kept;
  const unchanged = [...pages].filter(([file, fingerprint]) => !kept.has(file) && previous.pages.get(file) === fingerprint).map(([file]) => file);
  const missing = new Set(await reuseFiles(previous.dir, next.dir, unchanged));
  for (const file of unchanged) if (!missing.has(file)) kept.add(file);
  return kept;
}

/**
 * Gives the next version the other files of the published site (see
 * SiteFiles), for a build that writes only pages (the dev server's quick
 * edit): those the spare holds named by their content stay, the rest is
 * linked from the site. Call after {@link stageUnchangedPages} was given
 * `previous.named` to keep.
 */
export async function stageOtherFiles(next: NextVersion, previous: PreviousSite): Promise<void> {
  const named = new Set(previous.named);
  const held = new Set(next.spare?.files.filter((file) => named.has(file)));
  const missing = await reuseFiles(previous.dir, next.dir, previous.files.filter((file) => !held.has(file)));
  if (missing[0]) throw Object.assign(new Error(`ENOENT: the published site lost ${missing[0]}`), { code: 'ENOENT', path: path.join(previous.dir, missing[0]) });
}

/**
 * Makes the spare the same site as the live version, in hard links to its
 * files, recorded as published just before it. The dev server calls it
 * while the user reads: its next quick edit then writes only the pages the
 * edit changes, instead of first bringing a spare some builds old up to date.
 */
export async function readySpare(outDir: string): Promise<void> {
  const live = await loadPreviousSite(outDir);
  if (!live?.linked) return;
  const next = await prepareNextVersion(outDir);
  try {
    await stageUnchangedPages(next, live, live.pages, new Set(live.named));
    await stageOtherFiles(next, live);
    await recordVersion(next.dir, live, live.published - 1);
  } catch (error) {
    await discardVersion(next.dir);
    throw error;
  }
}
