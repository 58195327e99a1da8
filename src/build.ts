import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Article } from './article.ts';
import { ArticleBodies } from './article-bodies.ts';
import { ArticleCache, type SanitizedHead } from './cache/article-cache.ts';
import { findPackageRoot, type SiteConfig } from './config/index.ts';
import { rehostImages, type ImageOutcome, type ImageProgress } from './images/index.ts';
import { ingestArticles, parsePostFile, type ExcludedArticle } from './ingest/index.ts';
import type { ArticleSource } from './ingest/types.ts';
import { applyInPlace, checkOutputDir, copyFilesInto, createStagingDir, discardStagingDir, lockOutput, publishStagingDir } from './output/index.ts';
import { BuildError } from './report/build-error.ts';
import { warningAt, type Diagnostic } from './report/diagnostic.ts';
import { forgetPublishedSite, loadPreviousSite, recordPublishedSite, renderSite, type PreviousSite, type RenderResult } from './site/index.ts';
import { SEARCH_BUNDLE_DIR, SEARCH_SHARDS_FILE } from './site/search-index.ts';
import { unwrapProxyUrl } from './urls/index.ts';

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
  /** HTML pages written. */
  pages: number;
  /** Each named step with its duration. */
  timings: { step: string; ms: number }[];
}

/**
 * Runs the pipeline: ingest → sanitize → images → render → publish. The only
 * place that knows the order of the stages. One bad article never stops the
 * others; a fatal problem throws {@link BuildError} and leaves the previous
 * output untouched.
 */
export async function buildSite(config: SiteConfig, options: BuildOptions = {}): Promise<BuildResult> {
  const write = options.write ?? true;
  const log = options.log ?? (() => {});
  const timings: BuildResult['timings'] = [];
  const step = async <T>(name: string, run: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const value = await run();
    timings.push({ step: name, ms: Math.round(performance.now() - started) });
    return value;
  };

  const cache = await ArticleCache.open(config, { writable: write, parse: parsePostFile });
  const ingested = await step('ingest', () => ingestArticles(config, { parse: cache.parse, recall: cache.recall }));
  log(`read ${ingested.articles.length} posts from ${config.contentDir}`);
  const warningsByFile = groupByFile(ingested.diagnostics.filter((d) => d.severity === 'warning'));
  const errors = ingested.diagnostics.filter((d) => d.severity === 'error');

  const bodies = new ArticleBodies(cache, config);
  const sanitized = await step('sanitize', () =>
    ingested.articles.map((source) => {
      const body = bodies.sanitize(source);
      return { source, body, warnings: [...(warningsByFile.get(source.source) ?? []), ...body.head.warnings] };
    }),
  );
  const total = ingested.articles.length + countSkippedFiles(errors, ingested.articles);
  const finish = (articles: Article[], pages: number): BuildResult => ({
    articles: sortNewestFirst(articles),
    diagnostics: [...errors, ...articles.flatMap((a) => a.warnings)],
    excluded: ingested.excluded,
    total,
    pages,
    timings,
  });

  if (!write) {
    return finish(sanitized.map(({ source, body, warnings }) => toArticle(source, '', body.head, undefined, [], warnings)), 0);
  }

  checkOutputDir(config.outDir, {
    ancestors: [config.rootDir, process.cwd(), config.cacheDir, findPackageRoot()],
    sources: [config.contentDir, config.templatesDir, config.publicDir],
  });
  const lock = await lockOutput(config.outDir);
  try {
    const originals = sanitized.flatMap(({ source, body }) => [
      ...(source.cover ? [source.cover] : []),
      ...body.head.images.map((image) => image.original),
    ]);
    const images = await step('images', () => rehostImages(originals, config, log, options.onImageProgress));

    const articles = await step('rewrite images', () =>
      Promise.all(
        sanitized.map(async (entry, i) => {
          const { source, body, warnings } = entry;
          const outcomesOf = (original: string) => images.outcomes.get(original) ?? assertOutcome(original, config);
          const cover = source.cover ? outcomesOf(source.cover) : undefined;
          const bodyImages = body.head.images.map((image) => outcomesOf(image.original));
          const htmlHash = await bodies.rewrite(source, body, images.outcomes);
          // The sanitized HTML is in the cache now: let it go (10,000 bodies held twice cost a gigabyte).
          sanitized[i] = { ...entry, body: { head: body.head, html: undefined } };
          return toArticle(source, htmlHash, body.head, cover, cover ? [cover, ...bodyImages] : bodyImages, warnings);
        }),
      ),
    );
    await step('cache', () => cache.flush());

    const staging = await createStagingDir(config.outDir);
    try {
      const previous = await loadPreviousSite(config.outDir, config.cacheDir);
      const inPlace = options.publish === 'in-place' && previous !== undefined;
      const rendered = await step('render', () =>
        renderSite(articles, config, { outDir: staging, previous, keepUnchanged: inPlace, loadHtml: (article) => bodies.html(article) }),
      );
      if (inPlace) {
        // Images are named by their content: one already published is the same file.
        await step('copy images', () => copyFilesInto(staging, images.files.filter((file) => !existsSync(path.join(config.outDir, file.to)))));
        await step('publish', () => publishInPlace(staging, config, previous, rendered));
      } else {
        await step('copy images', () => copyFilesInto(staging, images.files));
        await step('publish', () => publishStagingDir(staging, config.outDir));
      }
      // Only a shortcut for the next build, which renders every page when the record is missing.
      await recordPublishedSite(config.outDir, config.cacheDir, rendered.fingerprints).catch(() => {});
      // Bodies found broken in the cache while rendering were made again: keep them for the next build.
      if (cache.hasChanges()) await cache.flush();
      log(`wrote ${rendered.pages} pages to ${config.outDir} (${rendered.rendered} rendered, ${rendered.pages - rendered.rendered} unchanged)`);
      return finish(articles, rendered.pages);
    } catch (error) {
      await discardStagingDir(staging);
      throw error instanceof BuildError ? error : new BuildError(`the build failed: ${(error as Error).message}`, { cause: error });
    }
  } finally {
    await lock.release();
  }
}

