import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from '../../src/build.ts';
import type { SiteConfig } from '../../src/config/index.ts';
import { createDevBuild } from '../../src/server/index.ts';
import { makeConfig } from '../helpers/make-config.ts';
import { assertSameSite } from '../helpers/same-site.ts';

/*
 * The dev server's quick edit makes only the edited posts' pages. An edit
 * that makes a post a copy of a story, or changes a copy, reaches other
 * posts' pages (their "也见于" lists, their rel=canonical): it must take
 * the full build, which publishes what a whole build does.
 */
const STORY = '据外媒报道，某款办公软件的邮件服务器在新年后无法解析新的日期格式，导致大量邮件滞留在投递队列中。报告称，更新推送的日期字段用有符号 32 位整数保存，新的日期值超出了上限，扫描引擎因此直接报错退出。';
const OTHER = '寒潮来临前，北方多地提前启动供暖，热力公司安排人员二十四小时值守，并开通热线电话受理居民报修，确保室温达标，气象部门提醒市民注意防寒保暖。';
const THIRD = '港口集装箱吞吐量今年前十个月同比增长百分之八，新开通的航线带动了外贸货物运输，港区自动化码头的作业效率也明显提升，码头工人的工作强度有所下降。';

function post(title: string, date: string, text: string): string {
  return `---\ntitle: ${title}\ncategories: [新媒体, IT 之家, 分类资讯]\ndate: ${date}\n---\n<div><p>${text}</p></div>\n`;
}

test('should take the full build when an edit makes a post a copy of a story or changes a copy, and publish what a whole build does', { timeout: 300_000 }, async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-edited-stories-'));
  try {
    const content = path.join(dir, 'content');
    await mkdir(content, { recursive: true });
    const posts: Record<string, { title: string; date: string }> = {
      story: { title: '邮件服务器出现日期故障', date: '2022-01-02 07:50:06' },
      other: { title: '北方多地提前供暖', date: '2022-01-02 05:00:00' },
      third: { title: '港口吞吐量创新高', date: '2022-01-01 09:00:00' },
    };
    const write = (name: string, text: string) => writeFile(path.join(content, `${name}.md`), post(posts[name]!.title, posts[name]!.date, text));
    await write('story', STORY);
    await write('other', OTHER);
    await write('third', THIRD);
    const live = makeConfig(dir);
    const devBuild = createDevBuild();
    await devBuild(live, {});

    const steps = [
      { name: 'an edit of a post in no story', post: 'third', text: `${THIRD}码头还在扩建。`, quick: true },
      { name: 'a post becomes a copy of a story', post: 'other', text: `${STORY}（转载）`, quick: false },
      { name: 'a copy is edited', post: 'other', text: `${STORY}（转载自外媒）`, quick: false },
    ];
    for (const [i, step] of steps.entries()) {
      await write(step.post, step.text);
      const result = await devBuild(live, { changed: [path.join(content, `${step.post}.md`)] });
      assert.equal(result.deferred === true, step.quick, `${step.name}: ${step.quick ? 'quick' : 'full'} build`);
      const whole: SiteConfig = { ...live, outDir: path.join(dir, `whole-${i}`), cacheDir: path.join(dir, `whole-${i}-cache`) };
      const built = await buildSite(whole);
      if (!step.quick) assert.equal(built.articles.find((a) => a.source === 'other.md')?.story?.canonical, 'story.md', step.name);
      // A quick edit leaves the search index to the next full build.
      await assertSameSite(live.outDir, whole.outDir, step.name, { search: !step.quick });
    }
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});
