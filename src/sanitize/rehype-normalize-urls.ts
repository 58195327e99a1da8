import type { Root } from 'hast';
import { isProxiedUrl, unwrapProxyUrl } from '../urls/index.ts';
import { allElements } from './hast-helpers.ts';
import { isFetchableUrl, normalizeUrl } from './normalize-url.ts';

const SINGLE_URL = ['href', 'src', 'cite', 'longDesc'];

/**
 * Normalizes every URL attribute with {@link normalizeUrl} before the schema
 * checks its protocol. A link (`href`, `cite`) through the CORS proxy is
 * unwrapped: the proxy is for our fetcher, not for readers, and what it
 * wrapped is what the schema must judge (`https://cors.zfour.workers.dev/?javascript:alert(1)`
 * becomes `javascript:…` and is dropped). A `srcset` is checked candidate by
 * candidate (the schema only sees its first URL): candidates that are not
 * http(s), as written and behind the proxy, are dropped, and the attribute
 * with them when none is left.
 *
 * @param options.proxyPrefixes CORS-proxy prefixes.
 */
export function rehypeNormalizeUrls(options: { proxyPrefixes: readonly string[] }) {
  const { proxyPrefixes } = options;
  return (tree: Root): void => {
    for (const node of allElements(tree)) {
      for (const key of SINGLE_URL) {
        const value = node.properties[key];
        if (typeof value !== 'string') continue;
        const url = normalizeUrl(value);
        // `src` stays proxied: the images stage unwraps it and needs to know it was.
        node.properties[key] = key !== 'src' && isProxiedUrl(url, proxyPrefixes) ? normalizeUrl(unwrapProxyUrl(url, proxyPrefixes)) : url;
      }
      const srcSet = node.properties.srcSet;
      if (srcSet !== undefined && srcSet !== null) {
        const kept = keepHttpCandidates(Array.isArray(srcSet) ? srcSet.join(', ') : String(srcSet), proxyPrefixes);
        if (kept === '') delete node.properties.srcSet;
        else node.properties.srcSet = kept;
      }
    }
  };
}

// srcset candidates are "URL [descriptor]" separated by commas (HTML § 4.8.4.2.2); URLs rarely hold ", ".
function keepHttpCandidates(srcset: string, proxyPrefixes: readonly string[]): string {
  return srcset
    .split(/,(?=\s)|,$/)
    .map((candidate) => candidate.trim())
    .filter((candidate) => candidate !== '')
    .map((candidate) => {
      const [url = '', ...descriptors] = candidate.split(/\s+/);
      return { url: normalizeUrl(url), descriptors };
    })
    .filter(({ url }) => /^https?:\/\/[^\s/]/.test(url) && isFetchableUrl(url, proxyPrefixes))
    .map(({ url, descriptors }) => [url, ...descriptors].join(' '))
    .join(', ');
}
