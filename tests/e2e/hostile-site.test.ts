import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { serveStatic } from '../helpers/static-server.ts';

/**
 * Browser proof of the sanitizer and the templates together: a site built
 * from posts whose bodies and front matter carry the attack catalogues
 * (tests/fixtures/hostile-site/content: every attack calls `__pwned()` or
 * `alert()`) is opened page by page in Chromium with the page's CSP
 * bypassed, so the markup itself must be inert, not merely blocked.
 */
const CONTENT = path.join(REPO_ROOT, 'tests/fixtures/hostile-site/content');
// Events fired at every element: what the posts' handlers listen for, minus click (it would follow links).
const EVENTS = ['mouseover', 'mouseenter', 'pointerenter', 'focus', 'focusin', 'error', 'load', 'toggle', 'animationstart', 'start', 'begin', 'input'];

// Browser-side code is written as strings: the project's TypeScript has no DOM types.
// Any read or write of the probe counts: attacks call `__pwned()` or overwrite it.
const PROBE = `Object.defineProperty(window, '__pwned', {
  get: () => () => window.__report('__pwned() called'),
  set: () => window.__report('__pwned overwritten'),
});`;
const FIRE_EVENTS = `(() => {
  for (const element of document.querySelectorAll('body *')) {
    for (const type of ${JSON.stringify(EVENTS)}) element.dispatchEvent(new Event(type, { bubbles: false }));
    if (typeof element.focus === 'function') element.focus();
  }
})()`;
// Inline handlers and script URLs left in the DOM, the CSP meta, and what the reader sees.
const INSPECT = `(() => {
  const active = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const value = attribute.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (attribute.name.toLowerCase().startsWith('on')) active.push('<' + element.localName + ' ' + attribute.name + '>');
      if (/^(?:javascript|vbscript|data):/.test(value) && !(element.localName === 'img' && value.startsWith('data:image/'))) {
        active.push('<' + element.localName + ' ' + attribute.name + '="' + attribute.value + '">');
      }
    }
  }
  const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
  return {
    active,
    hasCsp: csp.includes("script-src 'self'") && csp.includes("object-src 'none'"),
    text: document.body ? document.body.innerText : '',
    title: document.title,
  };
})()`;

let browser: Browser;
let site: { url: string; close(): Promise<void> };
let pages: string[] = [];

before(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-hostile-'));
  const out = path.join(dir, '_site');
  const run = await runCli(['build', '--content', CONTENT, '--out', out, '--cache', path.join(dir, '.cache'), '--offline'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  pages = (await readdir(out, { recursive: true })).filter((file) => file.endsWith('.html')).map((file) => file.split(path.sep).join('/'));
  site = await serveStatic(out);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** The page's URL for a file of the built site (`a/index.html` → `/a/`). */
function urlOf(file: string): string {
  const pathname = file === 'index.html' ? '' : file.endsWith('/index.html') ? file.slice(0, -'index.html'.length) : file;
  return new URL(pathname.split('/').map(encodeURIComponent).join('/'), site.url).href;
}

interface Visit {
  /** Dialogs opened, `__pwned()` calls, navigations away. */
  fired: string[];
  /** Requests to any host but the local server: `type url`. */
  foreign: string[];
  /** Inline handlers and script URLs still in the DOM. */
  active: string[];
  hasCsp: boolean;
  text: string;
  title: string;
}

async function visit(file: string): Promise<Visit> {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const fired: string[] = [];
  const foreign: string[] = [];
  await page.exposeFunction('__report', (what: string) => fired.push(what));
  // Any read or write of the probe counts: attacks call it or overwrite it.
  await page.addInitScript({ content: PROBE });
  page.on('dialog', (dialog) => {
    fired.push(`${dialog.type()} dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(site.url)) return route.continue();
    foreign.push(`${route.request().resourceType()} ${url}`);
    return route.abort();
  });
  const url = urlOf(file);
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(FIRE_EVENTS);
  await page.mouse.move(10, 10);
  await page.mouse.move(600, 400, { steps: 20 });
  await page.waitForTimeout(300);
  if (page.url() !== url) fired.push(`navigated to ${page.url()}`);
  const result = (await page.evaluate(INSPECT)) as Pick<Visit, 'active' | 'hasCsp' | 'text' | 'title'>;
  await context.close();
  return { fired, foreign, ...result };
}

test('should build a page for every hostile post, category and author', () => {
  assert.ok(pages.includes('index.html'));
  assert.ok(pages.filter((p) => /^2024\/03\/\d\d\/[^/]+\/index\.html$/.test(p)).length === 5, pages.join('\n'));
  // At Hexo's slug of `<b onmouseover=__pwned()>恶意分类</b>`.
  assert.ok(pages.includes('categories/b-onmouseover-pwned-恶意分类-b/index.html'), 'the hostile category has a page');
});

test('should run no attack, open no dialog and contact no other host on any page', async () => {
  const problems: string[] = [];
  for (const file of pages) {
    const { fired, foreign, active, hasCsp } = await visit(file);
    for (const what of fired) problems.push(`${file}: ${what}`);
    for (const what of active) problems.push(`${file}: active markup ${what}`);
    // --offline: article images stay on their origins; nothing else may leave, and nothing but plain http(s) images.
    for (const request of foreign) if (!/^image https?:\/\//.test(request)) problems.push(`${file}: request ${request}`);
    if (!hasCsp) problems.push(`${file}: no Content-Security-Policy meta`);
  }
  assert.deepEqual(problems, []);
  assert.ok(pages.length >= 15, `only ${pages.length} pages`);
});

test('should show template syntax from titles and bodies literally', async () => {
  const file = pages.find((p) => p.includes('template-injection')) as string;
  const { text, title } = await visit(file);
  assert.ok(title.includes('{{ 7*7 }} 与 {% raw %} 模板注入'), title);
  assert.ok(text.includes('{{ 7*7 }} 与 {% raw %} 模板注入'), 'heading shows the title as written');
  assert.ok(text.includes('模板标记 {{ 7*7 }} 结束'), 'body shows {{ 7*7 }} as written');
  // `{% raw %}` is Hexo's own tag: its markers go, as Hexo renders them; the Nunjucks comment is text.
  assert.ok(/原样标记\s+与\s+以及 \{# comment #\}/.test(text), 'body shows {# comment #} as written, and {% raw %} as Hexo does');
  assert.doesNotMatch(text, /模板标记 49 结束/);
  const home = await visit('index.html');
  assert.ok(home.text.includes('{{ 7*7 }}'), 'the home page lists the title as written');
});

test('should show markup in titles, categories and authors as text', async () => {
  const script = await visit(pages.find((p) => p.includes('script-title')) as string);
  assert.ok(script.title.includes('</script><script>alert(1)</script> 标题里的脚本'), script.title);
  assert.ok(script.text.includes('<b onmouseover=__pwned()>恶意分类</b>'), 'the category name is shown as written');
  assert.ok(script.text.includes('"><img src=x onerror=__pwned()>'), 'the author is shown as written');
  const breakout = await visit(pages.find((p) => p.includes('attribute-breakout')) as string);
  assert.ok(breakout.text.includes('"><img src=x onerror=__pwned()> 属性越界'));
});
