import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listFiles, REPO_ROOT, runCli, type CliRun } from '../helpers/run-cli.ts';
import { assertSameSearch, inSearchIndex } from '../helpers/same-site.ts';
import { snapshotApp } from '../helpers/snapshot-app.ts';

/**
 * The correctness proof of incremental builds: after every kind of change,
 * a rebuild that reuses the previous output and cache (OUT_I, CACHE_I)
 * writes exactly the bytes a cold build into a fresh output folder with a
 * fresh cache writes, but for the search index: an update keeps its base
 * and adds a recent segment (src/search/index-plan.ts), so its files
 * differ, and its search must answer every query as the cold build's does.
 * The fixture is the sample site in content/.
 */

const ROOT = await mkdtemp(path.join(tmpdir(), 'wirepress-incremental-'));
const CONTENT = path.join(ROOT, 'content');
const OUT_I = path.join(ROOT, 'out-incremental');
const CACHE_I = path.join(ROOT, 'cache-incremental');
const CONFIG = path.join(ROOT, 'wirepress.config.yml');
// A copy of the CLI, whose templates a step changes.
const APP = await snapshotApp(REPO_ROOT, path.join(ROOT, 'app'));

let failed = false;
after(async () => {
  // A failed run keeps its folders to look at.
  if (failed) process.stderr.write(`incremental-build: fixtures kept in ${ROOT}\n`);
  // `maxRetries`: a build may still be deleting its previous output in the background.
  else await rm(ROOT, { recursive: true, force: true, maxRetries: 3 });
});

// The sample site's settings, with small listing pages so that one post more or less moves articles across pages.
const CONFIG_TEXT = `title: 早班电讯
description: 科技、游戏与产品设计新闻的转载合集，经过清洗，图片由本站托管。
baseUrl: http://localhost:8080/
language: zh-CN
timezone: Asia/Shanghai
permalink: ":year/:month/:day/:title/"
pageSize: 4
`;

interface BuildRun extends CliRun {
  pages: number;
  rendered: number;
  unchanged: number;
  /** How the search index was made (`whole`, `updated`, `unchanged`; none when the build kept the site as it was). */
  search: string | undefined;
}

/** One offline build of CONTENT (or of the site in `root`) into `out` with `cache`; fails the test unless it exits 0 and logs its page counts. */
async function build(out: string, cache: string, root?: string): Promise<BuildRun> {
  const report = `${out}.report.json`;
  const [config, content] = root ? [path.join(root, 'wirepress.config.yml'), path.join(root, 'content')] : [CONFIG, CONTENT];
  const run = await runCli(['build', '--config', config, '--content', content, '--out', out, '--cache', cache, '--offline', '--report', report], { cwd: root ?? ROOT, app: APP });
  assert.equal(run.code, 0, `build into ${out} exited ${run.code}:\n${run.stderr}`);
  const counts = /(?:wrote|kept) (\d+) pages (?:to|in) .+ \((\d+) rendered, (\d+) unchanged\)/.exec(run.stderr);
  assert.ok(counts, `no "wrote (or kept) N pages (R rendered, U unchanged)" line in:\n${run.stderr}`);
  const [pages, rendered, unchanged] = counts.slice(1).map(Number) as [number, number, number];
  assert.equal(rendered + unchanged, pages);
  const { search } = JSON.parse(await readFile(report, 'utf8')) as { search?: { made: string } };
  return { ...run, pages, rendered, unchanged, search: search?.made };
}

let coldBuilds = 0;
/** What the builds of the running step did, shown under it in the test output. */
const notes: string[] = [];
/**
 * Rebuilds OUT_I incrementally and, at the same time, builds the same content
 * cold into a fresh output and cache folder; asserts both trees are identical.
 */
