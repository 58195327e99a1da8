import { ipLiteralOf, isPublicAddress } from './is-public-address.ts';

/**
 * Checks, before any connection, that a URL may be fetched: http(s) only, no
 * credentials, and an IP-literal host must be public. Returns the reason it
 * may not, or `undefined` when it may.
 *
 * Runs on the URL as parsed by the WHATWG parser, which turns
 * `http://2130706433/`, `http://0x7f.1/` and `http://[::ffff:127.0.0.1]/`
 * into their canonical forms, so odd notations cannot slip past. Hostnames
 * are checked later, on the resolved address (`createGuardedAgent`).
 *
 * @param allowHosts hostnames exempt from the address check (exact match).
 */
export function checkUrlTarget(url: URL, allowHosts: readonly string[]): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `refused: unsupported protocol ${url.protocol}`;
  if (url.username || url.password) return 'refused: URL carries credentials';
  if (isAllowedHost(url.hostname, allowHosts)) return undefined;
  const literal = ipLiteralOf(url.hostname);
  if (literal !== undefined && !isPublicAddress(literal)) return `refused: ${literal} is not a public address`;
  return undefined;
}

/** True when `hostname` is listed in `allowHosts` (case-insensitive, brackets of IPv6 ignored). */
export function isAllowedHost(hostname: string, allowHosts: readonly string[]): boolean {
  const bare = (host: string) => host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const wanted = bare(hostname);
  return allowHosts.some((host) => bare(host) === wanted);
}
