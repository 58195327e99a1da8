export { sanitizeArticle, type SanitizeOptions, type ContentRules } from './sanitize-article.ts';
export type { SanitizeWarning } from './sanitize-log.ts';
export type { SanitizedBody, BodyImageRef } from './types.ts';
export { serializeWithImageSlots, type ImageSlot, type SlottedHtml } from './image-slots.ts';
export { createSchema, DEFAULT_ID_PREFIX } from './schema.ts';
