import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { BuildError } from '../report/build-error.ts';
import { findPackageRoot } from './package-root.ts';
import { hexoKeyPath, hexoSourceDir, readHexoConfig } from './hexo-config.ts';
import { siteOptionsSchema, type ParsedSiteOptions } from './schema.ts';
import type { HexoBlog, SiteConfig } from './types.ts';

/** Names looked for in the working directory when `--config` is not given. */
export const CONFIG_FILE_NAMES = ['wirepress.config.yml', 'wirepress.config.yaml', 'wirepress.config.json'];

/** A Hexo blog's config: read first, with `wirepress.config.yml` beside it taking precedence. */
export const HEXO_CONFIG_NAMES = ['_config.yml', '_config.yaml'];

const PACKAGE_ROOT = findPackageRoot(import.meta.url);

/** Settings given on the command line; they override the config file. */
export interface ConfigOverrides {
  configFile?: string;
  contentDir?: string;
  outDir?: string;
  cacheDir?: string;
  baseUrl?: string;
  offline?: boolean;
  /** `--retry-failed-images`. */
  retryFailedImages?: boolean;
  allowHosts?: string[];
  strict?: boolean;
  /** `--fail-on`. */
  failOn?: string;
  drafts?: boolean;
}

/** One config file as read. */
interface ConfigLayer {
  readonly file: string;
  readonly text: string;
  readonly data: Record<string, unknown>;
}

/**
 * Loads and validates the site config: defaults, then a Hexo blog's
 * `_config.yml` (see readHexoConfig), then `wirepress.config.yml`, then the
 * command-line overrides. Both files are looked for in `cwd`, or beside
 * the file given with `--config` (a file named `_config.yml` is read as
 * Hexo's).
 *
 * @throws BuildError naming the file, the key, its line and the fix when the
 *   config is unreadable or invalid.
 */
export async function loadConfig(overrides: ConfigOverrides = {}, cwd = process.cwd()): Promise<SiteConfig> {
  const explicit = overrides.configFile ? path.resolve(cwd, overrides.configFile) : undefined;
  const rootDir = explicit ? path.dirname(explicit) : cwd;
  const explicitIsHexo = explicit !== undefined && HEXO_CONFIG_NAMES.includes(path.basename(explicit));
  const foundHexo = explicitIsHexo ? explicit : findFile(rootDir, HEXO_CONFIG_NAMES);
  const ownFile = explicit && !explicitIsHexo ? explicit : findFile(rootDir, CONFIG_FILE_NAMES);
  const foundLayer = foundHexo ? await readConfigFile(foundHexo, yaml.DEFAULT_SCHEMA) : undefined;
  // A `_config.yml` is Hexo's where its source folder is beside it: Jekyll (GitHub Pages) writes one too.
  const hexoLayer = foundLayer && (explicitIsHexo || existsSync(path.join(rootDir, hexoSourceDir(foundLayer.data)))) ? foundLayer : undefined;
  const hexoFile = hexoLayer?.file;
  const ownLayer = ownFile ? await readConfigFile(ownFile, yaml.JSON_SCHEMA) : undefined;
  const hexo = hexoLayer && readHexoConfig(hexoLayer.data);

  const merged = applyOverrides(mergeOptions(hexo?.options ?? {}, ownLayer?.data ?? {}), overrides);
  const parsed = siteOptionsSchema.safeParse(merged);
  if (!parsed.success) {
    throw new BuildError(describeIssues(parsed.error.issues, hexoLayer, ownLayer), {
      file: ownFile ?? hexoFile,
      hint: 'Fix the keys named above; every key is optional and documented in README.md ("Configuration", "Moving from Hexo").',
    });
  }
  const configFiles = [hexoFile, ownFile].filter((file): file is string => file !== undefined);
  return toSiteConfig(parsed.data, {
    cwd,
    rootDir,
    overrides,
    configFiles,
    hexo: hexoFile && hexo ? { configFile: hexoFile, unusedKeys: hexo.unusedKeys, zoneFromMachine: hexo.zoneFromMachine && !ownLayer?.data.timezone } : undefined,
  });
}

