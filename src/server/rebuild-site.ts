import path from 'node:path';
import type { BuildOptions, BuildResult } from '../build.ts';
import type { SiteConfig } from '../config/index.ts';
import { BuildError } from '../report/build-error.ts';
import { formatDiagnostics } from '../report/format-diagnostics.ts';
import { reportFromError, reportFromResult } from './build-problems.ts';
import type { LiveReloadHub } from './live-reload-hub.ts';

/** The build the dev server runs: `buildSite` from src/build.ts, or a stand-in in tests. */
export type BuildFunction = (config: SiteConfig, options: BuildOptions) => Promise<BuildResult>;

/** What {@link rebuildSite} needs besides the config. */
export interface RebuildContext {
  build: BuildFunction;
  hub: LiveReloadHub;
  /** Writes one line (or block) to the terminal. */
  print: (text: string) => void;
}

/**
 * Runs one build for the dev server and tells the terminal and the browsers:
 * diagnostics printed as the CLI prints them (file:line), then `reload`, or
 * `error` when posts were skipped. A fatal build error (a template error, a
 * bad config) or a crash is printed and shown in the overlay while the last
 * good site keeps being served (the build publishes atomically). Never throws.
 *
 * @returns the result, or `undefined` when the build failed as a whole
 */
export async function rebuildSite(config: SiteConfig, context: RebuildContext): Promise<BuildResult | undefined> {
  const started = performance.now();
  let result: BuildResult;
  try {
    // In place: only what changed is written, so the reload takes as long as the change, not the site.
    result = await context.build(config, { write: true, log: context.print, publish: 'in-place' });
  } catch (error) {
    printFatal(error, context.print);
    context.hub.error(reportFromError(error));
    return undefined;
  }
  const displayRoot = path.relative(process.cwd(), config.contentDir) || '.';
  const skipped = result.total - result.articles.length;
  context.print(formatDiagnostics(result.diagnostics, { articles: result.total, skipped }, displayRoot));
  context.print(`built ${result.pages} pages in ${Math.round(performance.now() - started)} ms`);
  const report = reportFromResult(result, displayRoot);
  if (report) context.hub.error(report);
  else context.hub.reload();
  return result;
}

/** Prints a fatal error the way the CLI does (message, hint, cause chain). */
export function printFatal(error: unknown, print: (text: string) => void): void {
  if (error instanceof BuildError) {
    print(`✖ ${error.message}`);
    if (error.hint) print(`  hint: ${error.hint}`);
  } else {
    // Our own bug in a stage: show the stack so it can be reported; the server stays up.
    print(`✖ the build crashed (this is a bug):\n${(error as Error)?.stack ?? String(error)}`);
  }
  for (let cause = (error as Error)?.cause; cause instanceof Error; cause = cause.cause) {
    print(`  caused by: ${cause.message}`);
  }
  print('  Still serving the last good site; fix the problem and save to rebuild.');
}
