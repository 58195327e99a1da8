import { setTimeout as delay } from 'node:timers/promises';
import { fetch, type Dispatcher } from 'undici';
import { checkUrlTarget } from './check-url-target.ts';
import { RefusedAddressError } from './guarded-agent.ts';
import { sniffImageType, type ImageKind } from './sniff-image-type.ts';
import { ImageFetchError } from './fetch-error.ts';

/** Sent with every request; says who we are and where to complain. No Referer is ever sent. */
export const USER_AGENT = 'wirepress/0.1 (+https://github.com/wirepress)';

/** Redirects followed per request, each one re-checked (WHATWG fetch allows 20; images need few). */
export const MAX_REDIRECTS = 5;

/** An image downloaded and verified. */
export interface FetchedImage {
  readonly bytes: Buffer;
  /** The `Content-Type` the server sent, without parameters. */
  readonly contentType: string;
  /** The format found by magic bytes. */
  readonly kind: ImageKind;
}

/** How to fetch. */
export interface FetchImageOptions {
  /** The guarded dispatcher (`createGuardedAgent`); tests may pass a mock. */
  readonly dispatcher: Dispatcher;
  /** Hostnames exempt from the public-address check. */
  readonly allowHosts: readonly string[];
  /** Time allowed for one attempt, redirects and body included. */
  readonly timeoutMs: number;
  /** Largest body accepted, counted after Content-Encoding is decoded. */
  readonly maxBytes: number;
  /** Retries after a 5xx or network error (default: `2`). */
  readonly retries?: number;
  /** First retry delay; doubles each time (default: `300`). */
  readonly retryDelayMs?: number;
}

/**
 * Downloads one image from its origin: http(s) only, every hop checked
 * against non-public addresses (`checkUrlTarget` before connecting, the
 * guarded dispatcher on the resolved address), redirects followed by hand
 * (at most {@link MAX_REDIRECTS}), body streamed and cut off past `maxBytes`,
 * `Content-Type` must be `image/*` and the bytes a known image format.
 *
 * @throws ImageFetchError with a short, user-facing reason.
 */
export async function fetchImage(url: string, options: FetchImageOptions): Promise<FetchedImage> {
  const retries = options.retries ?? 2;
  const retryDelayMs = options.retryDelayMs ?? 300;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await fetchOnce(url, options);
    } catch (error) {
      const failure = toFetchError(error);
      if (!failure.retryable || attempt >= retries) throw failure;
      await delay(retryDelayMs * 2 ** attempt);
    }
  }
}

async function fetchOnce(url: string, options: FetchImageOptions): Promise<FetchedImage> {
  const controller = new AbortController();
  // A timeout is not retried: an origin that is slow once is usually slow again, and the build waits.
  const timer = setTimeout(
    () => controller.abort(new ImageFetchError(`timed out after ${options.timeoutMs} ms`, 'timeout')),
    options.timeoutMs,
  );
  try {
    let current = parseUrl(url);
    for (let hop = 0; ; hop += 1) {
      const refusal = checkUrlTarget(current, options.allowHosts);
      if (refusal !== undefined) throw new ImageFetchError(refusal, 'blocked');
      const response = await fetch(current, {
        dispatcher: options.dispatcher,
        redirect: 'manual',
        signal: controller.signal,
        headers: { 'user-agent': USER_AGENT, accept: 'image/avif,image/webp,image/*;q=0.8' },
      });
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (location === null) throw new ImageFetchError(`HTTP ${response.status} without Location`, 'broken');
        if (hop >= MAX_REDIRECTS) throw new ImageFetchError(`more than ${MAX_REDIRECTS} redirects`, 'broken');
        current = parseUrl(location, current);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new ImageFetchError(`HTTP ${response.status}`, response.status >= 500 ? 'server' : response.status === 404 || response.status === 410 ? 'gone' : 'refused');
      }
      const contentType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!contentType.startsWith('image/')) {
        await response.body?.cancel();
        throw new ImageFetchError(`not an image (Content-Type ${contentType || 'missing'})`, 'not-an-image');
      }
      const bytes = await readCapped(response.body, options.maxBytes, controller);
      const kind = sniffImageType(bytes);
      if (kind === undefined) throw new ImageFetchError(`not an image (${contentType} body is no known image format)`, 'not-an-image');
      // SVG is only taken when declared as such: SVG text under image/jpeg is as suspect as HTML.
      if (kind === 'svg' && contentType !== 'image/svg+xml') {
        throw new ImageFetchError(`not an image (SVG body served as ${contentType})`, 'not-an-image');
      }
      return { bytes, contentType, kind };
    }
  } catch (error) {
    const reason: unknown = controller.signal.reason;
    throw controller.signal.aborted && reason instanceof ImageFetchError ? reason : error;
  } finally {
    clearTimeout(timer);
  }
}

/** Reads the (already decoded) body, aborting the request as soon as it passes `maxBytes`: a 20 KB gzip bomb never becomes 1 GB in memory. */
async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  controller: AbortController,
): Promise<Buffer> {
  if (body === null) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      const error = new ImageFetchError(`larger than ${maxBytes} bytes`, 'too-large');
      controller.abort(error);
      throw error;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function parseUrl(text: string, base?: URL): URL {
  try {
    return new URL(text, base);
  } catch {
    throw new ImageFetchError(`invalid URL ${JSON.stringify(text.slice(0, 200))}`, 'broken');
  }
}

/** Maps whatever fetch threw to an ImageFetchError; undici wraps socket errors as `TypeError: fetch failed` with a `cause`. */
function toFetchError(error: unknown): ImageFetchError {
  if (error instanceof ImageFetchError) return error;
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth += 1) {
    if (cause instanceof RefusedAddressError) return new ImageFetchError(cause.message, 'blocked');
    if (cause instanceof ImageFetchError) return cause;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const detail = typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause);
  // A name that does not exist will not exist a second later; other socket errors may be transient.
  return new ImageFetchError(`network error: ${detail}`, code === 'ENOTFOUND' ? 'unresolved' : 'network');
}
