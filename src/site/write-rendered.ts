import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { folderMaker } from '../system/folder-maker.ts';
import type { FileWriterThread } from '../system/write-files-thread.ts';

/** A page Eleventy rendered (its `toJSON()` entry): where it goes, and its HTML. */
export interface RenderedPage {
  readonly outputPath: string | false;
  readonly content?: unknown;
}

/** Files written at once. */
const WRITE_CONCURRENCY = 16;

/**
 * Writes the pages Eleventy rendered; returns the HTML files written, relative to `outDir`.
 * Eleventy itself writes each page with `writeFileSync` (to bound its
 * concurrency), which held this thread for seconds at 18,000 pages, while
 * the search index's thread waited on it for the articles' text: here the
 * writes are done by `writer`, a thread of their own, or else wait in the
 * I/O threads (a few pages: the dev server's quick edit), and this thread
 * goes on. A page without an output path (`permalink: false`) is not
 * written, as Eleventy would not either.
 */
export async function writeRenderedPages(pages: readonly RenderedPage[], outDir: string, writer?: FileWriterThread): Promise<string[]> {
  const written = pages.flatMap((page) => (typeof page.outputPath === 'string' && typeof page.content === 'string' ? [{ file: path.resolve(page.outputPath), text: page.content }] : []));
  if (writer) await writer.write(written);
  else {
    const limit = pLimit(WRITE_CONCURRENCY);
    const madeDir = folderMaker();
    await Promise.all(
      written.map(({ file, text }) =>
        limit(async () => {
          await madeDir(path.dirname(file));
          await writeFile(file, text);
        }),
      ),
    );
  }
  return written.map(({ file }) => path.relative(outDir, file).split(path.sep).join('/')).filter((file) => file.endsWith('.html'));
}
