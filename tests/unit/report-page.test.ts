import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeBuildReport, type ReportArticle } from '../../src/report/build-report.ts';

const article = (source: string, title: string, images: ReportArticle['images'], removed: Record<string, number>): ReportArticle => ({
  source, url: `/${source}/`, output: `${source}/index.html`, title, date: '2022-01-01T08:00:00+08:00', categories: [['新闻']], images, removed, warnings: [],
});

test('a report named .html should be a page: counts, slowest steps, skipped posts, images by host, removals, restored titles and stories, all escaped', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-report-page-'));
  try {
    const file = path.join(dir, 'report.html');
    const dead = (n: number, host: string, error: string) => ({ original: `https://${host}/${n}.jpg`, origin: `https://${host}/${n}.jpg`, status: 'failed' as const, error });
    await writeBuildReport(file, {
      articles: [
        article('a.md', '<script>alert(1)</script>标题', [dead(1, 'img.zaker.cn', 'network error: ENOTFOUND'), dead(2, 'img.zaker.cn', 'network error: ENOTFOUND')], { script: 3, 'event-handler': 1 }),
        article('b.md', 'Quiet', [dead(3, 'cdn.example.org', 'HTTP 404')], {}),
      ],
      skipped: [{ source: 'bad "date".md', line: 4, code: 'ingest/date', message: '`date`: expected a date, received "<b>yesterday</b>"', hint: 'write 2022-01-01', problems: [] }],
      pages: 12,
      excluded: [],
      summary: { articles: 3, built: 2, skipped: 1, errors: 1, warnings: 3 },
      timings: [{ step: 'images', ms: 120 }, { step: 'render', ms: 4200 }, { step: 'ingest and sanitize', ms: 900 }],
      titles: [{ source: 'a.md', from: '_瓣瓣同心_向阳开', to: '“瓣瓣同心”向阳开' }],
      duplicates: [{
        canonical: { source: 'b.md', url: '/b.md/', title: 'Quiet', date: '2022-01-02T08:00:00+08:00' },
        copies: [{ source: 'c.md', url: '/c.md/', title: '<i>Quiet</i> again', date: '2022-01-01T08:00:00+08:00', similarity: 0.625 }],
      }],
    });
    const html = await readFile(file, 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.doesNotMatch(html, /<script>|<b>yesterday/, 'untrusted text is escaped');
    assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;标题/);
    assert.match(html, /3 posts: 2 built, 1 skipped · 1 errors, 3 warnings · 12 pages/);
    assert.ok(html.indexOf('render') < html.indexOf('ingest and sanitize') && html.indexOf('ingest and sanitize') < html.indexOf('>images<'), 'the slowest step first');
    assert.match(html, /<code>bad &#34;date&#34;\.md<\/code><\/td><td class="n">4<\/td>/);
    assert.match(html, /<code>img\.zaker\.cn<\/code><\/td><td class="n">2<\/td><td>network error: ENOTFOUND<\/td>/, 'failed images grouped by host');
    assert.match(html, /<td class="n">4<\/td><td>script 3, event-handler 1<\/td>/, 'what the sanitizer removed, by kind');
    assert.match(html, /default-src 'none'/, 'the page loads nothing');
    assert.match(html, /Titles restored from their bodies \(1\)[\s\S]*<td>_瓣瓣同心_向阳开<\/td><td>“瓣瓣同心”向阳开<\/td>/, 'each title, as filed and as shown');
    assert.match(html, /Stories told by several posts \(1\)[\s\S]*<code>b\.md<\/code><\/td><td>&#60;i&#62;Quiet&#60;\/i&#62; again \(0\.63\)<br><code>c\.md<\/code>/, 'each story with its copies');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