async function rebuildAndCompare(label: string): Promise<{ incremental: BuildRun; cold: BuildRun }> {
  const coldOut = path.join(ROOT, `out-cold-${++coldBuilds}`);
  const coldCache = path.join(ROOT, `cache-cold-${coldBuilds}`);
  const [incremental, cold] = await Promise.all([build(OUT_I, CACHE_I), build(coldOut, coldCache)]);
  assert.equal(cold.rendered, cold.pages, 'a cold build renders every page');
  await assertSameTree(coldOut, OUT_I, label);
  const queries = await assertSameSearch(coldOut, OUT_I, label);
  assert.equal(incremental.pages, cold.pages);
  notes.push(
    `${incremental.pages} pages: incremental rendered ${incremental.rendered}, reused ${incremental.unchanged}, search index ${incremental.search ?? 'kept'}; identical to the cold build, and the same answers to ${queries} queries`,
  );
  await rm(coldOut, { recursive: true, force: true });
  await rm(coldCache, { recursive: true, force: true });
  return { incremental, cold };
}

/** Every file under `dir` but the search index's, relative, POSIX separators, sorted. */
async function relativeFiles(dir: string): Promise<string[]> {
  return (await listFiles(dir))
    .map((file) => path.relative(dir, file).split(path.sep).join('/'))
    .filter((file) => !inSearchIndex(file))
    .sort();
}

/** Every folder under `dir` but the search index's, relative, POSIX separators. */
async function relativeFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((folder) => !inSearchIndex(folder));
}

const TEXT_FILES = /\.(html|xml|json|css|js|txt|svg)$/;

/**
 * Asserts two output trees hold the same files with the same bytes. On a
 * difference, names the files only one tree has, or every file whose bytes
 * differ, with the first difference of the first one in context.
 */
async function assertSameTree(expectedDir: string, actualDir: string, label: string): Promise<void> {
  const expected = await relativeFiles(expectedDir);
  const actual = await relativeFiles(actualDir);
  const actualSet = new Set(actual);
  const expectedSet = new Set(expected);
  // Folders too: one a removed page left empty would answer where a cold build's site says 404.
  const [expectedFolders, actualFolders] = await Promise.all([relativeFolders(expectedDir), relativeFolders(actualDir)]);
  expectedFolders.forEach((folder) => expectedSet.add(`${folder}/`));
  actualFolders.forEach((folder) => actualSet.add(`${folder}/`));
  const missing = [...expectedSet].filter((file) => !actualSet.has(file));
  const extra = [...actualSet].filter((file) => !expectedSet.has(file));
  if (missing.length > 0 || extra.length > 0) {
    const list = (files: string[]) => files.slice(0, 10).map((f) => `\n    ${f}`).join('') + (files.length > 10 ? `\n    … and ${files.length - 10} more` : '');
    assert.fail(
      `${label}: the incremental output has other files (or folders) than the cold one` +
        (missing.length > 0 ? `\n  missing from the incremental build (${missing.length}):${list(missing)}` : '') +
        (extra.length > 0 ? `\n  only in the incremental build (${extra.length}):${list(extra)}` : ''),
    );
  }
  const differing: { file: string; cold: Buffer; incremental: Buffer }[] = [];
  for (const file of expected) {
    const [cold, incremental] = await Promise.all([readFile(path.join(expectedDir, file)), readFile(path.join(actualDir, file))]);
    if (!cold.equals(incremental)) differing.push({ file, cold, incremental });
  }
  if (differing.length === 0) return;
  const first = differing[0]!;
  assert.fail(
    `${label}: ${differing.length} of ${expected.length} files differ between the cold and the incremental build:` +
      differing.slice(0, 10).map((d) => `\n    ${d.file}`).join('') +
      (differing.length > 10 ? `\n    … and ${differing.length - 10} more` : '') +
      `\n  first difference, in ${first.file}:\n${describeDifference(first.file, first.cold, first.incremental)}`,
  );
}

