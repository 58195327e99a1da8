/** Runs of percent-encoded bytes from 0x80 up: the UTF-8 of characters beyond ASCII. */
const ENCODED_NON_ASCII = /(?:%[89a-f][0-9a-f])+/gi;

/** Characters left encoded: separators (U+3000, U+00A0…), controls, format characters (bidi overrides, zero-width) and unassigned code points. */
const KEEP_ENCODED = /[\p{Z}\p{C}]/u;

/**
 * A URL with its percent-encoded letters beyond ASCII written as
 * themselves (`/categories/%E7%A7%91%E6%8A%80/` → `/categories/科技/`), as
 * the URL standard allows in a link and as browsers send it encoded again.
 * A Chinese character takes 3 bytes instead of 9: links were a third of a
 * listing page's bytes. ASCII escapes (`%20`, `%23`, `%25`…) stay, and so
 * does any run holding an invisible or spacing character, or bytes that
 * are not UTF-8.
 */
export function readableUrl(url: string): string {
  if (!/%[89a-f]/i.test(url)) return url;
  return url.replace(ENCODED_NON_ASCII, (run) => {
    let text: string;
    try {
      text = decodeURIComponent(run);
    } catch {
      return run;
    }
    return KEEP_ENCODED.test(text) ? run : text;
  });
}
