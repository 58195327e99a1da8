import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeWriteFailure } from '../../src/report/write-failure.ts';
import { BuildError } from '../../src/report/build-error.ts';

function systemError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code, path: '/srv/www/_site.wirepress-staging-1-2/index.html' });
}

test('should name ENOSPC and tell the user to free space, however deep Eleventy wrapped it', () => {
  const enospc = systemError('ENOSPC', 'no space left on device, write');
  // Eleventy: TemplateWriterWriteError → originalError; then the render stage's template error → cause.
  const eleventy = Object.assign(new Error('Having trouble writing to "…/index.html" from "./templates/listing.njk"'), { originalError: enospc });
  const wrapped = new BuildError('a template failed to render in templates/listing.njk: ENOSPC: no space left on device, write', { cause: eleventy });
  const described = describeWriteFailure(wrapped, '/srv/www/_site');
  assert.ok(described instanceof BuildError);
  assert.match(described.message, /^cannot write the site into \/srv\/www\/_site: no space left on the device \(ENOSPC\)/);
  assert.match(described.hint ?? '', /^Free space on the disk holding \/srv\/www\b/);
  assert.equal(described.cause, enospc, 'the cause is the system error, not the wrapper listing every file');
});

test('should recognize a read-only disk from the message alone', () => {
  const described = describeWriteFailure(new Error("EROFS: read-only file system, mkdir '/mnt/ro/_site'"), '/mnt/ro/_site');
  assert.match(described?.message ?? '', /read-only \(EROFS\)/);
  assert.match(described?.hint ?? '', /writable disk/);
});

test('should leave template and other errors alone', () => {
  assert.equal(describeWriteFailure(new BuildError('a template failed to render: unknown block tag: endfi'), '/srv/www/_site'), undefined);
  assert.equal(describeWriteFailure(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }), '/srv/www/_site'), undefined);
  assert.equal(describeWriteFailure(undefined, '/srv/www/_site'), undefined);
});
