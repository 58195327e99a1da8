/** URL of the live-reload script, served by the dev server itself. */
export const LIVE_RELOAD_SCRIPT_URL = '/__wirepress/live-reload.js';

/** URL of the server-sent event stream the script listens to. */
export const LIVE_RELOAD_EVENTS_URL = '/__wirepress/events';

// An external, same-origin script: the site's CSP allows `script-src 'self'`
// and no inline script, so an inline snippet would be blocked.
const TAG = `<script src="${LIVE_RELOAD_SCRIPT_URL}" defer></script>`;

/**
 * Adds the live-reload script tag to an HTML page, before the last `</body>`
 * (any case), or at the end when the page has none. Only the response is
 * changed; the file on disk is untouched.
 *
 * @param html the page as served
 */
export function injectLiveReload(html: string): string {
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at < 0 ? `${html}${TAG}\n` : `${html.slice(0, at)}${TAG}\n${html.slice(at)}`;
}
