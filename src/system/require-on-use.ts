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
