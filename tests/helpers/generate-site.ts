import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A seeded PRNG (mulberry32): the same seed gives the same site and the same kill delays. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SITES = [
  ['新媒体', 'ZAKER', 'source'],
  ['科技', 'cnBeta', '新闻'],
  ['游戏', '3DMGame', '新闻中心'],
  ['Tech', 'Wire', 'rail'],
];
const WORDS = ['港口', '集装箱', '吞吐量', '创新高', 'harbour', 'cranes', 'rail', 'freight', '供暖', '寒潮', 'council', 'library'];

/** What to generate. */
export interface GenerateSiteOptions {
  /** Number of posts (default 200). */
  posts?: number;
  /** PRNG seed (default 20211019). */
  seed?: number;
  /** `host:port` of a local image origin; every fifth post then carries a cover and a body image from it. */
  imageHost?: string;
  /** Paragraphs per post (default 6). */
  paragraphs?: number;
}

/**
 * Writes posts in the bots' format (../shared/corpus/README.md): a leading
 * blank line, `---`, quoted title, a category hierarchy, `headimg`/`thumbnail`,
 * `comments: false`, an RFC 2822 date, `---`, then scraped HTML with inline
 * styles, laid out as `<category>/<site>/<feed>/<title>.md`.
 *
 * @param contentDir the folder to fill (created).
 * @returns the posts' paths under `contentDir`.
 */
export async function generateSite(contentDir: string, options: GenerateSiteOptions = {}): Promise<string[]> {
  const random = seededRandom(options.seed ?? 20211019);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const written: string[] = [];
  for (let i = 0; i < (options.posts ?? 200); i += 1) {
    const categories = pick(SITES);
    const title = `${Array.from({ length: 4 }, () => pick(WORDS)).join(' ')} 第${i}期`;
    const date = new Date(Date.UTC(2021, 9, 1) + Math.floor(random() * 180) * 86_400_000 + i * 60_000);
    const image = options.imageHost && i % 5 === 0 ? `http://${options.imageHost}/photo-${i % 15}.jpg` : '';
    const paragraphs = Array.from({ length: options.paragraphs ?? 6 }, (_, p) => {
      const words = Array.from({ length: 30 }, () => pick(WORDS)).join(' ');
      return `<p style="text-indent:2em;">\n${p + 1}. ${words}\n</p>`;
    });
    if (image) paragraphs.splice(1, 0, `<p align="center">\n<img src="${image}" alt="${title}" referrerpolicy="no-referrer">\n</p>`);
    const text = [
      '',
      '---',
      `title: '${title}'`,
      'categories: ',
      ...categories.map((c) => ` - ${c}`),
      `headimg: '${image}'`,
      `author: ${categories[1]}`,
      'comments: false',
      `date: ${date.toUTCString()}`,
      `thumbnail: '${image}'`,
      '---',
      '',
      `<div>   \n${paragraphs.join('\n')}\n</div>            `,
    ].join('\n');
    const relative = path.join(...categories, `${title.replace(/\s+/g, '_')}.md`);
    await mkdir(path.dirname(path.join(contentDir, relative)), { recursive: true });
    await writeFile(path.join(contentDir, relative), text);
    written.push(relative);
  }
  return written;
}

/** sha256 over every file's path and bytes under a folder: equal hashes mean byte-identical trees. */
export async function hashTree(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort();
  for (const file of files) hash.update(path.relative(dir, file)).update('\0').update(await readFile(file)).update('\0');
  return hash.digest('hex');
}
