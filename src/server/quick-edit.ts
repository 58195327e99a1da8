import path from 'node:path';
import {
  articleBodies,
  ArticleCache,
  buildSite,
  createStepTimer,
  finishArticle,
  imageOriginals,
  markDuplicateStories,
  parsePostFile,
  patchSitePlan,
  publish,
  readPostFile,
  rehostImages,
  renderPlannedPages,
  sanitizePost,
  stampPostFile,
  type Article,
  type BuildOptions,
  type BuildResult,
  type Diagnostic,
  type SiteConfig,
  type SitePlan,
} from '../build.ts';

/** What the dev server asks of a build: a full one, or, told which files changed, the quick edit where it can. */
export type DevBuildOptions = Omit<BuildOptions, 'keepPlan'> & {
  /** Absolute paths changed since the last build (the watcher's). */
  changed?: readonly string[];
};

/** The dev server's build: see {@link createDevBuild}. */
export type DevBuild = (config: SiteConfig, options: DevBuildOptions) => Promise<BuildResult>;

/** The last site a dev build published, which a quick edit updates. */
interface LastBuild {
  /** The config it was built with, as JSON: another config is another site. */
  readonly config: string;
  readonly result: BuildResult;
  /** Its version folder (see publish/site-versions.ts): any other published since means a full build. */
  readonly dir: string;
  readonly plan: SitePlan;
}

/**
 * The build of one dev server. After a save that changed only the bodies
 * of posts already published, it makes just their pages and the feeds and
 * listings showing them (see {@link buildEditedPosts}); anything else runs
 * the full build. It holds what the last build published, which only this
 * server's builds change.
 *
 * @param build the full build (default: buildSite; a wrapper in tests)
 */
export function createDevBuild(build: typeof buildSite = buildSite): DevBuild {
  let last: LastBuild | undefined;
  // A spare being readied after a build (see readySpare): the next build waits for it, never writes beside it.
  let sparing: Promise<void> = Promise.resolve();
  return async (config, { changed, ...options }) => {
    await sparing;
    if ((options.write ?? true) && changed && last) {
      const edited = await buildEditedPosts(config, last, changed, options.log ?? (() => {}));
      if (edited) {
        last = edited.last;
        return edited.result;
      }
    }
    // A full build may change the site: what was kept of it holds again only if the build is stopped.
    const kept = last;
    last = undefined;
    try {
      const result = await build(config, { ...options, keepPlan: true });
      const { dir, plan } = result.published ?? {};
      if (dir && plan) last = { config: JSON.stringify(config), result, dir, plan };
      // While the user reads: the next quick edit then writes only the pages it changes.
      if (options.write ?? true) sparing = publish.readySpare(config.outDir).catch(() => undefined);
      return result;
    } catch (error) {
      if (options.signal?.aborted && error === options.signal.reason) last = kept;
      throw error;
    }
  };
}

/**
 * Reads, sanitizes and finishes just the edited posts, updates the site
 * plan (patchSitePlan) and publishes a new version of the site with just
 * their pages and the feeds and listings showing them made again: at
 * 10,000 posts, far quicker than a full build.
 * The search index, and the cache's index on disk, wait for a full build,
 * which the dev server runs next (`deferred` in the result).
 *
 * @returns `undefined`, having published nothing, when this build cannot
 *   tell what else changed: another build published since, a changed path
 *   is not a published post, a post now has an error, or the edit moves
 *   pages (a date, categories). The caller then runs a full build.
 */
