import { isProxiedUrl, unwrapProxyUrl } from '../urls/index.ts';

/**
 * Normalizes a URL attribute the way browsers read it before we check it:
 * tabs and newlines anywhere are removed and leading/trailing C0 controls and
 * spaces trimmed (WHATWG URL parser), the scheme is lower-cased (so
 * `HTTPS://` passes the case-sensitive protocol check of hast-util-sanitize
 * while `JaVaScRiPt:` still fails it), and a protocol-relative `//host/…`
 * becomes `https://host/…` (the site is served over https).
 */
export function normalizeUrl(raw: string): string {
  // Most URLs hold no control character or space at all: skip the scans (a 2 MB body has thousands of links).
  let url = CONTROL_OR_SPACE.test(raw) ? trimControls(raw.replace(/[\t\n\r]/g, '')) : raw;
  url = url.replace(/^([a-z][a-z0-9+.-]*):/i, (scheme) => scheme.toLowerCase());
  if (url.startsWith('//')) url = `https:${url}`;
  return url;
}

const CONTROL_OR_SPACE = /[\u0000-\u0020]/;

// Leading and trailing C0 controls and spaces, without a regex that retries `[…]+$` at every position.
function trimControls(url: string): string {
  let start = 0;
  let end = url.length;
  while (start < end && url.charCodeAt(start) <= 0x20) start += 1;
  while (end > start && url.charCodeAt(end - 1) <= 0x20) end -= 1;
  return url.slice(start, end);
}

/** True for URLs that run code or smuggle content when followed: `javascript:`, `vbscript:`, `data:` and friends. */
export function isScriptUrl(raw: string): boolean {
  return /^(?:javascript|vbscript|livescript|mocha|data):/.test(normalizeUrl(raw).toLowerCase());
}

/** True when the URL, after removing any proxy prefix, is an absolute http(s) URL a browser and a fetcher can use. */
export function isFetchableUrl(url: string, proxyPrefixes: readonly string[]): boolean {
  const target = unwrapProxyUrl(url, proxyPrefixes);
  if (!/^https?:\/\/[^/?#\\]/i.test(target) || !/^https?:\/\/[^/?#\\]/i.test(url)) return false;
  try {
    new URL(target);
    return true;
  } catch {
    return false;
  }
}

/** True when the URL goes through one of the CORS proxies. */
export function isProxied(url: string, proxyPrefixes: readonly string[]): boolean {
  return isProxiedUrl(url, proxyPrefixes);
}
