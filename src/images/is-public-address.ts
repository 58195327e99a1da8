import ipaddr from 'ipaddr.js';

/**
 * True when `address` (an IPv4 or IPv6 literal, without brackets) is a public
 * unicast address that an image may be fetched from.
 *
 * Everything ipaddr.js does not classify as plain `unicast` is refused:
 * loopback, private (RFC 1918), unique-local, link-local (including the cloud
 * metadata endpoint 169.254.169.254), CGNAT (100.64/10), multicast,
 * unspecified, broadcast, reserved, benchmarking, and the IPv6 ranges that
 * embed an IPv4 address (6to4, Teredo, NAT64), whose inner address could be
 * private. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is judged by its IPv4 form.
 * Unparseable text is not public.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

/**
 * The IP address a URL hostname spells, if it is an IP literal. The WHATWG URL
 * parser has already normalized odd IPv4 notations (`2130706433`, `0x7f.1`)
 * to dotted quads and wrapped IPv6 in brackets, which are removed here.
 */
export function ipLiteralOf(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : undefined;
}
