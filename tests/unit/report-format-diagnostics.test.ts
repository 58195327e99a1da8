import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorAt, warningAt } from '../../src/report/diagnostic.ts';
import { formatDiagnostics, summaryLine } from '../../src/report/format-diagnostics.ts';

test('should group problems by file with line, severity, message, rule and hint', () => {
  const text = formatDiagnostics(
    [
      warningAt('b.md', 'images/fetch', 'image http://x/a.jpg: HTTP 404; linked to its origin'),
      errorAt('a.md', 'ingest/date', '`date`: expected a date, received "yesterday"', { line: 6, hint: 'write 2021-10-19 08:49:00' }),
    ],
    { articles: 3, skipped: 1 },
    'content',
  );
  assert.match(text, /^content\/a\.md\n +6:1  error +`date`: expected a date, received "yesterday"  ingest\/date\n +hint: write 2021-10-19 08:49:00\n\ncontent\/b\.md\n/);
  assert.match(text, /✖ 1 error, 1 warning · 1 of 3 articles skipped$/);
});

test('should print files with errors first and count, not print, past the limit', () => {
  const warnings = Array.from({ length: 5 }, (_, i) => warningAt(`w${i}.md`, 'images/skipped', 'not re-hosted'));
  const text = formatDiagnostics([...warnings, errorAt('z.md', 'ingest/title', 'no title')], { articles: 6, skipped: 1 }, undefined, 3);
  assert.match(text, /^z\.md\n/);
  assert.match(text, /… and 3 more files with problems/);
  assert.doesNotMatch(text, /w4\.md/);
});

test('should keep untrusted text on one line', () => {
  const text = formatDiagnostics([errorAt('a.md', 'ingest/title', 'title "a\nb\u001b[31m"')], { articles: 1, skipped: 1 });
  assert.match(text, /title "a b \[31m"/);
});

test('should say so when there is no problem', () => {
  assert.equal(summaryLine([], { articles: 17, skipped: 0 }), '✔ 17 articles, no problems');
});
