// The search index's worker when wirepress runs from its TypeScript sources (see worker-file.ts).
import { register } from 'tsx/esm/api';

register();
await import('./index-worker.ts');
