export { safePathSegment, encodePathSegment, MAX_SEGMENT_BYTES } from './path-segment.ts';
export {
  urlFromSegments,
  siteUrls,
  outputPathForUrl,
  basePath,
  hrefFor,
  absoluteUrl,
  type SiteUrls,
  type SiteUrlSettings,
} from './site-urls.ts';
export { readableUrl } from './readable-url.ts';
export { slugize, type SlugCase } from './slugize.ts';
export { unwrapProxyUrl, isProxiedUrl } from './unwrap-proxy-url.ts';
export { hostOf } from './host-of.ts';
export { urlMatcher, type UrlTest } from './url-pattern.ts';
