import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OverlayReport } from './build-problems.ts';

/** The server-sent event streams of every open page. */
export interface LiveReloadHub {
  /** Turns a request into an event stream; it stays open until the page goes or {@link close}. */
  connect(req: IncomingMessage, res: ServerResponse): void;
  /** Tells every page to reload (a good build); clears the remembered error. */
  reload(): void;
  /** Sends an error report to every page, and to every page that connects until the next good build. */
  error(report: OverlayReport): void;
  /** Ends every stream; later connections are refused with 503. */
  close(): void;
  /** Open streams (for tests and the shutdown message). */
  readonly size: number;
}

/** Keeps proxies and idle timers from closing a quiet stream (a comment line every 20 s). */
const HEARTBEAT_MS = 20_000;

/**
 * Creates the hub behind `/__wirepress/events` (the HTML `EventSource`
 * protocol: `event:` and `data:` lines, a blank line ends each event).
 */
export function createLiveReloadHub(): LiveReloadHub {
  const clients = new Set<ServerResponse>();
  let current: OverlayReport | undefined;
  let closed = false;

  const send = (res: ServerResponse, event: string, data: string) => {
    // `data` is one line of JSON (JSON.stringify escapes newlines), so it cannot end the event early.
    res.write(`event: ${event}\ndata: ${data}\n\n`);
  };
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    connect(req, res) {
      if (closed) {
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('shutting down\n');
        return;
      }
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Content-Type-Options': 'nosniff',
      });
      // Reconnect quickly after a restart of the dev server.
      res.write('retry: 1000\n\n');
      clients.add(res);
      const forget = () => clients.delete(res);
      req.on('close', forget);
      res.on('error', forget);
      // A page loaded after a failed build still learns about the failure; it must not reload again.
      if (current) send(res, 'error', JSON.stringify({ ...current, published: false }));
    },
    reload() {
      current = undefined;
      for (const res of clients) send(res, 'reload', '{}');
    },
    error(report) {
      current = report;
      const data = JSON.stringify(report);
      for (const res of clients) send(res, 'error', data);
    },
    close() {
      closed = true;
      clearInterval(heartbeat);
      for (const res of clients) res.end();
      clients.clear();
    },
    get size() {
      return clients.size;
    },
  };
}
