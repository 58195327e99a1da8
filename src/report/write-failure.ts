import path from 'node:path';
import { BuildError } from './build-error.ts';
import { causeChain } from './cause-chain.ts';

/** System errors that mean "the disk refused the write", not "the site is wrong". */
const WRITE_FAILURES: Record<string, { what: string; hint: (parent: string) => string }> = {
  ENOSPC: {
    what: 'no space left on the device',
    hint: (parent) => `Free space on the disk holding ${parent} (the new site is built beside the old one before it replaces it, so both must fit), then build again.`,
  },
  EDQUOT: {
    what: 'the disk quota is exhausted',
    hint: (parent) => `Free space within your quota on the disk holding ${parent}, then build again.`,
  },
  EROFS: {
    what: 'the file system is read-only',
    hint: (parent) => `Choose an output folder on a writable disk with --out, or remount ${parent} read-write.`,
  },
  EACCES: {
    what: 'permission denied',
    hint: (parent) => `Let the build write to ${parent} (the output folder, its lock and the staging folder beside it are created there), or choose another --out.`,
  },
  EPERM: {
    what: 'operation not permitted',
    hint: (parent) => `Let the build write to ${parent}, or choose another --out.`,
  },
  EIO: {
    what: 'an input/output error on the device',
    hint: () => 'Check the disk (dmesg, fsck); then build again.',
  },
};

/**
 * Recognizes a failed write to the output (full disk, read-only or
 * forbidden folder) anywhere in an error's cause chain — Eleventy wraps its
 * write errors as template errors (`originalError`), and the render stage
 * may wrap them again — and describes it as such, so the user is told to
 * free space rather than to fix a template.
 *
 * @param error what the render, copy or publish step threw.
 * @param outDir the output folder (named in the message and hint).
 * @returns a BuildError naming the errno and the fix, or `undefined` when the error is not a write failure.
 */
export function describeWriteFailure(error: unknown, outDir: string): BuildError | undefined {
  for (const found of causeChain(error)) {
    const code = codeOf(found);
    const known = code ? WRITE_FAILURES[code] : undefined;
    if (!code || !known) continue;
    const file = (found as { path?: unknown }).path;
    const where = typeof file === 'string' ? ` (writing ${file})` : '';
    const parent = path.dirname(path.resolve(outDir));
    return new BuildError(`cannot write the site into ${outDir}: ${known.what} (${code})${where}`, {
      file: outDir,
      hint: known.hint(parent),
      // The system error itself: Eleventy's wrapper lists every file it could not write.
      cause: found,
    });
  }
  return undefined;
}

// Some layers keep only the message (`ENOSPC: no space left on device, write`); read the code from it then.
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in WRITE_FAILURES) return code;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const match = /^(E[A-Z]+): /.exec(message);
  return match && match[1]! in WRITE_FAILURES ? match[1] : undefined;
}
