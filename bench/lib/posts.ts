/**
 * Bot-shaped posts: the real ones read from ../shared/corpus/real, the feed
 * bot's writing rules (corpus/README.md), and new posts recombined from them.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { createRandom, type Random } from './prng.ts';

/** The front matter of a post, in the bot's key order; `categories`: category / site / feed. */
export type PostFields = { title: string; categories: readonly [string, string, string]; headimg: string; author: string; date: string };

/** A real post: its fields and the body between the bot's `<div>   ` and `</div>`. */
export type RealPost = PostFields & { inner: string };

export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

/** Thrown when the corpus is missing, so the CLI can print one clear line. */
export class MissingCorpusError extends Error {}

// The exact framing of every real post (see formatPost).
const FRAMING = /^\n---\n([\s\S]*?)\n---\n\n<div> {3}\n([\s\S]*)\n<\/div>\n {12}$/;

/** Every real post of `<corpusDir>/real`, by file name in code-unit order (the same in every locale). */
export async function readRealPosts(corpusDir = DEFAULT_CORPUS_DIR): Promise<RealPost[]> {
  const dir = path.join(corpusDir, 'real');
  const hint = 'The benchmark generates its posts from ../shared/corpus (beside the repository); pass --corpus DIR to point elsewhere.';
  if (!existsSync(dir)) throw new MissingCorpusError(`the real posts are missing: ${dir} does not exist. ${hint}`);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.md') && n !== 'SOURCE.md' && n !== 'README.md').sort();
  const posts = (await Promise.all(names.map(async (n) => parseRealPost(await readFile(path.join(dir, n), 'utf8'))))).filter((p) => p !== undefined);
  if (posts.length === 0) throw new MissingCorpusError(`no post in ${dir} has the bot's framing; cannot generate posts from it.`);
  return posts;
}

/** Splits one real post into its parts; `undefined` when it does not have the bot's shape. */
export function parseRealPost(text: string): RealPost | undefined {
  const match = FRAMING.exec(text);
  // FAILSAFE keeps every scalar a string: the zoneless dates stay as written.
  const data = match ? (yaml.load(match[1]!, { schema: yaml.FAILSAFE_SCHEMA }) as Record<string, unknown> | null) : null;
  const categories = data?.['categories'];
  if (!Array.isArray(categories) || categories.length !== 3 || !categories.every((c) => typeof c === 'string')) return undefined;
  const field = (key: string) => (typeof data![key] === 'string' ? (data![key] as string) : '');
  return { title: field('title'), categories: categories as [string, string, string], headimg: field('headimg'), author: field('author'), date: field('date'), inner: match![2]! };
}

/** Rewrites a headline as the bot does for titles: `“瓣瓣同心”` became `_瓣瓣同心_`. */
export const botTitle = (headline: string): string => headline.replace(/[:/\\?*“”<>|[\]]/g, '_');

/** The bot's file name for a title: the title minus `#`, `.` and newlines, plus `.md`. */
export const fileNameForTitle = (title: string): string => `${title.replace(/[#.\r\n]/g, '')}.md`;

/** The bot's RFC 2822 date: `Tue, 19 Oct 2021 00:49:00 GMT`. */
export const rfc2822Date = (ms: number): string => new Date(ms).toUTCString();

