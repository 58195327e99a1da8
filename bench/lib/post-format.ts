/**
 * The feed bot's writing rules, reproduced so generated posts are
 * byte-for-byte shaped like the real ones (see corpus/README.md).
 */

/** The fields of one post file, in the bot's key order. */
export interface PostFields {
  title: string;
  categories: readonly [string, string, string];
  headimg: string;
  author: string;
  date: string;
}

// The bot replaces these with `_` in titles: `“瓣瓣同心”` became `_瓣瓣同心_`.
const BOT_REPLACED = /[:/\\?*“”<>|[\]]/g;

/** Rewrites a headline the way the bot does before using it as a title. */
export function botTitle(headline: string): string {
  return headline.replace(BOT_REPLACED, '_');
}

/** The bot's file name for a title: the title minus `#`, `.` and newlines, plus `.md`. */
export function fileNameForTitle(title: string): string {
  return `${title.replace(/[#.\r\n]/g, '')}.md`;
}

/**
 * Quotes a title as the bot does: single quotes, or double quotes when the
 * title holds an apostrophe (`"+_&~_%！'^……"` in the corpus).
 */
export function quoteTitle(title: string): string {
  if (title.includes("'") && !/["\\]/.test(title)) return `"${title}"`;
  return `'${title.replace(/'/g, "''")}'`;
}

/** An instant as the bot's RFC 2822 form: `Tue, 19 Oct 2021 00:49:00 GMT`. */
export function rfc2822Date(ms: number): string {
  return new Date(ms).toUTCString();
}

/** An instant as the bot's zoneless form: `2021-11-26 07:21:47` (no offset). */
export function zonelessDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The whole file text: blank first line, front matter with seven keys in a
 * fixed order, the body wrapped in `<div>   `…`</div>`, 12 trailing spaces
 * and no final newline.
 * @param fields the front matter values
 * @param inner the body HTML inside the wrapper
 */
export function formatPost(fields: PostFields, inner: string): string {
  const image = `'${fields.headimg.replace(/'/g, "''")}'`;
  return [
    '',
    '---',
    `title: ${quoteTitle(fields.title)}`,
    'categories: ',
    ...fields.categories.map((c) => ` - ${c}`),
    `headimg: ${image}`,
    `author: ${fields.author}`,
    'comments: false',
    `date: ${fields.date}`,
    `thumbnail: ${image}`,
    '---',
    '',
    '<div>   ',
    inner,
    '</div>',
    ' '.repeat(12),
  ].join('\n');
}
