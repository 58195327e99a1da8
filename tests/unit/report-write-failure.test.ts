import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeWriteFailure } from '../../src/report/write-failure.ts';

/** The shape Eleventy throws: its own error, the fs error as `originalError`. */
function eleventyError(code: string, file: string): Error {
  const fsError = Object.assign(new Error(`${code}: something went wrong, open '${file}'`), { code, path: file });
  return Object.assign(new Error(`Having trouble writing to "${file}" from "./templates/listing.njk"`), { originalError: fsError });
}

test('should name a full disk under a template error, with the file and a hint to free space', () => {
  const error = describeWriteFailure(eleventyError('ENOSPC', '/srv/_site/index.html'), '/srv/_site');
  assert.ok(error);
  assert.match(error.message, /no space left on the device \(ENOSPC\) \(writing \/srv\/_site\/index.html\)/);
  assert.match(error.hint ?? '', /Free space on the disk holding \/srv/);
  assert.equal(error.file, '/srv/_site');
});

test('should name an output folder that cannot be written', () => {
  const error = describeWriteFailure(eleventyError('EROFS', '/srv/_site/a/index.html'), '/srv/_site');
  assert.match(error?.message ?? '', /read-only \(EROFS\) \(writing \/srv\/_site\/a\/index.html\)/);
  assert.match(error?.hint ?? '', /writable disk/);
});

test('should leave other errors (a template bug) to the template error', () => {
  assert.equal(describeWriteFailure(new Error('unknown block tag: endfi'), '/srv/_site'), undefined);
  assert.equal(describeWriteFailure(eleventyError('ENOENT', '/srv/x'), '/srv/_site'), undefined);
  assert.equal(describeWriteFailure('not an error', '/srv/_site'), undefined);
});
