import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';
import type { SiteConfig } from '../config/index.ts';
import { unwrapProxyUrl } from '../urls/index.ts';
import { ImageCache, type VariantManifest } from './cache.ts';
import type { Agent } from 'undici';
import { ImageFetchError } from './fetch-error.ts';
import { makeVariants, variantManifestKey, type VariantSource } from './make-variants.ts';
import { describeOutcome } from './describe-outcome.ts';
import type { ImageFile, ImageOutcome } from './types.ts';

type Result =
  | { readonly status: 'rehosted' | 'cached'; readonly manifest: VariantManifest }
  | { readonly status: 'failed' | 'skipped'; readonly error: string; readonly retryAt?: string };

/**
 * Re-hosts every distinct image once: unwraps the CORS proxy (which is never
 * contacted), takes the original from the cache or fetches it through the
 * guarded fetcher, makes the sharp variants in the cache, and says what
 * became of each URL. Never throws for a bad image: it becomes an outcome
 * with status `failed` (or `skipped` when offline and not cached). A
 * download that failed is remembered, and not tried again before its
 * retry time (see nextAttempt) unless `images.retryFailed`.
 *
 * @param originals URLs exactly as written in the articles (duplicates welcome).
 * @param config the site config: `cacheDir`, `proxyPrefixes` and `images`.
 * @param log receives a summary line (default: silent); failures are in the outcomes, which the caller reports per article.
 * @param onProgress called once at the start and as each distinct image is done (default: nothing).
 * @returns an outcome per original, and the variant files to publish
 *   (absolute cache path → path relative to the output folder).
 */