/**
 * Moves what changed into the live site (see applyInPlace). The record of
 * the published site is dropped first: a crash halfway leaves a site the
 * next build renders whole again.
 */
async function publishInPlace(staging: string, config: SiteConfig, previous: PreviousSite, rendered: RenderResult): Promise<void> {
  await forgetPublishedSite(config.outDir, config.cacheDir);
  await applyInPlace(staging, config.outDir, {
    files: [...previous.pages.keys()].filter((file) => !rendered.fingerprints.has(file)),
    prune: [{ dir: SEARCH_BUNDLE_DIR, keep: [...rendered.searchShards, SEARCH_SHARDS_FILE] }],
  });
}

function toArticle(
  source: ArticleSource,
  htmlHash: string,
  body: SanitizedHead,
  coverImage: ImageOutcome | undefined,
  images: ImageOutcome[],
  earlierWarnings: readonly Diagnostic[],
): Article {
  const warnings = [...earlierWarnings];
  // One warning per distinct failed image (ZAKER repeats the cover as the first body image), and one
  // for all those skipped: an offline build of 10,000 posts would otherwise print 100,000 lines.
  const failed = new Map(images.filter((i) => i.status === 'failed').map((i) => [i.origin, i]));
  for (const image of failed.values()) warnings.push(failedImageWarning(source.source, image));
  const skipped = [...new Set(images.filter((i) => i.status === 'skipped').map((i) => i.origin))];
  if (skipped.length > 0) warnings.push(skippedImagesWarning(source.source, skipped, images.find((i) => i.status === 'skipped')?.error));
  const { body: _raw, bodyFormat: _format, bodyLine: _line, ...front } = source;
  return {
    ...front,
    html: undefined,
    htmlHash,
    text: body.text,
    removed: body.removed,
    coverImage,
    images,
    warnings,
  };
}

function failedImageWarning(file: string, image: ImageOutcome): Diagnostic {
  return warningAt(file, 'images/fetch', `image ${image.origin}: ${image.error ?? 'could not be fetched'}; linked to its origin`, {
    hint: 'The page links the original server instead; the next build tries again.',
  });
}

function skippedImagesWarning(file: string, origins: readonly string[], why = 'not fetched'): Diagnostic {
  const more = origins.length > 1 ? ` and ${origins.length - 1} more` : '';
  return warningAt(file, 'images/skipped', `${origins.length} ${origins.length === 1 ? 'image' : 'images'} not re-hosted (${why}): ${origins[0]}${more}`, {
    hint: 'Build without --offline to download them once into the cache.',
  });
}

// An image the images stage did not report on (it reports every original it is given): our own bug.
function assertOutcome(original: string, config: SiteConfig): ImageOutcome {
  throw new Error(`images stage returned no outcome for ${original} (origin ${unwrapProxyUrl(original, config.proxyPrefixes)})`);
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
