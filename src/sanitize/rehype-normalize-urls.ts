import type { Root } from 'hast';
import { allElements } from './hast-helpers.ts';
import { normalizeUrl } from './normalize-url.ts';

const SINGLE_URL = ['href', 'src', 'cite', 'longDesc'];

/**
 * Normalizes every URL attribute with {@link normalizeUrl} before the schema
 * checks its protocol. A `srcset` is checked candidate by candidate (the
 * schema only sees its first URL): candidates that are not http(s) are
 * dropped, and the attribute with them when none is left.
 */
export function rehypeNormalizeUrls() {
  return (tree: Root): void => {
    for (const node of allElements(tree)) {
      for (const key of SINGLE_URL) {
        const value = node.properties[key];
        if (typeof value === 'string') node.properties[key] = normalizeUrl(value);
      }
      const srcSet = node.properties.srcSet;
      if (srcSet !== undefined && srcSet !== null) {
        const kept = keepHttpCandidates(Array.isArray(srcSet) ? srcSet.join(', ') : String(srcSet));
        if (kept === '') delete node.properties.srcSet;
        else node.properties.srcSet = kept;
      }
    }
  };
}

// srcset candidates are "URL [descriptor]" separated by commas (HTML § 4.8.4.2.2); URLs rarely hold ", ".
function keepHttpCandidates(srcset: string): string {
  return srcset
    .split(/,(?=\s)|,$/)
    .map((candidate) => candidate.trim())
    .filter((candidate) => candidate !== '')
    .map((candidate) => {
      const [url = '', ...descriptors] = candidate.split(/\s+/);
      return [normalizeUrl(url), ...descriptors].join(' ');
    })
    .filter((candidate) => /^https?:\/\/[^\s/]/.test(candidate))
    .join(', ');
}
