import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

/** One real post from `corpus/real/`, split into the parts the generator recombines. */
export interface RealPost {
  file: string;
  title: string;
  /** category / site / feed */
  categories: [string, string, string];
  headimg: string;
  author: string;
  date: string;
  /** The body between the bot's `<div>   ` opener and its closing `</div>`. */
  inner: string;
}

/** Where the shared corpus is expected: `../shared/corpus` beside the repository. */
export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

// The exact framing of every file in corpus/real (checked on all 54): a blank
// first line, front matter, a blank line, `<div>   `, the body, `</div>` and
// 12 trailing spaces with no final newline.
const FRAMING = /^\n---\n([\s\S]*?)\n---\n\n<div> {3}\n([\s\S]*)\n<\/div>\n {12}$/;

/** Thrown when the corpus is missing, so the CLI can print one clear line. */
export class MissingCorpusError extends Error {}

/**
 * Reads every real post from `<corpusDir>/real/*.md`, sorted by file name
 * (code-point order, so the result is the same in every locale).
 * @param corpusDir the corpus folder (default: {@link DEFAULT_CORPUS_DIR})
 * @throws MissingCorpusError when the folder or its posts are absent
 */
export async function readRealPosts(corpusDir = DEFAULT_CORPUS_DIR): Promise<RealPost[]> {
  const realDir = path.join(corpusDir, 'real');
  if (!existsSync(realDir)) {
    throw new MissingCorpusError(
      `the real posts are missing: ${realDir} does not exist. The benchmark generates its posts from ../shared/corpus (beside the repository); pass --corpus DIR to point elsewhere.`,
    );
  }
  const names = (await readdir(realDir)).filter((n) => n.endsWith('.md') && n !== 'SOURCE.md' && n !== 'README.md');
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const posts: RealPost[] = [];
  for (const name of names) {
    const post = parseRealPost(name, await readFile(path.join(realDir, name), 'utf8'));
    if (post) posts.push(post);
  }
  if (posts.length === 0) throw new MissingCorpusError(`no post in ${realDir} has the bot's framing; cannot generate posts from it.`);
  return posts;
}

/** Splits one real post into its fields; `undefined` when it does not have the bot's shape. */
export function parseRealPost(file: string, text: string): RealPost | undefined {
  const match = FRAMING.exec(text);
  if (!match) return undefined;
  // FAILSAFE keeps every scalar a string: the zoneless dates stay as written.
  const data = yaml.load(match[1]!, { schema: yaml.FAILSAFE_SCHEMA }) as Record<string, unknown> | null;
  if (!data || typeof data !== 'object') return undefined;
  const categories = data['categories'];
  const text3 = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  if (!Array.isArray(categories) || categories.length !== 3 || !categories.every((c) => typeof c === 'string')) return undefined;
  return {
    file,
    title: text3('title'),
    categories: categories as [string, string, string],
    headimg: text3('headimg'),
    author: text3('author'),
    date: text3('date'),
    inner: match[2]!,
  };
}
