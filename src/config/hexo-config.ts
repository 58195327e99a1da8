import type { SiteOptions } from './schema.ts';

/** A Hexo `_config.yml` read as wirepress options. */
export interface HexoOptions {
  /** The keys wirepress understands, under wirepress's names. */
  readonly options: SiteOptions;
  /** Top-level keys wirepress does not use (themes, deploy, highlighters…), in file order. */
  readonly unusedKeys: readonly string[];
  /** `timezone` was empty or absent: the machine's zone was taken, as Hexo does (and dates without an offset are UTC: see SiteConfig.dateTimeZone). */
  readonly zoneFromMachine: boolean;
}

/**
 * Hexo's keys that wirepress reads (hexojs/hexo lib/hexo/default_config.ts).
 * Everything else in `_config.yml` is listed once as unused, never an error:
 * a Hexo blog's config holds dozens of theme, server and deploy keys.
 */
const READ_KEYS = new Set([
  'title', 'subtitle', 'description', 'author', 'language', 'timezone', 'url', 'root',
  'permalink', 'permalink_defaults', 'pretty_urls', 'new_post_name', 'source_dir', 'public_dir',
  'tag_dir', 'archive_dir', 'category_dir', 'skip_render', 'render_drafts', 'filename_case',
  'future', 'default_category', 'category_map', 'tag_map', 'per_page', 'pagination_dir',
  'index_generator', 'include', 'exclude', 'ignore', 'abbrlink',
]);

/**
 * Maps a Hexo `_config.yml` onto wirepress options. Values are passed on
 * as written (the schema then names the key and line of a bad one); only
 * what Hexo itself treats as "not set" is dropped (`timezone: ''`,
 * `language: default`, empty strings), so wirepress's defaults apply.
 *
 * @param data the parsed YAML.
 * @param machineZone the zone an empty `timezone` stands for (default: this machine's).
 */
export function readHexoConfig(data: Record<string, unknown>, machineZone = Intl.DateTimeFormat().resolvedOptions().timeZone): HexoOptions {
  const options: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '') options[key] = value;
  };
  for (const key of ['title', 'subtitle', 'description', 'author', 'permalink', 'future', 'abbrlink'] as const) set(key, data[key]);
  set('language', hexoLanguage(data.language));
  const zoneFromMachine = typeof data.timezone !== 'string' || data.timezone.trim() === '';
  set('timezone', zoneFromMachine ? machineZone : data.timezone);
  set('baseUrl', hexoBaseUrl(data.url, data.root));
  set('permalinkDefaults', data.permalink_defaults);
  set('newPostName', data.new_post_name);
  set('prettyUrls', renameKeys(data.pretty_urls, { trailing_index: 'trailingIndex', trailing_html: 'trailingHtml' }));
  set('pageSize', data.per_page);
  set('homePageSize', (data.index_generator as { per_page?: unknown } | null | undefined)?.per_page);
  const dirs = { categories: data.category_dir, tags: data.tag_dir, archives: data.archive_dir, pagination: data.pagination_dir };
  set('dirs', Object.fromEntries(Object.entries(dirs).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [k, trimSlashes(v)])));
  set('categoryMap', data.category_map);
  set('tagMap', data.tag_map);
  set('filenameCase', data.filename_case);
  set('defaultCategory', data.default_category);
  set('drafts', data.render_drafts);
  set('exclude', [...asList(data.exclude), ...asList(data.ignore)]);
  set('include', asList(data.include));
  set('skipRender', asList(data.skip_render));
  const sourceDir = hexoSourceDir(data);
  options.sourceDir = sourceDir;
  options.contentDir = `${sourceDir}/_posts`;
  options.draftsDir = `${sourceDir}/_drafts`;
  options.outDir = typeof data.public_dir === 'string' && data.public_dir.trim() !== '' ? trimSlashes(data.public_dir) : 'public';
  if (Array.isArray(options.exclude) && options.exclude.length === 0) delete options.exclude;
  if (Array.isArray(options.include) && options.include.length === 0) delete options.include;
  if (Array.isArray(options.skipRender) && options.skipRender.length === 0) delete options.skipRender;
  if (options.dirs && Object.keys(options.dirs).length === 0) delete options.dirs;
  return { options: options as SiteOptions, unusedKeys: Object.keys(data).filter((key) => !READ_KEYS.has(key)), zoneFromMachine };
}

/** A Hexo blog's source folder, relative to its `_config.yml` (`source_dir`, default: `source`). */
export function hexoSourceDir(data: Record<string, unknown>): string {
  return typeof data.source_dir === 'string' && data.source_dir.trim() !== '' ? String(trimSlashes(data.source_dir)) : 'source';
}

// Hexo's `language` may be a list (the first wins) or `default` (the theme's own).
function hexoLanguage(value: unknown): unknown {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === 'default') return undefined;
  // Hexo's themes name their language files `zh_CN`; a page's `lang` is `zh-CN`.
  return typeof first === 'string' ? first.replace(/_/g, '-') : first;
}

// Hexo 5+: `url` may carry the sub-folder; `root` (default: url's path) says it when it does not.
function hexoBaseUrl(url: unknown, root: unknown): unknown {
  if (typeof url !== 'string' || url.trim() === '') return undefined;
  if (typeof root !== 'string' || root.trim() === '' || root.trim() === '/') return url.trim();
  try {
    const base = new URL(url.trim());
    if (base.pathname !== '/' && base.pathname !== '') return url.trim();
    return new URL(`/${trimSlashes(root)}/`, base).href;
  } catch {
    // Not a URL: the schema names the key and says what is wrong.
    return url.trim();
  }
}

function renameKeys(value: unknown, names: Record<string, string>): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [names[k] ?? k, v]));
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value.filter((v) => v !== null && v !== '') : [value];
}

function trimSlashes(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().replace(/^\/+|\/+$/g, '') : value;
}

/** Where a wirepress option came from in `_config.yml`, so a config error names the key the user wrote. */
const HEXO_KEYS: Record<string, readonly string[]> = {
  baseUrl: ['url'],
  permalinkDefaults: ['permalink_defaults'],
  newPostName: ['new_post_name'],
  prettyUrls: ['pretty_urls'],
  'prettyUrls.trailingIndex': ['pretty_urls', 'trailing_index'],
  'prettyUrls.trailingHtml': ['pretty_urls', 'trailing_html'],
  pageSize: ['per_page'],
  homePageSize: ['index_generator', 'per_page'],
  'dirs.categories': ['category_dir'],
  'dirs.tags': ['tag_dir'],
  'dirs.archives': ['archive_dir'],
  'dirs.pagination': ['pagination_dir'],
  categoryMap: ['category_map'],
  tagMap: ['tag_map'],
  filenameCase: ['filename_case'],
  defaultCategory: ['default_category'],
  drafts: ['render_drafts'],
  skipRender: ['skip_render'],
  outDir: ['public_dir'],
  contentDir: ['source_dir'],
  sourceDir: ['source_dir'],
  draftsDir: ['source_dir'],
};

/** The `_config.yml` key path of a wirepress option path (`pageSize` → `per_page`). */
export function hexoKeyPath(optionPath: readonly PropertyKey[]): PropertyKey[] {
  for (let length = optionPath.length; length > 0; length -= 1) {
    const mapped = HEXO_KEYS[optionPath.slice(0, length).join('.')];
    if (mapped) return [...mapped, ...optionPath.slice(length)];
  }
  return [...optionPath];
}
