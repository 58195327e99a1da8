import type { FailureKind } from './failure-retry.ts';

/**
 * Why a download failed, as a message for the reader and a kind for the
 * retry policy (see failure-retry.ts). In a module of its own: the images
 * stage tells it apart in every build, and fetch-image.ts, which loads the
 * HTTP client, only when it downloads.
 */
export class ImageFetchError extends Error {
  override readonly name = 'ImageFetchError';
  constructor(
    message: string,
    readonly kind: FailureKind,
  ) {
    super(message);
  }

  /** Worth another attempt within this build: a server error or a dropped connection. */
  get retryable(): boolean {
    return this.kind === 'server' || this.kind === 'network';
  }
}
