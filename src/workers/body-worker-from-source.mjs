// The body worker when wirepress runs from its TypeScript sources (the tests,
// under `node --import tsx`): Node 20 does not pass tsx's loader hooks on to
// worker threads, so the worker registers them before importing the module.
import { register } from 'tsx/esm/api';

register();
const { sanitize, rewrite } = await import('./body-worker.ts');
export { sanitize, rewrite };
