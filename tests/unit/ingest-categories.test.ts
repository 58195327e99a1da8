import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeCategories } from '../../src/ingest/normalize-categories.ts';

const categories = (value: unknown) => {
  const result = normalizeCategories(value);
  return 'categories' in result ? result.categories : result;
};

test('should read a list of names as ONE hierarchy, as Hexo does', () => {
  assert.deepEqual(categories(['新媒体', 'ZAKER', 'source']), [['新媒体', 'ZAKER', 'source']]);
});

test('should read a single name as one top-level category', () => {
  assert.deepEqual(categories('新闻'), [['新闻']]);
});

test('should read a list of lists as several hierarchies', () => {
  assert.deepEqual(categories([['a', 'b'], ['c']]), [['a', 'b'], ['c']]);
});

test('should read a mixed list as one hierarchy per item, as Hexo does', () => {
  assert.deepEqual(categories(['a', ['b', 'c']]), [['a'], ['b', 'c']]);
});

test('should trim names, drop empty levels and empty hierarchies, and keep duplicates once', () => {
  assert.deepEqual(categories(['  新媒体 ', '', null, ' ZAKER']), [['新媒体', 'ZAKER']]);
  assert.deepEqual(categories([['a', '  '], [], ['  '], ['a'], null]), [['a']]);
  assert.deepEqual(categories('   '), []);
});

test('should read numbers and booleans as their text', () => {
  assert.deepEqual(categories([2021, true]), [['2021', 'true']]);
});

test('should read a missing or empty value as no categories', () => {
  assert.deepEqual(categories(undefined), []);
  assert.deepEqual(categories(null), []);
  assert.deepEqual(categories([]), []);
});

test('should reject mappings and lists nested deeper than two levels, naming what was received', () => {
  assert.match(String((categories({ a: 'b' }) as { error: string }).error), /received a mapping/);
  assert.match(String((categories(['a', { b: 1 }]) as { error: string }).error), /received a mapping/);
  assert.match(String((categories([['a', ['b']]]) as { error: string }).error), /received a list/);
});
