/**
 * A problem found in one article (or one image of it).
 *
 * An `error` skips the article; a `warning` keeps it. Rules are stage-scoped
 * ids such as `ingest/date` or `images/fetch`, stable enough to grep for.
 */
export interface Diagnostic {
  /** Path of the article as given under the content folder (POSIX separators). */
  file: string;
  /** 1-based line in the raw file, where one is known. */
  line?: number;
  /** 1-based column, where one is known. */
  column?: number;
  severity: 'error' | 'warning';
  /** Stable rule id, e.g. `ingest/date`. */
  rule: string;
  /** What is wrong, naming the value received. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** The images it is about, each with why it was not re-hosted: the console groups these by cause. */
  images?: readonly ImageProblem[];
}

/** An image that could not be re-hosted, and why (`offline`, `HTTP 404`, `network error: ENOTFOUND`). */
export interface ImageProblem {
  readonly origin: string;
  readonly reason: string;
}

/** Builds an error diagnostic. */
export function errorAt(
  file: string,
  rule: string,
  message: string,
  extra: Partial<Pick<Diagnostic, 'line' | 'column' | 'hint'>> = {},
): Diagnostic {
  return { file, severity: 'error', rule, message, ...extra };
}

/** Builds a warning diagnostic. */
export function warningAt(
  file: string,
  rule: string,
  message: string,
  extra: Partial<Pick<Diagnostic, 'line' | 'column' | 'hint' | 'images'>> = {},
): Diagnostic {
  return { file, severity: 'warning', rule, message, ...extra };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
