import { isIP } from 'node:net';

/** What the server listens on, for {@link isAllowedHost}. */
export interface ListenAddress {
  /** The `--host` value, e.g. `127.0.0.1`, `::1`, `0.0.0.0` or a name. */
  host: string;
  /** The real port (after port 0 was resolved). */
  port: number;
}

/**
 * Checks a request's `Host` header against the server's own names, so a page
 * on another site cannot read the dev server through DNS rebinding (a name
 * the attacker controls re-pointed at 127.0.0.1; the browser then sends that
 * name as `Host`). Allowed: `127.0.0.1`, `localhost`, `[::1]` and the
 * `--host` value, each with the server's port (no port means 80). When
 * listening on every interface (`0.0.0.0`, `::`), any IP literal is allowed
 * too: an IP address cannot be rebound, and the LAN address is how other
 * devices reach the server.
 *
 * @param hostHeader the raw `Host` header (undefined when missing: refused)
 * @param address where the server listens
 */
export function isAllowedHost(hostHeader: string | undefined, address: ListenAddress): boolean {
  if (hostHeader === undefined) return false;
  const parsed = splitHostPort(hostHeader.trim().toLowerCase());
  if (parsed === undefined || parsed.port !== address.port) return false;
  const own = new Set(['127.0.0.1', 'localhost', '::1', unbracket(address.host.toLowerCase())]);
  if (own.has(parsed.name)) return true;
  const wildcard = address.host === '0.0.0.0' || address.host === '::' || address.host === '[::]';
  return wildcard && isIP(parsed.name) !== 0;
}

/** `example.org:8080` → name and port; `[::1]:80` → `::1`; a missing port is 80. */
function splitHostPort(value: string): { name: string; port: number } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value);
  if (!match?.[1]) return undefined;
  const port = match[2] === undefined ? 80 : Number(match[2]);
  if (port > 65535) return undefined;
  return { name: unbracket(match[1]), port };
}

function unbracket(name: string): string {
  return name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
}
