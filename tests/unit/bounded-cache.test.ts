import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedCache } from '../../src/system/bounded-cache.ts';

test('should make each value once, undefined included, and start over when full', () => {
  const made: string[] = [];
  const cache = new BoundedCache<string | undefined>(2);
  const get = (key: string) => cache.get(key, () => (made.push(key), key === 'none' ? undefined : key.toUpperCase()));
  assert.equal(get('a'), 'A');
  assert.equal(get('none'), undefined);
  assert.equal(get('a'), 'A');
  assert.equal(get('none'), undefined);
  assert.deepEqual(made, ['a', 'none'], 'a known key, even one whose value is undefined, is not made again');
  assert.equal(get('b'), 'B');
  assert.equal(get('a'), 'A');
  assert.deepEqual(made, ['a', 'none', 'b', 'a'], 'a third key starts over: the first is made again');
});
