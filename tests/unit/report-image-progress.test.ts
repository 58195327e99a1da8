import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createImageProgress, describeProgress } from '../../src/report/image-progress.ts';

function fakeLog() {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream;
  return { stream, lines };
}

test('should describe progress with done/total, failures, rate and ETA', () => {
  assert.equal(describeProgress({ done: 120, total: 1000, failed: 3 }, 10_000), 'images: 120/1000 (3 failed) · 12.0/s · ETA 74 s');
  assert.equal(describeProgress({ done: 10, total: 10, failed: 0 }, 2_000), 'images: 10/10 (0 failed) · 5.0/s');
  assert.equal(describeProgress({ done: 0, total: 10, failed: 0 }, 0), 'images: 0/10 (0 failed) · 0.0/s', 'no ETA before a rate, never NaN or Infinity');
});

test('should never show NaN or INF on a terminal bar, before the first image too', () => {
  let text = '';
  const stream = { isTTY: true, columns: 120, write: (chunk: string) => ((text += chunk), true), cursorTo: () => true, clearLine: () => true, moveCursor: () => true, on: () => stream, removeListener: () => stream } as unknown as NodeJS.WriteStream;
  const progress = createImageProgress(stream);
  progress.update({ done: 0, total: 50, failed: 0 });
  progress.update({ done: 1, total: 50, failed: 0 });
  progress.stop();
  assert.match(text, /0\/50 · 0 failed · ETA …/);
  assert.doesNotMatch(text, /NaN|INF|Infinity/);
});

test('should print periodic lines to a CI log and end on the final count', () => {
  const { stream, lines } = fakeLog();
  const progress = createImageProgress(stream, 0);
  progress.update({ done: 0, total: 3, failed: 0 });
  progress.update({ done: 2, total: 3, failed: 1 });
  progress.update({ done: 3, total: 3, failed: 1 });
  progress.update({ done: 3, total: 3, failed: 1 });
  assert.ok(lines.length >= 3);
  assert.match(lines.at(-1)!, /^images: 3\/3 \(1 failed\)/);
  assert.equal(lines.filter((l) => l.startsWith('images: 3/3')).length, 1, 'the final count once; nothing after it');
});

test('should stay quiet when there is at most one image', () => {
  const { stream, lines } = fakeLog();
  const progress = createImageProgress(stream, 0);
  progress.update({ done: 0, total: 1, failed: 0 });
  progress.update({ done: 1, total: 1, failed: 0 });
  progress.stop();
  assert.deepEqual(lines, []);
});
