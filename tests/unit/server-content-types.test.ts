import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentTypeFor, FALLBACK_CONTENT_TYPE } from '../../src/server/content-types.ts';
import { injectLiveReload, LIVE_RELOAD_SCRIPT_URL } from '../../src/server/inject-live-reload.ts';

test('should give every file type of the site its content type', () => {
  const expected: Record<string, string> = {
    'index.html': 'text/html; charset=utf-8',
    'style.css': 'text/css; charset=utf-8',
    'app.js': 'text/javascript; charset=utf-8',
    'search.json': 'application/json; charset=utf-8',
    'atom.xml': 'application/xml; charset=utf-8',
    'logo.svg': 'image/svg+xml',
    'a.png': 'image/png',
    'a.jpg': 'image/jpeg',
    'A.JPEG': 'image/jpeg',
    'a.webp': 'image/webp',
    'a.avif': 'image/avif',
    'a.gif': 'image/gif',
    'favicon.ico': 'image/x-icon',
    'robots.txt': 'text/plain; charset=utf-8',
    'font.woff2': 'font/woff2',
  };
  for (const [file, type] of Object.entries(expected)) assert.equal(contentTypeFor(`/out/${file}`), type, file);
});

test('should serve unknown and extension-less files as octet-stream', () => {
  assert.equal(contentTypeFor('/out/a.exe'), FALLBACK_CONTENT_TYPE);
  assert.equal(contentTypeFor('/out/LICENSE'), FALLBACK_CONTENT_TYPE);
});

test('should inject the live-reload script before the last </body>, as an external file', () => {
  const html = '<html><body><p>&lt;/body&gt; in text</p></BODY></html>';
  const out = injectLiveReload(html);
  assert.equal(out, `<html><body><p>&lt;/body&gt; in text</p><script src="${LIVE_RELOAD_SCRIPT_URL}" defer></script>\n</BODY></html>`);
  assert.doesNotMatch(out, /<script>/, 'no inline script (strict CSP)');
});

test('should append the script to a page without </body>', () => {
  assert.match(injectLiveReload('<p>fragment</p>'), /^<p>fragment<\/p><script src="\/__wirepress\/live-reload\.js" defer><\/script>\n$/);
});
