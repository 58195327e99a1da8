import { unwrapProxyUrl, urlMatcher } from '../urls/index.ts';

/**
 * The cover a post keeps: `undefined` when the URL written is on a
 * placeholder host (config `content.placeholderCovers`), directly or behind
 * the CORS proxy. The bots write `https://picsum.photos/400/300?random=83`
 * as `headimg` and `thumbnail` when the story has no picture (10 of the 54
 * real posts): a random photo on every request, unrelated to the story. So it
 * is never the page's cover, its og:image, a listing's thumbnail or a
 * download; a picsum `<img>` in the body is the author's and stays.
 *
 * @param cover the URL as written (`cover`, else `headimg`, else `thumbnail`).
 * @param placeholders URL patterns (see urlMatcher); none: every cover is kept.
 * @param proxyPrefixes CORS-proxy prefixes, unwrapped before matching.
 */
export function keptCover(cover: string | undefined, placeholders: readonly string[], proxyPrefixes: readonly string[]): string | undefined {
  if (cover === undefined || placeholders.length === 0) return cover;
  return urlMatcher(placeholders)(unwrapProxyUrl(cover, proxyPrefixes)) ? undefined : cover;
}
