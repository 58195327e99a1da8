import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/** A local image server standing in for the news sites' image hosts. */
export interface ImageOrigin {
  /** `127.0.0.1:PORT` */
  host: string;
  /** Requests received, by path. */
  requests: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Serves generated JPEGs at any `*.jpg` path (1200×800, so resizing shows)
 * and 404 elsewhere, counting requests.
 */
export async function startImageOrigin(): Promise<ImageOrigin> {
  const jpeg = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .jpeg()
    .toBuffer();
  const requests = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    requests.set(url, (requests.get(url) ?? 0) + 1);
    if (url.endsWith('.jpg')) {
      response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length });
      response.end(jpeg);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
