import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent } from 'undici';
import { isAllowedHost } from './check-url-target.ts';
import { isPublicAddress } from './is-public-address.ts';

/** Thrown (through the connection) when a host resolves to a non-public address. */
export class RefusedAddressError extends Error {
  override readonly name = 'RefusedAddressError';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * An undici dispatcher whose every connection is checked on the RESOLVED
 * address: the `connect.lookup` hook resolves the host with `dns.lookup` and
 * refuses the connection when any address is not public, so a name that
 * resolves (or re-resolves, DNS rebinding) to 127.0.0.1 or 169.254.169.254 is
 * never contacted. Checking the address actually connected to, rather than a
 * separate pre-flight lookup, leaves no gap between check and use.
 *
 * IP-literal hosts never reach this hook (Node connects to them directly),
 * so callers must check those first; see `checkUrlTarget`.
 *
 * @param allowHosts hostnames exempt from the check, matched exactly and
 *   case-insensitively (tests use a local origin server).
 */
export function createGuardedAgent(allowHosts: readonly string[]): Agent {
  const lookup = (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    dnsLookup(hostname, { family: options.family ?? 0, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = isAllowedHost(hostname, allowHosts)
        ? undefined
        : addresses.find((entry) => !isPublicAddress(entry.address));
      if (refused) {
        return callback(new RefusedAddressError(`refused: ${hostname} resolves to non-public address ${refused.address}`), []);
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      // Node asks for all addresses when it races IPv4 and IPv6 (autoSelectFamily), else for one.
      if (options.all) return callback(null, addresses);
      const first = addresses[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  };
  return new Agent({ connect: { lookup: lookup as never } });
}
