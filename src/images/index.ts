export { rehostImages, type ImageProgress } from './rehost-images.ts';
export { rewriteImageMarkup, MAX_DISPLAY_WIDTH, type RewriteImageOptions } from './rewrite-image-markup.ts';
export { USER_AGENT } from './fetch-image.ts';
export type { ImageOutcome, ImageSource, ImageFile } from './types.ts';
