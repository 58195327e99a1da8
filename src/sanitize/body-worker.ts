/**
 * The CPU-bound work on article bodies, run in a worker thread by
 * body-work.ts: the same functions as in the main thread, with arguments
 * that survive structured cloning (plain objects, no Maps).
 */
import type { BodyFormat } from '../ingest/types.ts';
import { sanitizeArticle, type SanitizeOptions } from './index.ts';

export interface SanitizeTask {
  readonly body: string;
  readonly format: BodyFormat;
  readonly options: SanitizeOptions;
}

export function sanitize({ body, format, options }: SanitizeTask): ReturnType<typeof sanitizeArticle> {
  return sanitizeArticle(body, format, options);
}
