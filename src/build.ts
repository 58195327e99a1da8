import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Article } from './article/article.ts';
import { ArticleBodies } from './article/article-bodies.ts';
import { ArticleCache, type SanitizedHead } from './cache/article-cache.ts';
import { codeFingerprint } from './cache/code-fingerprint.ts';
import { findPackageRoot, type SiteConfig } from './config/index.ts';
import { finishArticle, imageOriginals, toArticle, toSanitizedPost } from './article/finish-article.ts';
import { rehostImages, type ImageProgress } from './images/index.ts';
import { ingestArticles, parsePostFile, type ExcludedArticle } from './ingest/index.ts';
import type { ArticleSource } from './ingest/types.ts';
import { checkOutputDir, copyFilesInto, copySiteFiles, createStagingDir, discardStagingDir, lockOutput, publishStagingDir, reuseFiles } from './publish/index.ts';
import { describeWriteFailure } from './report/write-failure.ts';
import { copyNewImages, publishInPlace, recordPublished } from './publish/publish-in-place.ts';
import { forgetPublishedBuild, rebuildEditedPosts, rememberPublishedBuild } from './rebuild-edited-posts.ts';
import { BuildError } from './report/build-error.ts';
import type { Diagnostic } from './report/diagnostic.ts';
import { describeHexoBlog } from './report/describe-hexo-blog.ts';
import { createStepTimer } from './report/step-timer.ts';
import { ENTRY_FILE, isSearchIndexFile, SEARCH_DIR, writeSearchIndex, type SearchIndexResult } from './search/write-search-index.ts';
import { loadPreviousSite, renderSite, type PreviousSite } from './site/index.ts';
import { siteInputsKey } from './site/site-inputs.ts';
import { keepSpareSite, takeSpareSite } from './publish/spare-site.ts';
import { allOrNone } from './system/all-or-none.ts';
import { bodyWork } from './sanitize/body-work.ts';

/** How to run the pipeline. */
export interface BuildOptions {
  /** Render and publish the site (default: true). `false` only checks the posts: nothing is written and nothing fetched. */
  write?: boolean;
  /** Progress messages (default: none). */
  log?: (message: string) => void;
  /** Progress of the images stage (default: none). */
  onImageProgress?: (progress: ImageProgress) => void;
  /**
   * How the site reaches the output folder (default: `swap`): `swap` builds
   * a whole new site beside it and swaps it in; `in-place` moves only what
   * changed into the live folder (the dev server; see applyInPlace).
   * Without a previous site to update, `in-place` swaps too.
   */
  publish?: 'swap' | 'in-place';
  /**
   * With `publish: 'in-place'`: the absolute paths changed since the last
   * build of this process (the dev server's watcher). When they are only
   * posts whose body was edited, only their pages are written (see
   * rebuildEditedPosts) and the result is `deferred`.
   */
  changed?: readonly string[];
  /** Worker threads that sanitize and rewrite the bodies (default: one per core; 1 does it all in this thread). */
  threads?: number;
  /** Stops the build before it publishes anything (the dev server's next change supersedes it); rejects with an `AbortError`. */
  signal?: AbortSignal;
}

/** What a build did. */
export interface BuildResult {
  /** Articles that were built, newest first. */
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
  /** Only edited posts' pages were written: the search index and the cache's index on disk wait for the next full build. */
  deferred?: boolean;
  /** The search index: how many articles it holds, and whether it was built whole, updated or kept unchanged. */
  search?: { articles: number; made: SearchIndexResult['made'] };
}

/**
 * Runs the pipeline: ingest → sanitize → images → render → publish. The only
 * place that knows the order of the stages. One bad article never stops the
 * others; a fatal problem throws {@link BuildError} and leaves the previous
 * output untouched.
 */
export async function buildSite(config: SiteConfig, options: BuildOptions = {}): Promise<BuildResult> {
  if ((options.write ?? true) && options.publish === 'in-place' && options.changed) {
    const edited = await rebuildEditedPosts(config, options.changed, options.log ?? (() => {}));
    if (edited) return edited;
  }
  // This build may change the site: what was kept of it for the quick path holds again only if it is aborted.
  const restore = forgetPublishedBuild(config);
  try {
    return await buildWholeSite(config, options);
  } catch (error) {
    if (options.signal?.aborted && error === options.signal.reason) restore();
    throw error;
  }
}

