import type { SiteConfig } from './types.ts';

/**
 * The settings that shape what a post file parses into (its dates, URL,
 * diagnostics): ingest's parser reads these and no others, so the cache of
 * parsed posts is keyed by them (see parseSettingsOf).
 */
export const PARSE_SETTING_KEYS = [
  'timezone',
  'dateTimeZone',
  'permalink',
  'newPostName',
  'permalinkDefaults',
  'defaultCategory',
  'dirs',
  'slugs',
  'prettyUrls',
  'abbrlink',
  'strict',
  'hexo',
  // A cover on a placeholder host (content.placeholderCovers, the one part of `content` read), behind the proxy or not, is no cover.
  'content',
  'proxyPrefixes',
] as const satisfies readonly (keyof SiteConfig)[];

/** A setting that shapes how a post file parses. */
export type ParseSettingKey = (typeof PARSE_SETTING_KEYS)[number];

/**
 * The parse settings of a config, as plain data for a cache key. Of `hexo`
 * only whether the site is a Hexo blog counts (its unused keys do not), of
 * `content` only the placeholder covers (listings' `hideDuplicates` must not
 * make every post parse again).
 */
export function parseSettingsOf(config: SiteConfig): Record<string, unknown> {
  const settings: Record<string, unknown> = Object.fromEntries(PARSE_SETTING_KEYS.map((key) => [key, config[key]]));
  settings.hexo = config.hexo !== undefined;
  settings.content = config.content.placeholderCovers;
  return settings;
}

/** The part of config `content` the sanitizer applies: sanitized bodies are cached by it, and by nothing else of `content`. */
export function contentRulesOf(config: SiteConfig): Pick<SiteConfig['content'], 'unwrapLinks' | 'keepLines' | 'promoLines'> {
  const { unwrapLinks, keepLines, promoLines } = config.content;
  return { unwrapLinks, keepLines, promoLines };
}
