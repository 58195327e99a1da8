import { hrefSrcsetList } from '../pages/srcset.ts';

// A start tag as hast-util-to-html writes it (our sanitized bodies): text
// never holds a raw `<`, and attribute values are always double-quoted with
// `"` escaped — so a value may contain `>` but never end the tag early.
const START_TAG = /<[a-zA-Z][^\s/>]*(?:\s+[^\s"'=/>]+(?:\s*=\s*"[^"]*")?)*\s*\/?>/g;
const URL_ATTRIBUTE = /(\s(?:src|href|poster|cite))="([^"]*)"/g;
const SRCSET_ATTRIBUTE = /(\ssrcset)="([^"]*)"/g;
// A URL attribute whose value does not start with a scheme, or any srcset (a cheap over-approximation: text may match too).
const RELATIVE_URL = /\s(?:src|href|poster|cite)="(?![a-z][a-z0-9+.-]*:)|\ssrcset="/i;

/**
 * Makes every relative URL in sanitized HTML absolute: `src`, `href`,
 * `poster`, `cite` and each candidate of `srcset`. Feed readers show
 * entries away from the site, where `/images/ab12-960.jpg` would point at
 * the reader's own host (RFC 4287 §4.1.3 content has no base URL a reader
 * must honour). Fragment links (`#fn1`) point into the article itself.
 *
 * @param html sanitized HTML (our serializer's output).
 * @param pageUrl absolute URL of the article, the base of relative URLs.
 */
export function absolutizeHtml(html: string, pageUrl: string): string {
  // Most bodies link only absolute URLs (hot-linked images, outbound links): skip the tag scan for them.
  if (!RELATIVE_URL.test(html)) return html;
  return html.replace(START_TAG, (tag) =>
    tag
      .replace(URL_ATTRIBUTE, (_all, name: string, value: string) => `${name}="${absolutize(value, pageUrl)}"`)
      .replace(SRCSET_ATTRIBUTE, (_all, name: string, value: string) => `${name}="${hrefSrcsetList(value, (url) => absolutize(url, pageUrl))}"`),
  );
}

function absolutize(escapedUrl: string, base: string): string {
  // The value is HTML-escaped; only `&amp;` matters to a URL, and it stays escaped on the way back.
  const url = escapedUrl.replace(/&amp;/g, '&');
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return escapedUrl;
  try {
    return new URL(url, base).href.replace(/&/g, '&amp;').replace(/"/g, '&#x22;');
  } catch {
    return escapedUrl;
  }
}
