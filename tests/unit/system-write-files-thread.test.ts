import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileWriterThread } from '../../src/system/write-files-thread.ts';

test('should write each file with its text, making its folders, batch after batch', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-writer-'));
  const writer = new FileWriterThread();
  try {
    await writer.write([
      { file: path.join(dir, 'a/b/index.html'), text: '<p>一</p>' },
      { file: path.join(dir, 'a/c.xml'), text: '<feed/>' },
    ]);
    // The same folder again, and a new one in the next batch.
    await writer.write([{ file: path.join(dir, 'a/b/two.html'), text: 'two' }, { file: path.join(dir, 'd/index.html'), text: '' }]);
    assert.equal(await readFile(path.join(dir, 'a/b/index.html'), 'utf8'), '<p>一</p>');
    assert.equal(await readFile(path.join(dir, 'a/c.xml'), 'utf8'), '<feed/>');
    assert.equal(await readFile(path.join(dir, 'a/b/two.html'), 'utf8'), 'two');
    assert.equal(await readFile(path.join(dir, 'd/index.html'), 'utf8'), '');
  } finally {
    await writer.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('should write every file of a batch handed over a few files at a time, and stop at the first failed write', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-writer-'));
  const writer = new FileWriterThread();
  try {
    const files = Array.from({ length: 450 }, (_, i) => ({ file: path.join(dir, `p${i % 7}`, `${i}.html`), text: `页 ${i}` }));
    await writer.write(files);
    for (const i of [0, 99, 100, 101, 299, 449]) assert.equal(await readFile(path.join(dir, `p${i % 7}`, `${i}.html`), 'utf8'), `页 ${i}`);

    await writeFile(path.join(dir, 'blocked'), 'a file');
    const failing = Array.from({ length: 5000 }, (_, i) => ({ file: path.join(dir, i === 150 ? 'blocked/x.html' : `q/${i}.html`), text: 'x' }));
    await assert.rejects(writer.write(failing), (error: NodeJS.ErrnoException) => error.path?.startsWith(path.join(dir, 'blocked')) === true);
    // The files before it are written; those far after it are never handed over.
    assert.equal(await readFile(path.join(dir, 'q/149.html'), 'utf8'), 'x');
    await assert.rejects(readFile(path.join(dir, 'q/4999.html')), { code: 'ENOENT' });
  } finally {
    await writer.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('should reject with the system error\'s code and path, for the build to name the failure, and go on writing', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-writer-'));
  // A file where a folder should be: a write under it fails.
  await writeFile(path.join(dir, 'blocked'), 'a file');
  const writer = new FileWriterThread();
  try {
    await assert.rejects(writer.write([{ file: path.join(dir, 'blocked/page/index.html'), text: 'x' }]), (error: NodeJS.ErrnoException) => {
      assert.match(error.code ?? '', /^(ENOTDIR|EEXIST)$/);
      assert.ok(error.path?.startsWith(path.join(dir, 'blocked')), `the path is named: ${error.path}`);
      return true;
    });
    await writer.write([{ file: path.join(dir, 'ok.html'), text: 'ok' }]);
    assert.equal(await readFile(path.join(dir, 'ok.html'), 'utf8'), 'ok');
  } finally {
    await writer.close();
    await rm(dir, { recursive: true, force: true });
  }
});
