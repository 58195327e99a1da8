/**
 * The extensions of Markdown files, as hexo-renderer-marked registers them
 * (its index.js): a post or page with one of these is Markdown unless its
 * body is an HTML fragment (see classifyBody).
 */
export const MARKDOWN_EXTENSIONS: ReadonlySet<string> = new Set(['.md', '.markdown', '.mkd', '.mkdn', '.mdwn', '.mdtxt', '.mdtext']);

/** HTML files, which Hexo renders as they are. */
const HTML_EXTENSIONS: ReadonlySet<string> = new Set(['.html', '.htm']);

/** Whether a file of this name is a post (in the posts' folder) or a page (in a Hexo source folder). */
export function isPostFileName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return false;
  const extension = name.slice(dot).toLowerCase();
  return MARKDOWN_EXTENSIONS.has(extension) || HTML_EXTENSIONS.has(extension);
}
