import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from '../support/browser.ts';
import { runCli } from '../support/run-cli.ts';
import { serveStatic } from '../support/static-server.ts';

const FILLER = '今天本市天气晴朗，市民出行顺利，各项工作有序推进。';
const FINDS = [
  { month: '2021-01', n: 7, phrase: '青藏高原铁路', title: '一月的高原铁路新闻' },
  { month: '2021-02', n: 150, phrase: '海底隧道工程', title: '二月的海底隧道新闻' },
];

/** `count` plain posts in `month`; the post numbered `find.n` (if any) carries its phrase and title. */
async function writeMonth(dir: string, month: string, count: number): Promise<void> {
  for (let n = 0; n < count; n++) {
    const find = FINDS.find((f) => f.month === month && f.n === n);
    const title = find?.title ?? `${month} 第${n}条消息`;
    const day = String(1 + (n % 28)).padStart(2, '0');
    const body = `<p>${FILLER}${find ? `${find.phrase}正在建设。` : ''}</p>`;
    await writeFile(path.join(dir, `${month}-${n}.md`), `---\ntitle: ${title}\ndate: ${month}-${day} 08:00:00\ncategories: [本地]\n---\n${body}\n`);
  }
}

test('a reader should find articles from every shard of a search index cut by month', { timeout: 180_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-search-shards-'));
  const content = path.join(dir, 'content');
  await mkdir(content);
  // Two months of 220 posts: each fills a shard of its own.
  await writeMonth(content, '2021-01', 220);
  await writeMonth(content, '2021-02', 220);
  const out = path.join(dir, '_site');
  const run = await runCli(['build', '--content', content, '--out', out, '--cache', path.join(dir, '.cache'), '--offline'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  const { shards } = JSON.parse(await readFile(path.join(out, 'pagefind/shards.json'), 'utf8')) as { shards: string[] };
  assert.equal(shards.length, 2, 'one shard per month');

  const site = await serveStatic(out);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
    for (const find of FINDS) {
      await page.goto(`${site.url}search/?q=${encodeURIComponent(find.phrase)}`, { waitUntil: 'load' });
      await page.locator('#search-results a', { hasText: find.title }).waitFor({ timeout: 20_000 });
    }
    assert.deepEqual(errors, [], 'no console error (CSP included)');
  } finally {
    await browser.close();
    await site.close();
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});
