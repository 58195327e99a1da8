import { setTimeout as delay } from 'node:timers/promises';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import sharp from 'sharp';
import { launchChromium } from '../helpers/browser.ts';
import { serve, startOriginServer, type OriginServer, type Route as OriginRoute } from '../helpers/origin-server.ts';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';
import { serveStatic } from '../helpers/static-server.ts';

// Issue #22, item 11: listings show each story's re-hosted cover as a small thumbnail, as news sites do.
const ARTIFACTS = path.join(REPO_ROOT, 'test-results');

/** A stand-in news photo: a sky, a sun and two hills, in the story's colours. */
async function makePhoto(width: number, height: number, sky: [string, string], hill: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 120 80" preserveAspectRatio="none">
    <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky[0]}"/><stop offset="1" stop-color="${sky[1]}"/></linearGradient></defs>
    <rect width="120" height="80" fill="url(#s)"/>
    <circle cx="86" cy="26" r="11" fill="#fff6d5" opacity="0.9"/>
    <path d="M0 62 Q30 38 60 58 T120 50 V80 H0 Z" fill="${hill}" opacity="0.75"/>
    <path d="M0 72 Q40 56 80 70 T120 66 V80 H0 Z" fill="${hill}"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** The stories of the test site: covers of several shapes, one whose host answers 404, and two without a cover. */
const POSTS = [
  { slug: 'harbour', title: '港口吞吐量再创新高 集装箱航线新增三条', cover: 'harbour.jpg', tags: ['航运'] },
  { slug: 'rail', title: '北方铁路货运量翻番', cover: 'rail.jpg', tags: ['铁路'] },
  { slug: 'no-cover', title: '央行公布十月金融数据：社会融资规模增量超预期，M2 同比增长 8.5%', cover: undefined, tags: ['金融'] },
  { slug: 'portrait', title: '秋季作物收获进度过半', cover: 'portrait.jpg', tags: ['农业'] },
  { slug: 'gone', title: '封面图片已失效的一篇报道', cover: 'gone.jpg', tags: ['航运'] },
  { slug: 'latin', title: 'Kubernetes-CustomResourceDefinition-Controller 调谐循环实践', cover: 'square.jpg', tags: ['云原生'] },
  { slug: 'small', title: '小图也能当封面', cover: 'small.jpg', tags: ['铁路'] },
  { slug: 'text-only', title: '一则没有配图的简讯', cover: undefined, tags: ['金融'] },
] as const;

const PARAGRAPH =
  '记者从有关部门获悉，今年以来相关指标持续向好，多项数据创下同期新高。业内人士表示，这一变化反映出需求稳步恢复，后续仍需关注成本与运力的匹配情况。';

let site: { url: string; close(): Promise<void> };
let origin: OriginServer;
let browser: Browser;
let dir = '';

