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
