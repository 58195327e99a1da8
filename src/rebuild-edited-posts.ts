import path from 'node:path';
import type { Article } from './article/article.ts';
import { ArticleBodies } from './article/article-bodies.ts';
import type { BuildResult } from './build.ts';
import { ArticleCache } from './cache/article-cache.ts';
import type { SiteConfig } from './config/index.ts';
import { finishArticle, imageOriginals, sanitizePost } from './article/finish-article.ts';
import { rehostImages } from './images/index.ts';
import { parsePostFile, readPostFile, stampPostFile } from './ingest/index.ts';
import { createStagingDir, discardStagingDir, lockOutput } from './publish/index.ts';
import { copyNewImages, publishInPlace } from './publish/publish-in-place.ts';
import type { Diagnostic } from './report/diagnostic.ts';
import { createStepTimer } from './report/step-timer.ts';
import { patchSitePlan, renderPlannedPages, siteFolderIdentity, type SitePlan } from './site/index.ts';

/** What a build of this process published in place, kept so that an edit can update it (see {@link rebuildEditedPosts}). */
interface PublishedBuild {
  /** The config it was built with, as JSON: another config is another site. */
  readonly config: string;
  /** The output folder's identity once published (siteFolderIdentity): anything else since means a full build. */
  readonly identity: string;
  readonly result: BuildResult;
  readonly plan: SitePlan;
}

/** By output folder. Only the dev server publishes in place, so only it holds one. */
const publishedBuilds = new Map<string, PublishedBuild>();

/** Keeps what a build just published in place, for {@link rebuildEditedPosts}. */
export function rememberPublishedBuild(config: SiteConfig, identity: string | undefined, result: BuildResult, plan: SitePlan): void {
  if (identity === undefined) return;
  publishedBuilds.set(path.resolve(config.outDir), { config: JSON.stringify(config), identity, result, plan });
}

/**
 * Drops what {@link rememberPublishedBuild} kept: a build is about to change the site.
 *
 * @returns puts it back (the build was stopped before it published)
 */
export function forgetPublishedBuild(config: SiteConfig): () => void {
  const outDir = path.resolve(config.outDir);
  const kept = publishedBuilds.get(outDir);
  publishedBuilds.delete(outDir);
  return () => void (kept && publishedBuilds.set(outDir, kept));
}

/**
 * The dev server's rebuild after a save that changed only the bodies of
 * posts already published: reads, sanitizes and rewrites just those files,
 * updates the remembered site plan (patchSitePlan) and writes just their
 * pages and the feeds holding them into the live folder. At 10,000 posts
 * this takes a fraction of a second where a full build takes seconds.
 *
 * What it leaves for a full build (`deferred` in the result), which the dev
 * server runs next: the search index, and the cache's index on disk.
 *
 * @param changed absolute paths changed since the last build of this process
 * @returns `undefined`, having published nothing, when this build cannot
 *   tell what else changed: no build of this process published the folder
 *   (or it was changed since), a changed path is not a published post, a
 *   post now has an error, the edit moves pages (a date, categories), or
 *   writing the pages failed. The caller then runs a full build.
 */
export async function rebuildEditedPosts(config: SiteConfig, changed: readonly string[], log: (message: string) => void): Promise<BuildResult | undefined> {
  const last = publishedBuilds.get(path.resolve(config.outDir));
  if (!last || last.config !== JSON.stringify(config) || changed.length === 0) return undefined;
  const bySourcePath = new Map(last.result.articles.map((article) => [article.sourcePath, article]));
  const before = changed.map((file) => bySourcePath.get(path.resolve(file)));
  if (!isEvery(before)) return undefined;

  const { timings, step } = createStepTimer();
  const cache = await ArticleCache.open(config, { writable: true, parse: parsePostFile });
  const bodies = new ArticleBodies(cache, config);
  const read = await step('ingest', () => readPosts(before, cache, config));
  if (!read) return undefined;
  const sanitized = await step('sanitize', () => Promise.all(read.map(({ source, warnings }) => sanitizePost(bodies, source, warnings))));
  const images = await step('images', () => rehostImages(sanitized.flatMap(imageOriginals), config, log));
  const after = sanitized.map((post) => finishArticle(post, images.outcomes, bodies, config));

  let plan = last.plan;
  const outputs = new Set<string>();
  for (const [i, article] of after.entries()) {
    const patch = patchSitePlan(plan, before[i]!, article, config);
    if (!patch) return undefined;
    plan = patch.plan;
    for (const output of patch.outputs) outputs.add(output);
  }

  const lock = await lockOutput(config.outDir);
  try {
    if ((await siteFolderIdentity(config.outDir)) !== last.identity) return undefined;
    const edited = new Map(after.map((article) => [article.source, article]));
    const articles = last.result.articles.map((article) => edited.get(article.source) ?? article);
    const staging = await createStagingDir(config.outDir);
    let identity: string | undefined;
    let rendered: string[];
    try {
      rendered = await step('render', () => renderPlannedPages(plan, outputs, articles, config, { outDir: staging, loadHtml: (article) => bodies.html(article) }));
      await step('copy images', () => copyNewImages(staging, config, images.files));
      identity = await step('publish', () => publishInPlace(staging, config, { files: [], prune: [] }, plan.fingerprints));
    } catch {
      // The full build makes good what it can (a body file lost from the cache, a publish cut short:
      // the record of the site is gone then) and names what it cannot (a template error, a full disk).
      await discardStagingDir(staging);
      return undefined;
    }
    await step('cache', () => cache.keepInMemory());

    const errors = last.result.diagnostics.filter((d) => d.severity === 'error');
    const result: BuildResult = {
      ...last.result,
      articles,
      diagnostics: [...errors, ...articles.flatMap((article) => article.warnings)],
      rendered: rendered.length,
      timings,
      deferred: true,
    };
    rememberPublishedBuild(config, identity, result, plan);
    log(`wrote ${result.pages} pages to ${config.outDir} (${rendered.length} rendered, ${result.pages - rendered.length} unchanged); the search index follows`);
    return result;
  } finally {
    await lock.release();
  }
}

/** Each edited post read and parsed, with its warnings; `undefined` when one is gone, unreadable or now has an error. */
async function readPosts(articles: readonly Article[], cache: ArticleCache, config: SiteConfig) {
  const posts = [];
  for (const { source, sourcePath, kind, name } of articles) {
    const found = await stampPostFile(source, sourcePath);
    const file = 'stamp' in found ? await readPostFile({ source, sourcePath, kind, name }, found.stamp) : found;
    if ('problem' in file) return undefined;
    const parsed = cache.parse(file, config);
    if (!parsed.article || parsed.diagnostics.some((d) => d.severity === 'error')) return undefined;
    // In line order, as a full build lists them.
    const warnings: Diagnostic[] = [...parsed.diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    posts.push({ source: parsed.article, warnings });
  }
  return posts;
}

function isEvery<T>(items: readonly (T | undefined)[]): items is T[] {
  return items.every((item) => item !== undefined);
}
