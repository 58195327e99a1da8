import picomatch from 'picomatch';
import type { SiteConfig } from '../config/index.ts';
import type { Diagnostic } from '../report/diagnostic.ts';
import { isHiddenName, readError, walkFolder, type ContentFile } from './find-content-files.ts';
import { isPostFileName } from './post-extensions.ts';

/** What a Hexo source folder holds besides its posts. */
export interface SourceFiles {
  /** Markdown and HTML files (see isPostFileName): pages at their own path (`about/index.md` → `/about/`). */
  readonly pages: ContentFile[];
  /** Every other file, published as it is (`CNAME`, images, the user's own `robots.txt`). */
  readonly files: { readonly from: string; readonly to: string }[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Lists a Hexo blog's pages and other files in its source folder, as Hexo's
 * page and asset processors take them (hexojs/hexo lib/plugins/processor):
 * names starting with `_` (the posts and drafts folders, partials) or `.`
 * are left out unless `include` names them; `exclude` leaves files out;
 * `skip_render` makes a page a file copied as it is.
 *
 * @param sourceDir absolute path of the source folder.
 * @throws when `sourceDir` itself cannot be read.
 */
export async function findSourceFiles(sourceDir: string, config: Pick<SiteConfig, 'exclude' | 'include' | 'skipRender'>): Promise<SourceFiles> {
  const isIncluded = matcher(config.include);
  const isExcluded = matcher(config.exclude);
  const isSkipRender = matcher(config.skipRender);
  const isLeftOut = (name: string, source: string) => ((name.startsWith('_') || isHiddenName(name)) && !isIncluded(source)) || isExcluded(source);
  const { entries, diagnostics } = await walkFolder(sourceDir, {
    enterFolder: (name, source) => !isLeftOut(name, source),
    takeFile: (name, source) => !isLeftOut(name, source),
  });
  const pages: ContentFile[] = [];
  const files: { from: string; to: string }[] = [];
  for (const entry of entries) {
    if (!entry.isFile) diagnostics.push(readError(entry.source, 'not a regular file (a pipe, socket or device)', undefined));
    else if (isPostFileName(entry.source) && !isSkipRender(entry.source)) pages.push({ source: entry.source, sourcePath: entry.sourcePath });
    else files.push({ from: entry.sourcePath, to: entry.source });
  }
  return { pages, files, diagnostics };
}

/**
 * Whether a path under the source folder matches one of Hexo's globs
 * (micromatch syntax; `dot: true`, as a glob naming a dot file means it).
 */
export function matcher(globs: readonly string[]): (source: string) => boolean {
  if (globs.length === 0) return () => false;
  const isMatch = picomatch([...globs], { dot: true });
  // `exclude: drafts/` names a folder: match everything under it too.
  return (source) => isMatch(source) || isMatch(`${source}/`);
}
