export { serve, type ServeOptions, type ServeDeps } from './serve.ts';
export { createDevBuild, type DevBuild, type DevBuildOptions } from './quick-edit.ts';
