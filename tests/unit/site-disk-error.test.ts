import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toDiskBuildError } from '../../src/site/disk-error.ts';

/** The shape Eleventy throws: its own error, the fs error as `originalError`. */
function eleventyError(code: string, file: string): Error {
  const fsError = Object.assign(new Error(`${code}: something went wrong, open '${file}'`), { code, path: file });
  return Object.assign(new Error(`Having trouble writing to "${file}" from "./templates/listing.njk"`), { originalError: fsError });
}

test('should name a full disk with the file and a hint to free space', () => {
  const error = toDiskBuildError(eleventyError('ENOSPC', '/srv/_site/index.html'), '/srv/_site');
  assert.ok(error);
  assert.match(error.message, /\/srv\/_site\/index.html: ENOSPC/);
  assert.match(error.hint ?? '', /free some space/);
  assert.equal(error.file, '/srv/_site/index.html');
});

test('should name an output folder that cannot be written', () => {
  const error = toDiskBuildError(eleventyError('EROFS', '/srv/_site/a/index.html'), '/srv/_site');
  assert.match(error?.message ?? '', /\/srv\/_site\/a\/index.html: EROFS/);
  assert.match(error?.hint ?? '', /permissions/);
});

test('should leave other errors (a template bug) to the template error', () => {
  assert.equal(toDiskBuildError(new Error('unknown block tag: endfi'), '/srv/_site'), undefined);
  assert.equal(toDiskBuildError(eleventyError('ENOENT', '/srv/x'), '/srv/_site'), undefined);
  assert.equal(toDiskBuildError('not an error', '/srv/_site'), undefined);
});
