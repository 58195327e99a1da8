import path from 'node:path';

/** Where a request target points inside the served folder, or why it may not. */
export type ResolvedPath =
  | {
      ok: true;
      /** Absolute path inside the root (not yet checked on disk). */
      file: string;
      /** The decoded URL path asked for a directory (it ends in `/`). */
      directory: boolean;
      /** The decoded URL path, starting with `/`, without the base path. */
      urlPath: string;
    }
  | { ok: false; status: 400 | 403; reason: string };

/**
 * Maps a request target (`req.url`) to a file under `root`, refusing
 * everything that could leave it. Pure: no file system access; symlinks are
 * checked by the caller with `realpath`.
 *
 * Percent-decoding happens exactly once (so `%252e%252e` stays the literal
 * name `%2e%2e`, which no site file has), as UTF-8 (`/categories/%E6%96%B0/`).
 * Refused: malformed escapes and non-origin-form targets (400); NUL bytes,
 * backslashes (`..%5c` is a separator on Windows), `.`/`..` segments and
 * anything resolving outside `root` (403).
 *
 * @param target the raw request target, e.g. `/a/%E6%96%B0/?x=1`
 * @param root absolute folder being served
 * @param basePath path of the site's base URL to strip, e.g. `/blog` (default: `''`)
 */
export function resolveRequestPath(target: string, root: string, basePath = ''): ResolvedPath {
  if (!target.startsWith('/') || target.startsWith('//')) return refuse(400, 'not an origin-form request target');
  const rawPath = target.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return refuse(400, 'malformed percent-encoding');
  }
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return refuse(403, 'control character in path');
  if (decoded.includes('\\')) return refuse(403, 'backslash in path');
  if (decoded.split('/').some((segment) => segment === '.' || segment === '..')) return refuse(403, 'dot segment in path');

  let urlPath = decoded;
  if (basePath !== '' && (urlPath === basePath || urlPath.startsWith(`${basePath}/`))) {
    urlPath = urlPath.slice(basePath.length) || '/';
  }
  const rootDir = path.resolve(root);
  const file = path.resolve(rootDir, `.${urlPath}`);
  if (!isInsideOrSame(file, rootDir)) return refuse(403, 'outside the served folder');
  return { ok: true, file, directory: urlPath.endsWith('/'), urlPath };
}

/**
 * True when `file` is `root` or inside it. Compares with a trailing
 * separator, so `/x/_site-secret` is not inside `/x/_site`.
 */
export function isInsideOrSame(file: string, root: string): boolean {
  const base = root.endsWith(path.sep) ? root : `${root}${path.sep}`;
  return file === root || file.startsWith(base);
}

function refuse(status: 400 | 403, reason: string): ResolvedPath {
  return { ok: false, status, reason };
}
