import { LIVE_RELOAD_EVENTS_URL } from './inject-live-reload.ts';

/**
 * The browser side of live reload, served as `/__wirepress/live-reload.js`
 * (a file, not an inline script: the site's CSP forbids inline scripts).
 *
 * It listens to the server's event stream: `reload` reloads the page;
 * `error` (JSON {@link OverlayReport}) shows an overlay naming file, line and
 * message, then reloads first when the new site was published (the server
 * repeats the error to the reloaded page). The overlay is built with DOM APIs
 * and `textContent` only, never `innerHTML`: messages quote post text, which
 * is untrusted. Styles go through CSSOM (`element.style`), which a strict
 * `style-src` allows, unlike a `style` attribute.
 *
 * Written as plain ES2017 in a string so it ships in `dist/` without a
 * bundler and never passes through the site's templates.
 */
export const LIVE_RELOAD_CLIENT = `// wirepress dev server: live reload and build error overlay.
(function () {
  'use strict';
  var OVERLAY_ID = 'wirepress-error-overlay';
  var source = new EventSource(${JSON.stringify(LIVE_RELOAD_EVENTS_URL)});

  source.addEventListener('reload', function () {
    removeOverlay();
    location.reload();
  });

  source.addEventListener('error', function (event) {
    // EventSource also fires a plain 'error' Event when the connection drops
    // (it reconnects by itself); only a server-sent 'error' carries data.
    if (typeof event.data !== 'string') return;
    var report;
    try {
      report = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (report.published) {
      location.reload();
      return;
    }
    showOverlay(report);
  });

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.remove();
  }

  function el(tag, text, style) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = String(text);
    if (style) Object.assign(node.style, style);
    return node;
  }

  function showOverlay(report) {
    removeOverlay();
    var overlay = el('div', undefined, {
      position: 'fixed', inset: '0', zIndex: '2147483647', overflow: 'auto',
      background: 'rgba(20, 20, 24, 0.94)', color: '#f4f4f5', padding: '2rem',
      font: '14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace'
    });
    overlay.id = OVERLAY_ID;
    overlay.setAttribute('role', 'alertdialog');
    overlay.setAttribute('aria-label', 'wirepress build error');

    var close = el('button', 'Close', {
      float: 'right', font: 'inherit', padding: '0.25rem 0.75rem', cursor: 'pointer'
    });
    close.type = 'button';
    close.addEventListener('click', removeOverlay);
    overlay.appendChild(close);
    overlay.appendChild(el('h2', 'wirepress: ' + report.title, { color: '#fca5a5', margin: '0 0 1rem', font: 'inherit', fontSize: '1.2em' }));

    var problems = Array.isArray(report.problems) ? report.problems : [];
    problems.forEach(function (problem) {
      var item = el('section', undefined, { borderTop: '1px solid #52525b', padding: '0.75rem 0' });
      var where = problem.file ? String(problem.file) + (problem.line ? ':' + problem.line : '') : '(no file)';
      item.appendChild(el('div', where, { color: '#93c5fd', fontWeight: 'bold' }));
      item.appendChild(el('pre', problem.message, { whiteSpace: 'pre-wrap', margin: '0.25rem 0', font: 'inherit' }));
      if (problem.hint) item.appendChild(el('div', 'hint: ' + problem.hint, { color: '#a1a1aa' }));
      if (problem.rule) item.appendChild(el('div', problem.rule, { color: '#71717a' }));
      overlay.appendChild(item);
    });
    overlay.appendChild(el('p', 'The overlay goes away on the next good build.', { color: '#a1a1aa' }));
    (document.body || document.documentElement).appendChild(overlay);
  }
})();
`;