/** The whole file: blank first line, seven keys in a fixed order, the body wrapped in `<div>   `…`</div>`, 12 trailing spaces, no final newline. */
export function formatPost({ title, categories, headimg, author, date }: PostFields, inner: string): string {
  // Single quotes, or double when the title holds an apostrophe (`"+_&~_%！'^……"` in the corpus).
  const quoted = title.includes("'") && !/["\\]/.test(title) ? `"${title}"` : `'${title.replace(/'/g, "''")}'`;
  const image = `'${headimg.replace(/'/g, "''")}'`;
  return ['', '---', `title: ${quoted}`, 'categories: ', ...categories.map((c) => ` - ${c}`), `headimg: ${image}`, `author: ${author}`,
    'comments: false', `date: ${date}`, `thumbnail: ${image}`, '---', '', '<div>   ', inner, '</div>', ' '.repeat(12)].join('\n');
}

// The corpus spans 2018-12 to 2022-09, in whole seconds.
const FIRST_S = Date.UTC(2018, 11, 1) / 1000;
const LAST_S = Date.UTC(2022, 8, 30, 23, 59, 59) / 1000;

/** A generated post: its position in the sequence, where the bot would write it, its fields, the instant of its date (zoneless read as UTC), its body and whole file. */
export type GeneratedPost = ReturnType<ReturnType<typeof createPostFactory>>;

/**
 * Returns a generator of posts recombined from the real ones: passages of
 * real bodies joined to 2–40 KB (log-uniform; 2% of 60–80 KB), unique titles, RFC 2822
 * (~80%) and zoneless (~20%) dates, 30 category paths. The same seed gives
 * the same sequence.
 */
export function createPostFactory(real: readonly RealPost[], { seed = 20211019 } = {}) {
  const random = createRandom(seed);
  const paths = chooseCategoryPaths(real, random);
  const makeTitle = createTitleMaker(real.map((p) => p.title), random);
  const bySite = new Map<string, RealPost[]>();
  for (const post of real) bySite.set(post.categories[1], [...(bySite.get(post.categories[1]) ?? []), post]);
  const pools = passagePools(real);
  let lastFetch: number | undefined;
  let index = 0;

  // Passages of the first post's site mostly, others of the same kind (HTML or text lines) sometimes: each post is a
  // story of its own (posts made of whole real bodies were near-duplicates of each other, and the build links those).
  const makeBody = (first: RealPost): string => {
    const site = first.categories[1];
    const text = isTextBody(first.inner);
    const target = random.chance(0.02)
      ? random.int(60_000, 80_000)
      : Math.round(Math.exp(Math.log(2_000) + random.next() * Math.log(40_000 / 2_000)));
    const own = pools.bySite.get(site)!;
    const kind = pools.byKind.get(text)!;
    // A site of one or two real posts has too few passages of its own to make distinct stories from.
    const ownShare = own.length >= MIN_SITE_PASSAGES ? 0.7 : 0.1;
    const parts = [random.pick(own.length >= MIN_SITE_PASSAGES ? pools.openings.get(site)! : kind)];
    let size = Buffer.byteLength(parts[0]!);
    while (size < target) {
      const passage = random.pick(random.chance(ownShare) ? own : kind);
      parts.push(passage);
      size += Buffer.byteLength(passage);
    }
    return parts.join('').trimEnd();
  };

  const makeDate = (): { date: string; timestamp: number } => {
    const zoneless = random.chance(0.2);
    // Zoneless dates are the bot's fetch time: one run writes several posts with exactly the same value (four in the corpus).
    if (zoneless && (lastFetch === undefined || !random.chance(0.35))) lastFetch = random.int(FIRST_S, LAST_S) * 1000;
    const timestamp = zoneless ? lastFetch! : random.int(FIRST_S, LAST_S) * 1000;
    return { date: zoneless ? new Date(timestamp).toISOString().slice(0, 19).replace('T', ' ') : rfc2822Date(timestamp), timestamp };
  };

  return () => {
    const categories = random.pick(paths);
    const first = random.pick(bySite.get(categories[1]) ?? real);
    const { title, fileName } = makeTitle();
    const { date, timestamp } = makeDate();
    // picsum covers are random placeholders (`?random=83`); the others are the site's real covers.
    const headimg = first.headimg.startsWith('https://picsum.photos/') ? `https://picsum.photos/400/300?random=${random.int(1, 9999)}` : first.headimg;
    const fields: PostFields = { title, categories, headimg, author: categories[1], date };
    const inner = makeBody(first);
    return { index: index++, relPath: [...categories, fileName].join('/'), fields, timestamp, inner, text: formatPost(fields, inner) };
  };
}

/**
 * The real bodies cut into passages that stand alone: whole blocks of an
 * HTML body (see topLevelPassages), each line of a plain-text one (Eventernote, DT财经). The
 * bodies' first passages by site (a ZAKER story opens with its image box),
 * all passages by site, and by kind (text bodies: true; their lines, and
 * the HTML passages' text as lines).
 */
function passagePools(real: readonly RealPost[]): { openings: Map<string, string[]>; bySite: Map<string, string[]>; byKind: Map<boolean, string[]> } {
  const bySite = new Map<string, string[]>();
  const byKind = new Map<boolean, string[]>([[true, []], [false, []]]);
  const openings = new Map<string, string[]>();
  for (const post of real) {
    const text = isTextBody(post.inner);
    const passages = (text ? post.inner.split(/(?<=\n)/) : topLevelPassages(post.inner)).filter((passage) => passage.trim() !== '');
    const site = post.categories[1];
    openings.set(site, [...(openings.get(site) ?? []), ...passages.slice(0, 1)]);
    bySite.set(site, [...(bySite.get(site) ?? []), ...passages]);
    byKind.get(text)!.push(...passages);
    // The few plain-text bodies would make copies of each other: their posts also take the HTML passages' text as lines.
    if (!text) byKind.get(true)!.push(...passages.map(passageText).filter((line) => line !== '').map((line) => `${line}\n`));
  }
  return { openings, bySite, byKind };
}

/** An HTML body cut after each `</p>` outside any `<div>`: whole blocks, a ZAKER image box with its caption kept together. */
function topLevelPassages(html: string): string[] {
  const passages: string[] = [];
  let depth = 0;
  let start = 0;
  for (const match of html.matchAll(/<div\b|<\/div>|<\/p>/gi)) {
    const tag = match[0].toLowerCase();
    if (tag === '<div') depth += 1;
    else if (tag === '</div>') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      passages.push(html.slice(start, match.index + tag.length));
      start = match.index + tag.length;
    }
  }
  passages.push(html.slice(start));
  return passages;
}

