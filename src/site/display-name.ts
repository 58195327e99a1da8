import { authorUrl } from '../urls/index.ts';

/**
 * An article's author as shown and linked: trimmed, lone surrogates
 * replaced by U+FFFD (`encodeURIComponent` throws on them, and a scraped
 * byline can end in half an emoji), `undefined` when empty.
 */
export function authorName(author: string | undefined): string | undefined {
  const name = author?.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD').trim();
  return name ? name : undefined;
}

/** The author page of a name from {@link authorName}. */
export function authorPageUrl(name: string): string {
  return authorUrl(name);
}
