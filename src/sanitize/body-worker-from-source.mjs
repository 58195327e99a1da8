// The body worker when wirepress runs from its TypeScript sources (see system/worker-file.ts).
import { register } from 'tsx/esm/api';

register();
const { sanitize } = await import('../sanitize/body-worker.ts');
export { sanitize };
