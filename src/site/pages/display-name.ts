/**
 * A name from an article (an author, a tag) as shown and linked: trimmed,
 * lone surrogates replaced by U+FFFD (`encodeURIComponent` throws on them,
 * and a scraped byline can end in half an emoji), `undefined` when empty.
 */
export function displayName(text: string | undefined): string | undefined {
  const name = text?.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD').trim();
  return name ? name : undefined;
}
