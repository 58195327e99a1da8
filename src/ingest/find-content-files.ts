import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { errorAt, type Diagnostic } from '../report/diagnostic.ts';

/** A post file found under the content folder. */
export interface ContentFile {
  /** Path under the content folder, POSIX separators. */
  source: string;
  /** Absolute path (through any symlinks, as found). */
  sourcePath: string;
}

const POST_EXTENSION = /\.(?:md|html)$/i;

/**
 * Lists every post under the content folder: `**\/*.md` and `**\/*.html`,
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
 * @returns the files, and `ingest/read` errors for folders or links that could not be read
 *   and for post names that are not regular files (FIFOs, sockets, devices).
 * @throws when `contentDir` itself cannot be read (the caller reports it as a build error).
 */
export async function findContentFiles(contentDir: string): Promise<{ files: ContentFile[]; diagnostics: Diagnostic[] }> {
  const files: ContentFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const visited = new Set<string>([await realpath(contentDir)]);
  // Read the top folder before the walk so a missing content folder throws instead of becoming a diagnostic.
  const top = await readdir(contentDir, { withFileTypes: true });

  const walk = async (dir: string, relative: string, entries: Awaited<typeof top>): Promise<void> => {
    // Sorted so that, of two links to one folder, the same one is always walked.
    const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of sorted) {
      const name = entry.name;
      if (name.startsWith('.') || /[~%]$/.test(name)) continue;
      if (name.startsWith('_') && !POST_EXTENSION.test(name)) continue;
      const absolute = path.join(dir, name);
      const source = relative === '' ? name : `${relative}/${name}`;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(absolute);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch (cause) {
          if (POST_EXTENSION.test(name)) diagnostics.push(readError(source, 'the symbolic link points nowhere', cause));
          continue;
        }
      }
      if (isFile && POST_EXTENSION.test(name)) {
        files.push({ source, sourcePath: absolute });
      } else if (!isDirectory && POST_EXTENSION.test(name)) {
        // A FIFO or device named `x.md` would block the read forever; name it instead of reading it.
        diagnostics.push(readError(source, 'not a regular file (a pipe, socket or device)', undefined));
      } else if (isDirectory) {
        try {
          const real = await realpath(absolute);
          if (visited.has(real)) continue;
          visited.add(real);
          await walk(absolute, source, await readdir(absolute, { withFileTypes: true }));
        } catch (cause) {
          diagnostics.push(readError(source, 'the folder cannot be read', cause));
        }
      }
    }
  };
  await walk(contentDir, '', top);
  files.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return { files, diagnostics };
}

/** An `ingest/read` error for a file or folder that could not be read. */
export function readError(source: string, what: string, cause: unknown): Diagnostic {
  const code = (cause as { code?: string } | undefined)?.code;
  const detail = cause === undefined ? '' : `: ${(cause as Error)?.message ?? String(cause)}`;
  return errorAt(source, 'ingest/read', `${what}${code ? ` (${code})` : ''}${detail}`, {
    hint: 'Check that the file still exists and that the build may read it.',
  });
}
