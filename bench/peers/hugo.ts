import { spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { measureProcess } from '../lib/measure-process.ts';
import { countHtmlFiles, peerFileName, peerFrontMatter, type Peer } from './peer.ts';

const CONFIG = `baseURL = "http://localhost/"
title = "bench"
paginate = 20
disableKinds = []
[taxonomies]
  category = "categories"
`;

// Trivial templates: an article page, paginated lists (home, category terms), no theme.
const SINGLE = `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><article><h1>{{ .Title }}</h1><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02" }}</time>
<p>{{ range .Params.categories }}<a href="{{ "categories/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>
{{ .Content }}</article></body></html>
`;
const LIST = `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}</body></html>
`;
const HOME = LIST.replace('.Paginator.Pages', '(.Paginate .Site.RegularPages).Pages');

/** Hugo (the Debian package `hugo`) over the same posts as `.html` content with YAML front matter. */
export const hugoPeer: Peer = {
  name: 'hugo',
  async probe() {
    const result = spawnSync('hugo', ['version'], { encoding: 'utf8' });
    if (result.error || result.status !== 0) return { missing: 'hugo is not installed (apt-get install -y hugo)' };
    return { version: result.stdout.trim() };
  },
  async prepare(posts, dir) {
    await rm(dir, { recursive: true, force: true });
    const postsDir = path.join(dir, 'content', 'posts');
    await mkdir(postsDir, { recursive: true });
    await mkdir(path.join(dir, 'layouts', '_default'), { recursive: true });
    await writeFile(path.join(dir, 'config.toml'), CONFIG);
    await writeFile(path.join(dir, 'layouts', '_default', 'single.html'), SINGLE);
    await writeFile(path.join(dir, 'layouts', '_default', 'list.html'), LIST);
    await writeFile(path.join(dir, 'layouts', 'index.html'), HOME);
    for (let i = 0; i < posts.length; i += 64) {
      await Promise.all(
        posts.slice(i, i + 64).map((p) => writeFile(path.join(postsDir, peerFileName(p)), `${peerFrontMatter(p)}<div>\n${p.inner}\n</div>\n`)),
      );
    }
  },
  async build(dir, cold) {
    if (cold) {
      for (const sub of ['public', 'resources', '.hugo-cache']) await rm(path.join(dir, sub), { recursive: true, force: true });
    }
    const measured = await measureProcess('hugo', ['--quiet', '--source', dir, '--destination', path.join(dir, 'public'), '--cacheDir', path.join(dir, '.hugo-cache')], {
      cwd: dir,
      timeoutMs: 30 * 60_000,
    });
    return { ...measured, ok: measured.exitCode === 0, pages: await countHtmlFiles(path.join(dir, 'public')) };
  },
};
