/**
 * Strips a CORS-proxy prefix from an image URL: the bots write
 * `https://cors.zfour.workers.dev/?http://zkres1.myzaker.com/a.jpg`, with the
 * origin URL plain (../shared/corpus/README.md). The prefix matches with
 * either scheme (`http:`/`https:`) or none (`//cors…`); a percent-encoded
 * origin (`?http%3A%2F%2F…`) is decoded; nested proxies are unwrapped fully.
 * Returns the URL (trimmed) unchanged when no prefix matches.
 */
export function unwrapProxyUrl(url: string, prefixes: readonly string[]): string {
  let current = url.trim();
  for (let depth = 0; depth < 4; depth += 1) {
    const rest = stripPrefix(current, prefixes);
    if (rest === undefined) return current;
    current = /^https?%3A/i.test(rest) ? safeDecode(rest) : rest;
    if (current.startsWith('//')) current = `https:${current}`;
  }
  return current;
}

/** True when the URL goes through one of the proxy prefixes. */
export function isProxiedUrl(url: string, prefixes: readonly string[]): boolean {
  return stripPrefix(url.trim(), prefixes) !== undefined;
}

function stripPrefix(url: string, prefixes: readonly string[]): string | undefined {
  const bare = withoutScheme(url);
  for (const prefix of prefixes) {
    const barePrefix = withoutScheme(prefix);
    if (bare.slice(0, barePrefix.length).toLowerCase() === barePrefix.toLowerCase()) return bare.slice(barePrefix.length);
  }
  return undefined;
}

function withoutScheme(url: string): string {
  return url.replace(/^(?:https?:)?\/\//i, '//');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
