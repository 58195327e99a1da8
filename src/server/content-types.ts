import path from 'node:path';

// Text types carry a charset: the site is UTF-8 throughout and Chinese pages
// turn to mojibake in a browser that has to guess.
const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.xsl': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

/** The type for anything not listed: browsers download it rather than guess (with `nosniff`). */
export const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

/**
 * The `Content-Type` of a file, from its extension (case-insensitive).
 *
 * @param file a file name or path
 * @returns the MIME type, with `charset=utf-8` for text types; {@link FALLBACK_CONTENT_TYPE} when unknown
 */
export function contentTypeFor(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? FALLBACK_CONTENT_TYPE;
}

/** True when the type is an HTML page (the live-reload script is injected into those). */
export function isHtmlType(contentType: string): boolean {
  return contentType.startsWith('text/html');
}