/** Where the options came from, for {@link toSiteConfig}. */
export interface ConfigOrigin {
  /** Folder command-line paths are relative to. */
  readonly cwd: string;
  /** Folder config-file paths are relative to. */
  readonly rootDir: string;
  readonly overrides: ConfigOverrides;
  /** The files read, Hexo's first. */
  readonly configFiles: readonly string[];
  readonly hexo: HexoBlog | undefined;
}

/**
 * The resolved config from validated options: folders made absolute
 * (those from flags against `cwd`, those from a file against its folder).
 */
export function toSiteConfig(options: ParsedSiteOptions, origin: ConfigOrigin): SiteConfig {
  const { cwd, rootDir, overrides } = origin;
  const resolveDir = (flag: string | undefined, fromFile: string) => (flag ? path.resolve(cwd, flag) : path.resolve(rootDir, fromFile));
  const optionalDir = (dir: string | undefined) => (dir === undefined ? undefined : path.resolve(rootDir, dir));
  const outDir = resolveDir(overrides.outDir, options.outDir);
  // A Hexo blog's public/ is its output, and its own static files are in source/ (copied anyway).
  const ownPublicDir = origin.hexo && options.publicDir === undefined ? undefined : ownFolder(rootDir, options.publicDir, 'public');
  return {
    title: options.title,
    subtitle: options.subtitle,
    description: options.description,
    author: options.author,
    baseUrl: options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`,
    language: options.language,
    timezone: options.timezone,
    // Without a timezone Hexo keeps js-yaml's reading of `2021-11-26 07:21:47`: UTC (tests/fixtures/hexo/machine-zone).
    dateTimeZone: options.dateTimeZone ?? (origin.hexo?.zoneFromMachine ? 'UTC' : options.timezone),
    permalink: options.permalink,
    newPostName: options.newPostName,
    permalinkDefaults: options.permalinkDefaults,
    defaultCategory: options.defaultCategory,
    abbrlink: options.abbrlink,
    future: options.future,
    pageSize: options.pageSize,
    homePageSize: options.homePageSize ?? options.pageSize,
    pagination: options.pagination,
    dirs: options.dirs,
    slugs: { categoryMap: options.categoryMap, tagMap: options.tagMap, caseTransform: options.filenameCase },
    prettyUrls: options.prettyUrls,
    proxyPrefixes: options.proxyPrefixes,
    contentDir: resolveDir(overrides.contentDir, options.contentDir),
    // `--content` names the posts alone: a Hexo source folder beside them no longer holds them.
    sourceDir: overrides.contentDir ? undefined : optionalDir(options.sourceDir),
    draftsDir: overrides.contentDir ? undefined : optionalDir(options.draftsDir),
    drafts: options.drafts,
    exclude: options.exclude,
    include: options.include,
    skipRender: options.skipRender,
    outDir,
    cacheDir: resolveDir(overrides.cacheDir, options.cacheDir),
    templatesDir: path.join(PACKAGE_ROOT, 'templates'),
    publicDir: path.join(PACKAGE_ROOT, 'public'),
    ownTemplatesDir: ownFolder(rootDir, options.templatesDir, 'templates'),
    // Never the output itself (`--out public`).
    ownPublicDir: ownPublicDir === outDir ? undefined : ownPublicDir,
    csp: options.csp,
    strict: options.strict,
    failOn: options.failOn ?? (options.strict ? 'warning' : 'error'),
    images: options.images,
    content: options.content,
    configFiles: origin.configFiles,
    hexo: origin.hexo,
    rootDir,
  };
}

/**
 * The site's own folder of templates or static files: the one the config
 * names (which must exist), else the default name when there is such a
 * folder. Never the package's own (a site built inside this repository).
 */
function ownFolder(rootDir: string, named: string | undefined, defaultName: 'templates' | 'public'): string | undefined {
  const dir = path.resolve(rootDir, named ?? defaultName);
  if (dir === path.join(PACKAGE_ROOT, defaultName)) return undefined;
  if (named !== undefined && !existsSync(dir)) {
    throw new BuildError(`the ${defaultName} folder ${dir} (\`${defaultName}Dir\` in the config) does not exist`, { file: dir, hint: `Create it, or remove \`${defaultName}Dir\` to use the built-in ${defaultName}.` });
  }
  return existsSync(dir) ? dir : undefined;
}

