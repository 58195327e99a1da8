import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { isInsideOrSame, resolveRequestPath } from '../../src/server/resolve-request-path.ts';

const ROOT = path.resolve('/srv/project/_site');

test('should map site URLs to files under the output folder', () => {
  const cases: [string, string, boolean][] = [
    ['/', '', true],
    ['/index.html', 'index.html', false],
    ['/2021/10/19/storm/', '2021/10/19/storm', true],
    ['/2021/10/19/storm/?utm=x#top', '2021/10/19/storm', true],
    ['/categories/%E6%96%B0%E5%AA%92%E4%BD%93/', 'categories/新媒体', true],
    ['/a%20b/c+d.html', 'a b/c+d.html', false],
    ['/images/x.webp', 'images/x.webp', false],
    ['/a//b.css', 'a/b.css', false],
  ];
  for (const [target, file, directory] of cases) {
    const resolved = resolveRequestPath(target, ROOT);
    assert.ok(resolved.ok, `${target} should resolve`);
    assert.equal(resolved.file, path.join(ROOT, file), target);
    assert.equal(resolved.directory, directory, target);
  }
});

test('should refuse every hostile path that could leave the output folder', () => {
  const hostile = [
    '/../etc/passwd',
    '/../../etc/passwd',
    '/a/../../etc/passwd',
    '/%2e%2e/etc/passwd',
    '/%2E%2E/%2e%2e/etc/passwd',
    '/%2e%2e%2fetc%2fpasswd',
    '/..%2f..%2fetc/passwd',
    '/..%5c..%5cwindows%5cwin.ini',
    '/..\\..\\etc\\passwd',
    '/a%5cb',
    '/.%2e/x',
    '/./index.html',
    '/%00',
    '/index.html%00.png',
    '/a%0d%0aSet-Cookie:x',
    '/..',
    '/a/..',
  ];
  for (const target of hostile) {
    const resolved = resolveRequestPath(target, ROOT);
    assert.equal(resolved.ok, false, `${target} should be refused`);
    if (!resolved.ok) assert.equal(resolved.status, 403, target);
  }
});

test('should answer 400 to malformed escapes and non-path targets', () => {
  for (const target of ['/%', '/%zz', '/%E6%96', '/%C0%AF', '*', 'http://evil.example/', '//evil.example/x', '']) {
    const resolved = resolveRequestPath(target, ROOT);
    assert.equal(resolved.ok, false, `${JSON.stringify(target)} should be refused`);
    if (!resolved.ok) assert.equal(resolved.status, 400, target);
  }
});

test('should decode exactly once, so double-encoded dots stay inside as a literal name', () => {
  for (const target of ['/%252e%252e/etc/passwd', '/%252e%252e%252fetc']) {
    const resolved = resolveRequestPath(target, ROOT);
    assert.ok(resolved.ok, target);
    assert.ok(isInsideOrSame(resolved.file, ROOT), `${target} → ${resolved.file}`);
    assert.ok(resolved.file.includes('%2e%2e'), 'the name keeps its literal percent signs');
  }
});

test('should strip the base path of a site published under a sub-folder', () => {
  const resolved = resolveRequestPath('/blog/2021/storm/', ROOT, '/blog');
  assert.ok(resolved.ok);
  assert.equal(resolved.file, path.join(ROOT, '2021/storm'));
  assert.equal(resolved.urlPath, '/2021/storm/');
  const home = resolveRequestPath('/blog', ROOT, '/blog');
  assert.ok(home.ok);
  assert.equal(home.file, ROOT);
  // `/blogger/` only starts like the base path.
  const other = resolveRequestPath('/blogger/', ROOT, '/blog');
  assert.ok(other.ok);
  assert.equal(other.file, path.join(ROOT, 'blogger'));
});

test('should not count a sibling folder that starts like the root as inside it', () => {
  assert.equal(isInsideOrSame(path.resolve('/srv/project/_site-secret/x'), ROOT), false);
  assert.equal(isInsideOrSame(path.resolve('/srv/project/_site2'), ROOT), false);
  assert.equal(isInsideOrSame(path.resolve('/srv/project'), ROOT), false);
  assert.equal(isInsideOrSame(ROOT, ROOT), true);
  assert.equal(isInsideOrSame(path.join(ROOT, 'a'), ROOT), true);
});
