import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/build.ts';
import { makeConfig } from '../helpers/make-config.ts';
import { searchIndexHolds } from '../helpers/search-index.ts';

// A technical post the way the bots scrape one: a heading first, a code listing, a video, a task list.
const BODY = [
  '<div><hr>',
  '<h2>背景介绍</h2>',
  '<p>本文介绍 <code>CompletableFuture</code> 的组合用法。</p>',
  '<pre><code>List&lt;CompletableFuture&lt;T&gt;&gt; futures = new ArrayList&lt;&gt;();\nfutures.forEach(CompletableFuture::join);</code></pre>',
  '<p><iframe src="https://www.youtube.com/embed/abc123"></iframe></p>',
  '<ul><li><input type="checkbox" disabled checked> 读完全文</li></ul>',
  '<p>{% label info@注意 %}：示例需要 JDK 8。</p>',
  '</div>',
].join('\n');

const EXPECTED = '本文介绍 CompletableFuture 的组合用法。 读完全文 注意：示例需要 JDK 8。';

test('should show a plain-sentence summary in listings, feeds and the description, and search all the text', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-summary-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const config = makeConfig(dir);
  await mkdir(config.contentDir, { recursive: true });
  await writeFile(path.join(config.contentDir, 'futures.md'), `---\ntitle: 组合异步任务\ndate: 2022-03-01 08:00:00\n---\n${BODY}\n`);

  const result = await buildSite(config);
  assert.equal(result.articles.length, 1);
  assert.equal(result.articles[0]!.text, EXPECTED);

  const home = await readFile(path.join(config.outDir, 'index.html'), 'utf8');
  assert.match(home, new RegExp(`<p class="excerpt">${EXPECTED}</p>`));
  const feed = JSON.parse(await readFile(path.join(config.outDir, 'feed.json'), 'utf8')) as { items: { summary: string }[] };
  assert.equal(feed.items[0]?.summary, EXPECTED);
  const page = await readFile(path.join(config.outDir, result.articles[0]!.outputPath), 'utf8');
  assert.match(page, new RegExp(`<meta name="description" content="${EXPECTED}">`));

  for (const word of ['背景介绍', 'ArrayList', '读完全文']) assert.ok(await searchIndexHolds(config.outDir, word), `search finds ${word}`);
});
