/**
 * The CPU-bound work on article bodies, run in a worker thread by
 * body-work.ts: the same functions as in the main thread, with arguments
 * that survive structured cloning (plain objects, no Maps).
 */
import type { ImageOutcome } from '../images/index.ts';
import { rewriteImageMarkup, type RewriteImageOptions } from '../images/rewrite-image-markup.ts';
import { sanitizeArticle, type SanitizeOptions } from '../sanitize/index.ts';

export interface SanitizeTask {
  readonly body: string;
  readonly format: 'html' | 'text';
  readonly options: SanitizeOptions;
}

export interface RewriteTask {
  readonly html: string;
  /** The outcomes of this body's images only: the whole map would be cloned for every task. */
  readonly outcomes: readonly (readonly [string, ImageOutcome])[];
  readonly options: RewriteImageOptions;
}

export function sanitize({ body, format, options }: SanitizeTask): ReturnType<typeof sanitizeArticle> {
  return sanitizeArticle(body, format, options);
}

export function rewrite({ html, outcomes, options }: RewriteTask): string {
  return rewriteImageMarkup(html, new Map(outcomes), options);
}
