import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from './article/article.ts';
import { ArticleBodies } from './article/article-bodies.ts';
import { finishArticle, imageOriginals, toArticle, toSanitizedPost, withImageWarnings, withoutImageWarnings, type SanitizedArticle } from './article/finish-article.ts';
import { markDuplicateStories } from './article/near-duplicates.ts';
import { ArticleCache, type SanitizedHead } from './cache/article-cache.ts';
import { findPackageRoot, type SiteConfig } from './config/index.ts';
import { rehostImages, type ImageFile, type ImageOutcome, type ImageProgress } from './images/index.ts';
import { ingestArticles, parsePostFile, type ExcludedArticle, type IngestResult } from './ingest/index.ts';
import * as publish from './publish/index.ts';
import { BuildError } from './report/build-error.ts';
import { describeHexoBlog } from './report/describe-hexo-blog.ts';
import type { Diagnostic } from './report/diagnostic.ts';
import { createStepTimer, type StepTimer } from './report/step-timer.ts';
import { describeWriteFailure } from './report/write-failure.ts';
import { bodyWork, inThisThread, type BodyWork } from './sanitize/body-work.ts';
import { ENTRY_FILE, isSearchIndexFile, SEARCH_DIR, writeSearchIndex, type SearchIndexResult } from './search/write-search-index.ts';
import { planSite, renderSite, type SitePlan } from './site/index.ts';
import { allOrNone } from './system/all-or-none.ts';
import { codeFingerprint } from './system/code-fingerprint.ts';
import { withHeapSlack } from './system/limit-heap-growth.ts';
import { importOnUse } from './system/load-on-use.ts';

// The stages, for the dev server (server/), which runs some of them itself: its quick edit, and image downloads in the background.
export { ArticleCache, createStepTimer, finishArticle, imageOriginals, markDuplicateStories, parsePostFile, publish, rehostImages };
export { readPostFile, stampPostFile } from './ingest/index.ts';
export { sanitizePost } from './article/finish-article.ts';
export { patchSitePlan, preloadRenderer, renderPlannedPages } from './site/index.ts';
export type { Article, Diagnostic, SiteConfig, SitePlan };

/** How to run the pipeline. */
export interface BuildOptions {
  /** Render and publish the site (default: true). `false` only checks the posts: nothing is written and nothing fetched. */
  write?: boolean;
  /** Progress messages (default: none). */
  log?: (message: string) => void;
  /** Progress of the images stage (default: none). */
  onImageProgress?: (progress: ImageProgress) => void;
  /** Return the site as data with the result (`published.plan`), even when nothing changed: the dev server's quick edits start from it. */
  keepPlan?: boolean;
  /** Worker threads that sanitize and rewrite the bodies (default: one per core; 1 does it all in this thread). */
  threads?: number;
  /** Stops the build before it publishes anything (the dev server's next change supersedes it); rejects with an `AbortError`. */
  signal?: AbortSignal;
}

/** What a build did. */
export interface BuildResult {
  /** Articles that were built, newest first (without their `text` when the build found nothing changed from stamps alone: see replayUnchangedBuild). */
  articles: Article[];
  /** Every problem found, errors (skipped articles) and warnings. */
  diagnostics: Diagnostic[];
  /** Posts left out on purpose (drafts, unpublished). */
  excluded: ExcludedArticle[];
  /** Number of posts found, built or not (drafts excluded). */
  total: number;
  /** HTML pages in the site. */
  pages: number;
  /** HTML pages this build rendered (the others were unchanged). */
  rendered: number;
  /** Each named step with its duration. */
  timings: { step: string; ms: number }[];
  /** The search index: how many articles it holds, and whether it was built whole, updated or kept unchanged. */
  search?: { articles: number; made: SearchIndexResult['made'] };
  /** The version of the site published (see publish/site-versions.ts), with its plan when asked for (`keepPlan`). */
  published?: { dir: string; plan: SitePlan | undefined };
  /** Only edited posts' pages were made (the dev server's quick edit): the search index waits for the next full build. */
  deferred?: boolean;
}

/**
 * Runs the pipeline: ingest and sanitize → images → finish the articles →
 * plan → render alongside the search index → publish. The only place that
 * knows the order of the stages. One bad article never stops the others; a
 * fatal problem throws {@link BuildError} and leaves the published site untouched.
 */
