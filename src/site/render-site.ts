import { cp, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Article } from '../article/article.ts';
import type { SiteConfig } from '../config/index.ts';
import { codeFingerprint } from '../system/code-fingerprint.ts';
import { BuildError } from '../report/build-error.ts';
import { listFilesRecursive } from '../system/list-files.ts';
import { describeWriteFailure } from '../report/write-failure.ts';
import { FileWriterThread } from '../system/write-files-thread.ts';
import { configureEleventy } from './eleventy-config.ts';
import type { FeedSpec } from './feeds/feed-channel.ts';
import { fingerprintFeeds, fingerprintPages, hasPages, onlyPages, pageBatches, sharedPageFingerprint, type PageFingerprints } from './page-plan.ts';
import { articleJsonLd } from './pages/json-ld.ts';
import { buildSiteData, type SiteData } from './pages/site-data.ts';
import { renderRobotsTxt, renderSitemaps } from './feeds/sitemap.ts';
import { siteTemplates, templateSource } from './site-templates.ts';
import { toTemplateBuildError } from './template-error.ts';
import { writeFeeds } from './feeds/write-feeds.ts';
import { writeRenderedPages, type RenderedPage } from './write-rendered.ts';

/** Where renderSite reads and writes. */
export interface RenderOptions {
  /** Where to write (the next version of the site; the build publishes it whole). */
  outDir: string;
  /** Nunjucks templates, layouts in `_includes/` (default: the config's). */
  templatesDir?: string;
  /** Static files copied as they are (default: the config's). */
  publicDir?: string;
  /** The site as data (default: made from the articles, see planSite). */
  plan?: SitePlan;
  /** Pages and feeds `outDir` already holds as they are (the build put them there): not rendered again. */
  reused?: ReadonlySet<string>;
  /** An article's HTML, images rewritten: the build reads it from the cache (ArticleBodies.html). */
  loadHtml: (article: Article) => Promise<string>;
  /** Most pages one Eleventy run renders (default: {@link RENDER_BATCH_PAGES}). */
  batchPages?: number;
  /** Stops the render between batches of pages (the dev server's next change supersedes it). */
  signal?: AbortSignal;
}

/** The site as data with every page's and feed's fingerprint: what a build published, and what the dev server updates (see patch-site-plan.ts). */
export interface SitePlan {
  readonly data: SiteData;
  /** The part of every fingerprint all pages share (see sharedPageFingerprint). */
  readonly shared: string;
  /** Every page's and feed's fingerprint, by output path. */
  readonly fingerprints: PageFingerprints;
}

/** What renderSite wrote. */
export interface RenderResult {
  /** Number of HTML pages in the site. */
  pages: number;
  /** The HTML pages, relative to `outDir`, POSIX separators, sorted. */
  files: string[];
  /** Pages rendered by this build (the others were reused). */
  rendered: number;
  /** Every other file written, relative to `outDir`: public/, the sitemaps, robots.txt. */
  otherFiles: string[];
  /** What was published, for the next build. */
  plan: SitePlan;
}

/**
 * Computes every page and feed as data, with the fingerprint that tells
 * whether a page published before is still the one this site would render
 * (see page-plan.ts).
 */
export async function planSite(articles: readonly Article[], config: SiteConfig, templatesDir?: string): Promise<SitePlan> {
  const data = buildSiteData(articles, config);
  const templates = templatesDir ? [path.resolve(templatesDir)] : [config.templatesDir, ...(config.ownTemplatesDir ? [config.ownTemplatesDir] : [])];
  const shared = await sharedPageFingerprint(data, templates, await codeFingerprint());
  return { data, shared, fingerprints: new Map([...fingerprintPages(data, shared), ...fingerprintFeeds(data.feeds, shared)]) };
}

/**
 * Writes the site from the articles: the pages with Eleventy 3, public/,
 * the feeds, the sitemap and robots.txt; the pages and feeds in `reused`
 * are there already. Eleventy only fills templates/ with the site as data
 * and never reads the content folder. Throws {@link BuildError} naming the
 * template file when a template fails, or the folder when templates/ or
 * public/ is missing, or when an article got no page.
 */
