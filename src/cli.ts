import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite, cleanSite, type BuildResult } from './build.ts';
import { loadConfig, type ConfigOverrides, type HexoBlog, type SiteConfig } from './config/index.ts';
import { BuildError } from './report/build-error.ts';
import { closestWord } from './report/closest-word.ts';
import { toReport } from './report/to-report.ts';
import { writeBuildReport } from './report/build-report.ts';
import { formatDiagnostics } from './report/format-diagnostics.ts';
import { formatTimings } from './report/format-timings.ts';
import { createImageProgress } from './report/image-progress.ts';

/** Exit codes (DESIGN.md, "Contracts"). */
export const EXIT = { ok: 0, articlesSkipped: 1, fatal: 2 } as const;

/** Every option, with what it takes and says; each command accepts some of them. */
const OPTIONS = {
  content: { type: 'string', arg: 'DIR', help: 'the posts (default: content/, or source/ in a Hexo blog)' },
  out: { type: 'string', arg: 'DIR', help: 'the site (default: _site/, or public/ in a Hexo blog)' },
  config: { type: 'string', arg: 'FILE', help: 'the config file (default: wirepress.config.yml, or _config.yml)' },
  'base-url': { type: 'string', arg: 'URL', help: 'the URL the site is served from' },
  cache: { type: 'string', arg: 'DIR', help: 'the cache (default: .cache/)' },
  offline: { type: 'boolean', help: 'make no network request; cached images are still used' },
  'retry-failed-images': { type: 'boolean', help: 'try again the images that failed, without waiting for their retry time' },
  'allow-host': { type: 'string', multiple: true, arg: 'HOST', help: 'fetch images from HOST even where it is a local address' },
  strict: { type: 'boolean', help: 'exit 1 on warnings too (images not re-hosted); warn on unknown front-matter keys' },
  'fail-on': { type: 'string', arg: 'LEVEL', help: 'what exits 1: error (a post skipped; default), warning, or never' },
  report: { type: 'string', arg: 'FILE', help: 'write the build report (JSON) to FILE' },
  drafts: { type: 'boolean', help: 'build drafts and unpublished posts too' },
  verbose: { type: 'boolean', help: 'list each image not re-hosted under its post, not by cause' },
  port: { type: 'string', arg: 'N', help: 'the port to serve on (default: 8080; 0 picks a free one)' },
  host: { type: 'string', arg: 'ADDR', help: 'the address to serve on (default: 127.0.0.1)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const;
type OptionName = keyof typeof OPTIONS;

const BUILD_OPTIONS = ['content', 'out', 'config', 'base-url', 'cache', 'offline', 'retry-failed-images', 'allow-host', 'strict', 'fail-on', 'report', 'drafts', 'verbose'] as const;

/** The commands, with what each does and the options it takes. */
const COMMANDS: Record<string, { summary: string; options: readonly OptionName[] }> = {
  build: { summary: 'build the site from the posts into the output folder', options: BUILD_OPTIONS },
  dev: { summary: 'build, serve on http://127.0.0.1:8080/ and rebuild on every change', options: [...BUILD_OPTIONS, 'port', 'host'] },
  check: { summary: 'read and check every post; write nothing, fetch nothing', options: ['content', 'config', 'report', 'drafts', 'strict', 'fail-on', 'verbose'] },
  clean: { summary: 'remove the output folder and the cache, saying what it removes', options: ['out', 'config', 'cache'] },
};

/** Hexo's verbs that have an equivalent here. */
const ALIASES: Record<string, string> = { g: 'build', generate: 'build', s: 'dev', server: 'dev' };
const DEPLOY = 'wirepress builds the site; publishing it is your CI\'s job: see "Deploy" in the README (GitHub Pages, Cloudflare Pages, Netlify).';
const NEW = 'write the post file yourself, or let your bot write it, in source/_posts/ (a Hexo blog) or content/: wirepress builds what is there.';
/** Hexo's verbs wirepress leaves to other tools: what to do instead. */
const ELSEWHERE: Record<string, string> = {
  d: DEPLOY,
  deploy: DEPLOY,
  n: NEW,
  new: NEW,
  publish: 'move the draft from source/_drafts/ to source/_posts/ (or build drafts with --drafts).',
  init: 'run wirepress in the blog folder you already have: it reads _config.yml and source/_posts/ as they are.',
};

const USAGE = `Usage: wirepress <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(6)} ${command.summary}`)
  .join('\n')}