function findFile(dir: string, names: readonly string[]): string | undefined {
  return names.map((name) => path.join(dir, name)).find((file) => existsSync(file));
}

// `wirepress.config.yml` over `_config.yml`: a key replaces Hexo's, except that the settings
// grouped under one key (`images`, `dirs`, …) are merged one level deep.
function mergeOptions(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = merged[key];
    merged[key] = isMapping(under) && isMapping(value) ? { ...under, ...value } : value;
  }
  return merged;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readConfigFile(file: string, schema: yaml.Schema): Promise<ConfigLayer> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new BuildError(`cannot read config file ${file}: ${(cause as Error).message}`, {
      file,
      hint: 'Check the path given to --config.',
      cause,
    });
  }
  let data: unknown;
  try {
    data = yaml.load(text.replace(/^\uFEFF/, ''), { filename: file, schema });
  } catch (cause) {
    const mark = (cause as { mark?: { line: number; column: number } }).mark;
    const where = mark ? `:${mark.line + 1}:${mark.column + 1}` : '';
    throw new BuildError(`${file}${where}: the config is not valid YAML: ${(cause as { reason?: string }).reason ?? (cause as Error).message}`, {
      file,
      hint: 'The config file is YAML (JSON works too): `key: value`, one per line.',
      cause,
    });
  }
  if (data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    throw new BuildError(`${file}: the config must be a mapping of keys to values, received ${Array.isArray(data) ? 'a list' : typeof data}`, {
      file,
      hint: 'Write one `key: value` per line, e.g. `title: My news`.',
    });
  }
  return { file, text, data: (data ?? {}) as Record<string, unknown> };
}

function applyOverrides(options: Record<string, unknown>, overrides: ConfigOverrides): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...options };
  if (overrides.baseUrl !== undefined) merged.baseUrl = overrides.baseUrl;
  if (overrides.strict) merged.strict = true;
  if (overrides.failOn !== undefined) merged.failOn = overrides.failOn;
  const images = typeof merged.images === 'object' && merged.images !== null ? { ...(merged.images as object) } : {};
  if (overrides.offline) Object.assign(images, { offline: true });
  if (overrides.retryFailedImages) Object.assign(images, { retryFailed: true });
  if (overrides.allowHosts?.length) {
    const fromFile = (images as { allowHosts?: unknown }).allowHosts;
    Object.assign(images, { allowHosts: [...(Array.isArray(fromFile) ? fromFile : []), ...overrides.allowHosts] });
  }
  if (Object.keys(images).length > 0 || merged.images !== undefined) merged.images = images;
  if (overrides.drafts) merged.drafts = true;
  return merged;
}

function describeIssues(issues: readonly z.core.$ZodIssue[], hexo: ConfigLayer | undefined, own: ConfigLayer | undefined): string {
  const lines = issues.map((issue) => {
    // The key is the user's where wirepress.config.yml sets it, else Hexo's spelling in _config.yml.
    const top = issue.path[0];
    const fromOwn = own !== undefined && (typeof top !== 'string' || top in own.data || hexo === undefined);
    const layer = fromOwn ? own : hexo;
    const keyPath = fromOwn || !hexo ? issue.path : hexoKeyPath(issue.path);
    const line = layer ? findKeyLine(layer.text, keyPath) : undefined;
    const where = layer ? `${layer.file}${line ? `:${line}` : ''}` : '(command line)';
    return `${where}: \`${keyPath.join('.') || '(top level)'}\`: ${issue.message}`;
  });
  return `invalid config\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

/** Finds the line of a (possibly nested) key in raw YAML by indentation; 1-based. */
function findKeyLine(text: string, keyPath: readonly PropertyKey[]): number | undefined {
  const rows = text.split(/\r?\n/);
  let from = 0;
  let indent = -1;
  let found: number | undefined;
  for (const key of keyPath) {
    if (typeof key !== 'string') break;
    const index = rows.findIndex((row, i) => {
      if (i < from) return false;
      const match = /^(\s*)["']?([^"':]+)["']?\s*:/.exec(row);
      return match !== null && match[2] === key && (match[1]?.length ?? 0) > indent;
    });
    if (index < 0) break;
    found = index + 1;
    from = index + 1;
    indent = /^\s*/.exec(rows[index] ?? '')?.[0].length ?? 0;
  }
  return found;
}
