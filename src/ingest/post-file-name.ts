import { slugize } from '../urls/index.ts';

/** What Hexo reads from a post's file name (see parsePostFileName). */
export interface PostFileName {
  /** The post's slug: `:title` and `:name` in permalinks. */
  readonly slug: string;
  /** The date the name carries, for a post whose front matter has none. */
  readonly date?: { readonly year: number; readonly month: number; readonly day: number };
}

// hexo-util's Permalink segments as Hexo's post processor sets them for file names.
const SEGMENTS: Record<string, string> = {
  year: '(\\d{4})',
  month: '(\\d{2})',
  day: '(\\d{2})',
  i_month: '(\\d{1,2})',
  i_day: '(\\d{1,2})',
  hash: '([0-9a-f]{12})',
};
const TOKEN = /:(\w*[^_\W])/g;

/**
 * Reads a post's slug (and a date) from its path as Hexo does with
 * `new_post_name` (hexojs/hexo lib/plugins/processor/post.ts
 * `parseFilename`): the pattern without its extension is matched against
 * the path without its own; `:title` is the slug. A path the pattern does
 * not match, or a pattern without `:title`, gives hexo-util's slugize of the
 * whole path (`科技/头条/a` → `科技-头条-a`).
 *
 * @param pattern Hexo's `new_post_name` (default: `:title.md`, the whole path).
 * @param name the path under the posts' folder, POSIX separators.
 */
export function parsePostFileName(pattern: string, name: string): PostFileName {
  const stem = name.replace(/\.[^./]*$/, '');
  const params: string[] = [];
  const source = escapeRegExp(pattern.replace(/\.[^./]*$/, '')).replace(TOKEN, (_match, param: string) => {
    params.push(param);
    return SEGMENTS[param] ?? '(.+?)';
  });
  const match = new RegExp(`^${source}$`).exec(stem);
  if (!match) return { slug: slugize(stem) };
  const values = new Map(params.map((param, i) => [param, match[i + 1] ?? '']));
  const slug = values.get('title') ?? slugize(stem);
  const year = Number(values.get('year'));
  const month = Number(values.get('month') ?? values.get('i_month'));
  const day = Number(values.get('day') ?? values.get('i_day'));
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= 31 ? { slug, date: { year, month, day } } : { slug };
}

// As hexo-util's escapeRegExp, which leaves `:` (the tokens) alone.
function escapeRegExp(text: string): string {
  return text.replace(/[-[\]/{}()*+?.\\^$|]/g, '\\$&');
}