Hexo's g/generate and s/server work too; "wirepress <command> --help" lists
a command's options.

Run in a Hexo blog folder (_config.yml, source/_posts/), it builds the blog
into public/ as Hexo would; elsewhere it reads content/ into _site/.

Exit codes: 0 all good; 1 some articles were skipped (with --strict: or warned);
2 the build failed as a whole and the previous output is untouched.`;

/** A command's own help: what it does and each of its options. */
function commandUsage(name: string): string {
  const { summary, options } = COMMANDS[name]!;
  const lines = [...options, 'help' as const].map((option) => {
    const spec: { readonly arg?: string; readonly short?: string; readonly help: string } = OPTIONS[option];
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${option}${spec.arg ? ` ${spec.arg}` : ''}`;
    return `  ${flag.padEnd(22)} ${spec.help}`;
  });
  return `Usage: wirepress ${name} [options]\n\n${summary[0]!.toUpperCase()}${summary.slice(1)}.\n\nOptions:\n${lines.join('\n')}`;
}

/**
 * Runs the command line and returns the exit code. The only place that reads
 * argv (given here) and decides the exit code; output goes to stdout/stderr.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${readVersion()}\n`);
    return EXIT.ok;
  }
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return first === undefined ? EXIT.fatal : EXIT.ok;
  }
  const command = COMMANDS[first] ? first : ALIASES[first];
  if (command === undefined) return usageError(ELSEWHERE[first] ? `wirepress has no "${first}" command: ${ELSEWHERE[first]}` : unknownCommand(first));
  const parsed = parseCommandLine(command, rest);
  if (parsed.error !== undefined) return usageError(parsed.error, command);
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${commandUsage(command)}\n`);
    return EXIT.ok;
  }

  const overrides: ConfigOverrides = {
    configFile: values.config,
    contentDir: values.content,
    outDir: values.out,
    cacheDir: values.cache,
    baseUrl: values['base-url'],
    offline: values.offline,
    retryFailedImages: values['retry-failed-images'],
    allowHosts: values['allow-host'],
    strict: values.strict,
    failOn: values['fail-on'],
    drafts: values.drafts,
  };
  try {
    const config = await loadConfig(overrides);
    if (config.hexo && config.hexo.unusedKeys.length > 0) process.stderr.write(`${describeUnusedKeys(config.hexo)}\n`);
    if (command === 'dev') return await runDev(config, overrides, values.port, values.host);
    if (command === 'clean') return await runClean(config);
    const started = performance.now();
    const progress = createImageProgress();
    const result = await buildSite(config, {
      write: command === 'build',
      log: (m) => process.stderr.write(`${m}\n`),
      onImageProgress: (p) => progress.update(p),
    }).finally(() => progress.stop());
    if (values.report) await writeBuildReport(path.resolve(values.report), toReport(result));
    printResult(result, config, values.verbose ?? false);
    if (command === 'build') process.stderr.write(`${formatTimings(result.timings, performance.now() - started)}\n`);
    return exitCodeFor(result, config);
  } catch (error) {
    return fatal(error);
  }
}

/**
 * The options of `args` for `command`. Read as tokens first, so that an
 * option another command takes, a misspelt one, or one without its value
 * is named plainly, with the closest the command takes.
 */
