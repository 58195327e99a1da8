import { readdir } from 'node:fs/promises';
import type { Measured } from '../lib/measure-process.ts';
import type { GeneratedPost } from '../lib/synth-posts.ts';

/** Another static site generator, built over the same posts for comparison. */
export interface Peer {
  /** Name shown in the table. */
  name: string;
  /** Its version, or why it cannot run here. */
  probe(repoRoot: string): Promise<{ version: string } | { missing: string }>;
  /** Writes a minimal site over the posts into `dir` (emptied first). */
  prepare(posts: readonly GeneratedPost[], dir: string): Promise<void>;
  /** Builds the site in `dir`; `cold` first removes its output and caches. */
  build(dir: string, cold: boolean, repoRoot: string): Promise<Measured & { ok: boolean; pages: number | null }>;
}

/**
 * The post's date as ISO 8601 with an offset. The bot's zoneless dates are
 * its fetch time in China (corpus/README.md), hence +08:00.
 */
export function isoDate(post: GeneratedPost): string {
  if (post.fields.date.endsWith('GMT')) return new Date(post.fields.date).toISOString();
  return `${post.fields.date.replace(' ', 'T')}+08:00`;
}

/** The front matter the peers read: YAML, every string as a JSON string (valid YAML). */
export function peerFrontMatter(post: GeneratedPost, extra: Record<string, string> = {}): string {
  const lines = [
    '---',
    `title: ${JSON.stringify(post.fields.title)}`,
    `date: ${isoDate(post)}`,
    `categories: ${JSON.stringify(post.fields.categories)}`,
    `author: ${JSON.stringify(post.fields.author)}`,
    `thumbnail: ${JSON.stringify(post.fields.headimg)}`,
    ...Object.entries(extra).map(([k, v]) => `${k}: ${JSON.stringify(v)}`),
    '---',
    '',
  ];
  return lines.join('\n');
}

/** A plain file name per post (`p00042.html`): the peers' own slug rules differ from wirepress's and are not what is compared. */
export function peerFileName(post: GeneratedPost): string {
  return `p${String(post.index).padStart(5, '0')}.html`;
}

/** Counts the `.html` files under a folder (pages written). */
export async function countHtmlFiles(dir: string): Promise<number | null> {
  try {
    const entries = (await readdir(dir, { recursive: true })) as string[];
    return entries.filter((e) => e.endsWith('.html')).length;
  } catch {
    return null;
  }
}
