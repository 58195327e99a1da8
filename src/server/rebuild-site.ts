import path from 'node:path';
import type { BuildResult } from '../build.ts';
import type { SiteConfig } from '../config/index.ts';
import { BuildError } from '../report/build-error.ts';
import { formatDiagnostics } from '../report/format-diagnostics.ts';
import { reportFromError, reportFromResult } from './build-problems.ts';
import type { LiveReloadHub } from './live-reload-hub.ts';

import type { DevBuild } from './quick-edit.ts';

/** What {@link rebuildSite} needs besides the config. */
export interface RebuildContext {
  build: DevBuild;
  hub: LiveReloadHub;
  /** Writes one line (or block) to the terminal. */
  print: (text: string) => void;
}

/** What one rebuild is about (see RebuildRun). */
export interface RebuildScope {
  /** Paths changed since the last rebuild, for the quick edit (see createDevBuild). */
  changed?: readonly string[];
  /** The full build completing a deferred one: it reports only what the quick one did not show. */
  followUp?: boolean;
  /** Aborts the build before it publishes; then nothing is reported. */
  signal?: AbortSignal;
}

/**
 * Runs one build for the dev server and tells the terminal and the browsers:
 * diagnostics printed as the CLI prints them (file:line), then `reload`, or
 * `error` when posts were skipped. A fatal build error (a template error, a
 * bad config) or a crash is printed and shown in the overlay while the last
 * good site keeps being served (the build publishes atomically). A follow-up
 * tells the browsers only if it rendered pages the quick build had not (the
 * search index is not on screen). Never throws.
 *
 * @returns the result, or `undefined` when the build failed as a whole or was aborted
 */
export async function rebuildSite(config: SiteConfig, context: RebuildContext, scope: RebuildScope = {}): Promise<BuildResult | undefined> {
  const started = performance.now();
  const { signal, followUp = false } = scope;
  let result: BuildResult;
  try {
    result = await context.build(config, { write: true, log: followUp ? () => {} : context.print, changed: scope.changed, signal });
  } catch (error) {
    if (signal?.aborted) return undefined;
    printFatal(error, context.print);
    context.hub.error(reportFromError(error));
    return undefined;
  }
  const ms = Math.round(performance.now() - started);
  if (followUp) {
    context.print(`updated the search index in ${ms} ms`);
    if (result.rendered === 0) return result;
  }
  const displayRoot = path.relative(process.cwd(), config.contentDir) || '.';
  const skipped = result.total - result.articles.length;
  context.print(formatDiagnostics(result.diagnostics, { articles: result.total, skipped }, displayRoot));
  context.print(`built ${result.pages} pages in ${ms} ms`);
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
