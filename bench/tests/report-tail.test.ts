import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { writeBuildReport, type BuildReport, type ReportArticle } from '../../src/report/build-report.ts';
import { readReportTail } from '../lib/report-tail.ts';

const dir = await mkdtemp(path.join(tmpdir(), 'bench-report-'));
after(() => rm(dir, { recursive: true, force: true }));

const article = (i: number): ReportArticle =>
  ({ source: `a/${i}.md`, url: `/${i}/`, output: `${i}/index.html`, title: `标题 ],\n{"x":1} ${i}`, date: '2021-10-19T08:49:00+08:00', categories: [['新媒体']], images: [], warnings: [] }) as unknown as ReportArticle;

test('the bench should read pages, summary and timings of a report as writeBuildReport writes it, without its articles', async () => {
  for (const count of [0, 1, 3]) {
    const file = path.join(dir, `report-${count}.json`);
    const report = { articles: Array.from({ length: count }, (_, i) => article(i)), skipped: [], pages: 42, summary: { articles: count }, timings: [{ step: 'render', ms: 12 }] };
    await writeBuildReport(file, report as unknown as BuildReport);
    const tail = await readReportTail(file);
    assert.deepEqual(tail, { skipped: [], pages: 42, summary: { articles: count }, timings: [{ step: 'render', ms: 12 }] }, `${count} articles`);
  }
});

test('the bench should find no report in a missing file or in other JSON', async () => {
  assert.equal(await readReportTail(path.join(dir, 'missing.json')), undefined);
  const other = path.join(dir, 'other.json');
  await writeFile(other, '{"pages": 3}\n');
  assert.equal(await readReportTail(other), undefined);
});