export async function buildSite(config: SiteConfig, options: BuildOptions = {}): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const timer = createStepTimer();
  const step: StepTimer['step'] = (name, run) => {
    options.signal?.throwIfAborted();
    return timer.step(name, run);
  };
  const write = options.write ?? true;
  // Taken before any post is read: a post written meanwhile changes the stamp, and the next build reads it.
  // Not for the dev server (keepPlan): it never replays a build, and each of its rebuilds would pay for the stamp and the record.
  const stamp = write && !options.keepPlan ? await step('stamp', () => publish.inputsStamp(config)) : undefined;
  if (stamp !== undefined && !config.images.retryFailed) {
    const replayed = await replayUnchangedBuild(config, stamp, { log, step });
    if (replayed) return { ...replayed, timings: timer.timings };
  }
  const cache = await ArticleCache.open(config, { writable: write, parse: parsePostFile });
  const work = bodyWork(options.threads);
  try {
    const bodies = articleBodies(cache, config, work);
    const read = await withHeapSlack(() => step('ingest and sanitize', () => ingestAndSanitize(config, cache, bodies)));
    const readLine = config.hexo ? describeHexoBlog(config, read.ingested.counts, read.ingested.files.length) : describePostsRead(config, read);
    log(readLine);
    const result = (articles: Article[], pages = 0, rendered = 0): BuildResult => ({ ...read.outcome(articles), pages, rendered, timings: timer.timings });
    if (!write) return result(markDuplicateStories(read.posts.map((post) => toArticle(post, ''))));

    publish.checkOutputDir(config.outDir, protectedFolders(config, config.cacheDir));
    const lock = await publish.lockOutput(config.outDir);
    try {
      const imageList = read.posts.flatMap(imageOriginals);
      const images = await step('images', () => rehostImages(imageList, config, log, options.onImageProgress));
      // A step of its own: 6 s of a build of 100,000 posts that no timing showed (--cpu-prof).
      const finished = await step('finish', () => read.posts.map((post) => finishArticle(post, images.outcomes, bodies, config)));
      const articles = await step('duplicates', () => markDuplicateStories(finished));
      const mended = describeMendedArticles(articles);
      if (mended) log(mended);
      // Render needs the cores (and the memory) more.
      await work.close();
      await step('cache', () => cache.flush());

      const siteFiles = read.ingested.files;
      const inputs = await step('inputs', () => publish.siteInputsKey(articles, config, [...images.files, ...siteFiles]));
      // What the next build needs to tell, from stamps alone, that it would make this same site.
      const keepRecord = async (built: BuildResult) => {
        if (stamp === undefined || built.excluded.some((post) => post.reason === 'future')) return;
        // One object per outcome, however many articles show it (a cover repeated as the first image): serialized once per frame.
        const cachedOutcomes = new Map([...images.outcomes.values()].map((outcome) => [outcome, publish.asCached(outcome)]));
        const asCached = (outcome: ImageOutcome) => cachedOutcomes.get(outcome) ?? publish.asCached(outcome);
        const outcomes = [...images.outcomes].map(([original, outcome]) => [original, asCached(outcome)] as const);
        // Without what only the pages read (text, signature), which the console and the report do not, nor what the outcomes tell.
        const articles = built.articles.map(({ signature: _, ...article }) => ({
          ...withoutImageWarnings(article),
          text: '',
          coverImage: article.coverImage && asCached(article.coverImage),
          images: article.images.map(asCached),
        }));
        const { excluded, total } = built;
        const imageFiles = await publish.stampImageFiles(images.files);
        // The images stage asks once per URL: the same outcomes from each URL once.
        const imageOriginals = [...new Set(imageList)];
        const result = { ...withoutArticleWarnings(built), excluded, total };
        await publish.writeBuildRecord(config, { stamp, inputs, imageOriginals, outcomes, imageFiles, readLine, result, articles });
      };
      const previous = await publish.loadPreviousSite(config.outDir);
      if (previous?.inputs === inputs && isWhole(previous)) {
        const pages = await keepPublished(previous, config, log);
        const plan = options.keepPlan ? await planSite(articles, config) : undefined;
        const built = { ...result(articles, pages), published: { dir: previous.dir, plan } };
        await keepRecord(built);
        return built;
      }

      const next = await publish.prepareNextVersion(config.outDir);
      try {
        const imageFiles = images.files.map((file) => file.to);
        // The search index keeps or clears its own files, which it writes meanwhile.
        const keepFiles = new Set([...imageFiles, ...(next.spare?.files.filter(isSearchIndexFile) ?? [])]);
        // The search index needs no plan: its thread starts on the texts while this one plans, which left a core idle.
        const [{ plan, rendered }, search] = await allOrNone(
          [
            async (signal: AbortSignal) => {
              const plan = await step('plan', () => planSite(articles, config));
              const reused = await step('reuse', () => publish.stageUnchangedPages(next, previous, plan.fingerprints, keepFiles));
              const rendered = await step('render', () =>
                renderSite(articles, config, { outDir: next.dir, plan, reused, loadHtml: (article) => bodies.html(article), signal }),
              );
              return { plan, rendered };
            },
            (signal: AbortSignal) => step('search index', () => indexForSearch(articles, config, { dir: next.dir, previous, bodies, signal })),
          ],
          options.signal,
        );
        // After the render: the user's own files (a robots.txt) win over generated ones.
        await step('copy files', () => publish.copySiteFiles(next.dir, siteFiles));
        await step('copy images', () => copyNewImages(next, images.files));
        const files = [...rendered.otherFiles, ...search.files, ...imageFiles, ...siteFiles.map((file) => file.to)];
        const record = { pages: plan.fingerprints, files, named: [...search.named, ...imageFiles], inputs };
        const linked = await step('publish', () => publishNext(next, config.outDir, record));
        if (linked) log(describeLinkedOutput(config.outDir));
        // Bodies found broken in the cache while rendering were made again: keep them for the next build.
        if (cache.hasChanges()) await cache.flush();
        log(`wrote ${rendered.pages} pages to ${config.outDir} (${rendered.rendered} rendered, ${rendered.pages - rendered.rendered} unchanged)`);
        const published = { dir: next.dir, plan: options.keepPlan ? plan : undefined };
        const built = { ...result(articles, rendered.pages, rendered.rendered), search: { articles: search.articles, made: search.made }, published };
        await keepRecord(built);
        return built;
      } catch (error) {
        await publish.discardVersion(next.dir);
        if (error instanceof BuildError || (options.signal?.aborted && error === options.signal.reason)) throw error;
        throw new BuildError(`the build failed: ${(error as Error).message}`, { cause: error });
      }
    } finally {
      await lock.release();
    }
  } finally {
    await work.close();
  }
}