function parseCommandLine(command: string, args: readonly string[]) {
  const allowed = new Set<string>([...COMMANDS[command]!.options, 'help']);
  const { tokens } = parseArgs({ args: [...args], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional') return { error: `unexpected argument: ${token.value}` };
    if (token.kind !== 'option') continue;
    if (!allowed.has(token.name)) return { error: unknownOption(token.rawName, command) };
    const spec: { readonly type: string; readonly arg?: string } = OPTIONS[token.name as OptionName];
    if (spec.type === 'string' && token.value === undefined) return { error: `${token.rawName} needs a value: ${token.rawName} ${spec.arg}` };
    if (spec.type === 'boolean' && token.value !== undefined) return { error: `${token.rawName} takes no value` };
  }
  return { values: parseArgs({ args: [...args], options: OPTIONS, strict: true }).values };
}

function unknownCommand(word: string): string {
  // The one-letter aliases are no useful guess: any short typo is within reach of them.
  const guess = closestWord(word, [...Object.keys(COMMANDS), ...Object.keys(ALIASES).filter((alias) => alias.length > 1)]);
  return `unknown command "${word}"${guess ? `; did you mean "${guess}"?` : ''}`;
}

function unknownOption(rawName: string, command: string): string {
  const name = rawName.replace(/^-+/, '');
  const elsewhere = Object.keys(COMMANDS).filter((other) => (COMMANDS[other]!.options as readonly string[]).includes(name));
  if (elsewhere.length > 0) return `${rawName} is not an option of ${command} (it is of ${elsewhere.join(' and ')})`;
  const guess = closestWord(name, COMMANDS[command]!.options);
  return `unknown option ${rawName}${guess ? `; did you mean --${guess}?` : ''}`;
}

/** 1 when an article was skipped (or, with `failOn: warning`, when anything warned; never with `failOn: never`); else 0. */
export function exitCodeFor(result: BuildResult, config: SiteConfig): number {
  const errors = result.diagnostics.some((d) => d.severity === 'error');
  const warnings = result.diagnostics.some((d) => d.severity === 'warning');
  if (config.failOn === 'never') return EXIT.ok;
  return errors || (config.failOn === 'warning' && warnings) ? EXIT.articlesSkipped : EXIT.ok;
}

async function runDev(config: SiteConfig, overrides: ConfigOverrides, port: string | undefined, host: string | undefined): Promise<number> {
  const portNumber = port === undefined ? 8080 : Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) return usageError(`--port expects a number from 0 to 65535, received "${port}"`);
  const { serve } = await import('./server/index.ts');
  return serve(config, { port: portNumber, host: host ?? '127.0.0.1', reloadConfig: () => loadConfig(overrides) });
}

/** Removes the output folder and the cache, as `hexo clean` removes public/ and db.json; says what it removes first. */
async function runClean(config: SiteConfig): Promise<number> {
  const removed = await cleanSite(config, (dir) => process.stderr.write(`removing ${path.relative(process.cwd(), dir) || dir}\n`));
  if (removed.length === 0) process.stderr.write('nothing to remove: no output folder and no cache\n');
  return EXIT.ok;
}

/** One line for the Hexo keys wirepress does not use: never an error, but said once. */
function describeUnusedKeys(hexo: HexoBlog): string {
  const file = path.relative(process.cwd(), hexo.configFile) || hexo.configFile;
  return `${file}: ${hexo.unusedKeys.length} ${hexo.unusedKeys.length === 1 ? 'key' : 'keys'} not used by wirepress: ${hexo.unusedKeys.join(', ')}`;
}

function printResult(result: BuildResult, config: SiteConfig, verbose: boolean): void {
  const displayRoot = path.relative(process.cwd(), config.contentDir) || '.';
  const skipped = result.total - result.articles.length;
  process.stderr.write(`${formatDiagnostics(result.diagnostics, { articles: result.total, skipped }, displayRoot, { verbose })}\n`);
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

function usageError(message: string, command?: string): number {
  process.stderr.write(`wirepress: ${message}\n\n${command ? commandUsage(command) : USAGE}\n`);
  return EXIT.fatal;
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
