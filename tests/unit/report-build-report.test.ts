import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeBuildReport, type BuildReport, type ReportArticle } from '../../src/report/build-report.ts';

function article(i: number): ReportArticle {
  return {
    source: `新闻/第${i}篇 "引号" \\ 反斜杠.md`,
    url: `/2024/01/0${i}/post-${i}/`,
    output: `2024/01/0${i}/post-${i}/index.html`,
    title: `标题 ${i}\n第二行\u2028分隔`,
    date: '2024-01-01T08:00:00+08:00',
    categories: [['新媒体', 'ZAKER']],
    images: [{ original: 'https://cors.zfour.workers.dev/?https://img.example.com/a.jpg', origin: 'https://img.example.com/a.jpg', status: 'skipped', error: 'offline' }],
    removed: { script: 1 },
    warnings: [{ code: 'images/skipped', message: '1 image not re-hosted', line: 3 }],
  };
}

test('should write the report as JSON that reads back the same, one article per line, and leave no temporary file', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-report-'));
  try {
    const report: BuildReport = {
      articles: [1, 2, 3].map(article),
      skipped: [{ source: 'bad.md', line: 2, code: 'ingest/yaml', message: 'broken', problems: [{ line: 2, code: 'ingest/yaml', message: 'broken' }] }],
      pages: 12,
      excluded: [{ source: 'draft.md', reason: 'draft' }],
      summary: { articles: 5, built: 3, skipped: 1, errors: 1, warnings: 3 },
      timings: [{ step: 'ingest', ms: 5 }],
    };
    const file = path.join(dir, 'nested', 'report.json');
    // Given lazily, as the CLI gives them: the writer must not need an array.
    await writeBuildReport(file, { ...report, articles: (function* () { yield* report.articles; })() });
    const text = await readFile(file, 'utf8');
    assert.deepEqual(JSON.parse(text), report);
    const lines = text.split('\n');
    for (const [i, a] of report.articles.entries()) assert.deepEqual(JSON.parse(lines[i + 1]!.replace(/,$/, '')), a, `line ${i + 2} is article ${i + 1}`);
    assert.deepEqual(await readdir(path.dirname(file)), ['report.json']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('should write a report without articles as valid JSON', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-report-'));
  try {
    const report: BuildReport = { articles: [], skipped: [], pages: 0, excluded: [], summary: { articles: 0, built: 0, skipped: 0, errors: 0, warnings: 0 }, timings: [] };
    await writeBuildReport(path.join(dir, 'r.json'), report);
    assert.deepEqual(JSON.parse(await readFile(path.join(dir, 'r.json'), 'utf8')), report);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
