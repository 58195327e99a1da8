import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { toHtml } from 'hast-util-to-html';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { sanitizeArticle } from '../../src/sanitize/index.ts';

/**
 * Golden tests: each folder of tests/fixtures/sanitize/ holds `input.html`
 * (or `input.txt`, a text-format body, or `input.md`, a Markdown body) and
 * `expected.html`, the sanitized HTML. Regenerate with `UPDATE=1` and review the diff.
 */
const root = new URL('../fixtures/sanitize/', import.meta.url);
const options = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const inputs = { text: 'input.txt', markdown: 'input.md', html: 'input.html' } as const;

function runCase(name: string) {
  const dir = new URL(`${name}/`, root);
  const format = (['text', 'markdown'] as const).find((f) => existsSync(new URL(inputs[f], dir))) ?? 'html';
  const input = readFileSync(new URL(inputs[format], dir), 'utf8');
  return { dir, result: sanitizeArticle(input, format, options) };
}

for (const name of cases) {
  test(`should sanitize the ${name} fixture to its expected HTML`, () => {
    const { dir, result } = runCase(name);
    const expectedFile = new URL('expected.html', dir);
    const actual = `${result.body.html}\n`;
    if (process.env.UPDATE === '1') writeFileSync(expectedFile, actual);
    // A fixture without its expected HTML is a test that cannot fail: write it with UPDATE=1, and review it.
    assert.ok(existsSync(expectedFile), `${name}: expected.html is missing; run UPDATE=1 npm test and review the file it writes`);
    assert.equal(actual, readFileSync(expectedFile, 'utf8'));
    // What a browser re-reads from our output must be what we wrote (mutation XSS needs it to differ).
    const reparsed = unified().use(rehypeParse, { fragment: true }).parse(result.body.html);
    assert.equal(toHtml(reparsed), result.body.html, 'output changes when re-parsed');
  });
}
