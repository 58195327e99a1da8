import path from 'node:path';
import type { SiteConfig } from '../config/index.ts';

/**
 * The line a build prints before building a Hexo blog, saying what it
 * understood: `Hexo blog: source/_posts (57 posts), 1 page, 2 static files
 * → public/, permalink p/:abbrlink.html, zone Asia/Shanghai`.
 *
 * @param counts what ingest found; `drafts` only when they are built.
 * @param files the source folder's files published as they are.
 */
export function describeHexoBlog(config: SiteConfig, counts: { posts: number; pages: number; drafts: number }, files: number, cwd = process.cwd()): string {
  const shown = (dir: string) => path.relative(cwd, dir) || '.';
  const drafts = config.drafts ? ` + ${counts.drafts} ${plural(counts.drafts, 'draft')}` : '';
  const zone = `zone ${config.timezone}${config.hexo?.zoneFromMachine ? " (this machine's: `timezone` is empty)" : ''}`;
  return (
    `Hexo blog: ${shown(config.contentDir)} (${counts.posts} ${plural(counts.posts, 'post')}${drafts}), ` +
    `${counts.pages} ${plural(counts.pages, 'page')}, ${files} static ${plural(files, 'file')} → ${shown(config.outDir)}/, ` +
    `permalink ${config.permalink}, ${zone}`
  );
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