/** The first difference between two versions of a file, with some context on each side. */
function describeDifference(file: string, cold: Buffer, incremental: Buffer): string {
  if (TEXT_FILES.test(file)) {
    const a = cold.toString('utf8');
    const b = incremental.toString('utf8');
    let at = 0;
    while (at < a.length && at < b.length && a[at] === b[at]) at++;
    const line = a.slice(0, at).split('\n').length;
    const from = Math.max(0, at - 120);
    const window = (s: string) => JSON.stringify(`${from > 0 ? '…' : ''}${s.slice(from, at + 120)}${s.length > at + 120 ? '…' : ''}`);
    return `    line ${line}, character ${at} (cold ${a.length} chars, incremental ${b.length} chars)\n    cold:        ${window(a)}\n    incremental: ${window(b)}`;
  }
  let at = 0;
  while (at < cold.length && at < incremental.length && cold[at] === incremental[at]) at++;
  const hex = (bytes: Buffer) => bytes.subarray(Math.max(0, at - 16), at + 16).toString('hex');
  return `    byte ${at} (cold ${cold.length} bytes, incremental ${incremental.length} bytes)\n    cold:        ${hex(cold)}\n    incremental: ${hex(incremental)}`;
}

/** Replaces `from` with `to` in a post, failing when the post no longer contains `from` (the fixture changed). */
async function editPost(file: string, from: string | RegExp, to: string): Promise<void> {
  const full = path.join(CONTENT, file);
  const before = await readFile(full, 'utf8');
  const after = before.replace(from, to);
  assert.notEqual(after, before, `${file} should contain ${String(from)}`);
  await writeFile(full, after);
}

/** The output folder of an article page, from its post file name (the permalink is `:year/:month/:day/:title/`). */
const pageOf = (datePath: string, fileTitle: string) => path.join(OUT_I, datePath, fileTitle, 'index.html');

/** Asserts the incremental build reused most pages: it rendered some, but far fewer than all. */
function assertMostlyReused(run: BuildRun, label: string): void {
  assert.ok(run.rendered > 0, `${label}: something changed, so something is rendered (${run.rendered} of ${run.pages})`);
  assert.ok(run.rendered <= run.pages / 3, `${label}: most pages are reused, but ${run.rendered} of ${run.pages} were rendered`);
}

