export { loadConfig, CONFIG_FILE_NAMES, type ConfigOverrides } from './load.ts';
export { siteOptionsSchema, DEFAULT_PROXY_PREFIXES, type SiteOptions } from './schema.ts';
export type { SiteConfig, ImagesConfig } from './types.ts';
export { findPackageRoot } from './package-root.ts';
