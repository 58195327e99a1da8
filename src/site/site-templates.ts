import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { SiteConfig } from '../config/index.ts';
import { BuildError } from '../report/build-error.ts';
import { describeWriteFailure } from '../report/write-failure.ts';

/**
 * The templates a site renders with: the built-in ones, each shadowed by
 * the site's own file of the same path (`templates/_includes/blocks/footer.njk`
 * fills the footer block; `templates/_includes/base.njk` replaces the whole
 * layout). Eleventy reads one folder, so the two are merged into one in the
 * cache; a site without its own templates renders with the built-in folder.
 */
export async function siteTemplates(config: SiteConfig): Promise<string> {
  const own = config.ownTemplatesDir;
  if (own === undefined) return config.templatesDir;
  const merged = path.join(config.cacheDir, 'templates', createHash('sha256').update(own).digest('hex').slice(0, 12));
  try {
    await rm(merged, { recursive: true, force: true });
    await cp(config.templatesDir, merged, { recursive: true });
    await cp(own, merged, { recursive: true, force: true, dereference: true });
  } catch (cause) {
    throw describeWriteFailure(cause, merged) ?? new BuildError(`cannot merge the templates of ${own} with the built-in ones: ${(cause as Error).message}`, { file: own, cause });
  }
  return merged;
}

/** The file a merged template came from: the site's own, else the built-in one (what an error should name). */
export function templateSource(file: string, merged: string, config: SiteConfig): string {
  const relative = path.relative(merged, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return file;
  const own = config.ownTemplatesDir && path.join(config.ownTemplatesDir, relative);
  return own && existsSync(own) ? own : path.join(config.templatesDir, relative);
}
