import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite, type BuildResult } from './build.ts';
import { loadConfig, type ConfigOverrides, type HexoBlog, type SiteConfig } from './config/index.ts';
import { BuildError } from './report/build-error.ts';
import { toReport } from './report/to-report.ts';
import { writeBuildReport } from './report/build-report.ts';
import { formatDiagnostics } from './report/format-diagnostics.ts';
import { createImageProgress } from './report/image-progress.ts';

/** Exit codes (DESIGN.md, "Contracts"). */
export const EXIT = { ok: 0, articlesSkipped: 1, fatal: 2 } as const;

const USAGE = `Usage:
  wirepress build [--content DIR] [--out DIR] [--config FILE] [--base-url URL]
                  [--cache DIR] [--offline] [--allow-host HOST]... [--strict]
                  [--report FILE] [--drafts]
  wirepress dev   [same as build] [--port N] [--host ADDR]
  wirepress check [--content DIR] [--config FILE] [--report FILE] [--drafts]

Run in a Hexo blog folder (_config.yml, source/_posts/), it builds the blog
into public/ as Hexo would; elsewhere it reads content/ into _site/.

Commands:
  build   build the site from the posts into the output folder (default _site/)
  dev     build, serve on http://127.0.0.1:8080/ and rebuild on every change
  check   read and check every post; write nothing, fetch nothing

Exit codes: 0 all good; 1 some articles were skipped (with --strict: or warned);
2 the build failed as a whole and the previous output is untouched.`;

const OPTIONS = {
  content: { type: 'string' },
  out: { type: 'string' },
  config: { type: 'string' },
  'base-url': { type: 'string' },
  cache: { type: 'string' },
  offline: { type: 'boolean' },
  'allow-host': { type: 'string', multiple: true },
  strict: { type: 'boolean' },
  report: { type: 'string' },
  drafts: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/**
 * Runs the command line and returns the exit code. The only place that reads
 * argv (given here) and decides the exit code; output goes to stdout/stderr.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${readVersion()}\n`);
    return EXIT.ok;
  }
  const command = positionals[0];
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined && !values.help ? EXIT.fatal : EXIT.ok;
  }
  if (positionals.length > 1) return usageError(`unexpected argument: ${positionals[1]}`);
  if (command !== 'build' && command !== 'dev' && command !== 'check') return usageError(`unknown command: ${command}`);

  const overrides: ConfigOverrides = {
    configFile: values.config,
    contentDir: values.content,
    outDir: values.out,
    cacheDir: values.cache,
    baseUrl: values['base-url'],
    offline: values.offline,
    allowHosts: values['allow-host'],
    strict: values.strict,
    drafts: values.drafts,
  };
  try {
    const config = await loadConfig(overrides);
    if (config.hexo && config.hexo.unusedKeys.length > 0) process.stderr.write(`${describeUnusedKeys(config.hexo)}\n`);
    if (command === 'dev') return await runDev(config, overrides, values.port, values.host);
    const started = performance.now();
    const progress = createImageProgress();
    const result = await buildSite(config, {
      write: command === 'build',
      log: (m) => process.stderr.write(`${m}\n`),
      onImageProgress: (p) => progress.update(p),
    }).finally(() => progress.stop());
    if (values.report) await writeBuildReport(path.resolve(values.report), toReport(result));
    printResult(result, config);
    if (command === 'build') process.stderr.write(`done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return exitCodeFor(result, config);
  } catch (error) {
    return fatal(error);
  }
}

/** 1 when an article was skipped (or, with `strict`, when anything warned); else 0. */
export function exitCodeFor(result: BuildResult, config: SiteConfig): number {
  const errors = result.diagnostics.some((d) => d.severity === 'error');
  const warnings = result.diagnostics.some((d) => d.severity === 'warning');
  return errors || (config.strict && warnings) ? EXIT.articlesSkipped : EXIT.ok;
}

async function runDev(config: SiteConfig, overrides: ConfigOverrides, port: string | undefined, host: string | undefined): Promise<number> {
  const portNumber = port === undefined ? 8080 : Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) return usageError(`--port expects a number from 0 to 65535, received "${port}"`);
  const { serve } = await import('./server/index.ts');
  return serve(config, { port: portNumber, host: host ?? '127.0.0.1', reloadConfig: () => loadConfig(overrides) });
}

/** One line for the Hexo keys wirepress does not use: never an error, but said once. */
function describeUnusedKeys(hexo: HexoBlog): string {
  const file = path.relative(process.cwd(), hexo.configFile) || hexo.configFile;
  return `${file}: ${hexo.unusedKeys.length} ${hexo.unusedKeys.length === 1 ? 'key' : 'keys'} not used by wirepress: ${hexo.unusedKeys.join(', ')}`;
}

function printResult(result: BuildResult, config: SiteConfig): void {
  const displayRoot = path.relative(process.cwd(), config.contentDir) || '.';
  const skipped = result.total - result.articles.length;
  process.stderr.write(`${formatDiagnostics(result.diagnostics, { articles: result.total, skipped }, displayRoot)}\n`);
}

function fatal(error: unknown): number {
  if (error instanceof BuildError) {
    process.stderr.write(`✖ ${error.message}\n`);
    if (error.hint) process.stderr.write(`  hint: ${error.hint}\n`);
    for (let cause = error.cause; cause instanceof Error; cause = cause.cause) {
      process.stderr.write(`  caused by: ${shorten(cause.message)}\n`);
    }
    process.stderr.write('  The previous output was left untouched.\n');
    return EXIT.fatal;
  }
  // Our own bug: show the stack, so it can be reported.
  process.stderr.write(`✖ wirepress crashed (this is a bug):\n${(error as Error)?.stack ?? String(error)}\n`);
  return EXIT.fatal;
}

// A cause can be long (Eleventy lists every file it failed to write on a full disk): keep one readable line.
function shorten(message: string, max = 300): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}… (${line.length - max} more characters)` : line;
}

function usageError(message: string): number {
  process.stderr.write(`wirepress: ${message}\n\n${USAGE}\n`);
  return EXIT.fatal;
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
