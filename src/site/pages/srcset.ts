/**
 * Rewrites each URL of a `srcset` (`/a-480.jpg 480w, /a-960.jpg 960w`),
 * keeping the descriptors; empty candidates are dropped.
 *
 * @param rewrite maps one URL to its replacement.
 */
export function hrefSrcsetList(srcset: string, rewrite: (url: string) => string): string {
  return srcset
    .split(',')
    .map((candidate) => {
      const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
      return url === '' ? '' : [rewrite(url), ...descriptor].join(' ');
    })
    .filter((candidate) => candidate !== '')
    .join(', ');
}
