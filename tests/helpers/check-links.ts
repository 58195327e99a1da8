import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** What the link check found. */
export interface LinkCheck {
  /** HTML files read. */
  pages: number;
  /** Internal links followed. */
  links: number;
  /** `page → href` for each internal link or image that resolves to no file. */
  broken: string[];
}

/**
 * Checks a published site as a static host would serve it at base path `/`:
 * every internal `<a href>` and `<img src>`/`srcset` URL in every HTML file
 * must resolve to a file (`/x/` → `x/index.html`). External URLs, fragments,
 * `mailto:` and the like are not followed.
 */
export async function checkLinks(siteDir: string): Promise<LinkCheck> {
  const entries = await readdir(siteDir, { withFileTypes: true, recursive: true });
  const pages = entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => path.join(e.parentPath, e.name));
  const broken: string[] = [];
  let links = 0;
  for (const page of pages) {
    const html = await readFile(page, 'utf8');
    const urls = [
      ...[...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((m) => m[1]!),
      ...[...html.matchAll(/<img\s[^>]*?src="([^"]*)"/g)].map((m) => m[1]!),
      ...[...html.matchAll(/\ssrcset="([^"]*)"/g)].flatMap((m) => m[1]!.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '')),
    ];
    for (const raw of urls) {
      const url = raw.replace(/&amp;/g, '&');
      if (!url.startsWith('/') || url.startsWith('//')) continue;
      links += 1;
      if (!resolves(siteDir, url)) broken.push(`${path.relative(siteDir, page)} → ${url}`);
    }
  }
  return { pages: pages.length, links, broken };
}

function resolves(siteDir: string, url: string): boolean {
  let pathname = url.replace(/[?#].*$/, '');
  try {
    pathname = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  const file = path.join(siteDir, pathname);
  if (pathname.endsWith('/')) return existsSync(path.join(file, 'index.html'));
  if (!existsSync(file)) return false;
  return statSync(file).isDirectory() ? existsSync(path.join(file, 'index.html')) : true;
}
