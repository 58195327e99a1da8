import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { errorAt, type Diagnostic } from '../report/diagnostic.ts';
import { isPostFileName } from './post-extensions.ts';

/** A post file found under the content folder. */
export interface ContentFile {
  /** Path under the content folder, POSIX separators. */
  source: string;
  /** Absolute path (through any symlinks, as found). */
  sourcePath: string;
}

/** A file found by {@link walkFolder}, with how it was reached. */
export interface FoundEntry extends ContentFile {
  /** A regular file (else a pipe, socket or device, which is never read). */
  readonly isFile: boolean;
}

/** Which entries {@link walkFolder} takes: `name` is the entry's own name, `source` its path under the folder. */
export interface WalkFilter {
  enterFolder(name: string, source: string): boolean;
  takeFile(name: string, source: string): boolean;
}

/**
 * Lists every post under the content folder: its Markdown and HTML files
 * (`**\/*.md`, `*.markdown`, …, `*.html`, `*.htm`: see isPostFileName),
 * sorted by `source` (code-unit order, the same on every machine).
 *
 * Skipped, as Hexo skips them (hexojs/hexo lib/plugins/processor/common.ts
 * `isHiddenFile`, `isTmpFile`): files and folders whose name starts with `.`,
 * folders whose name starts with `_` (so `_drafts/` stays out), and names
 * ending in `~` or `%`. Unlike Hexo, a FILE starting with `_` is a post: the
 * bot writes a title that opens with a quote (“瓣瓣同心”) as `_瓣瓣同心_…`,
 * and Hexo silently drops those (../shared/corpus/README.md). Symlinks are followed; a folder already visited through another
 * path (by its real path) is not entered again, so a link loop ends.
 *
 * @param contentDir absolute path of the content folder.
 * @param isExcluded a path under the folder the site leaves out (Hexo's `exclude`; default: none).
 * @returns the files, and `ingest/read` errors for folders or links that could not be read
 *   and for post names that are not regular files (FIFOs, sockets, devices).
 * @throws when `contentDir` itself cannot be read (the caller reports it as a build error).
 */
export async function findContentFiles(contentDir: string, isExcluded: (source: string) => boolean = () => false): Promise<{ files: ContentFile[]; diagnostics: Diagnostic[] }> {
  const { entries, diagnostics } = await walkFolder(contentDir, {
    enterFolder: (name, source) => !isHiddenName(name) && !name.startsWith('_') && !isExcluded(source),
    takeFile: (name, source) => !isHiddenName(name) && isPostFileName(name) && !isExcluded(source),
  });
  const files: ContentFile[] = [];
  for (const entry of entries) {
    // A FIFO or device named `x.md` would block the read forever; name it instead of reading it.
    if (entry.isFile) files.push({ source: entry.source, sourcePath: entry.sourcePath });
    else diagnostics.push(readError(entry.source, 'not a regular file (a pipe, socket or device)', undefined));
  }
  return { files, diagnostics };
}

/** Names Hexo never reads: dot files and editors' temporary files. */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.') || /[~%]$/.test(name);
}

/**
 * Walks a folder, following symbolic links, entering each real folder once
 * (a link loop ends), and returns the entries `filter` takes, sorted by
 * `source`.
 *
 * @throws when `dir` itself cannot be read.
 */
export async function walkFolder(dir: string, filter: WalkFilter): Promise<{ entries: FoundEntry[]; diagnostics: Diagnostic[] }> {
  const entries: FoundEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const visited = new Set<string>([await realpath(dir)]);
  // Read the top folder before the walk so a missing folder throws instead of becoming a diagnostic.
  const top = await readdir(dir, { withFileTypes: true });

  const walk = async (folder: string, relative: string, found: Awaited<typeof top>): Promise<void> => {
    // Sorted so that, of two links to one folder, the same one is always walked.
    const sorted = [...found].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of sorted) {
      const name = entry.name;
      const absolute = path.join(folder, name);
      const source = relative === '' ? name : `${relative}/${name}`;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(absolute);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (cause) {
          if (filter.takeFile(name, source)) diagnostics.push(readError(source, 'the symbolic link points nowhere', cause));
          continue;
        }
      }
      if (isDirectory) {
        if (!filter.enterFolder(name, source)) continue;
        try {
          const real = await realpath(absolute);
          if (visited.has(real)) continue;
          visited.add(real);
          await walk(absolute, source, await readdir(absolute, { withFileTypes: true }));
        } catch (cause) {
          diagnostics.push(readError(source, 'the folder cannot be read', cause));
        }
      } else if (filter.takeFile(name, source)) {
        entries.push({ source, sourcePath: absolute, isFile });
      }
    }
  };
  await walk(dir, '', top);
  entries.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return { entries, diagnostics };
}

/** An `ingest/read` error for a file or folder that could not be read. */
export function readError(source: string, what: string, cause: unknown): Diagnostic {
  const code = (cause as { code?: string } | undefined)?.code;
  const detail = cause === undefined ? '' : `: ${(cause as Error)?.message ?? String(cause)}`;
  return errorAt(source, 'ingest/read', `${what}${code ? ` (${code})` : ''}${detail}`, {
    hint: 'Check that the file still exists and that the build may read it.',
  });
}