before(async () => {
  const photos: Record<string, OriginRoute> = {
    '/harbour.jpg': serve(await makePhoto(1600, 900, ['#5aa0d8', '#cfe6f5'], '#2f5d7c'), 'image/jpeg'),
    '/rail.jpg': serve(await makePhoto(1200, 800, ['#f0a35e', '#fde2c4'], '#6b4a3a'), 'image/jpeg'),
    '/portrait.jpg': serve(await makePhoto(800, 1200, ['#7cc08a', '#e4f3dd'], '#3d6b35'), 'image/jpeg'),
    '/square.jpg': serve(await makePhoto(640, 640, ['#8d7cc8', '#e6e0f7'], '#41367a'), 'image/jpeg'),
    '/small.jpg': serve(await makePhoto(300, 200, ['#d87c8a', '#f7dde1'], '#7a3644'), 'image/jpeg'),
  };
  origin = await startOriginServer(photos);
  dir = await mkdtemp(path.join(tmpdir(), 'wirepress-listing-thumbs-'));
  const content = path.join(dir, 'content');
  await mkdir(content);
  for (const [i, post] of POSTS.entries()) {
    const cover = post.cover ? `headimg: 'https://cors.zfour.workers.dev/?${origin.origin}/${post.cover}'\n` : '';
    const front = `---\ntitle: '${post.title}'\ncategories:\n - 新闻\n - 综合\ntags:\n - ${post.tags[0]}\nauthor: 本报记者\n${cover}date: 2024-05-${String(20 - i).padStart(2, '0')} 09:30:00\n---\n\n`;
    await writeFile(path.join(content, `${post.slug}.md`), `${front}<p>${post.title}。${PARAGRAPH}</p>\n<p>${PARAGRAPH}</p>\n`);
  }
  const out = path.join(dir, '_site');
  const run = await runCli(['build', '--content', content, '--out', out, '--cache', path.join(dir, '.cache'), '--allow-host', '127.0.0.1'], { cwd: dir });
  // 1: the cover that answers 404 is reported (and must not become a thumbnail).
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  site = await serveStatic(out);
  browser = await launchChromium();
  await mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await origin?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface EntryBox {
  title: string;
  height: number;
  textLeft: number;
  textWidth: number;
  thumb: { width: number; height: number; top: number; right: number; src: string; complete: boolean } | null;
}

/** Each listing entry's box, its text column and its thumbnail, measured in the page (a string: tests compile without DOM types). */
async function measureEntries(page: Page): Promise<EntryBox[]> {
  return (await page.evaluate(`[...document.querySelectorAll('.listing .summary')].map((entry) => {
    const box = entry.getBoundingClientRect();
    const title = entry.querySelector('.summary-title').getBoundingClientRect();
    const img = entry.querySelector('img');
    const thumb = img && img.getBoundingClientRect();
    return {
      title: entry.querySelector('.summary-title a').textContent,
      height: box.height,
      textLeft: title.left,
      textWidth: title.width,
      thumb: img && { width: thumb.width, height: thumb.height, top: thumb.top - box.top, right: box.right - thumb.right, src: img.currentSrc, complete: img.complete && img.naturalWidth > 0 },
    };
  })`)) as EntryBox[];
}

for (const width of [375, 1280]) {
  test(`a listing at ${width} px should show small thumbnails beside the text, reserve their boxes before they load, and not overflow`, async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const outside: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(site.url)) outside.push(request.url());
    });
    // Hold every image until the layout has been measured without them.
    const held: Route[] = [];
    await page.route('**/images/**', (route) => {
      held.push(route);
    });
    await page.goto(site.url, { waitUntil: 'domcontentloaded' });
    // The page's own stylesheet is applied; only the images are still held.
    // Polled from outside: waitForFunction evaluates its predicate in the page, which the site's CSP forbids.
    while (!(await page.evaluate(`[...document.querySelectorAll('link[rel=stylesheet]')].every((link) => link.sheet !== null)`))) await delay(20);
    const before = await measureEntries(page);

    assert.equal(before.length, POSTS.length);
    const withThumb = before.filter((entry) => entry.thumb !== null).map((entry) => entry.title);
    assert.deepEqual(
      withThumb,
      POSTS.filter((post) => post.cover && post.cover !== 'gone.jpg').map((post) => post.title),
      'a thumbnail for each re-hosted cover, none for a missing or failed one',
    );
    const range = width < 640 ? [64, 112] : [120, 160];
    for (const entry of before) {
      if (!entry.thumb) continue;
      assert.equal(entry.thumb.complete, false, 'measured before the images arrive');
      assert.ok(entry.thumb.width >= range[0]! && entry.thumb.width <= range[1]!, `${entry.title}: thumbnail ${entry.thumb.width} px wide, reserved before loading`);
      assert.ok(entry.thumb.height > entry.thumb.width / 2, `${entry.title}: thumbnail box ${entry.thumb.height} px high before loading`);
      assert.ok(entry.thumb.top < 30 && entry.thumb.right < 1, `${entry.title}: thumbnail at the top right of its entry`);
      assert.ok(entry.textWidth >= (width < 640 ? 200 : 480), `${entry.title}: text column ${entry.textWidth} px wide`);
    }
    assert.equal(new Set(before.map((entry) => Math.round(entry.textLeft))).size, 1, 'every title starts at the same left edge, with or without a thumbnail');
    assert.equal(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'), 0, 'no horizontal overflow');

    // Release the images and load the ones below the fold too, as a reader scrolling would.
    for (const route of held.splice(0)) await route.continue();
    await page.unroute('**/images/**');
    await page.evaluate(`(async () => {
      for (const img of document.images) img.loading = 'eager';
      await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
    })()`);
    const after = await measureEntries(page);
    for (const [i, entry] of after.entries()) {
      assert.equal(entry.height, before[i]!.height, `${entry.title}: same height before and after its thumbnail loaded`);
      if (!entry.thumb) continue;
      assert.ok(entry.thumb.complete, `${entry.thumb.src} loaded`);
      assert.deepEqual([entry.thumb.width, entry.thumb.height], [before[i]!.thumb!.width, before[i]!.thumb!.height], `${entry.title}: thumbnail kept its box`);
      assert.ok(entry.thumb.src.startsWith(`${site.url}images/`), `${entry.thumb.src} is re-hosted`);
    }
    assert.deepEqual(outside, [], 'nothing is hot-linked');
    assert.equal(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'), 0, 'no horizontal overflow');
    await page.screenshot({ path: path.join(ARTIFACTS, `listing-${width}.png`), fullPage: true });
    await context.close();
  });
}

test('tag, category, archive and author listings should show thumbnails too', async () => {
  const home = await (await fetch(site.url)).text();
  const thumbs = (html: string) => [...html.matchAll(/<a class="summary-thumb"[\s\S]*?<\/a>/g)].length;
  assert.equal(thumbs(home), 5);
  const tag = encodeURI('tags/铁路/');
  const pages = [tag, encodeURI('categories/新闻/综合/'), 'archives/2024/05/', encodeURI('authors/本报记者/')];
  for (const url of pages) {
    const html = await (await fetch(new URL(url, site.url))).text();
    assert.ok(thumbs(html) > 0, `${url} shows thumbnails`);
  }
  assert.equal(thumbs(await (await fetch(new URL(tag, site.url))).text()), 2, 'both railway stories have a re-hosted cover');
});

test('a thumbnail should name its smallest variant only, and its files should be on the site', async () => {
  const home = await (await fetch(site.url)).text();
  for (const [, markup = ''] of home.matchAll(/(<a class="summary-thumb"[\s\S]*?<\/a>)/g)) {
    assert.doesNotMatch(markup, /\d+w\b/, 'no srcset of several widths');
    const urls = [...markup.matchAll(/(?:src|srcset)="([^"]+)"/g)].map((m) => m[1] ?? '');
    assert.ok(urls.length >= 1);
    for (const url of urls) assert.equal((await fetch(new URL(url, site.url))).status, 200, url);
  }
  const rail = home.match(/<a class="summary-thumb" href="[^"]*rail[^"]*"[\s\S]*?<\/a>/)?.[0] ?? '';
  // 1200×800 at the default widths (480, 960, 1440): the 480 px variant, 320 px high.
  assert.match(rail, /<img src="\/images\/[0-9a-f]+-480\.jpg" width="480" height="320" alt="" loading="lazy" decoding="async">/);
  const small = home.match(/<a class="summary-thumb" href="[^"]*small[^"]*"[\s\S]*?<\/a>/)?.[0] ?? '';
  assert.match(small, /width="300" height="200"/, 'an image narrower than every configured width keeps its own');
});
