import { execFile, type ExecFileException } from 'node:child_process';
import path from 'node:path';
import { getSystemErrorName, promisify } from 'node:util';

/**
 * Number of the `renameat2` system call, per `process.arch` (x86_64 has its
 * own table; arm64 and riscv64 use the asm-generic one). Other architectures
 * are left out rather than guessed: a wrong number would run another call.
 */
const RENAMEAT2: Partial<Record<NodeJS.Architecture, number>> = { x64: 316, arm64: 276, riscv64: 276 };

/**
 * `renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE)`; on failure it
 * prints `<errno> <message>` to stderr. The paths arrive as arguments, never
 * in the script. Perl's `syscall` passes a string as a pointer and a number
 * as an integer (perlfunc); `@ARGV` holds strings, even a path like `2024`.
 */
const EXCHANGE_SCRIPT = 'my ($nr, $from, $to) = @ARGV; syscall($nr, -100, $from, -100, $to, 2) == 0 or die 0 + $!, " $!\\n";';

/**
 * The kernel cannot exchange (ENOSYS: before Linux 3.15, or a sandbox that
 * filters the call) or the file system cannot (EINVAL: renameat2(2) "does not
 * support one of the flags", as on NFS; ENOTSUP from some FUSE file systems).
 */
const UNSUPPORTED = new Set(['ENOSYS', 'EINVAL', 'ENOTSUP']);

/** Set once the exchange proved unavailable, so later calls skip starting Perl. */
let unavailable = false;

const run = promisify(execFile);

/**
 * Swaps two paths on the same file system in one step (Linux
 * `renameat2(RENAME_EXCHANGE)`): there is no instant when either is missing.
 *
 * Node has no binding for `renameat2` and a native addon is not allowed, so
 * the call is made through Perl's builtin `syscall()`: `perl-base` is
 * Essential on Debian, hence installed wherever this runs on Debian or Ubuntu.
 *
 * @param a one path (file or folder).
 * @param b the other path, on the same file system.
 * @returns `true` when swapped; `false` when the exchange is not available
 *   (not Linux, an architecture without a known call number, Perl cannot be
 *   started, or the kernel or file system refuses it). The answer `false` is
 *   kept for the life of the process.
 * @throws an Error with `code` (`ENOENT`, `EACCES`, `ENOSPC`, …), `errno`,
 *   `syscall`, `path` and `dest`, like Node's fs errors, for any other failure.
 */
export async function exchangePaths(a: string, b: string): Promise<boolean> {
  const renameat2 = RENAMEAT2[process.arch];
  if (unavailable || process.platform !== 'linux' || renameat2 === undefined) return false;
  const [from, to] = [path.resolve(a), path.resolve(b)];
  try {
    await run('perl', ['-e', EXCHANGE_SCRIPT, String(renameat2), from, to]);
    return true;
  } catch (error) {
    const failure = describeFailure(error as ExecFileException & { stderr?: string }, from, to);
    if (failure) throw failure;
    unavailable = true;
    return false;
  }
}

/** The error to throw for a failed Perl run, or `undefined` when it means the exchange is not available. */
function describeFailure(error: ExecFileException & { stderr?: string }, from: string, to: string): Error | undefined {
  // A string code is Node's own: Perl could not be started (not installed, not executable).
  if (typeof error.code === 'string') return undefined;
  const reported = /^(\d+) (.*)/.exec(error.stderr ?? '');
  if (!reported) return new Error(`cannot exchange ${from} and ${to}: perl failed: ${error.stderr?.trim() || error.message}`, { cause: error });
  const errno = Number(reported[1]);
  const code = getSystemErrorName(-errno);
  if (UNSUPPORTED.has(code)) return undefined;
  return Object.assign(new Error(`${code}: ${reported[2]}, renameat2 '${from}' <-> '${to}'`), { code, errno: -errno, syscall: 'renameat2', path: from, dest: to });
}
