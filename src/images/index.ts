// rewriteImageMarkup (images/rewrite-image-markup.ts) is left out: importing it loads the HTML tools, which a build that shows no article never needs.
export { rehostImages, type ImageProgress } from './rehost-images.ts';
export type { ImageOutcome, ImageSource, ImageFile } from './types.ts';