export async function rehostImages(
  originals: readonly string[],
  config: SiteConfig,
  log: (message: string) => void = () => {},
  onProgress: (progress: ImageProgress) => void = () => {},
): Promise<{ outcomes: Map<string, ImageOutcome>; files: ImageFile[] }> {
  const started = Date.now();
  const settings = config.images;
  const cache = new ImageCache(config.cacheDir);
  await cache.removeStaleTemps();
  const originOf = new Map<string, string | { invalid: string }>();
  for (const original of originals) {
    if (!originOf.has(original)) originOf.set(original, resolveOrigin(original, config.proxyPrefixes));
  }
  const origins = new Set([...originOf.values()].filter((o): o is string => typeof o === 'string'));

  // Offline builds never create a dispatcher, so no socket can be opened. The fetcher (undici) is
  // loaded on the first download: a build whose images are all cached never needs it.
  let agent: Promise<Agent> | undefined;
  const download = async (origin: string) => {
    const [{ fetchImage }, { createGuardedAgent }] = await Promise.all([import('./fetch-image.ts'), import('./guarded-agent.ts')]);
    agent ??= Promise.resolve(createGuardedAgent(settings.allowHosts));
    return fetchImage(origin, { dispatcher: await agent, allowHosts: settings.allowHosts, timeoutMs: settings.timeoutMs, maxBytes: settings.maxBytes });
  };
  const fetchLimit = pLimit(settings.concurrency);
  // sharp work is CPU-bound: one image per core, each using libvips' own threads.
  const sharpLimit = pLimit(Math.max(1, availableParallelism()));
  // Bounds how many originals sit in memory at once (read from the cache or downloaded, waiting for sharp).
  const jobLimit = pLimit(2 * Math.max(settings.concurrency, availableParallelism()));

  const rehostOne = async (origin: string): Promise<Result> => {
    let source: VariantSource;
    let status: 'rehosted' | 'cached';
    try {
      // Variants already made: the original's bytes need not be read (nor hashed) again.
      const hash = await cache.readOriginalHash(origin);
      const made = hash === undefined ? undefined : await cache.readManifest(variantManifestKey(hash, settings.widths));
      if (made) return { status: 'cached', manifest: made };
      const cached = await cache.readOriginal(origin);
      if (cached !== undefined) {
        source = cached;
        status = 'cached';
      } else if (settings.offline) {
        return { status: 'skipped', error: 'offline' };
      } else {
        const failed = settings.retryFailed ? undefined : await cache.readFailure(origin);
        if (failed && Date.parse(failed.retryAt) > Date.now()) return { status: 'failed', error: failed.error, retryAt: failed.retryAt };
        const fetched = await fetchLimit(() => download(origin));
        source = await cache.writeOriginal(origin, fetched);
        status = 'rehosted';
      }
    } catch (error) {
      // A refusal of our own guard is the config's (--allow-host) to lift: never waited on.
      if (!(error instanceof ImageFetchError) || error.kind === 'blocked') return { status: 'failed', error: errorMessage(error) };
      // Only remembered: a cache that cannot be written makes the next build try again, no worse.
      const failure = await cache.writeFailure(origin, error.message, error.kind).catch(() => undefined);
      return { status: 'failed', error: error.message, ...(failure ? { retryAt: failure.retryAt } : {}) };
    }
    try {
      const manifest = await sharpLimit(() => makeVariants(source, cache, settings));
      return { status, manifest };
    } catch (error) {
      return { status: 'failed', error: errorMessage(error) };
    }
  };

  const results = new Map<string, Result>();
  let failed = 0;
  onProgress({ done: 0, total: origins.size, failed });
  try {
    await Promise.all(
      [...origins].map(async (origin) => {
        const result = await jobLimit(() => rehostOne(origin));
        results.set(origin, result);
        if (result.status === 'failed') failed += 1;
        onProgress({ done: results.size, total: origins.size, failed });
      }),
    );
  } finally {
    await (await agent)?.close();
  }

  const outcomes = new Map<string, ImageOutcome>();
  const files = new Map<string, ImageFile>();
  for (const [original, origin] of originOf) {
    if (typeof origin !== 'string') {
      outcomes.set(original, { original, origin: origin.invalid, status: 'skipped', error: 'not an http(s) URL' });
      continue;
    }
    const result = results.get(origin) as Result;
    if (!('manifest' in result)) {
      outcomes.set(original, { original, origin, status: result.status, error: result.error, ...(result.retryAt ? { retryAt: result.retryAt } : {}) });
      continue;
    }
    const described = describeOutcome(result.manifest);
    outcomes.set(original, { original, origin, status: result.status, ...described.outcome });
    for (const name of described.names) files.set(name, { from: cache.variantPath(name), to: `images/${name}` });
  }
  log(summarize([...results.values()], started));
  return { outcomes, files: [...files.values()] };
}

/** How far {@link rehostImages} has come, counted in distinct origin URLs. */
export interface ImageProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
}

/** The URL to fetch for an original: proxy removed, protocol-relative made https, http(s) only. */
function resolveOrigin(original: string, proxyPrefixes: readonly string[]): string | { invalid: string } {
  let unwrapped = unwrapProxyUrl(original, proxyPrefixes);
  if (unwrapped.startsWith('//')) unwrapped = `https:${unwrapped}`;
  try {
    const url = new URL(unwrapped);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : { invalid: unwrapped };
  } catch {
    return { invalid: unwrapped };
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function summarize(results: readonly Result[], started: number): string {
  const count = (status: Result['status']) => results.filter((r) => r.status === status).length;
  // Those this build did not ask again: their retry time was still to come when it started.
  const waiting = results.flatMap((r) => ('retryAt' in r && r.retryAt && Date.parse(r.retryAt) > started ? [r.retryAt] : [])).sort();
  const waits = waiting.length > 0 ? ` (${waiting.length} not tried again until their retry time, the first ${waiting[0]!.slice(0, 16).replace('T', ' ')} UTC; --retry-failed-images tries now)` : '';
  return `images: ${count('rehosted')} re-hosted, ${count('cached')} cached, ${count('failed')} failed${waits}, ${count('skipped')} skipped`;
}
