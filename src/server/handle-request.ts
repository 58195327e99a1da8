import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeFor, isHtmlType } from './content-types.ts';
import { findStaticFile, type StaticLookup } from './find-static-file.ts';
import { isAllowedHost, type ListenAddress } from './host-check.ts';
import { injectLiveReload, LIVE_RELOAD_EVENTS_URL, LIVE_RELOAD_SCRIPT_URL } from './inject-live-reload.ts';
import { LIVE_RELOAD_CLIENT } from './live-reload-client.ts';
import type { LiveReloadHub } from './live-reload-hub.ts';
import { resolveRequestPath } from './resolve-request-path.ts';

/** What the request handler reads on every request (the config can change while serving). */
export interface RequestContext {
  /** The folder being served (the site's output folder). */
  root(): string;
  /** The site's base path to strip from URLs, e.g. `/blog` (`''` for a site at the root). */
  basePath(): string;
  /** Where the server listens, for the `Host` check. */
  address(): ListenAddress;
  hub: LiveReloadHub;
}

// Every answer: never cached (the site changes under the browser), never sniffed.
const BASE_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

/** Shown when the site has no 404.html yet (e.g. the first build failed); it still live-reloads. */
const FALLBACK_404 = '<!doctype html><html><head><meta charset="utf-8"><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>';

/**
 * Creates the dev server's request handler: `Host` check (DNS rebinding),
 * GET/HEAD only, the live-reload script and event stream, then the files of
 * the output folder with HTML pages getting the live-reload script. Nothing a
 * client sends can make it throw: every failure becomes a response.
 *
 * @param context the served folder, base path, address and live-reload hub
 */
export function createRequestHandler(context: RequestContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(req, res, context).catch((error: unknown) => {
      if (!res.headersSent) sendText(res, req, 500, `internal error: ${(error as Error)?.message ?? String(error)}\n`);
      else res.destroy();
    });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, context: RequestContext): Promise<void> {
  if (!isAllowedHost(req.headers.host, context.address())) {
    return sendText(res, req, 403, 'forbidden: unknown Host header (open the URL the dev server printed)\n');
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return sendText(res, req, 405, 'method not allowed\n');
  }
  const target = req.url ?? '/';
  const pathOnly = target.split(/[?#]/, 1)[0];
  if (pathOnly === LIVE_RELOAD_SCRIPT_URL) {
    return sendBody(res, req, 200, 'text/javascript; charset=utf-8', Buffer.from(LIVE_RELOAD_CLIENT));
  }
  if (pathOnly === LIVE_RELOAD_EVENTS_URL) {
    if (req.method === 'HEAD') return sendBody(res, req, 200, 'text/event-stream; charset=utf-8', Buffer.alloc(0));
    return context.hub.connect(req, res);
  }

  const root = context.root();
  const resolved = resolveRequestPath(target, root, context.basePath());
  if (!resolved.ok) return sendText(res, req, resolved.status, resolved.status === 400 ? 'bad request\n' : 'forbidden\n');

  const found = await findStaticFile(resolved.file, resolved.directory, root);
  if (found.kind === 'directory-without-slash') {
    const query = target.includes('?') ? target.slice(target.indexOf('?')) : '';
    res.setHeader('Location', `${encodePath(context.basePath() + resolved.urlPath)}/${query.replace(/[^\x21-\x7e]/g, encodeURIComponent)}`);
    return sendText(res, req, 301, 'moved\n');
  }
  if (found.kind === 'forbidden') return sendText(res, req, 403, 'forbidden\n');
  if (found.kind === 'not-found') return sendNotFound(res, req, root);
  return sendFile(res, req, 200, found);
}

async function sendNotFound(res: ServerResponse, req: IncomingMessage, root: string): Promise<void> {
  const page = await findStaticFile(resolveFile(root, '/404.html'), false, root);
  if (page.kind === 'file') return sendFile(res, req, 404, page);
  return sendBody(res, req, 404, 'text/html; charset=utf-8', Buffer.from(injectLiveReload(FALLBACK_404)));
}

async function sendFile(res: ServerResponse, req: IncomingMessage, status: number, found: StaticLookup & { kind: 'file' }): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(found.file);
  } catch {
    // The file went away between the lookup and the read: a rebuild swapped the site in.
    return sendText(res, req, 404, 'not found\n');
  }
  const type = contentTypeFor(found.file);
  const body = isHtmlType(type) ? Buffer.from(injectLiveReload(bytes.toString('utf8'))) : bytes;
  return sendBody(res, req, status, type, body);
}

function sendBody(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: Buffer): void {
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': type, 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendText(res: ServerResponse, req: IncomingMessage, status: number, text: string): void {
  sendBody(res, req, status, 'text/plain; charset=utf-8', Buffer.from(text));
}

function resolveFile(root: string, urlPath: string): string {
  const resolved = resolveRequestPath(urlPath, root);
  if (!resolved.ok) throw new Error(`cannot resolve ${urlPath}`);
  return resolved.file;
}

/** Re-encodes a decoded path segment by segment, so a `Location` header holds only safe ASCII. */
function encodePath(decoded: string): string {
  return decoded.split('/').map(encodeURIComponent).join('/');
}