async function buildEditedPosts(config: SiteConfig, last: LastBuild, changed: readonly string[], log: (message: string) => void) {
  if (last.config !== JSON.stringify(config) || changed.length === 0) return undefined;
  const bySourcePath = new Map(last.result.articles.map((article) => [article.sourcePath, article]));
  const before = changed.map((file) => bySourcePath.get(path.resolve(file)));
  if (!before.every((article) => article !== undefined)) return undefined;

  const { timings, step } = createStepTimer();
  const cache = await ArticleCache.open(config, { writable: true, parse: parsePostFile });
  const bodies = articleBodies(cache, config);
  const read = await step('ingest', () => readPosts(before as Article[], cache, config));
  if (!read) return undefined;
  const sanitized = await step('sanitize', () => Promise.all(read.map(({ source, warnings }) => sanitizePost(bodies, source, warnings))));
  const images = await step('images', () => rehostImages(sanitized.flatMap(imageOriginals), config, log));
  const after = markEditedStories(last.result.articles, sanitized.map((post) => finishArticle(post, images.outcomes, bodies, config)));
  if (!after) return undefined;

  let plan = last.plan;
  const outputs = new Set<string>();
  for (const [i, article] of after.entries()) {
    const patch = patchSitePlan(plan, before[i]!, article, config);
    if (!patch) return undefined;
    plan = patch.plan;
    for (const output of patch.outputs) outputs.add(output);
  }

  const lock = await publish.lockOutput(config.outDir);
  try {
    const previous = await publish.loadPreviousSite(config.outDir);
    if (previous?.dir !== last.dir) return undefined;
    const edited = new Map(after.map((article) => [article.source, article]));
    const articles = last.result.articles.map((article) => edited.get(article.source) ?? article);
    const next = await publish.prepareNextVersion(config.outDir);
    let rendered: string[];
    try {
      const unchanged = new Map([...plan.fingerprints].filter(([file]) => !outputs.has(file)));
      await step('reuse', async () => {
        await publish.stageUnchangedPages(next, previous, unchanged, new Set(previous.named));
        await publish.stageOtherFiles(next, previous);
      });
      rendered = await step('render', () => renderPlannedPages(plan, outputs, articles, config, { outDir: next.dir, loadHtml: (article) => bodies.html(article) }));
      const held = new Set(previous.files);
      const newImages = images.files.filter((file) => !held.has(file.to));
      await step('copy images', () => publish.copyFilesInto(next.dir, newImages));
      const added = newImages.map((file) => file.to);
      // No inputs: what the site was made from is only known to a full build, which a later one must not skip.
      const record = { pages: plan.fingerprints, files: [...previous.files, ...added], named: [...previous.named, ...added], inputs: undefined };
      await step('publish', () => publish.publishVersion(next.dir, config.outDir, record));
    } catch (error) {
      await publish.discardVersion(next.dir);
      throw error;
    }
    await step('cache', () => cache.keepInMemory());

    const errors = last.result.diagnostics.filter((d) => d.severity === 'error');
    const result: BuildResult = {
      ...last.result,
      articles,
      diagnostics: [...errors, ...articles.flatMap((article) => article.warnings)],
      rendered: rendered.length,
      timings,
      published: { dir: next.dir, plan },
      deferred: true,
    };
    log(`wrote ${result.pages} pages to ${config.outDir} (${rendered.length} rendered, ${result.pages - rendered.length} unchanged); the search index follows`);
    return { result, last: { ...last, result, dir: next.dir, plan } };
  } finally {
    await lock.release();
  }
}

/**
 * The edited articles, in their order, with the copies of their stories
 * found again over the whole site (see markDuplicateStories); `undefined`
 * when the edit changed the story of an article not edited (it joined or
 * left a story), which only a full build redraws.
 */
function markEditedStories(articles: readonly Article[], edited: readonly Article[]): Article[] | undefined {
  const editedBySource = new Map(edited.map((article) => [article.source, article]));
  const marked = markDuplicateStories(articles.map((article) => editedBySource.get(article.source) ?? article));
  const othersChanged = marked.some((article, i) => !editedBySource.has(article.source) && JSON.stringify(article.story) !== JSON.stringify(articles[i]!.story));
  if (othersChanged) return undefined;
  const markedBySource = new Map(marked.map((article) => [article.source, article]));
  return edited.map((article) => markedBySource.get(article.source) ?? article);
}

/** Each edited post read and parsed, with its warnings; `undefined` when one is gone, unreadable or now has an error. */
async function readPosts(articles: readonly Article[], cache: ArticleCache, config: SiteConfig) {
  const posts = [];
  for (const { source, sourcePath, kind, name } of articles) {
    const found = stampPostFile(source, sourcePath);
    const file = 'stamp' in found ? readPostFile({ source, sourcePath, kind, name }, found.stamp) : found;
    if ('problem' in file) return undefined;
    const parsed = cache.parse(file, config);
    if (!parsed.article || parsed.diagnostics.some((d) => d.severity === 'error')) return undefined;
    // In line order, as a full build lists them.
    const warnings: Diagnostic[] = [...parsed.diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    posts.push({ source: parsed.article, warnings });
  }
  return posts;
}
