import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BuildError } from '../report/build-error.ts';

/** Folder of the search bundle inside the site (the search page imports `pagefind/pagefind.js` from it). */
export const SEARCH_BUNDLE_DIR = 'pagefind';

/**
 * Builds the Pagefind search index over a rendered site and writes its
 * bundle to `<outDir>/pagefind/`. Only elements marked
 * `data-pagefind-body` are indexed (article pages); listings, the home
 * page and the search page are left out. Pagefind reads each page's
 * `<html lang>` and segments Chinese and Japanese into words at index time
 * (https://pagefind.app/docs/multilingual/); queries must be segmented the
 * same way, which public/search.js does with `Intl.Segmenter`.
 *
 * Runs Pagefind's binary as a service and always stops it, so one build
 * leaves no process behind. Throws {@link BuildError} when indexing fails.
 *
 * @returns the number of pages indexed.
 */
export async function indexForSearch(outDir: string): Promise<number> {
  // Loaded lazily: only a build that renders pays for starting the binary.
  const pagefind = await import('pagefind');
  try {
    const created = await pagefind.createIndex({});
    if (!created.index) throw new Error(created.errors.join('; ') || 'no index was created');
    const added = await created.index.addDirectory({ path: outDir });
    if (added.errors.length > 0) throw new Error(added.errors.join('; '));
    const written = await created.index.writeFiles({ outputPath: path.join(outDir, SEARCH_BUNDLE_DIR) });
    if (written.errors.length > 0) throw new Error(written.errors.join('; '));
    // `page_count` above counts every HTML file read; the entry file counts the pages indexed (those with data-pagefind-body).
    const entry = JSON.parse(await readFile(path.join(outDir, SEARCH_BUNDLE_DIR, 'pagefind-entry.json'), 'utf8')) as {
      languages?: Record<string, { page_count?: number }>;
    };
    return Object.values(entry.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0);
  } catch (error) {
    const message = (error as Error).message;
    throw new BuildError(`the search index could not be built: ${message}`, {
      file: outDir,
      hint: /ENOSPC|no space left/i.test(message)
        ? 'The disk is full: free some space (or build into a folder on another disk) and build again.'
        : 'Pagefind ships a binary per platform (npm package @pagefind/<platform>); reinstall wirepress if it is missing.',
      cause: error,
    });
  } finally {
    await pagefind.close();
  }
}
