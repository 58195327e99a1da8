import { createHash } from 'node:crypto';

/** Most file systems refuse a name longer than 255 bytes. */
export const MAX_SEGMENT_BYTES = 255;

/**
 * Makes untrusted text (a title, a category, a slug) safe as one segment of
 * a URL path and of a file path: no separators, no `.`/`..`, no control
 * characters, and at most 255 bytes of UTF-8. Long segments are cut at a
 * character boundary and keep a short hash of the whole, so two long titles
 * that share a prefix still get different paths.
 *
 * Everything else is kept as Hexo keeps it, so a blog's URLs survive the
 * move: the bots' file names hold U+3000 and runs of spaces, and Hexo's
 * URL is the file name (tests/fixtures/hexo/).
 */
export function safePathSegment(text: string): string {
  let segment = text
    .normalize('NFC')
    // Separators, characters that are special in URLs or file names, and lone surrogates (encodeURIComponent throws on them).
    .replace(/[/\\?#%\u0000-\u001f\u007f-\u009f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '-');
  if (segment.trim() === '' || /^\.+$/.test(segment)) segment = segment.replace(/\./g, '_') || '_';
  // A trailing dot or space is dropped by Windows and some servers.
  segment = segment.replace(/[. ]+$/, (tail) => '_'.repeat(tail.length));
  return fitBytes(segment, text);
}

function fitBytes(segment: string, whole: string): string {
  if (Buffer.byteLength(segment) <= MAX_SEGMENT_BYTES) return segment;
  const suffix = `-${createHash('sha256').update(whole).digest('hex').slice(0, 8)}`;
  const budget = MAX_SEGMENT_BYTES - suffix.length;
  let cut = '';
  let bytes = 0;
  for (const char of segment) {
    const size = Buffer.byteLength(char);
    if (bytes + size > budget) break;
    cut += char;
    bytes += size;
  }
  return cut + suffix;
}

/** Percent-encodes one path segment for use in an href (UTF-8, RFC 3986). */
export function encodePathSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
