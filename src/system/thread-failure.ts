/**
 * An error as it crosses from a worker thread to the one that asked: its
 * message, and for a system error its code and path (ENOSPC and the file,
 * which the build names), which an Error cloned across threads would lose.
 */
export interface ThreadFailure {
  readonly message: string;
  readonly code?: string;
  readonly path?: string;
}

/** What a worker thread sends back of an error it caught. */
export function toThreadFailure(error: unknown): ThreadFailure {
  const { message, code, path } = (error ?? {}) as { message?: unknown; code?: unknown; path?: unknown };
  return {
    message: typeof message === 'string' ? message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof path === 'string' ? { path } : {}),
  };
}

/** The error again, in the thread that asked. */
export function fromThreadFailure(failure: ThreadFailure): Error {
  return Object.assign(new Error(failure.message), failure);
}
