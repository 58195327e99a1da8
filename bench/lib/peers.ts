import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { measureProcess, type Measured } from './measure-process.ts';
import type { GeneratedPost } from './posts.ts';

/**
 * Another static site generator over the same posts, with trivial templates:
 * `probe` gives its version or why it cannot run here, `files` the site's files
 * besides the posts, `state` its output folder then its caches (what a cold build removes).
 */
interface Peer {
  name: string;
  probe(repoRoot: string): { version: string; missing: null } | { version: null; missing: string };
  files: Record<string, string>;
  postsDir: string;
  state: string[];
  command(dir: string, repoRoot: string): [string, string[]];
}

// An article page, paginated lists (home, category terms), no theme.
const HUGO_LIST = `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}</body></html>
`;

/** Hugo (the Debian package `hugo`): categories as a taxonomy. */
const hugo: Peer = {
  name: 'hugo',
  probe() {
    const result = spawnSync('hugo', ['version'], { encoding: 'utf8' });
    return result.error || result.status !== 0 ? { version: null, missing: 'hugo is not installed (apt-get install -y hugo)' } : { version: result.stdout.trim(), missing: null };
  },
  files: {
    'config.toml': `baseURL = "http://localhost/"
title = "bench"
paginate = 20
disableKinds = []
[taxonomies]
  category = "categories"
`,
    'layouts/_default/single.html': `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><article><h1>{{ .Title }}</h1><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02" }}</time>
<p>{{ range .Params.categories }}<a href="{{ "categories/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>
{{ .Content }}</article></body></html>
`,
    'layouts/_default/list.html': HUGO_LIST,
    'layouts/index.html': HUGO_LIST.replace('.Paginator.Pages', '(.Paginate .Site.RegularPages).Pages'),
  },
  postsDir: 'content/posts',
  state: ['public', 'resources', '.hugo-cache'],
  command: (dir) => ['hugo', ['--quiet', '--source', dir, '--destination', path.join(dir, 'public'), '--cacheDir', path.join(dir, '.hugo-cache')]],
};

// Plain Eleventy 3: the posts are .html templates with front matter, passed
// through without a template engine (htmlTemplateEngine: false: the bodies
// hold `{{` and `{%` text) and without sanitizing; a Nunjucks layout wraps them.
const ELEVENTY_LIST = `<ul>{% for item in ITEMS %}<li><a href="{{ item.url }}">{{ item.data.title | escape }}</a> <time>{{ item.date.toISOString().slice(0, 10) }}</time></li>{% endfor %}</ul>`;
const eleventyPackage = (repoRoot: string) => path.join(repoRoot, 'node_modules', '@11ty', 'eleventy');

/** Plain Eleventy 3 from this repository's node_modules. */
const eleventy: Peer = {
  name: 'eleventy',
  probe(repoRoot) {
    const pkg = path.join(eleventyPackage(repoRoot), 'package.json');
    if (!existsSync(pkg)) return { version: null, missing: 'node_modules/@11ty/eleventy is not installed' };
    return { version: `@11ty/eleventy ${(JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version}`, missing: null };
  },
  files: {
    'package.json': '{ "type": "module", "private": true }\n',
    'eleventy.config.mjs': `export default function (eleventyConfig) {
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
`,
    '_includes/post.njk': `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ title | escape }}</title></head>
<body><article><h1>{{ title | escape }}</h1><time datetime="{{ page.date.toISOString() }}">{{ page.date.toISOString().slice(0, 10) }}</time>
<p>{% for c in categories %}{{ c | escape }} {% endfor %}</p>
{{ content | safe }}</article></body></html>
`,
    'index.njk': `---
pagination: { data: collections.posts, size: 20, reverse: true }
permalink: "{% if pagination.pageNumber > 0 %}/page/{{ pagination.pageNumber + 1 }}/{% else %}/{% endif %}"
---
<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>bench</title></head><body>
${ELEVENTY_LIST.replace('ITEMS', 'pagination.items')}
</body></html>
`,
    'categories.njk': `---
pagination: { data: collections.categoryPages, size: 1, alias: pg }
permalink: "/category/{{ pg.slug }}/{{ pg.n }}/"
---
<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ pg.title | escape }}</title></head><body><h1>{{ pg.title | escape }}</h1>
${ELEVENTY_LIST.replace('ITEMS', 'pg.items')}
</body></html>
`,
    'posts/posts.json': '{ "layout": "post.njk", "tags": "posts" }\n',
  },
  postsDir: 'posts',
  state: ['_site', '.cache'],
  command: (_, repoRoot) => [process.execPath, [path.join(eleventyPackage(repoRoot), 'cmd.cjs'), '--quiet']],
};

/** A peer's front matter: YAML, every string as a JSON string; the date ISO 8601 (zoneless dates are the bot's fetch time in China, +08:00). */
function peerPost({ fields, inner }: GeneratedPost): string {
  const date = fields.date.endsWith('GMT') ? new Date(fields.date).toISOString() : `${fields.date.replace(' ', 'T')}+08:00`;
  const { title, categories, author, headimg } = fields;
  return `---\ntitle: ${JSON.stringify(title)}\ndate: ${date}\ncategories: ${JSON.stringify(categories)}\nauthor: ${JSON.stringify(author)}\nthumbnail: ${JSON.stringify(headimg)}\n---\n<div>\n${inner}\n</div>\n`;
}

/** One measured peer build; `pages`: the .html files written. */
export type PeerBuild = Measured & { ok: boolean; tool: string; scenario: 'cold' | 'no change'; round: number; pages: number | null; report: { pages: number | null; timings: { step: string; ms: number }[] } };

/**
 * Builds Hugo and Eleventy over the same posts, `rounds` times each: a cold
 * build, then a rebuild with nothing changed (neither keeps state between
 * one-shot builds, so edit, add and delete would cost what the rebuild does).
 * Returns each peer's version, or why it did not run.
 */
export async function runPeers(posts: readonly GeneratedPost[], rounds: number, workRoot: string, repoRoot: string, onBuild: (b: PeerBuild) => void) {
  const outcomes = [];
  for (const peer of [hugo, eleventy]) {
    const probe = peer.probe(repoRoot);
    outcomes.push({ name: peer.name, ...probe });
    if (probe.missing !== null) continue;
    const dir = path.join(workRoot, `peer-${peer.name}`);
    await rm(dir, { recursive: true, force: true });
    // A plain file name per post (`p00042.html`): the peers' own slug rules are not what is compared.
    const files = Object.entries(peer.files).concat(posts.map((p) => [`${peer.postsDir}/p${String(p.index).padStart(5, '0')}.html`, peerPost(p)]));
    for (const sub of new Set(files.map(([file]) => path.dirname(path.join(dir, file))))) await mkdir(sub, { recursive: true });
    const limit = pLimit(64);
    await Promise.all(files.map(([file, text]) => limit(() => writeFile(path.join(dir, file), text))));
    for (let round = 0; round < rounds; round++) {
      for (const scenario of ['cold', 'no change'] as const) {
        if (scenario === 'cold') for (const sub of peer.state) await rm(path.join(dir, sub), { recursive: true, force: true });
        const [command, args] = peer.command(dir, repoRoot);
        const measured = await measureProcess(command, args, { cwd: dir, timeoutMs: 30 * 60_000 });
        const pages = await readdir(path.join(dir, peer.state[0]!), { recursive: true }).then((files) => files.filter((f) => f.endsWith('.html')).length, () => null);
        onBuild({ ...measured, ok: measured.exitCode === 0, tool: peer.name, scenario, round, pages, report: { pages, timings: [] } });
      }
    }
  }
  return outcomes;
}
