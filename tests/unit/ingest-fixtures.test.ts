import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArticle } from '../../src/ingest/index.ts';

/**
 * One folder per front-matter case under tests/fixtures/ingest/<case>/:
 * `post.md` and `expected.json` with the diagnostics (rule, severity, line
 * in the file, and the message where it matters) and, for posts that are
 * kept, fields of the article.
 */
const fixtures = new URL('../fixtures/ingest/', import.meta.url);
const config = { timezone: 'Asia/Shanghai', permalink: ':year/:month/:day/:title/' };

interface Expected {
  diagnostics: { severity: string; rule: string; line: number; message?: string }[];
  article?: Record<string, unknown>;
}

for (const name of readdirSync(fixtures).sort()) {
  test(`should report ${name} as expected`, () => {
    const post = new URL(`${name}/post.md`, fixtures);
    const expected = JSON.parse(readFileSync(new URL(`${name}/expected.json`, fixtures), 'utf8')) as Expected;
    const result = parseArticle(`${name}/post.md`, fileURLToPath(post), readFileSync(post), config, { mtimeMs: 0 });

    const actual = result.diagnostics.map((d) => ({
      severity: d.severity,
      rule: d.rule,
      line: d.line,
      ...(expected.diagnostics.some((e) => e.rule === d.rule && e.line === d.line && e.message) ? { message: d.message } : {}),
    }));
    const sortKey = (d: { line: number | undefined; rule: string }) => `${String(d.line).padStart(4, '0')} ${d.rule}`;
    assert.deepEqual(
      actual.sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
      [...expected.diagnostics].sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
    );
    for (const diagnostic of result.diagnostics) {
      assert.equal(diagnostic.file, `${name}/post.md`);
      assert.ok(diagnostic.hint && diagnostic.hint.length > 10, `${diagnostic.rule} has a hint`);
    }

    const hasError = expected.diagnostics.some((d) => d.severity === 'error');
    assert.equal(result.article === undefined, hasError, hasError ? 'an error skips the post' : 'warnings keep the post');
    for (const [key, value] of Object.entries(expected.article ?? {})) {
      assert.deepEqual((result.article as unknown as Record<string, unknown>)[key] ?? null, value, key);
    }
  });
}

test('should never evaluate JavaScript front matter', () => {
  const post = new URL('javascript-front-matter/post.md', fixtures);
  parseArticle('post.md', fileURLToPath(post), readFileSync(post), config);
  assert.equal((globalThis as { pwned?: boolean }).pwned, undefined);
});
