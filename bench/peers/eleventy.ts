import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { measureProcess } from '../lib/measure-process.ts';
import { countHtmlFiles, peerFileName, peerFrontMatter, type Peer } from './peer.ts';

// Plain Eleventy 3: the posts are .html templates with front matter, passed
// through without a template engine (htmlTemplateEngine: false: the bodies
// hold `{{` and `{%` text) and without sanitizing; a Nunjucks layout wraps them.
const CONFIG = `export default function (eleventyConfig) {
  eleventyConfig.addCollection('categoryPages', (api) => {
    const byPath = new Map();
    for (const item of api.getFilteredByTag('posts')) {
      const cats = item.data.categories || [];
      for (let depth = 1; depth <= cats.length; depth++) {
        const key = cats.slice(0, depth).join(' / ');
        if (!byPath.has(key)) byPath.set(key, []);
        byPath.get(key).push(item);
      }
    }
    const pages = [];
    let id = 0;
    for (const [title, items] of byPath) {
      id++;
      items.sort((a, b) => b.date - a.date);
      for (let i = 0; i < items.length; i += 20) pages.push({ slug: 'c' + id, n: i / 20 + 1, title, items: items.slice(i, i + 20) });
    }
    return pages;
  });
  return { dir: { input: '.', output: '_site', includes: '_includes' }, htmlTemplateEngine: false, templateFormats: ['html', 'njk'] };
}
`;
const LAYOUT = `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ title | escape }}</title></head>
<body><article><h1>{{ title | escape }}</h1><time datetime="{{ page.date.toISOString() }}">{{ page.date.toISOString().slice(0, 10) }}</time>
<p>{% for c in categories %}{{ c | escape }} {% endfor %}</p>
{{ content | safe }}</article></body></html>
`;
const LIST_ITEMS = `<ul>{% for item in ITEMS %}<li><a href="{{ item.url }}">{{ item.data.title | escape }}</a> <time>{{ item.date.toISOString().slice(0, 10) }}</time></li>{% endfor %}</ul>`;
const HOME = `---
pagination: { data: collections.posts, size: 20, reverse: true }
permalink: "{% if pagination.pageNumber > 0 %}/page/{{ pagination.pageNumber + 1 }}/{% else %}/{% endif %}"
---
<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>bench</title></head><body>
${LIST_ITEMS.replace('ITEMS', 'pagination.items')}
</body></html>
`;
const CATEGORIES = `---
pagination: { data: collections.categoryPages, size: 1, alias: pg }
permalink: "/category/{{ pg.slug }}/{{ pg.n }}/"
---
<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ pg.title | escape }}</title></head><body><h1>{{ pg.title | escape }}</h1>
${LIST_ITEMS.replace('ITEMS', 'pg.items')}
</body></html>
`;

/** Plain Eleventy 3 from this repository's node_modules, over the same posts. */
export const eleventyPeer: Peer = {
  name: 'eleventy',
  async probe(repoRoot) {
    const pkg = path.join(repoRoot, 'node_modules', '@11ty', 'eleventy', 'package.json');
    if (!existsSync(pkg)) return { missing: 'node_modules/@11ty/eleventy is not installed' };
    return { version: `@11ty/eleventy ${(JSON.parse(await readFile(pkg, 'utf8')) as { version: string }).version}` };
  },
  async prepare(posts, dir) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(path.join(dir, 'posts'), { recursive: true });
    await mkdir(path.join(dir, '_includes'), { recursive: true });
    await writeFile(path.join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
    await writeFile(path.join(dir, 'eleventy.config.mjs'), CONFIG);
    await writeFile(path.join(dir, '_includes', 'post.njk'), LAYOUT);
    await writeFile(path.join(dir, 'index.njk'), HOME);
    await writeFile(path.join(dir, 'categories.njk'), CATEGORIES);
    await writeFile(path.join(dir, 'posts', 'posts.json'), '{ "layout": "post.njk", "tags": "posts" }\n');
    for (let i = 0; i < posts.length; i += 64) {
      await Promise.all(
        posts.slice(i, i + 64).map((p) => writeFile(path.join(dir, 'posts', peerFileName(p)), `${peerFrontMatter(p)}<div>\n${p.inner}\n</div>\n`)),
      );
    }
  },
  async build(dir, cold, repoRoot) {
    if (cold) {
      for (const sub of ['_site', '.cache']) await rm(path.join(dir, sub), { recursive: true, force: true });
    }
    const cmd = path.join(repoRoot, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs');
    const measured = await measureProcess(process.execPath, [cmd, '--quiet'], { cwd: dir, timeoutMs: 30 * 60_000 });
    return { ...measured, ok: measured.exitCode === 0, pages: await countHtmlFiles(path.join(dir, '_site')) };
  },
};
