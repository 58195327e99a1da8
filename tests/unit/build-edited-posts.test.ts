import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite, type BuildResult } from '../../src/build.ts';
import { createDevBuild } from '../../src/server/index.ts';
import type { SiteConfig } from '../../src/config/index.ts';
import { listFiles, REPO_ROOT } from '../helpers/run-cli.ts';
import { assertSameSite } from '../helpers/same-site.ts';
import { makeConfig } from '../helpers/make-config.ts';

/** The post with its body's opening changed by `edit`. */
function editBody(post: string, edit: (body: string) => string): string {
  const end = post.indexOf('\n---', 4) + '\n---\n'.length;
  return post.slice(0, end) + edit(post.slice(end));
}

test('should write only the pages an edit reaches when told which posts changed, and publish what a whole build does', { timeout: 600_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-edited-'));
  try {
    await cp(path.join(REPO_ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
    const live = makeConfig(dir, { pageSize: 4 });
    const posts = (await listFiles(path.join(dir, 'content'))).filter((file) => file.endsWith('.md')).sort();
    const devBuild = createDevBuild();
    const first = await devBuild(live, {});
    // A post in the middle: it has neighbours, and sits on a listing page that is not the home page.
    const victim = first.articles[Math.floor(first.articles.length / 2)]!;
    const file = victim.sourcePath;
    assert.ok(posts.includes(file));
    const home = path.join(live.outDir, 'index.html');
    const edit = async (change: (post: string) => string) => writeFile(file, change(await readFile(file, 'utf8')));
    const rebuild = () => devBuild(live, { changed: [file] });

    const steps: { name: string; change: () => Promise<void>; quick: boolean; check?: (result: BuildResult) => Promise<void> }[] = [
      {
        name: 'append a paragraph',
        change: () => edit((post) => `${post}\n<p>文末补充的一段话。</p>\n`),
        quick: true,
        check: async (result) => assert.equal(result.rendered, 1, 'only the post’s own page is rendered'),
      },
      {
        name: 'rewrite the opening',
        change: () => edit((post) => editBody(post, (body) => `<p>改写后的开头，摘要随之改变。</p>\n${body}`)),
        quick: true,
        check: async (result) => {
          assert.ok(result.rendered > 1, 'the listings showing the excerpt are rendered too');
          const listed = (await Promise.all((await listFiles(live.outDir)).filter((f) => f.endsWith('.html')).map((f) => readFile(f, 'utf8')))).some((html) => html.includes('改写后的开头'));
          assert.ok(listed);
        },
      },
      {
        name: 'retitle',
        change: () => edit((post) => post.replace(/^title: .*$/m, 'title: 改过的标题')),
        quick: true,
        check: async () => {
          const neighbour = first.articles[first.articles.indexOf(victim) + 1]!;
          assert.match(await readFile(path.join(live.outDir, neighbour.outputPath), 'utf8'), /改过的标题/, 'the neighbour links the new title');
        },
      },
      { name: 'change the date', change: () => edit((post) => post.replace(/^date: .*$/m, 'date: 2001-02-03 04:05:06')), quick: false },
      {
        name: 'break the front matter',
        change: () => edit((post) => post.replace(/^title: .*$/m, 'title: [unclosed')),
        quick: false,
        check: async (result) => assert.ok(result.diagnostics.some((d) => d.severity === 'error' && d.file === victim.source)),
      },
      { name: 'mend it', change: () => edit((post) => post.replace(/^title: .*$/m, 'title: 修好了')), quick: false },
    ];
    for (const [i, step] of steps.entries()) {
      const homeBefore = (await stat(home)).ino;
      await step.change();
      const result = await rebuild();
      assert.equal(result.deferred === true, step.quick, `${step.name}: ${step.quick ? 'quick' : 'full'} build`);
      await step.check?.(result);
      const whole: SiteConfig = { ...live, outDir: path.join(dir, `whole-${i}`), cacheDir: path.join(dir, `whole-${i}-cache`) };
      await buildSite(whole);
      if (step.quick) {
        if (step.name === 'append a paragraph') assert.equal((await stat(home)).ino, homeBefore, 'the home page is not written again');
        await assertSameSite(live.outDir, whole.outDir, `${step.name}, before the search index`, { search: false });
        const followUp = await devBuild(live, {});
        assert.equal(followUp.rendered, 0, `${step.name}: the full build after it finds every page up to date`);
      }
      await assertSameSite(live.outDir, whole.outDir, step.name);
    }
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});

test('should keep the quick path for the next edit when the full build after an edit is aborted', { timeout: 300_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-edited-abort-'));
  try {
    await cp(path.join(REPO_ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
    const live = makeConfig(dir);
    const devBuild = createDevBuild();
    const first = await devBuild(live, {});
    const file = first.articles[3]!.sourcePath;
    const append = async (text: string) => writeFile(file, `${await readFile(file, 'utf8')}\n<p>${text}</p>\n`);
    await append('第一次修改');
    assert.equal((await devBuild(live, { changed: [file] })).deferred, true);

    const superseded = new AbortController();
    const followUp = devBuild(live, { signal: superseded.signal });
    superseded.abort();
    await assert.rejects(followUp, { name: 'AbortError' });

    await append('第二次修改');
    const next = await devBuild(live, { changed: [file] });
    assert.equal(next.deferred, true, 'the second edit takes the quick path too');
    assert.match(await readFile(path.join(live.outDir, first.articles[3]!.outputPath), 'utf8'), /第二次修改/);
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});
