import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupArchives } from '../../src/site/pages/archives.ts';
import { localDate } from '../../src/site/pages/local-date.ts';

test('should file an article at 23:30 UTC under the next day in Asia/Shanghai', () => {
  assert.deepEqual(localDate('2021-10-31T23:30:00Z', 'Asia/Shanghai'), { year: 2021, month: 11, day: 1 });
  assert.deepEqual(localDate('2021-10-31T23:30:00Z', 'UTC'), { year: 2021, month: 10, day: 31 });
});

test('should group articles by year and month in the site timezone, newest first, with their indices', () => {
  const articles = [
    { date: '2022-01-02T10:00:00+08:00' },
    { date: '2021-12-31T23:30:00Z' }, // 2022-01-01 07:30 in Shanghai
    { date: '2021-10-31T23:30:00Z' }, // 2021-11-01 in Shanghai
    { date: '2021-10-19T08:49:00+08:00' },
    { date: '2021-10-01T00:10:00+08:00' }, // 2021-09-30 16:10 UTC: still October for the site
  ];
  const years = groupArchives(articles, 'Asia/Shanghai');
  assert.deepEqual(
    years.map((y) => [y.year, y.articles, y.months.map((m) => [m.month, m.articles])]),
    [
      [2022, [0, 1], [[1, [0, 1]]]],
      [
        2021,
        [2, 3, 4],
        [
          [11, [2]],
          [10, [3, 4]],
        ],
      ],
    ],
  );
});

test('should leave out an article whose date cannot be read instead of throwing', () => {
  const years = groupArchives([{ date: 'yesterday' }, { date: '2021-10-19T08:49:00+08:00' }], 'Asia/Shanghai');
  assert.deepEqual(years.map((y) => y.articles), [[1]]);
});
