import { cp, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../article.ts';
import type { SiteConfig } from '../config/index.ts';
import { BuildError } from '../report/build-error.ts';
import { toDiskBuildError } from './disk-error.ts';
import { configureEleventy } from './eleventy-config.ts';
import { indexForSearch, toSearchRecords } from './search-index.ts';
import { buildSiteData } from './site-data.ts';
import { renderRobotsTxt, renderSitemaps } from './sitemap.ts';
import { toTemplateBuildError } from './template-error.ts';
import { writeFeeds } from './write-feeds.ts';

/** Where renderSite reads and writes. */
export interface RenderOptions {
  /** Where to write (a staging folder; the lead publishes it atomically). */
  outDir: string;
  /** Nunjucks templates, layouts in `_includes/` (default: `<package>/templates`). */
  templatesDir?: string;
  /** Static files copied as they are (default: `<package>/public`). */
  publicDir?: string;
  /** Build the Pagefind search index over the output (default: true). */
  search?: boolean;
}

/** What renderSite wrote. */
export interface RenderResult {
  /** Number of HTML pages written. */
  pages: number;
  /** The HTML pages, relative to `outDir`, POSIX separators, sorted. */
  files: string[];
  /** Feed, sitemap and robots.txt files, relative to `outDir`. */
  extras: string[];
  /** Pages in the search index (0 when search is off). */
  searchPages: number;
}

/**
 * Renders every page of the site from the articles with Eleventy 3, copies
 * public/, writes the feeds, the sitemap and robots.txt, then indexes the
 * rendered pages for search (Pagefind). All pages are computed as data
 * first (buildSiteData); Eleventy only fills templates/ with it and never
 * reads the content folder. Throws {@link BuildError} naming the template
 * file when a template fails, or the folder when templates/ or public/ is
 * missing, or when the search index cannot be built.
 */
export async function renderSite(articles: readonly Article[], config: SiteConfig, options: RenderOptions): Promise<RenderResult> {
  const templatesDir = path.resolve(options.templatesDir ?? config.templatesDir);
  const publicDir = path.resolve(options.publicDir ?? config.publicDir);
  const outDir = path.resolve(options.outDir);
  await requireFolder(templatesDir, 'templates');
  await requireFolder(publicDir, 'public');

  const data = buildSiteData(articles, config);
  // Loaded lazily: `wirepress check` never renders and need not pay for Eleventy.
  const { Eleventy } = await import('@11ty/eleventy');
  const eleventy = new Eleventy(templatesDir, outDir, {
    quietMode: true,
    // `false` reads no eleventy.config.js from the working directory: the site's shape is ours.
    configPath: false,
    config: (eleventyConfig) => configureEleventy(eleventyConfig, data),
  });
  // Eleventy prints its summary and its errors itself; we report through BuildError and the CLI.
  eleventy.disableLogger();

  let written: Awaited<ReturnType<typeof eleventy.write>>[1];
  try {
    [, written] = await eleventy.write();
  } catch (error) {
    throw toDiskBuildError(error, outDir) ?? toTemplateBuildError(error, templatesDir);
  }
  try {
    // `dereference`: the published site holds files, never links back into the package.
    await cp(publicDir, outDir, { recursive: true, force: true, dereference: true });
  } catch (error) {
    throw toDiskBuildError(error, outDir) ?? new BuildError(`could not copy ${publicDir} into ${outDir}: ${(error as Error).message}`, { file: publicDir, cause: error });
  }

  const extras: string[] = [];
  try {
    extras.push(...(await writeFeeds(data.feeds, data.config, outDir)));
    for (const file of renderSitemaps(data.sitemap, config.baseUrl)) {
      await writeFile(path.join(outDir, file.outputPath), file.body);
      extras.push(file.outputPath);
    }
    // Generated, not copied: the Sitemap line needs the absolute base URL.
    await writeFile(path.join(outDir, 'robots.txt'), renderRobotsTxt(config.baseUrl));
    extras.push('robots.txt');
  } catch (error) {
    throw toDiskBuildError(error, outDir) ?? new BuildError(`could not write the feeds and sitemap into ${outDir}: ${(error as Error).message}`, { file: outDir, cause: error });
  }
  const searchPages = options.search === false ? 0 : await indexForSearch(outDir, toSearchRecords(articles, config), config.language);

  const files = written
    .flatMap((result) => (typeof result.outputPath === 'string' ? [path.resolve(result.outputPath)] : []))
    .map((file) => path.relative(outDir, file).split(path.sep).join('/'))
    .filter((file) => file.endsWith('.html'))
    .sort();
  return { pages: files.length, files, extras, searchPages };
}

async function requireFolder(dir: string, what: string): Promise<void> {
  const found = await stat(dir).catch(() => undefined);
  if (!found?.isDirectory()) {
    throw new BuildError(`the ${what} folder ${dir} does not exist`, {
      file: dir,
      hint: `Reinstall wirepress, or point the ${what} option at an existing folder.`,
    });
  }
}
