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
  const text = formatDiagnostics([...warnings, errorAt('z.md', 'ingest/title', 'no title')], { articles: 6, skipped: 1 }, undefined, { maxFiles: 3 });
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

test('should tell images not re-hosted by cause, with counts and hosts, and each under its post with verbose', () => {
  const dead = (file: string, origin: string, reason: string) =>
    warningAt(file, 'images/fetch', `image ${origin}: ${reason}; linked to its origin`, { images: [{ origin, reason }] });
  const diagnostics = [
    ...Array.from({ length: 120 }, (_, i) => dead(`p${i % 50}.md`, `https://img.zaker.cn/${i}.jpg`, 'network error: ENOTFOUND')),
    dead('p1.md', 'https://pic.example.com/a.jpg', 'network error: ENOTFOUND'),
    ...Array.from({ length: 17 }, (_, i) => dead(`q${i}.md`, `https://cdn${i % 5}.example.org/${i}.png`, 'HTTP 404')),
    errorAt('bad.md', 'ingest/date', 'no date'),
  ];
  const text = formatDiagnostics(diagnostics, { articles: 70, skipped: 1 });
  const lines = text.split('\n');
  assert.ok(lines.length < 15, `a few lines, not hundreds:\n${text}`);
  assert.match(text, /^bad\.md\n/, 'other problems are listed by file as before');
  assert.match(text, /121 images in 50 posts +network error: ENOTFOUND +img\.zaker\.cn \(120\), pic\.example\.com \(1\)/);
  assert.match(text, /17 images in 17 posts +HTTP 404 +cdn0\.example\.org \(4\), cdn1\.example\.org \(4\), cdn2\.example\.org \(3\) and 2 more hosts/);
  assert.match(text, /⚠|✖ 1 error, 138 warnings/);

  const verbose = formatDiagnostics(diagnostics, { articles: 70, skipped: 1 }, undefined, { verbose: true, maxFiles: 1000 });
  assert.match(verbose, /^p1\.md\n(.*\n)*.*image https:\/\/pic\.example\.com\/a\.jpg: network error: ENOTFOUND/m);
  assert.doesNotMatch(verbose, /images not re-hosted \(/);
});