/** The whole pipeline (see {@link buildSite}). */
async function buildWholeSite(config: SiteConfig, options: BuildOptions): Promise<BuildResult> {
  const write = options.write ?? true;
  const log = options.log ?? (() => {});
  const inPlace = write && options.publish === 'in-place';
  const timer = createStepTimer();
  const { timings } = timer;
  const step = <T>(name: string, run: () => Promise<T> | T): Promise<T> => {
    options.signal?.throwIfAborted();
    return timer.step(name, run);
  };

  const cache = await ArticleCache.open(config, { writable: write, parse: parsePostFile });
  const work = bodyWork(options.threads);
  try {
    const bodies = new ArticleBodies(cache, config, work);
    const sanitizedHeads = new Map<string, SanitizedHead>();
    const ingested = await step('ingest and sanitize', () =>
      ingestArticles(config, {
        parse: cache.parse,
        recall: cache.recall,
        // Sanitized as it is read, a post lets its raw body go (one made again is read from its file): 50,000 of them held 1.3 GB.
        onArticle: async (source) => {
          sanitizedHeads.set(source.source, await bodies.sanitize(source));
          return { ...source, body: '' };
        },
      }),
    );
    log(config.hexo ? describeHexoBlog(config, ingested.counts, ingested.files.length) : `read ${ingested.articles.length} posts from ${config.contentDir}`);
    const warningsByFile = groupByFile(ingested.diagnostics.filter((d) => d.severity === 'warning'));
    const errors = ingested.diagnostics.filter((d) => d.severity === 'error');
    // Warnings about files that are not articles (a blog's own file replacing the site's) stay the build's own.
    const built = new Set(ingested.articles.map((source) => source.source));
    const fileWarnings = ingested.diagnostics.filter((d) => d.severity === 'warning' && !built.has(d.file));
    const sanitized = ingested.articles.map((source) => toSanitizedPost(source, sanitizedHeads.get(source.source)!, warningsByFile.get(source.source) ?? []));
    sanitizedHeads.clear();
    const total = ingested.articles.length + countSkippedFiles(errors, ingested.articles);
    const finish = (articles: Article[], pages: number, rendered: number): BuildResult => ({
      articles: sortNewestFirst(articles),
      diagnostics: [...errors, ...fileWarnings, ...articles.flatMap((a) => a.warnings)],
      excluded: ingested.excluded,
      total,
      pages,
      rendered,
      timings,
    });

    if (!write) {
      return finish(sanitized.map((post) => toArticle(post, '')), 0, 0);
    }

    checkOutputDir(config.outDir, {
      ancestors: [config.rootDir, process.cwd(), config.cacheDir, findPackageRoot()],
      sources: [config.contentDir, ...(config.sourceDir ? [config.sourceDir] : []), config.templatesDir, config.publicDir],
    });
    const lock = await lockOutput(config.outDir);
    try {
      const images = await step('images', () => rehostImages(sanitized.flatMap(imageOriginals), config, log, options.onImageProgress));
      const articles = sanitized.map((post) => finishArticle(post, images.outcomes, bodies, config));
      // Render needs the cores (and the memory) more.
      await work.close();
      await step('cache', () => cache.flush());

      const siteFiles = ingested.files;
      const inputs = await step('inputs', () => siteInputsKey(articles, config, [...images.files, ...siteFiles]));
      const previous = await loadPreviousSite(config.outDir, config.cacheDir);
      // Not for the dev server: its quick rebuilds start from the site data a render leaves in memory.
      if (!inPlace && previous?.inputs === inputs && isWhole(previous)) {
        const pages = [...previous.pages.keys()].filter((file) => file.endsWith('.html')).length;
        log(`kept ${pages} pages in ${config.outDir} (0 rendered, ${pages} unchanged): nothing changed since it was built`);
        return finish(articles, pages, 0);
      }
      const staging = await createStagingDir(config.outDir);
      try {
        const updateInPlace = inPlace && previous !== undefined;
        // A swap makes its site in the one the last swap retired, where there is one.
        const spare = updateInPlace ? undefined : await takeSpareSite(staging, config);
        const imageFiles = images.files.map((file) => file.to);
        // The search index is made in its own thread while this one renders the pages.
        const [rendered, search] = await allOrNone(
          [
            (signal: AbortSignal) =>
              step('render', () =>
                renderSite(articles, config, {
                  outDir: staging,
                  previous,
                  keepUnchanged: updateInPlace,
                  // The search index clears its own files, which it writes meanwhile.
                  staged: spare && { site: { pages: spare.pages, files: spare.files.filter((file) => !isSearchIndexFile(file)) }, keepFiles: new Set(imageFiles) },
                  loadHtml: (article) => bodies.html(article),
                  signal,
                }),
              ),
            (signal: AbortSignal) =>
              step('search index', () => indexForSearch(articles, config, { staging, previous, keepUnchanged: updateInPlace, bodies, signal })),
          ],
          options.signal,
        );
        // After the render: the user's own files (a robots.txt) win over generated ones.
        await step('copy files', () => copySiteFiles(staging, siteFiles));
        let identity: string | undefined;
        if (updateInPlace) {
          await step('copy images', () => copyNewImages(staging, config, images.files));
          const removals = {
            files: [...previous.pages.keys()].filter((file) => !rendered.plan.fingerprints.has(file)),
            prune: [{ dir: SEARCH_DIR, keep: search.names }],
          };
          identity = await step('publish', () => publishInPlace(staging, config, removals, rendered.plan.fingerprints, inputs));
        } else {
          // The spare's images that the site still shows were kept in it.
          const staged = new Set(spare?.files);
          await step('copy images', () => copyFilesInto(staging, images.files.filter((file) => !staged.has(file.to))));
          const retiring = previous?.files && { pages: previous.pages, files: previous.files };
          await step('publish', () => publishStagingDir(staging, config.outDir, retiring && ((site) => keepSpareSite(site, retiring, config))));
          identity = await recordPublished(config, rendered.plan.fingerprints, inputs, [...rendered.otherFiles, ...search.files, ...imageFiles, ...siteFiles.map((file) => file.to)]);
        }
        // Bodies found broken in the cache while rendering were made again: keep them for the next build.
        if (cache.hasChanges()) await cache.flush();
        log(`wrote ${rendered.pages} pages to ${config.outDir} (${rendered.rendered} rendered, ${rendered.pages - rendered.rendered} unchanged)`);
        const result = { ...finish(articles, rendered.pages, rendered.rendered), search: { articles: search.articles, made: search.made } };
        if (inPlace) rememberPublishedBuild(config, identity, result, rendered.plan);
        return result;
      } catch (error) {
        await discardStagingDir(staging);
        if (options.signal?.aborted && error === options.signal.reason) throw error;
        throw error instanceof BuildError ? error : new BuildError(`the build failed: ${(error as Error).message}`, { cause: error });
      }
    } finally {
      await lock.release();
    }
  } finally {
    await work.close();
  }
}