export async function renderSite(articles: readonly Article[], config: SiteConfig, options: RenderOptions): Promise<RenderResult> {
  const publicDir = path.resolve(options.publicDir ?? config.publicDir);
  const outDir = path.resolve(options.outDir);
  await requireFolder(options.templatesDir ?? config.templatesDir, 'templates');
  await requireFolder(publicDir, 'public');
  const templates = await templatesOf(config, options.templatesDir);
  const templatesDir = templates.dir;

  const plan = options.plan ?? (await planSite(articles, config, options.templatesDir));
  const reused = new Set(options.reused);
  const loadHtml = withHtmlLoader(options.loadHtml);
  // In batches: Eleventy holds every page it renders, with its HTML, until the run ends.
  const batches = pageBatches(onlyPages(plan.data, (file) => !reused.has(file)), options.batchPages ?? RENDER_BATCH_PAGES);
  const rendered = await renderBatches(batches, { articles, loadHtml, templates, outDir, signal: options.signal });
  await writeFeedFiles(plan.data.feeds.filter((feed) => !reused.has(feed.outputPath)), plan.data, outDir, loadHtml);
  const otherFiles = await writeOtherFiles(plan.data, [publicDir, ...(options.publicDir || !config.ownPublicDir ? [] : [config.ownPublicDir])], outDir);
  options.signal?.throwIfAborted();

  const files = [...[...reused].filter((file) => file.endsWith('.html')), ...rendered].sort();
  requireArticlePages(articles, files, templatesDir);
  return { pages: files.length, files, rendered: rendered.length, otherFiles, plan };
}

/** Copies the static folders (built-in first, the site's own over it) and writes the sitemaps and robots.txt; returns them, relative to `outDir`. */
async function writeOtherFiles(data: SiteData, publicDirs: readonly string[], outDir: string): Promise<string[]> {
  for (const publicDir of publicDirs) {
    try {
      // `dereference`: the published site holds files, never links back into the package.
      await cp(publicDir, outDir, { recursive: true, force: true, dereference: true });
    } catch (error) {
      throw describeWriteFailure(error, outDir) ?? new BuildError(`could not copy ${publicDir} into ${outDir}: ${(error as Error).message}`, { file: publicDir, cause: error });
    }
  }
  const sitemaps = renderSitemaps(data.sitemap, data.config.baseUrl);
  try {
    for (const file of sitemaps) await writeFile(path.join(outDir, file.outputPath), file.body);
    // Generated, not copied: the Sitemap line needs the absolute base URL.
    await writeFile(path.join(outDir, ROBOTS_TXT), renderRobotsTxt(data.config.baseUrl));
  } catch (error) {
    throw describeWriteFailure(error, outDir) ?? new BuildError(`could not write the sitemap into ${outDir}: ${(error as Error).message}`, { file: outDir, cause: error });
  }
  const publicFiles = new Set<string>();
  for (const publicDir of publicDirs) for (const file of await listFilesRecursive(publicDir)) publicFiles.add(path.relative(publicDir, file).split(path.sep).join('/'));
  return [...publicFiles, ...sitemaps.map((file) => file.outputPath), ROBOTS_TXT];
}

/**
 * Renders only the pages and feeds of `plan` named in `outputs` into
 * `outDir`: the dev server's update after posts were edited (see
 * patchSitePlan); every other page is unchanged.
 *
 * @returns the HTML pages written, relative to `outDir`
 */
export async function renderPlannedPages(
  plan: SitePlan,
  outputs: ReadonlySet<string>,
  articles: readonly Article[],
  config: SiteConfig,
  options: Pick<RenderOptions, 'outDir' | 'loadHtml'>,
): Promise<string[]> {
  const templates = await templatesOf(config);
  const outDir = path.resolve(options.outDir);
  const loadHtml = withHtmlLoader(options.loadHtml);
  const toRender = await completeArticlePages(onlyPages(plan.data, (file) => outputs.has(file)), articles, loadHtml);
  const rendered = hasPages(toRender) ? await writePages(await renderWithEleventy(toRender, templates, outDir), outDir) : [];
  await writeFeedFiles(plan.data.feeds.filter((feed) => outputs.has(feed.outputPath)), plan.data, outDir, loadHtml);
  return rendered;
}

/**
 * Most pages one Eleventy run renders. Measured on a cold build of 10,000
 * posts (18,000 pages): one run for all of them peaked clearly higher
 * (process tree) than runs of 2,000 pages, in the same time.
 */
export const RENDER_BATCH_PAGES = 2000;

/** Writes these feeds, their articles' HTML loaded as they are written. */
async function writeFeedFiles(feeds: readonly FeedSpec[], data: SiteData, outDir: string, loadHtml: (article: Article) => Promise<string>): Promise<void> {
  try {
    await writeFeeds(feeds, data.config, outDir, loadHtml);
  } catch (error) {
    throw describeWriteFailure(error, outDir) ?? new BuildError(`could not write the feeds into ${outDir}: ${(error as Error).message}`, { file: outDir, cause: error });
  }
}

/**
 * Reads articles' HTML sixteen at a time. Not memoized: a page and a feed
 * showing the same article read it twice rather than every body staying
 * pinned in memory.
 */
function withHtmlLoader(load: RenderOptions['loadHtml']): (article: Article) => Promise<string> {
  const limit = pLimit(16);
  return (article) => limit(() => load(article));
}

