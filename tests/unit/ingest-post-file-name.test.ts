import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePostFileName } from '../../src/ingest/post-file-name.ts';

test('should take the whole path as the slug with the default new_post_name', () => {
  assert.deepEqual(parsePostFileName(':title.md', '科技/头条/新能源车企　三季度  交付.md'), { slug: '科技/头条/新能源车企　三季度  交付' });
});

test('should read the slug and the date of a file named by :year-:month-:day-:title', () => {
  assert.deepEqual(parsePostFileName(':year-:month-:day-:title.md', '2021-10-19-storm-hits.md'), { slug: 'storm-hits', date: { year: 2021, month: 10, day: 19 } });
  assert.deepEqual(parsePostFileName(':year/:i_month/:title.md', '2021/3/spring.md').slug, 'spring');
});

test("should slugize the whole path of a file the pattern does not match, as Hexo does", () => {
  assert.deepEqual(parsePostFileName(':year-:month-:day-:title.md', 'news/港口 快讯.md'), { slug: 'news-港口-快讯' });
  assert.deepEqual(parsePostFileName(':year-:month-:day-:title.md', '2021-13-40-odd.md'), { slug: 'odd' }, 'an impossible date gives no date');
});
