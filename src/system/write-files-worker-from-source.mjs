// The file writer's worker when wirepress runs from its TypeScript sources (see worker-file.ts).
import { register } from 'tsx/esm/api';

register();
const { writeFiles } = await import('./write-files-worker.ts');
export { writeFiles };
