export { safePathSegment, encodePathSegment, MAX_SEGMENT_BYTES } from './path-segment.ts';
export {
  urlFromSegments,
  categoryUrl,
  archiveUrl,
  tagUrl,
  authorUrl,
  pageUrl,
  outputPathForUrl,
  basePath,
  hrefFor,
  absoluteUrl,
} from './site-urls.ts';
export { unwrapProxyUrl, isProxiedUrl } from './unwrap-proxy-url.ts';
