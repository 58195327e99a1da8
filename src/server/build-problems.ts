import path from 'node:path';
import type { BuildResult } from '../build.ts';
import { BuildError } from '../report/build-error.ts';

/** One problem shown in the browser's error overlay. All text is untrusted (it quotes posts). */
export interface OverlayProblem {
  /** File to fix, as shown in the terminal; absent when unknown. */
  file?: string;
  line?: number;
  message: string;
  hint?: string;
  /** Rule id such as `ingest/date`. */
  rule?: string;
}

/** The payload of an `error` event. */
export interface OverlayReport {
  /** One-line summary, e.g. `1 post skipped` or `the build failed`. */
  title: string;
  /** `false` when the last good site is still being served (a fatal build error). */
  published: boolean;
  problems: OverlayProblem[];
}

/**
 * The overlay report for a build that finished but skipped posts, or
 * `undefined` when no post has an error (warnings stay in the terminal).
 *
 * @param result what the build did
 * @param displayRoot folder that post paths are shown under, e.g. `content`
 */
export function reportFromResult(result: BuildResult, displayRoot: string): OverlayReport | undefined {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return undefined;
  const skipped = result.total - result.articles.length;
  return {
    title: `${skipped} ${skipped === 1 ? 'post' : 'posts'} skipped`,
    published: true,
    problems: errors.map((d) => ({
      file: displayRoot ? path.join(displayRoot, d.file) : d.file,
      ...(d.line ? { line: d.line } : {}),
      message: d.message,
      ...(d.hint ? { hint: d.hint } : {}),
      rule: d.rule,
    })),
  };
}

/**
 * The overlay report for a build that failed as a whole (a {@link BuildError}
 * such as a template error, or a crash): the previous site stays up.
 *
 * @param error what the build threw
 */
export function reportFromError(error: unknown): OverlayReport {
  const causes: string[] = [];
  for (let cause = (error as Error)?.cause; cause instanceof Error && causes.length < 5; cause = cause.cause) {
    causes.push(cause.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  const problem: OverlayProblem = {
    message: [message, ...causes.map((c) => `caused by: ${c}`)].join('\n'),
  };
  if (error instanceof BuildError) {
    if (error.file) problem.file = error.file;
    if (error.hint) problem.hint = error.hint;
  }
  return {
    title: error instanceof BuildError ? 'the build failed; still serving the last good site' : 'the build crashed; still serving the last good site',
    published: false,
    problems: [problem],
  };
}
