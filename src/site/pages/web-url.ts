/**
 * A URL from an article (a cover's origin, a `link:`) as an href, when it
 * is plain http(s): parsed and serialized again (so spaces and quotes come
 * out percent-encoded), `undefined` for any other scheme or for text that
 * is no URL. `javascript:`, `data:` and relative URLs are never linked.
 */
export function toWebUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
