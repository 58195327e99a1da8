/** What became of one image reference. Matches the build report's `images[]`. */
export interface ImageOutcome {
  /** URL as written in the article. */
  readonly original: string;
  /** URL after unwrapping the proxy (what is fetched). */
  readonly origin: string;
  readonly status: 'rehosted' | 'cached' | 'failed' | 'skipped';
  /** Local URL of the fallback image, when re-hosted (site-absolute path, e.g. `/images/ab12…-960.jpg`). */
  readonly url?: string;
  /** Why it failed or was skipped. */
  readonly error?: string;
  /** When a failed download is tried again (ISO 8601): a build before then does not ask its origin. */
  readonly retryAt?: string;
  /** Intrinsic size of the largest variant, when re-hosted. */
  readonly width?: number;
  readonly height?: number;
  /** Responsive sources when re-hosted, best format first. */
  readonly sources?: readonly ImageSource[];
  /** `srcset` of the fallback format. */
  readonly srcset?: string;
}

/** One `<source>` of a `<picture>`. */
export interface ImageSource {
  readonly type: 'image/avif' | 'image/webp';
  readonly srcset: string;
}

/** A file produced by the images stage, to be published under the output folder. */
export interface ImageFile {
  /** Absolute path in the cache. */
  readonly from: string;
  /** Path relative to the output folder, e.g. `images/ab12…-960.avif`. */
  readonly to: string;
}