/** The site data with what its article pages print but do not hold (see toArticlePage): their HTML and JSON-LD. */
async function completeArticlePages(data: SiteData, articles: readonly Article[], loadHtml: (article: Article) => Promise<string>): Promise<SiteData> {
  if (data.articlePages.length === 0) return data;
  const byOutput = new Map(articles.map((article) => [article.outputPath, article]));
  const articlePages = await Promise.all(
    data.articlePages.map(async (page) => {
      const article = byOutput.get(page.outputPath);
      const html = article ? await loadHtml(article) : page.html;
      // A Hexo page is no NewsArticle: it has no structured data.
      return { ...page, html, meta: { ...page.meta, jsonLd: page.kind === 'page' ? undefined : articleJsonLd(page, data.config) } };
    }),
  );
  return { ...data, articlePages };
}

/**
 * Loads Eleventy ahead of its first use: the dev server's first quick
 * rebuild after a start that rendered nothing would otherwise wait for it.
 */
export async function preloadRenderer(): Promise<void> {
  await import('@11ty/eleventy').catch(() => undefined);
}

/** The templates folder to render with (see siteTemplates), and the file an error in one of its templates should name. */
interface Templates {
  readonly dir: string;
  readonly sourceOf: (file: string) => string;
}

async function templatesOf(config: SiteConfig, given?: string): Promise<Templates> {
  if (given) return { dir: path.resolve(given), sourceOf: (file) => file };
  const dir = await siteTemplates(config);
  return { dir, sourceOf: (file) => templateSource(file, dir, config) };
}

/**
 * Renders the batches one after the other, each while the next one's
 * article HTML is read and the last one's pages are written: done in turn,
 * this thread waited on them for a fifth of the render of a cold build
 * (10,000 posts, --cpu-prof). At most three batches are held at once.
 *
 * @returns the HTML files written, relative to `outDir`
 */
async function renderBatches(
  batches: readonly SiteData[],
  context: { articles: readonly Article[]; loadHtml: (article: Article) => Promise<string>; templates: Templates; outDir: string; signal: AbortSignal | undefined },
): Promise<string[]> {
  const { articles, loadHtml, templates, outDir, signal } = context;
  const underWay: Promise<void>[] = [];
  // Should the render fail, the reads and writes under way finish before the caller discards the folder.
  // Settled to nothing: each batch's pages and HTML are let go once used.
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    underWay.push(work.then(settled, settled));
    return work;
  };
  const load = (i: number) => (i < batches.length ? tracked(completeArticlePages(batches[i]!, articles, loadHtml)) : undefined);
  const rendered: string[] = [];
  // Started with the first pages to write: a build that renders none starts no thread.
  let writer: FileWriterThread | undefined;
  try {
    let loading = load(0);
    let writing: Promise<string[]> = Promise.resolve([]);
    for (let i = 0; loading; i++) {
      signal?.throwIfAborted();
      const data = await loading;
      loading = load(i + 1);
      const pages = await renderWithEleventy(data, templates, outDir);
      rendered.push(...(await writing));
      writing = tracked(writePages(pages, outDir, (writer ??= new FileWriterThread())));
    }
    rendered.push(...(await writing));
    return rendered;
  } finally {
    await Promise.all(underWay);
    await writer?.close();
  }
}

const settled = (): void => {};

/** Renders the pages left in `data` with Eleventy, without writing them. */
async function renderWithEleventy(data: SiteData, templates: Templates, outDir: string): Promise<RenderedPage[]> {
  const templatesDir = templates.dir;
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

  try {
    return await eleventy.toJSON();
  } catch (error) {
    throw toTemplateBuildError(error, templatesDir, templates.sourceOf);
  }
}

/** Writes rendered pages (see writeRenderedPages); returns the HTML files written, relative to `outDir`. */
async function writePages(pages: readonly RenderedPage[], outDir: string, writer?: FileWriterThread): Promise<string[]> {
  try {
    return await writeRenderedPages(pages, outDir, writer);
  } catch (error) {
    throw describeWriteFailure(error, outDir) ?? new BuildError(`could not write the pages into ${outDir}: ${(error as Error).message}`, { file: outDir, cause: error });
  }
}

const ROBOTS_TXT = 'robots.txt';

/**
 * Fails the build when an article got no page. Eleventy skips templates it
 * ignores or cannot find without a word: an installed wirepress once wrote
 * 0 pages and exited 0, its templates ignored for lying under node_modules/.
 * A build that publishes none of the posts it read is no success.
 */
function requireArticlePages(articles: readonly Article[], files: readonly string[], templatesDir: string): void {
  const written = new Set(files);
  const missing = articles.filter((article) => !written.has(article.outputPath));
  const first = missing[0];
  if (!first) return;
  throw new BuildError(`${missing.length} of ${articles.length} articles got no page: ${first.source} should have been written to ${first.outputPath}`, {
    file: templatesDir,
    // Eleventy also reads a .eleventyignore in the working directory (a blog that was an Eleventy site may have one listing node_modules).
    hint: `The templates in ${templatesDir} rendered no page for them: check that article.njk is there and paginates over articlePages, that no .eleventyignore in ${process.cwd()} lists them, or reinstall wirepress.`,
  });
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