/**
 * What a build's record keeps of its result besides the articles (see
 * publish.BuildRecord): the diagnostics, without the articles' own
 * warnings when those end them (`articleWarningsLeft`), as the articles
 * hold them already.
 */
type RecordedResult = Pick<BuildResult, 'diagnostics' | 'excluded' | 'total'> & { articleWarningsLeft: boolean };

function withoutArticleWarnings(result: BuildResult): Pick<RecordedResult, 'diagnostics' | 'articleWarningsLeft'> {
  const own = result.articles.flatMap((article) => article.warnings);
  const rest = result.diagnostics.length - own.length;
  const last = rest >= 0 && own.every((warning, i) => result.diagnostics[rest + i] === warning);
  return last ? { diagnostics: result.diagnostics.slice(0, rest), articleWarningsLeft: true } : { diagnostics: result.diagnostics, articleWarningsLeft: false };
}

/**
 * The result of a build whose stamp (publish.inputsStamp) is the one the
 * build of the published site started with: nothing it is made from has
 * changed, so no post is read. The images are asked for as a full build
 * would (a failed download due again is tried), and their outcomes and
 * files must be the recorded ones. The console hears what a full build of
 * the same inputs says. Undefined when anything differs, for the full
 * build to find out what.
 */
async function replayUnchangedBuild(
  config: SiteConfig,
  stamp: string,
  context: { log: (message: string) => void; step: StepTimer['step'] },
): Promise<Omit<BuildResult, 'timings'> | undefined> {
  const record = await publish.readBuildRecord<RecordedResult, Article>(config, stamp);
  if (!record) return undefined;
  publish.checkOutputDir(config.outDir, protectedFolders(config, config.cacheDir));
  const lock = await publish.lockOutput(config.outDir);
  try {
    const previous = await publish.loadPreviousSite(config.outDir);
    if (previous?.inputs !== record.inputs || !isWhole(previous)) return undefined;
    const told: string[] = [];
    const images = await context.step('images', () => rehostImages(record.imageOriginals, config, (line) => told.push(line)));
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    if (!same([...images.outcomes], record.outcomes) || !same(await publish.stampImageFiles(images.files), record.imageFiles)) return undefined;

    const articles = record.articles.map(withImageWarnings);
    for (const line of [record.readLine, ...told, describeMendedArticles(articles)]) if (line) context.log(line);
    const pages = await keepPublished(previous, config, context.log);
    const { articleWarningsLeft, excluded, total } = record.result;
    const diagnostics = articleWarningsLeft ? [...record.result.diagnostics, ...articles.flatMap((article) => article.warnings)] : record.result.diagnostics;
    return { articles, diagnostics, excluded, total, pages, rendered: 0, published: { dir: previous.dir, plan: undefined } };
  } finally {
    await lock.release();
  }
}

