export { loadConfig, toSiteConfig, CONFIG_FILE_NAMES, HEXO_CONFIG_NAMES, type ConfigOverrides, type ConfigOrigin } from './load.ts';
export { siteOptionsSchema, DEFAULT_PROXY_PREFIXES, type SiteOptions, type ParsedSiteOptions } from './schema.ts';
export type { SiteConfig, ContentConfig, ImagesConfig, ListingDirs, SlugConfig, HexoBlog } from './types.ts';
export { findPackageRoot } from './package-root.ts';
export { contentRulesOf, parseSettingsOf, PARSE_SETTING_KEYS, type ParseSettingKey } from './parse-settings.ts';