test('an incremental build writes the same bytes as a cold build after every kind of change', { timeout: 600_000 }, async (t) => {
  await cp(path.join(REPO_ROOT, 'content'), CONTENT, { recursive: true });
  await writeFile(CONFIG, CONFIG_TEXT);

  const step = async (name: string, run: () => Promise<void>) => {
    await t.test(name, async (st) => {
      notes.length = 0;
      try {
        await run();
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        for (const note of notes) st.diagnostic(note);
      }
    });
  };

  await step('first build', async () => {
    const { incremental } = await rebuildAndCompare('first build');
    assert.equal(incremental.rendered, incremental.pages, 'with no previous site, every page is rendered');
    assert.ok(incremental.pages >= 60, `the sample site has many pages (${incremental.pages})`);
  });

  await step("edit one post's body, past its excerpt", async () => {
    await editPost('Regional rail operator pilots tap-to-ride with smart rings.md', 'About 500 volunteers', 'About 800 volunteers');
    const { incremental } = await rebuildAndCompare("edit one post's body, past its excerpt");
    assertMostlyReused(incremental, "edit one post's body");
    assert.equal(incremental.search, 'updated', 'the search index is updated, not built again');
    const page = await readFile(pageOf('2021/10/11', 'Regional rail operator pilots tap-to-ride with smart rings'), 'utf8');
    assert.match(page, /About 800 volunteers/);
  });

  await step("edit the start of a post's body (its excerpt in listings)", async () => {
    await editPost('Regional rail operator pilots tap-to-ride with smart rings.md', 'begun a three-month trial', 'begun a six-month trial');
    const { incremental } = await rebuildAndCompare("edit the start of a post's body");
    assertMostlyReused(incremental, "edit the start of a post's body");
    assert.ok(incremental.rendered > 1, `the listings showing its excerpt are rendered too (${incremental.rendered})`);
    assert.match(await readFile(path.join(OUT_I, 'categories/Tech/Byteline/index.html'), 'utf8'), /begun a six-month trial/);
  });

  await step("edit one post's title", async () => {
    await editPost(
      'Researchers warn of fake browser updates spreading password stealers.md',
      "title: 'Researchers warn of fake browser updates spreading password stealers'",
      "title: 'Fake browser updates spread password stealers, researchers warn'",
    );
    const { incremental } = await rebuildAndCompare("edit one post's title");
    // Its neighbours, related articles, listings, feeds and search index change; other pages do not.
    assertMostlyReused(incremental, "edit one post's title");
    const feed = await readFile(path.join(OUT_I, 'atom.xml'), 'utf8');
    assert.match(feed, /Fake browser updates spread password stealers, researchers warn/);
  });

  await step('add a new post, the newest, in a new category', async () => {
    await writeFile(
      path.join(CONTENT, 'Lighthouse keepers return as coastal radar goes dark for upgrade.md'),
      `---
title: 'Lighthouse keepers return as coastal radar goes dark for upgrade'
categories:
 - Maritime
 - Harbour Gazette
 - coast
author: Harbour Gazette
comments: false
date: Sun, 01 May 2022 06:30:00 GMT
---

<div>
<p>For the six weeks the coastal radar chain is switched off for its upgrade, the port authority has brought two retired keepers back to the northern lighthouse.</p>
<p>They will keep a visual watch from dusk to dawn and report by radio, as they did until the station was automated.</p>
</div>
`,
    );
    const { incremental } = await rebuildAndCompare('add a new post');
    // Every page of the home listing and of the archives moves by one article.
    assert.ok(incremental.rendered < incremental.pages / 2, `most pages are reused (${incremental.rendered} of ${incremental.pages} rendered)`);
    assert.ok(existsSync(pageOf('2022/05/01', 'Lighthouse keepers return as coastal radar goes dark for upgrade')));
    assert.ok(existsSync(path.join(OUT_I, 'categories/Maritime/Harbour-Gazette/coast/index.html')));
    assert.match(await readFile(path.join(OUT_I, 'index.html'), 'utf8'), /Lighthouse keepers return/, 'the newest post is on the home page');
    assert.equal(incremental.search, 'updated', 'the new post is added to the search index');
  });

  await step('delete a post (the only one of its category, author and month)', async () => {
    const gone = pageOf('2021/08/12', '用 eBPF 排查容器网络丢包：一次线上故障复盘');
    assert.ok(existsSync(gone));
    await rm(path.join(CONTENT, '用 eBPF 排查容器网络丢包：一次线上故障复盘.md'));
    const { incremental } = await rebuildAndCompare('delete a post');
    assertMostlyReused(incremental, 'delete a post');
    assert.equal(incremental.search, 'updated', 'the search index renumbers the newer articles rather than being built again');
    assert.equal(existsSync(gone), false, "the deleted post's page is gone");
    for (const page of ['categories/编程/index.html', 'categories/编程/Dockone/周报/index.html', 'authors/Dockone/index.html', 'archives/2021/08/index.html']) {
      assert.equal(existsSync(path.join(OUT_I, page)), false, `${page} is gone with its only post`);
    }
  });

  await step('rename a post file (new URL)', async () => {
    const oldPage = pageOf('2022/02/22', '三分钟学会手冲咖啡的注水节奏');
    assert.ok(existsSync(oldPage));
    await rename(path.join(CONTENT, '三分钟学会手冲咖啡的注水节奏.md'), path.join(CONTENT, '手冲咖啡注水节奏入门.md'));
    const { incremental } = await rebuildAndCompare('rename a post file');
    assertMostlyReused(incremental, 'rename a post file');
    assert.equal(existsSync(oldPage), false, 'the page under the old URL is gone');
    assert.equal(existsSync(path.dirname(oldPage)), false, 'and so is its folder');
    assert.ok(existsSync(pageOf('2022/02/22', '手冲咖啡注水节奏入门')), 'the page is under the new URL');
  });

  await step("change a post's categories", async () => {
    await editPost('Regional rail operator pilots tap-to-ride with smart rings.md', /categories:[^]*?\n(?=headimg:)/, 'categories:\n - Transport\n - Byteline\n - rail\n');
    const { incremental } = await rebuildAndCompare("change a post's categories");
    assertMostlyReused(incremental, "change a post's categories");
    assert.equal(existsSync(path.join(OUT_I, 'categories/Tech/Byteline/gadgets/index.html')), false, 'the emptied category is gone');
    assert.ok(existsSync(path.join(OUT_I, 'categories/Transport/Byteline/rail/index.html')));
  });

  await step("change a post's date (another month, another place in the order, a new URL)", async () => {
    const oldPage = pageOf('2022/01/20', '国产PCIe 50固态硬盘首发实测：顺序读取突破12GB_s');
    assert.ok(existsSync(oldPage));
    await editPost('国产PCIe 50固态硬盘首发实测：顺序读取突破12GB_s.md', 'date: Thu, 20 Jan 2022 06:41:00 GMT', 'date: Fri, 11 Mar 2022 06:41:00 GMT');
    await rebuildAndCompare("change a post's date");
    assert.equal(existsSync(oldPage), false, 'the page under the old date is gone');
    assert.ok(existsSync(pageOf('2022/03/11', '国产PCIe 50固态硬盘首发实测：顺序读取突破12GB_s')));
  });

  // A post without `date` is dated by its file's modification time: touching it alone moves it.
  const undated = path.join(CONTENT, 'Ferry timetable changes for the spring season.md');
  await step('add a post without a date', async () => {
    await writeFile(
      undated,
      `---
title: 'Ferry timetable changes for the spring season'
categories:
 - Transport
 - Harbour Gazette
author: Harbour Gazette
---

<p>From next week the early ferry leaves ten minutes later, and a late crossing is added on Fridays and Saturdays.</p>
`,
    );
    await utimes(undated, new Date('2022-03-05T02:00:00Z'), new Date('2022-03-05T02:00:00Z'));
    await rebuildAndCompare('add a post without a date');
    assert.ok(existsSync(pageOf('2022/03/05', 'Ferry timetable changes for the spring season')));
  });

  await step('change only the modification time of the post without a date', async () => {
    await utimes(undated, new Date('2022-03-25T02:00:00Z'), new Date('2022-03-25T02:00:00Z'));
    await rebuildAndCompare('touch the post without a date');
    assert.equal(existsSync(pageOf('2022/03/05', 'Ferry timetable changes for the spring season')), false, 'the page under the old date is gone');
    assert.ok(existsSync(pageOf('2022/03/25', 'Ferry timetable changes for the spring season')));
  });

  await step('change the site config (title, page size, timezone)', async () => {
    await writeFile(CONFIG, CONFIG_TEXT.replace('title: 早班电讯', 'title: 晚班电讯').replace('pageSize: 4', 'pageSize: 5').replace('timezone: Asia/Shanghai', 'timezone: America/Los_Angeles'));
    const { incremental } = await rebuildAndCompare('change the site config');
    assert.equal(incremental.rendered, incremental.pages, 'every page shows the title: all are rendered');
  });

  await step('rebuild with no change', async () => {
    const inode = async (file: string) => (await stat(path.join(OUT_I, file))).ino;
    const { buckets } = JSON.parse(await readFile(path.join(OUT_I, 'search-index/index.json'), 'utf8')) as { buckets: string[] };
    const reused = ['index.html', 'search/index.html', 'search-index/index.json', ...buckets.map((name) => `search-index/${name}.bin`)];
    const before = await Promise.all(reused.map(inode));
    const { incremental } = await rebuildAndCompare('rebuild with no change');
    assert.equal(incremental.rendered, 0, 'nothing is rendered');
    assert.equal(incremental.unchanged, incremental.pages);
    // Nothing changed: the published site is left as it is, not even linked into a new one (the search bundle included).
    assert.deepEqual(await Promise.all(reused.map(inode)), before, `${reused.join(', ')} are the previous output's`);
    assert.match(incremental.stderr, /kept \d+ pages in .+ nothing changed since it was built/);
  });

  await step('a page deleted from the output by hand', async () => {
    await rm(path.join(OUT_I, 'search', 'index.html'));
    const { incremental } = await rebuildAndCompare('a page deleted from the output by hand');
    assert.equal(incremental.rendered, 1, 'the missing page is rendered again');
  });

  await step('restore the cache and the site into a fresh checkout elsewhere, and let the bot add 20 posts (a CI run)', async () => {
    const checkout = path.join(ROOT, 'checkout');
    // What a CI run has: the posts and config as git checks them out (new inodes, new times), and
    // the cache and the site's versions as actions/cache restores them (the output link itself is not needed).
    await cp(CONTENT, path.join(checkout, 'content'), { recursive: true });
    // But for the post without a date, which its file's time dates (as Hexo does): a checkout would move it.
    const { mtime } = await stat(undated);
    await utimes(path.join(checkout, 'content', path.basename(undated)), mtime, mtime);
    await cp(CONFIG, path.join(checkout, 'wirepress.config.yml'));
    await cp(CACHE_I, path.join(checkout, 'cache'), { recursive: true });
    await cp(path.join(ROOT, `.wirepress-${path.basename(OUT_I)}`), path.join(checkout, '.wirepress-out'), { recursive: true });
    for (let i = 1; i <= 20; i += 1) {
      const post = `---\ntitle: 'Harbour bulletin number ${i}'\ncategories:\n - Maritime\n - Harbour Gazette\nauthor: Harbour Gazette\ndate: 2022-06-${String(i).padStart(2, '0')} 08:00:00\n---\n<p>Tides, arrivals and the weather for day ${i} of June.</p>\n`;
      for (const content of [CONTENT, path.join(checkout, 'content')]) await writeFile(path.join(content, `Harbour bulletin number ${i}.md`), post);
    }
    // Where the site was built, the batch costs this much…
    const here = await build(OUT_I, CACHE_I);
    // …and no more in the fresh checkout.
    const there = await build(path.join(checkout, 'out'), path.join(checkout, 'cache'), checkout);
    assert.ok(here.rendered < here.pages / 2, `the batch changes some pages (${here.rendered} of ${here.pages})`);
    assert.equal(there.rendered, here.rendered, 'the fresh checkout renders only the pages the batch changes');
    assert.equal(there.search, here.search, 'and updates the search index as the build in place does');
    const coldOut = path.join(ROOT, 'out-cold-checkout');
    const cold = await build(coldOut, path.join(ROOT, 'cache-cold-checkout'));
    assert.equal(cold.rendered, cold.pages);
    await assertSameTree(coldOut, path.join(checkout, 'out'), 'restored elsewhere');
    await assertSameSearch(coldOut, path.join(checkout, 'out'), 'restored elsewhere');
    notes.push(`${there.pages} pages: the fresh checkout rendered ${there.rendered} (as the build in place), search index ${there.search}; identical to the cold build`);
  });

  await step('change a template', async () => {
    const layout = path.join(APP, 'templates/_includes/article-page.njk');
    await writeFile(layout, (await readFile(layout, 'utf8')).replace('</article>', '<p class="reprint-note">转载须注明出处。</p></article>'));
    const { incremental } = await rebuildAndCompare('change a template');
    assert.equal(incremental.rendered, incremental.pages, 'every page is rendered again: a page records the templates whole, not the ones it uses');
    const pages = (await listFiles(OUT_I)).filter((file) => file.endsWith('.html'));
    const noted = (await Promise.all(pages.map((file) => readFile(file, 'utf8')))).filter((html) => html.includes('reprint-note'));
    assert.ok(noted.length > 10, 'the article pages show the new template');
  });
});