/** The bodies of the articles through the cache, sanitized by `work` (see ArticleBodies). */
export function articleBodies(cache: ArticleCache, config: SiteConfig, work: BodyWork = inThisThread): ArticleBodies {
  return new ArticleBodies(cache, config, {
    work,
    parse: parsePostFile,
    rewriter: importOnUse(() => import('./images/rewrite-image-markup.ts').then((module) => module.rewriteImageMarkup)),
  });
}

/**
 * Removes what builds made, as `hexo clean` does: the published site (see
 * removeSite) and the cache. Refuses folders that hold the blog.
 *
 * @param onRemove hears each folder before it goes
 * @returns the folders removed
 */
export async function cleanSite(config: SiteConfig, onRemove: (dir: string) => void): Promise<string[]> {
  const { outDir, cacheDir } = config;
  publish.checkOutputDir(outDir, protectedFolders(config, cacheDir));
  publish.checkOutputDir(cacheDir, protectedFolders(config, outDir), 'cache');
  const lock = await publish.lockOutput(outDir);
  try {
    const removed = await publish.removeSite(outDir, onRemove);
    if (existsSync(cacheDir)) {
      onRemove(cacheDir);
      await rm(cacheDir, { recursive: true, force: true, maxRetries: 3 });
      removed.push(cacheDir);
    }
    return removed;
  } finally {
    await lock.release();
  }
}

/** Folders the output (or the cache, for clean) must keep clear of, `other` being the other of the two: see checkOutputDir. */
function protectedFolders(config: SiteConfig, other: string): publish.ProtectedDirs {
  return {
    ancestors: [config.rootDir, process.cwd(), other, findPackageRoot()],
    sources: [config.contentDir, config.sourceDir, config.templatesDir, config.publicDir, config.ownTemplatesDir, config.ownPublicDir].filter((dir) => dir !== undefined),
  };
}

/**
 * Reads every post and sanitizes each as it is read, so that it can let its
 * raw body go (one made again is read from its file): 50,000 of them held
 * a lot of memory. Ingest's warnings go with their article; those about other files
 * (a blog's own file replacing the site's) stay the build's own.
 */
async function ingestAndSanitize(config: SiteConfig, cache: ArticleCache, bodies: ArticleBodies) {
  const heads = new Map<string, SanitizedHead>();
  const ingested: IngestResult = await ingestArticles(config, {
    parse: cache.parse,
    recall: cache.recall,
    onArticle: async (source) => {
      heads.set(source.source, await bodies.sanitize(source));
      return { ...source, body: '' };
    },
  });
  const built = new Set(ingested.articles.map((source) => source.source));
  const errors = ingested.diagnostics.filter((d) => d.severity === 'error');
  const warnings = ingested.diagnostics.filter((d) => d.severity === 'warning');
  const warningsByFile = new Map<string, Diagnostic[]>();
  for (const d of warnings) warningsByFile.set(d.file, [...(warningsByFile.get(d.file) ?? []), d]);
  const posts: SanitizedArticle[] = ingested.articles.map((source) => toSanitizedPost(source, heads.get(source.source)!, warningsByFile.get(source.source) ?? []));
  const skippedFiles = new Set(errors.filter((d) => !built.has(d.file)).map((d) => d.file));
  const outcome = (articles: Article[]) => ({
    articles: articles.sort((a, b) => b.timestamp - a.timestamp || a.source.localeCompare(b.source)),
    diagnostics: [...errors, ...warnings.filter((d) => !built.has(d.file)), ...articles.flatMap((a) => a.warnings)],
    excluded: ingested.excluded,
    total: ingested.articles.length + skippedFiles.size,
  });
  return { ingested, posts, skipped: skippedFiles.size, outcome };
}

/** What ingest found and what it made of it: `found 57 post files in content, read 55 posts, skipped 2`. */
function describePostsRead(config: SiteConfig, read: Awaited<ReturnType<typeof ingestAndSanitize>>): string {
  const dir = path.relative(process.cwd(), config.contentDir) || config.contentDir;
  const found = read.ingested.counts.posts;
  const leftOut = read.ingested.excluded.length;
  return (
    `found ${found} post ${found === 1 ? 'file' : 'files'} in ${dir}, read ${read.posts.length} ${read.posts.length === 1 ? 'post' : 'posts'}` +
    `${read.skipped > 0 ? `, skipped ${read.skipped}` : ''}${leftOut > 0 ? `, left out ${leftOut} (drafts, unpublished)` : ''}`
  );
}

