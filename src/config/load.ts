import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { BuildError } from '../report/build-error.ts';
import { findPackageRoot } from './package-root.ts';
import { siteOptionsSchema } from './schema.ts';
import type { SiteConfig } from './types.ts';

/** Names looked for in the working directory when `--config` is not given. */
export const CONFIG_FILE_NAMES = ['wirepress.config.yml', 'wirepress.config.yaml', 'wirepress.config.json'];

const PACKAGE_ROOT = findPackageRoot(import.meta.url);

/** Settings given on the command line; they override the config file. */
export interface ConfigOverrides {
  configFile?: string;
  contentDir?: string;
  outDir?: string;
  cacheDir?: string;
  baseUrl?: string;
  offline?: boolean;
  allowHosts?: string[];
  strict?: boolean;
}

/**
 * Loads and validates the site config: defaults, then the config file (from
 * `--config`, else the first of {@link CONFIG_FILE_NAMES} in `cwd`), then the
 * command-line overrides.
 *
 * @throws BuildError naming the file, the key, its line and the fix when the
 *   config is unreadable or invalid.
 */
export async function loadConfig(overrides: ConfigOverrides = {}, cwd = process.cwd()): Promise<SiteConfig> {
  const configFile = overrides.configFile
    ? path.resolve(cwd, overrides.configFile)
    : CONFIG_FILE_NAMES.map((name) => path.join(cwd, name)).find((file) => existsSync(file));
  const raw = configFile ? await readConfigFile(configFile) : { text: '', data: {} };
  const rootDir = configFile ? path.dirname(configFile) : cwd;

  const fileOptions = raw.data ?? {};
  const merged = applyOverrides(fileOptions, overrides);
  const parsed = siteOptionsSchema.safeParse(merged);
  if (!parsed.success) {
    throw new BuildError(describeIssues(parsed.error.issues, raw.text, configFile), {
      file: configFile,
      hint: 'Fix the keys named above; every key is optional and documented in README.md ("Configuration").',
    });
  }
  const options = parsed.data;
  // Folders from the config file are relative to it; folders from flags to the working directory.
  const resolveDir = (flag: string | undefined, fromFile: string) =>
    flag ? path.resolve(cwd, flag) : path.resolve(rootDir, fromFile);

  return {
    title: options.title,
    description: options.description,
    baseUrl: options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`,
    language: options.language,
    timezone: options.timezone,
    permalink: options.permalink,
    pageSize: options.pageSize,
    proxyPrefixes: options.proxyPrefixes,
    contentDir: resolveDir(overrides.contentDir, options.contentDir),
    outDir: resolveDir(overrides.outDir, options.outDir),
    cacheDir: resolveDir(overrides.cacheDir, options.cacheDir),
    templatesDir: path.join(PACKAGE_ROOT, 'templates'),
    publicDir: path.join(PACKAGE_ROOT, 'public'),
    strict: options.strict,
    images: options.images,
    configFile,
    rootDir,
  };
}

async function readConfigFile(file: string): Promise<{ text: string; data: Record<string, unknown> | undefined }> {
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
    data = yaml.load(text.replace(/^\uFEFF/, ''), { filename: file, schema: yaml.JSON_SCHEMA });
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
  return { text, data: (data ?? undefined) as Record<string, unknown> | undefined };
}

function applyOverrides(options: Record<string, unknown>, overrides: ConfigOverrides): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...options };
  if (overrides.baseUrl !== undefined) merged.baseUrl = overrides.baseUrl;
  if (overrides.strict) merged.strict = true;
  const images = typeof merged.images === 'object' && merged.images !== null ? { ...(merged.images as object) } : {};
  if (overrides.offline) Object.assign(images, { offline: true });
  if (overrides.allowHosts?.length) {
    const fromFile = (images as { allowHosts?: unknown }).allowHosts;
    Object.assign(images, { allowHosts: [...(Array.isArray(fromFile) ? fromFile : []), ...overrides.allowHosts] });
  }
  if (Object.keys(images).length > 0 || merged.images !== undefined) merged.images = images;
  return merged;
}

function describeIssues(issues: readonly z.core.$ZodIssue[], text: string, file: string | undefined): string {
  const lines = issues.map((issue) => {
    const keyPath = issue.path.join('.') || '(top level)';
    const line = findKeyLine(text, issue.path);
    const where = file ? `${file}${line ? `:${line}` : ''}` : '(command line)';
    return `${where}: \`${keyPath}\`: ${issue.message}`;
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
