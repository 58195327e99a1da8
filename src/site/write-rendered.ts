import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';

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
 * concurrency), which held this thread for seconds at 18,000 pages: here the
 * writes run in the background while it renders the next pages. A page
 * without an output path (`permalink: false`) is not written, as Eleventy
 * would not either.
 */
export async function writeRenderedPages(pages: readonly RenderedPage[], outDir: string): Promise<string[]> {
  const limit = pLimit(WRITE_CONCURRENCY);
  const madeDirs = new Map<string, Promise<unknown>>();
  const madeDir = (dir: string) => {
    let made = madeDirs.get(dir);
    if (!made) madeDirs.set(dir, (made = mkdir(dir, { recursive: true })));
    return made;
  };
  const written = pages.flatMap((page) => (typeof page.outputPath === 'string' && typeof page.content === 'string' ? [{ file: path.resolve(page.outputPath), content: page.content }] : []));
  await Promise.all(
    written.map(({ file, content }) =>
      limit(async () => {
        await madeDir(path.dirname(file));
        await writeFile(file, content);
      }),
    ),
  );
  return written.map(({ file }) => path.relative(outDir, file).split(path.sep).join('/')).filter((file) => file.endsWith('.html'));
}