/** The text of an HTML passage, on one line. */
const passageText = (passage: string): string => passage.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();

/** Passages a site needs for its posts to draw mostly from its own (see createPostFactory). */
const MIN_SITE_PASSAGES = 40;

/** A body of plain lines, without a tag (the corpus's Eventernote and DT财经 posts). */
const isTextBody = (inner: string): boolean => !/<[a-z]/i.test(inner);

type CategoryPath = readonly [string, string, string];

/**
 * Every distinct category path of the corpus, then paths pairing a real site
 * with another feed of the same top category (as a bot following more feeds
 * would), shuffled with the seeded generator, up to `count`.
 */
function chooseCategoryPaths(posts: readonly RealPost[], random: Random, count = 30): CategoryPath[] {
  const key = (p: CategoryPath) => p.join('\u0000');
  const real = new Map(posts.map((p) => [key(p.categories), p.categories]));
  const sites = new Map<string, Set<string>>();
  const feeds = new Map<string, Set<string>>();
  for (const [top, site, feed] of real.values()) {
    sites.set(top, (sites.get(top) ?? new Set()).add(site));
    feeds.set(top, (feeds.get(top) ?? new Set()).add(feed));
  }
  const extra: CategoryPath[] = [...sites].flatMap(([top, siteSet]) =>
    [...siteSet].flatMap((site) => [...feeds.get(top)!].map((feed): CategoryPath => [top, site, feed]).filter((p) => !real.has(key(p)))),
  );
  for (let i = extra.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [extra[i], extra[j]] = [extra[j]!, extra[i]!];
  }
  return [...real.values(), ...extra].slice(0, Math.max(count, real.size));
}

// Where real headlines split into a head and a tail: `Intel Xe HPG…公开：台积电6nm…`.
const SEPARATOR = /(：|，|、|｜| - |—| )/;

/**
 * Makes unique titles by joining the head of one real headline to the tail of
 * another, sometimes with characters the bot rewrites (`“”:?/|`) or drops from
 * file names (`#`, `.`), then applying the bot's rules.
 */
function createTitleMaker(headlines: readonly string[], random: Random): () => { title: string; fileName: string } {
  const heads: string[] = [];
  const tails: { sep: string; text: string }[] = [];
  for (const headline of headlines) {
    const parts = headline.split(SEPARATOR);
    for (let i = 1; i < parts.length; i += 2) {
      const head = parts.slice(0, i).join('').trim();
      const tail = parts.slice(i + 1).join('').trim();
      if (head) heads.push(head);
      if (tail) tails.push({ sep: parts[i]!, text: tail });
    }
    heads.push(headline);
  }
  const used = new Set<string>();
  let serial = 0;
  return () => {
    for (let attempt = 0; ; attempt++) {
      let headline = decorate(random.pick(heads), random.pick(tails), random);
      if (attempt >= 8) headline = `${headline} ${++serial}`;
      // Real file names stay well under the 255-byte limit of most file systems.
      let chars = [...botTitle(headline).trim()];
      while (chars.length > 1 && Buffer.byteLength(fileNameForTitle(chars.join(''))) > 200) chars = chars.slice(0, -1);
      const title = chars.join('').trim();
      const fileName = fileNameForTitle(title);
      if (fileName !== '.md' && !used.has(fileName.toLowerCase())) {
        used.add(fileName.toLowerCase());
        return { title, fileName };
      }
    }
  };
}

// Each form occurs in the real titles, before or after the bot's rewrite.
// Quotes never open the title: a file name starting with `_` is hidden from
// Hexo (and from wirepress), which would silently shrink the benchmark.
function decorate(head: string, tail: { sep: string; text: string }, random: Random): string {
  const headline = `${head}${tail.sep}${tail.text}`;
  const roll = random.next();
  if (roll < 0.08) return `${head}${tail.sep}“${tail.text}”`;
  if (roll < 0.12) return `${headline}?`;
  if (roll < 0.15) return headline.replace(' ', ': ');
  if (roll < 0.18) return `${headline} Win${random.int(10, 11)}/Win${random.int(10, 11)}`;
  if (roll < 0.2) return `${headline} #${random.int(1, 12)}`;
  if (roll < 0.22) return `${headline} ${random.int(1, 9)}.${random.int(0, 99)}`;
  if (roll < 0.24) return `${headline} [${random.int(2019, 2022)}]`;
  return headline;
}
