import { describeValue } from './describe-value.ts';
import { MARKDOWN_EXTENSIONS } from './post-extensions.ts';
import type { BodyFormat } from './types.ts';

/** A post body and how to read it. */
export interface ClassifiedBody {
  body: string;
  /** 1-based line of the file where `body` starts. */
  bodyLine: number;
  bodyFormat: BodyFormat;
  /**
   * Set when the front matter's `format:` could not be used (anything but
   * `markdown`, `md` or `html`, any case): the message for a warning, e.g.
   * `` `format`: expected `markdown` or `html`, received "rst"; ignored ``.
   * The body was then classified as if `format:` were absent.
   */
  formatProblem?: string;
}

/** What {@link classifyBody} may know about the post besides its body. */
export interface ClassifyBodyOptions {
  /**
   * The file's extension with its dot (`.md`, `.html`); any case. Without one
   * (default: `undefined`), or for an extension that is not Markdown's, the
   * body is HTML or text, as before Markdown support.
   */
  extension?: string;
  /** The front matter's `format:` value as read, untrusted (default: `undefined`, absent). */
  format?: unknown;
}

// Any tag or comment makes a body HTML.
const HTML_TAG = /<(?:[a-z][a-z0-9-]*[\s/>]|\/[a-z][a-z0-9-]*\s*>|!--)/i;
// The bots wrap every body in one bare `<div>`; Eventernote and DT财经 put plain
// text lines inside it (../shared/corpus/README.md, "Bodies").
const BARE_WRAPPER = /^<div>[ \t]*(?:\n|$)([\s\S]*?)<\/div>$/i;
// hexo-renderer-marked registers these extensions (index.js).
// An HTML fragment starts with a tag or comment and ends with `>`: every bot body is
// `<div>…</div>` (../shared/corpus/real/). `<https://…>` (a Markdown autolink) is no tag.
const HTML_START = /^<(?:[a-z][a-z0-9-]*[\s/>]|!--)/i;
// Markdown block syntax at the start of a line, or unmistakable inline syntax. `_emphasis_`
// is left out on purpose: the bots write titles like `_瓣瓣同心_` (`“”` became `_`).
const MARKDOWN_SYNTAX = new RegExp(
  [
    /^ {0,3}#{1,6}(?:[ \t]|$)/.source, // ATX heading
    /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S/.source, // list item
    /^ {0,3}(?:```|~~~)/.source, // fence
    /^ {0,3}>/.source, // block quote
    /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|={3,})[ \t]*$/.source, // thematic break, setext underline
    /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?[ \t]*$/.source, // table delimiter row
    // `[^[\]\n]`, not `[^\]\n]`: a line of 80,000 `[` would otherwise be very slow (each `[` scanning to the end).
    /!?\[[^[\]\n]+\]\([^)\s]+(?:[ \t]+"[^"\n]*")?\)/.source, // link or image
    /\*\*[^*\s](?:[^*\n]*[^*\s])?\*\*/.source, // strong
    /(?:^|[^*\w])\*[^*\s](?:[^*\n]*[^*\s])?\*(?![*\w])/.source, // emphasis with `*`
    /<https?:\/\/[^\s<>]+>/.source, // autolink
    /`[^`\n]+`/.source, // code span
    /~~[^~\s](?:[^~\n]*[^~\s])?~~/.source, // strikethrough
  ].join('|'),
  'm',
);

/**
 * Decides how a body is read: `markdown`, `html` or `text`.
 *
 * - `format: markdown` (or `md`) in the front matter: Markdown.
 *   `format: html`: never Markdown; HTML or text as below.
 * - A Markdown file (`.md` and hexo-renderer-marked's other extensions) is
 *   Markdown, unless its body is an HTML fragment (starts with a tag or
 *   comment and ends with `>`, as every bot body does: one `<div>…</div>`),
 *   or has no tag and no Markdown syntax at all (plain lines, as the
 *   Eventernote and DT财经 bots write): those are read as before.
 * - Otherwise (`.html`, no extension given): HTML, or `text` when the body
 *   has no tag at all, or when its only tags are one bare `<div>…</div>`
 *   around it; the wrapper is then removed, so the text keeps its line
 *   breaks once each line becomes a paragraph.
 *
 * So a hand-written `.md` post is Markdown as soon as it uses a heading, a
 * list, a fence, a quote, a rule, a table, a link (or `<https://…>`),
 * `**strong**`, `*em*`, `` `code` `` or `~~strike~~` (or any tag, short of
 * being all HTML). Plain lines without any of these, or a Markdown post
 * that begins with a tag and ends with `>`, need `format: markdown`.
 *
 * @param body the body, trailing whitespace already trimmed.
 * @param bodyLine the 1-based line where `body` starts in the file.
 * @param options the file's extension and its `format:` (see {@link ClassifyBodyOptions}).
 */
export function classifyBody(body: string, bodyLine: number, options: ClassifyBodyOptions = {}): ClassifiedBody {
  const declared = readFormat(options.format);
  const problem = declared === 'invalid' ? formatMessage(options.format) : undefined;
  const classified =
    declared === 'markdown' || (declared !== 'html' && isMarkdownExtension(options.extension) && looksLikeMarkdown(body))
      ? { body, bodyLine, bodyFormat: 'markdown' as const }
      : classifyHtmlOrText(body, bodyLine);
  return problem === undefined ? classified : { ...classified, formatProblem: problem };
}

function classifyHtmlOrText(body: string, bodyLine: number): ClassifiedBody {
  if (!HTML_TAG.test(body)) return { body, bodyLine, bodyFormat: 'text' };
  const wrapped = BARE_WRAPPER.exec(body);
  const inner = wrapped?.[1];
  if (inner === undefined || HTML_TAG.test(inner)) return { body, bodyLine, bodyFormat: 'html' };
  // The text starts on the line after `<div>`; blank lines before it are dropped too.
  const lines = inner.split('\n');
  const firstText = lines.findIndex((line) => line.trim() !== '');
  const skipped = firstText < 0 ? lines.length : firstText;
  return { body: lines.slice(skipped).join('\n').trimEnd(), bodyLine: bodyLine + 1 + skipped, bodyFormat: 'text' };
}

// A `.md` body is Markdown unless it is an HTML fragment or plain lines (see classifyBody).
function looksLikeMarkdown(body: string): boolean {
  const trimmed = body.trim();
  if (HTML_START.test(trimmed) && trimmed.endsWith('>')) return false;
  return HTML_TAG.test(body) || MARKDOWN_SYNTAX.test(body);
}

function isMarkdownExtension(extension: string | undefined): boolean {
  return typeof extension === 'string' && MARKDOWN_EXTENSIONS.has(extension.toLowerCase());
}

function readFormat(value: unknown): 'markdown' | 'html' | 'absent' | 'invalid' {
  if (value === undefined || value === null) return 'absent';
  if (typeof value !== 'string') return 'invalid';
  const name = value.trim().toLowerCase();
  if (name === '') return 'absent';
  if (name === 'markdown' || name === 'md') return 'markdown';
  return name === 'html' ? 'html' : 'invalid';
}

function formatMessage(value: unknown): string {
  return `\`format\`: expected \`markdown\` or \`html\`, received ${describeValue(value)}; ignored`;
}
