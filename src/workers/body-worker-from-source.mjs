// The body worker when wirepress runs from its TypeScript sources (see worker-file.ts).
import { register } from 'tsx/esm/api';

register();
const { sanitize } = await import('./body-worker.ts');
export { sanitize };
