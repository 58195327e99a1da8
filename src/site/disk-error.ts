import { BuildError } from '../report/build-error.ts';

const NO_SPACE = new Set(['ENOSPC', 'EDQUOT']);
const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * Recognizes a failed write to the output folder anywhere in an error's
 * cause chain (Eleventy wraps the `fs` error in its own, as
 * `originalError`) and names it as what it is — a full disk or a folder
 * that cannot be written — rather than as a template problem. Returns
 * `undefined` for any other error.
 *
 * @param outDir the folder being written, named when the error has no path.
 */
export function toDiskBuildError(error: unknown, outDir: string): BuildError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current !== null && typeof current === 'object'; depth += 1) {
    const { code, path, message } = current as { code?: unknown; path?: unknown; message?: unknown };
    if (typeof code === 'string' && (NO_SPACE.has(code) || NOT_WRITABLE.has(code))) {
      const file = typeof path === 'string' ? path : outDir;
      const reason = typeof message === 'string' && message.includes(code) ? message : code;
      return new BuildError(`could not write the site: ${file}: ${reason}`, {
        file,
        hint: NO_SPACE.has(code)
          ? 'The disk is full: free some space (or build into a folder on another disk) and build again.'
          : 'The output folder cannot be written: check its permissions, or build into another folder.',
        cause: error,
      });
    }
    const next = current as { originalError?: unknown; cause?: unknown };
    current = next.originalError ?? next.cause;
  }
  return undefined;
}
