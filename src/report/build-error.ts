/**
 * A fatal build problem (bad config, template error, disk): the build stops,
 * exits 2 and leaves the previous output untouched. `file` names what to fix.
 */
export class BuildError extends Error {
  override readonly name = 'BuildError';
  readonly file: string | undefined;
  readonly hint: string | undefined;

  constructor(message: string, options: { file?: string; hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.file = options.file;
    this.hint = options.hint;
  }
}
