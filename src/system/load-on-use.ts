import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded when first used, not with the module that
 * names it: a build that finds nothing changed starts no thread and draws
 * no progress bar, and starts without reading piscina's and cli-progress's
 * files.
 */
export function requireOnUse<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}

/**
 * An ES module's export, loaded when first asked for and shared by every
 * later call. Each `import()` asks the module loader again even for a module
 * loaded long ago, and with Eleventy's module hooks registered that is a
 * round trip to their thread: loading the image rewriter once per page took
 * 0.8 s of a cold build of 10,000 posts (--cpu-prof:
 * bench/results/2026-12-04-issue-23-session7-ab.json).
 */
export function importOnUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}
