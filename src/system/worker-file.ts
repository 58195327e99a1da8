import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The file a worker thread runs: `<name>.js` beside the module `near`, or its
 * loader `<name>-from-source.mjs` when wirepress runs from its TypeScript
 * sources (the tests, under `node --import tsx`): Node 20 does not pass
 * tsx's loader hooks on to worker threads, so the loader registers them
 * before importing the module.
 */
export function workerFile(name: string, near: string): string {
  const here = fileURLToPath(near);
  return path.join(path.dirname(here), here.endsWith('.ts') ? `${name}-from-source.mjs` : `${name}.js`);
}
