export { serve, type ServeOptions, type ServeDeps } from './serve.ts';
export type { BuildFunction } from './rebuild-site.ts';