/**
 * Writes the search index into `staging`, from the previous site's where it
 * can; a failed write is named as such (a full disk), anything else as the
 * search index's failure.
 */
async function indexForSearch(
  articles: readonly Article[],
  config: SiteConfig,
  context: { staging: string; previous: PreviousSite | undefined; keepUnchanged: boolean; bodies: ArticleBodies; signal: AbortSignal },
): Promise<SearchIndexResult> {
  const { staging, previous, signal } = context;
  try {
    return await writeSearchIndex(articles, config, {
      outDir: staging,
      previousDir: previous?.dir,
      keepUnchanged: context.keepUnchanged,
      salt: await codeFingerprint(),
      readText: (article) => context.bodies.searchText(article),
      reuse: (files) => (previous ? reuseFiles(previous.dir, staging, files) : Promise.resolve([...files])),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw describeWriteFailure(error, config.outDir) ?? new BuildError(`the search index could not be built: ${(error as Error).message}`, { file: staging, cause: error });
  }
}

/** Whether every page, feed and the search index the previous site recorded is still there (none was deleted by hand). */
function isWhole(previous: PreviousSite): boolean {
  return [...previous.pages.keys(), path.join(SEARCH_DIR, ENTRY_FILE)].every((file) => existsSync(path.join(previous.dir, file)));
}

function sortNewestFirst(articles: Article[]): Article[] {
  return articles.sort((a, b) => b.timestamp - a.timestamp || a.source.localeCompare(b.source));
}

function countSkippedFiles(errors: readonly Diagnostic[], built: readonly ArticleSource[]): number {
  const builtFiles = new Set(built.map((a) => a.source));
  return new Set(errors.filter((d) => !builtFiles.has(d.file)).map((d) => d.file)).size;
}

function groupByFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  return byFile;
}
