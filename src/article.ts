import type { ArticleSource } from './ingest/types.ts';
import type { ImageOutcome } from './images/types.ts';
import type { Diagnostic } from './report/diagnostic.ts';

/**
 * A fully processed article, ready to render: validated front matter, safe
 * HTML with re-hosted images. Plain data, so it can be cached and sent to
 * workers.
 */
export interface Article extends Omit<ArticleSource, 'body' | 'bodyFormat' | 'bodyLine'> {
  /** Safe HTML of the body, images rewritten. */
  readonly html: string;
  /** Plain text of the body (excerpts, search, descriptions). */
  readonly text: string;
  /** Cover image after re-hosting, when there is one. */
  readonly coverImage: ImageOutcome | undefined;
  /** Every image of the body and the cover, in order. */
  readonly images: readonly ImageOutcome[];
  /** What the sanitizer removed from the body, counted by kind (`script`, `event-handler`, …). */
  readonly removed: Readonly<Record<string, number>>;
  /** Warnings kept with the article (it was built). */
  readonly warnings: readonly Diagnostic[];
}
