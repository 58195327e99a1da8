import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { Element, Nodes } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { restoredTitleOf } from '../../src/article/restore-title.ts';
import { parseArticle } from '../../src/ingest/index.ts';
import { sanitizeArticle } from '../../src/sanitize/index.ts';

const corpus = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
const skip = existsSync(path.join(corpus, 'real')) ? false : 'needs ../shared/corpus';
const config = { timezone: 'Asia/Shanghai', permalink: ':year/:month/:day/:title/' };
const options = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };

/** What the bot replaced with `_` (../shared/corpus/README.md). */
const SUBSTITUTED = ':/\\?*“”<>|[]';

/** Every post of the corpus: its title as filed, as shown, and the texts that may explain it (whitespace removed). */
function corpusTitles() {
  return ['real', 'seed'].flatMap((folder) =>
    readdirSync(path.join(corpus, folder))
      .filter((name) => name.endsWith('.md') && name !== 'SOURCE.md' && name !== 'README.md')
      .map((name) => {
        const file = path.join(corpus, folder, name);
        const source = parseArticle(`${folder}/${name}`, file, readFileSync(file), config).article;
        assert.ok(source, name);
        const { body } = sanitizeArticle(source.body, source.bodyFormat, options);
        const evidence = [body.text, ...body.images.map((image) => image.alt), ...imageTitles(body.html)].map(squeeze);
        return { name, filed: source.title, shown: restoredTitleOf(source, body) ?? source.title, evidence };
      }),
  );
}

/** The `title` attributes of the images, read by a real HTML parser (not the way the code under test reads them). */
function imageTitles(html: string): string[] {
  const titles: string[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'element' && node.tagName === 'img' && typeof (node as Element).properties.title === 'string') titles.push((node as Element).properties.title as string);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(unified().use(rehypeParse, { fragment: true }).parse(html));
  return titles;
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Every writing of the whole title in the evidence, each `_` one substituted character, whitespace aside. */
function wholeTitleWritings(filed: string, evidence: readonly string[]): string[] {
  const pattern = new RegExp(
    [...squeeze(filed)].map((c) => (c === '_' ? `[${SUBSTITUTED.replace(/[\\\]\[]/g, '\\$&')}]` : c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'))).join(''),
    'gu',
  );
  return evidence.flatMap((text) => [...text.matchAll(pattern)].map((m) => m[0]));
}

/** Whether the change at `i` is one of the conservative rules: `_X_` → `“X”` standing apart, or a time `HH:MM`. */
function isRuleChange(filed: string, shown: string, i: number): boolean {
  const quote = /“([^_“”]+)”/gu;
  for (const m of shown.matchAll(quote)) {
    const end = m.index + m[0].length - 1;
    if (i !== m.index && i !== end) continue;
    const outside = [shown[m.index - 1] ?? '', shown[end + 1] ?? ''];
    return filed[m.index] === '_' && filed[end] === '_' && outside.every((c) => !/[A-Za-z0-9_]/.test(c));
  }
  return shown[i] === ':' && /(?:^|\D)([01]?\d|2[0-3]):[0-5]\d(?:\D|$)/.test(shown.slice(Math.max(0, i - 3), i + 4));
}

/** Whether the body writes the character at `i` between the same words (a Latin word or number, else one character). */
function isWrittenAround(shown: string, i: number, evidence: readonly string[]): boolean {
  const left = /(?:[A-Za-z0-9]+|[^\s_])\s*$/u.exec(shown.slice(0, i))?.[0] ?? '';
  const right = /^\s*(?:[A-Za-z0-9]+|[^\s_])/u.exec(shown.slice(i + 1))?.[0] ?? '';
  const written = squeeze(left + shown[i] + right);
  return left !== '' && right !== '' && evidence.some((text) => text.includes(written));
}

test('should show each real title as its body writes it, and change no other title beyond the conservative rules', { skip }, () => {
  const titles = corpusTitles();
  assert.ok(titles.length >= 50, `only ${titles.length} posts`);
  let fromWholeTitle = 0;
  for (const { name, filed, shown, evidence } of titles) {
    if (!filed.includes('_')) {
      assert.equal(shown, filed, `${name}: a title without _ is shown as filed`);
      continue;
    }
    assert.equal(shown.length, filed.length, `${name}: only the _ change, one character each`);
    const writings = wholeTitleWritings(filed, evidence);
    if (writings.length > 0) {
      fromWholeTitle += 1;
      assert.ok(writings.includes(squeeze(shown)), `${name}: shown ${JSON.stringify(shown)}, the body writes ${JSON.stringify(writings)}`);
      continue;
    }
    for (let i = 0; i < filed.length; i += 1) {
      if (shown[i] === filed[i]) continue;
      assert.equal(filed[i], '_', `${name}: only _ change`);
      assert.ok(SUBSTITUTED.includes(shown[i]!), `${name}: _ became ${shown[i]}, which the bot never replaced`);
      assert.ok(isWrittenAround(shown, i, evidence) || isRuleChange(filed, shown, i), `${name}: ${JSON.stringify(shown)} at ${i} is neither in the body nor a conservative rule`);
    }
  }
  assert.ok(fromWholeTitle > 0, 'some real titles are written whole in their bodies');
});
