import { slugize as hexoSlugize } from '../urls/slugize.ts';

/**
 * Hexo's `slugize` (see src/urls/slugize.ts, where it lives: category and
 * tag URLs are made with it too), for `:post_title` and `:category`.
 *
 * @param text the text to slugize.
 * @param lowerCase lower-case the result, as Hexo's `transform: 1` (default: `false`).
 */
export function slugize(text: string, lowerCase = false): string {
  return hexoSlugize(text, lowerCase ? 1 : 0);
}
