/**
 * What kind of failure a download met, which decides when it is tried
 * again. Dead origins are normal for old news: an hourly build must not
 * spend its time asking them again and again.
 */
export type FailureKind =
  /** 404 or 410: the image is gone. */
  | 'gone'
  /** The server answered with something else than an image. */
  | 'not-an-image'
  /** Larger than the limit (`images.maxBytes`). */
  | 'too-large'
  /** Refused by the server: another 4xx. */
  | 'refused'
  /** Refused by the fetcher's guard (a private address, a port not allowed): the config decides, anew each build, never remembered. */
  | 'blocked'
  /** A redirect without a target, a redirect loop, a URL that does not parse. */
  | 'broken'
  /** The host name does not resolve. */
  | 'unresolved'
  /** A connection refused, reset or cut. */
  | 'network'
  /** A 5xx answer. */
  | 'server'
  /** No whole answer in time. */
  | 'timeout';

const HOUR_MS = 3_600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;
/** A transient failure is tried again by the next hourly build, not by a rebuild a minute later. */
const FIRST_RETRY_MS = HOUR_MS / 2;

/** Failures that will not mend by themselves soon. */
const LASTING: ReadonlySet<FailureKind> = new Set(['gone', 'not-an-image', 'too-large', 'refused', 'broken']);

/**
 * When a download that failed `attempts` times in a row (the last at
 * `failedAt`) is tried again: a week later for what is gone or not an
 * image; half an hour later for what may come back (a DNS, connection or
 * server error, a timeout), then twice as long after each failure more,
 * up to a week.
 */
export function nextAttempt(kind: FailureKind, attempts: number, failedAt: number): number {
  if (LASTING.has(kind)) return failedAt + WEEK_MS;
  return failedAt + Math.min(WEEK_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}
