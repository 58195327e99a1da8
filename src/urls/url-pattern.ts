/** True when a URL is one that a list of {@link urlMatcher} patterns names. */
export type UrlTest = (url: string) => boolean;

interface UrlPattern {
  /** Lower case, IDNs in punycode, as `URL` gives `hostname`. */
  readonly host: string;
  /** `*.` was written: the host's subdomains match too. */
  readonly subdomains: boolean;
  /** The start of path and query, percent-encoded as `URL` encodes them (`/` when none was written). */
  readonly pathStart: string;
}

/**
 * Compiles the URL patterns of config `content` (`unwrapLinks`,
 * `placeholderCovers`): a host (`picsum.photos`), `*.` before it for the
 * host and every subdomain (`*.pvxt.net` is `pvxt.net` and
 * `microsoft.pvxt.net`), and optionally the start of the path, query
 * included if written (`36kr.com/project/`, `c.duomai.com/track.php?site_id=`).
 * A URL matches when it is http(s) (or scheme-relative), its host is the
 * pattern's (case and a final dot ignored; any port) and its path and
 * query start with the pattern's (case kept: paths are case-sensitive).
 * Relative URLs and other schemes never match. A pattern that is no host
 * is ignored (the config schema rejects those; this never throws).
 *
 * @param patterns as written in the config.
 */
export function urlMatcher(patterns: readonly string[]): UrlTest {
  const compiled = patterns.map(compilePattern).filter((p): p is UrlPattern => p !== undefined);
  if (compiled.length === 0) return () => false;
  // Most links name none of the hosts as written: they are not parsed at all. (A host written
  // percent-encoded, or an IDN pattern, which URLs write in Unicode, skips this shortcut.)
  const hosts = compiled.map((p) => p.host);
  const asWritten = !hosts.some((host) => host.startsWith('xn--') || host.includes('.xn--'));
  return (url) => {
    const lower = url.toLowerCase();
    if (asWritten && !lower.includes('%') && !hosts.some((host) => lower.includes(host))) return false;
    const parsed = parseWebUrl(url);
    if (!parsed) return false;
    const host = parsed.hostname.replace(/\.$/, '');
    const pathAndQuery = parsed.pathname + parsed.search;
    return compiled.some((p) => (host === p.host || (p.subdomains && host.endsWith(`.${p.host}`))) && pathAndQuery.startsWith(p.pathStart));
  };
}

function compilePattern(pattern: string): UrlPattern | undefined {
  const text = pattern.trim();
  const subdomains = text.startsWith('*.');
  const rest = subdomains ? text.slice(2) : text;
  const hostEnd = rest.search(/[/?]/);
  const hostPart = hostEnd === -1 ? rest : rest.slice(0, hostEnd);
  const pathPart = hostEnd === -1 ? '/' : rest.slice(hostEnd).replace(/^\?/, '/?');
  // `user@host` or `host#x` would be some other host.
  if (hostPart === '' || /[#@:\\\s]/.test(hostPart)) return undefined;
  // Plain ASCII (every default) is compared as written; anything else is normalized as `URL` normalizes
  // the URLs it is compared with (IDN hosts in punycode, paths percent-encoded).
  if (/^[a-z0-9.-]+$/i.test(hostPart) && /^[\w\-.~!$&()*+,;=:@/?%]*$/.test(pathPart) && !pathPart.includes('/.')) {
    return { host: hostPart.toLowerCase().replace(/\.$/, ''), subdomains, pathStart: pathPart };
  }
  const parsed = parseWebUrl(`https://${hostPart}${pathPart}`);
  if (!parsed || parsed.hostname === '') return undefined;
  return { host: parsed.hostname.replace(/\.$/, ''), subdomains, pathStart: parsed.pathname + parsed.search };
}

function parseWebUrl(url: string): URL | undefined {
  const text = url.trim();
  const absolute = text.startsWith('//') ? `https:${text}` : text;
  if (!/^https?:\/\//i.test(absolute) || !URL.canParse(absolute)) return undefined;
  return new URL(absolute);
}
