import type { Element, Root } from 'hast';
import { isElement, parentsBottomUp, stringProperty } from './hast-helpers.ts';
import { isFetchableUrl, isProxied, normalizeUrl } from './normalize-url.ts';
import { quote, type SanitizeLog } from './sanitize-log.ts';

/** Lazy-load attributes (hast names) that hold the real image URL, most trusted first. */
const LAZY_PROPERTIES = ['dataOriginal', 'dataSrc', 'dataLazySrc', 'dataActualsrc', 'dataUrl'];

// Common placeholder files shown until a lazy loader swaps in the real image.
const PLACEHOLDER = /(?:^|\/)(?:loading|lazy|blank|spacer|pixel|placeholder|grey|gray|transparent|1x1)[\w.-]*\.(?:gif|png|svg|jpe?g|webp)(?:[?#]|$)/i;

/** Options of {@link rehypeResolveLazyImages}. */
export interface ResolveLazyImagesOptions {
  /** CORS-proxy prefixes, to check the URL behind the proxy. */
  readonly proxyPrefixes: readonly string[];
  readonly log: SanitizeLog;
}

/**
 * Gives every `<img>` the URL of the real image. When `src` is missing, a
 * placeholder (`data:`, a 1×1 `loading.gif`) or a CORS-proxy URL, the first
 * usable lazy-load attribute wins (`data-original`, `data-src`,
 * `data-lazy-src`, `data-actualsrc`, `data-url`): ZAKER writes the proxied
 * URL in `src` and the origin in `data-original`. A URL is usable when it is
 * absolute http(s) both as written and behind the proxy. An image with no
 * usable URL is removed and reported as `sanitize/image-dropped`.
 */
export function rehypeResolveLazyImages(options: ResolveLazyImagesOptions) {
  const { proxyPrefixes, log } = options;
  const usable = (url: string | undefined): url is string =>
    url !== undefined && !PLACEHOLDER.test(url) && isFetchableUrl(url, proxyPrefixes);
  return (tree: Root): void => {
    for (const parent of parentsBottomUp(tree)) {
      if (!parent.children.some((c) => isElement(c, 'img'))) continue;
      parent.children = parent.children.filter((child) => {
        if (!isElement(child, 'img')) return true;
        const src = readUrl(child, 'src');
        const lazy = LAZY_PROPERTIES.map((key) => readUrl(child, key)).find(usable);
        const weak = src === undefined || !usable(src) || isProxied(src, proxyPrefixes);
        const chosen = weak && lazy !== undefined ? lazy : usable(src) ? src : undefined;
        for (const key of LAZY_PROPERTIES) delete child.properties[key];
        if (chosen !== undefined) {
          child.properties.src = chosen;
          return true;
        }
        log.warnings.push({
          rule: 'sanitize/image-dropped',
          message: `image dropped: ${src === undefined ? 'it has no src' : `src ${quote(src)} is not an absolute http(s) URL`}`,
          hint: 'images must point at an http(s) URL (directly or through the configured proxy)',
        });
        return false;
      }) as typeof parent.children;
    }
  };
}

function readUrl(node: Element, key: string): string | undefined {
  const value = stringProperty(node, key);
  if (value === undefined) return undefined;
  const url = normalizeUrl(value);
  return url === '' ? undefined : url;
}