/**
 * What the build made of the bot's posts beyond their text, when anything:
 * `restored 12 titles from their bodies; 3 stories told by 7 posts` (the
 * report lists them).
 */
function describeMendedArticles(articles: readonly Article[]): string | undefined {
  const titles = articles.filter((article) => article.filedTitle !== undefined).length;
  const told = articles.filter((article) => article.story !== undefined);
  const stories = new Set(told.map((article) => article.story!.canonical)).size;
  const parts = [
    ...(titles > 0 ? [`restored ${titles} ${titles === 1 ? 'title' : 'titles'} from ${titles === 1 ? 'its body' : 'their bodies'}`] : []),
    ...(stories > 0 ? [`${stories} ${stories === 1 ? 'story' : 'stories'} told by ${told.length} posts (linked as copies)`] : []),
  ];
  return parts.length > 0 ? `${parts.join('; ')}; see --report` : undefined;
}

/**
 * Writes the search index into the next version, from the published one's
 * where it can; a failed write is named as such (a full disk), anything
 * else as the search index's failure.
 */
async function indexForSearch(
  articles: readonly Article[],
  config: SiteConfig,
  context: { dir: string; previous: publish.PreviousSite | undefined; bodies: ArticleBodies; signal: AbortSignal },
): Promise<SearchIndexResult> {
  const { dir, previous, signal } = context;
  try {
    return await writeSearchIndex(articles, config, {
      outDir: dir,
      previousDir: previous?.dir,
      salt: await codeFingerprint(),
      readText: (article) => context.bodies.searchText(article),
      reuse: (files) => (previous ? publish.reuseFiles(previous.dir, dir, files) : Promise.resolve([...files])),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw describeWriteFailure(error, config.outDir) ?? new BuildError(`the search index could not be built: ${(error as Error).message}`, { file: dir, cause: error });
  }
}

/** Copies into the next version the image files its spare does not hold: images are named by their content. */
async function copyNewImages(next: publish.NextVersion, files: readonly ImageFile[]): Promise<void> {
  const held = new Set(next.spare?.files);
  await publish.copyFilesInto(next.dir, files.filter((file) => !held.has(file.to)));
}

/** Publishes the next version, a failure named for what it is (a full disk, a folder that cannot be written). */
async function publishNext(next: publish.NextVersion, outDir: string, record: publish.SiteFiles & { inputs: string | undefined }): Promise<boolean> {
  try {
    return await publish.publishVersion(next.dir, outDir, record);
  } catch (cause) {
    throw describeWriteFailure(cause, outDir) ?? new BuildError(`cannot publish the site to ${outDir}: ${(cause as Error).message}`, { file: outDir, cause });
  }
}

/** Told once, when the output folder becomes a link: a deploy script that copies the folder by its bare name copies the link. */
function describeLinkedOutput(outDir: string): string {
  const shown = (dir: string) => (path.relative(process.cwd(), dir).startsWith('..') ? dir : path.relative(process.cwd(), dir));
  const name = shown(outDir);
  return `note: ${name} is now a link to the version of the site just published (in ${shown(publish.versionsFolder(outDir))}/), so that a new site replaces the old one at once. Deploy its files: cp -r ${name}/. DEST, rsync -a ${name}/ DEST/, tar -h; a bare "cp -r ${name} DEST" copies the link. To keep the link out of git, ignore "${name}" (a pattern "${name}/" matches folders only).`;
}

/** Keeps the published site, which is what this build would make; returns its number of pages. */
async function keepPublished(previous: publish.PreviousSite, config: SiteConfig, log: (message: string) => void): Promise<number> {
  // Restored without its link (a CI cache), or the link deleted: the site to publish is there whole.
  if (!previous.linked) await publishNext({ dir: previous.dir, spare: undefined }, config.outDir, previous);
  const pages = [...previous.pages.keys()].filter((file) => file.endsWith('.html')).length;
  log(`kept ${pages} pages in ${config.outDir} (0 rendered, ${pages} unchanged): nothing changed since it was built`);
  return pages;
}

/** Whether every page, feed and the search index the published site recorded is still there (none was deleted by hand). */
function isWhole(previous: publish.PreviousSite): boolean {
  return [...previous.pages.keys(), path.join(SEARCH_DIR, ENTRY_FILE)].every((file) => existsSync(path.join(previous.dir, file)));
}
