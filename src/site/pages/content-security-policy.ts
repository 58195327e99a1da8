import type { SiteConfig } from '../../config/index.ts';

/**
 * The Content-Security-Policy of every page: scripts, styles and requests
 * from the site itself only, plus the sources the site's `csp` setting adds
 * (analytics, comments). Article bodies are untrusted: no inline script, no
 * plugin, no `<base>` may ever run or apply. Images may come from any
 * origin, for those that could not be re-hosted.
 */
export function contentSecurityPolicy(csp: SiteConfig['csp']): string {
  const self = (extra: readonly string[]) => ["'self'", ...extra].join(' ');
  return [
    "default-src 'self'",
    `script-src ${self(csp.scriptSrc)}`,
    `style-src ${self(csp.styleSrc)}`,
    "img-src 'self' https: http:",
    "media-src 'self'",
    `connect-src ${self(csp.connectSrc)}`,
    ...(csp.frameSrc.length > 0 ? [`frame-src ${self(csp.frameSrc)}`] : []),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}
