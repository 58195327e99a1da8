import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Element, Nodes, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { sanitizeArticle } from '../../src/sanitize/index.ts';

const options = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };
const root = new URL('../fixtures/sanitize/', import.meta.url);

function runCase(name: string) {
  const dir = new URL(`${name}/`, root);
  const format = existsSync(new URL('input.txt', dir)) ? 'text' : 'html';
  const input = readFileSync(new URL(format === 'text' ? 'input.txt' : 'input.html', dir), 'utf8');
  return { result: sanitizeArticle(input, format, options) };
}
const hostile = readdirSync(root).filter((name) => name.startsWith('hostile-'));
const ALLOWED_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details',
  'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd',
  'li', 'mark', 'ol', 'p', 'picture', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'section', 'small', 'source', 'span',
  'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'tt', 'u',
  'ul', 'var', 'wbr',
]);

/** Asserts what must hold for any sanitized HTML, as a browser would re-read it. */
function assertSafe(html: string, label: string): void {
  assert.doesNotMatch(html, /<script/i, `${label}: <script>`);
  assert.doesNotMatch(html, /\son\w+=/i, `${label}: event handler`);
  assert.doesNotMatch(html, /style=/i, `${label}: style attribute`);
  assert.doesNotMatch(html, /javascript:/i, `${label}: javascript: URL`);
  assert.doesNotMatch(html, /<(?:svg|math|iframe|object|embed|style|form|noscript|template|base|meta)\b/i, `${label}: forbidden element`);
  // Serialize → parse round trip: what a browser builds from our output is what we checked (mutation XSS).
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html);
  assert.equal(unified().use(rehypeStringify).stringify(tree), html, `${label}: output changes when re-parsed`);
  for (const node of elements(tree)) {
    assert.ok(ALLOWED_TAGS.has(node.tagName), `${label}: <${node.tagName}> after re-parsing`);
    for (const [key, value] of Object.entries(node.properties)) {
      assert.doesNotMatch(key, /^on/i, `${label}: ${key} after re-parsing`);
      if (['href', 'src', 'srcSet', 'cite'].includes(key)) {
        for (const url of String(value).split(/,\s+/)) assert.match(url, /^(?:https?:\/\/|mailto:|#)/, `${label}: ${key}=${url}`);
      }
    }
  }
}

function elements(tree: Root): Element[] {
  const out: Element[] = [];
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === 'element') out.push(node);
    if ('children' in node) stack.push(...node.children);
  }
  return out;
}

test('should have at least 40 hostile fixtures', () => {
  assert.ok(hostile.length >= 40, `only ${hostile.length}`);
});

for (const name of hostile) {
  test(`should leave nothing active in ${name}, even after re-parsing`, () => {
    assertSafe(runCase(name).result.body.html, name);
  });
}

test('should report removed active content once, counting each kind', () => {
  const { warnings } = sanitizeArticle(
    '<p onclick="a()">x</p><script>1</script><script>2</script><a href="jav&#x09;ascript:alert(1)">y</a><img src="https://i.example/a.jpg" onerror="b()">',
    'html',
    options,
  );
  const removed = warnings.filter((w) => w.rule === 'sanitize/removed');
  assert.equal(removed.length, 1);
  assert.match(removed[0]?.message ?? '', /removed 5 unsafe items/);
  assert.match(removed[0]?.message ?? '', /2 script/);
  assert.match(removed[0]?.message ?? '', /2 event handler/);
  assert.match(removed[0]?.message ?? '', /1 script URL/);
});

test('should not warn about a bare onclick, which does nothing', () => {
  assert.deepEqual(runCase('hostile-bare-onclick').result.warnings, []);
  assert.deepEqual(runCase('zaker-figures').result.warnings, []);
});

test('should report each unusable image as image-dropped', () => {
  for (const name of ['hostile-data-image-src', 'hostile-javascript-img-src', 'hostile-proxy-to-javascript']) {
    const { body, warnings } = runCase(name).result;
    assert.equal(body.images.length, 0, name);
    assert.equal(warnings.filter((w) => w.rule === 'sanitize/image-dropped').length, 1, name);
  }
});

test('should prefix ids and names and point in-page links at the prefixed ids', () => {
  const html = runCase('hostile-fragment-links').result.body.html;
  assert.match(html, /href="#user-content-notes"/);
  assert.match(html, /id="user-content-notes"/);
  const clobber = runCase('hostile-clobber-id-name').result.body.html;
  assert.doesNotMatch(clobber, /(?:id|name)="(?!user-content-)/);
});

test('should use the idPrefix option for ids and fragment links', () => {
  const { body } = sanitizeArticle('<p><a href="#a">to a</a></p><h2 id="a">A</h2>', 'html', { ...options, idPrefix: 'art-' });
  assert.match(body.html, /href="#art-a"/);
  assert.match(body.html, /id="art-a"/);
});

test('should keep target=_blank only together with rel=noopener', () => {
  const html = runCase('hostile-target-blank').result.body.html;
  for (const link of html.match(/<a [^>]*>/g) ?? []) {
    if (link.includes('target=')) assert.match(link, /target="_blank"[^>]*rel="[^"]*noopener/, link);
  }
  assert.doesNotMatch(html, /_top/);
  assert.doesNotMatch(runCase('hostile-rel-opener').result.body.html, /rel="opener"/);
});
