/** A post body and how to read it. */
export interface ClassifiedBody {
  body: string;
  /** 1-based line of the file where `body` starts. */
  bodyLine: number;
  bodyFormat: 'html' | 'text';
}

// Any tag or comment makes a body HTML.
const HTML_TAG = /<(?:[a-z][a-z0-9-]*[\s/>]|\/[a-z][a-z0-9-]*\s*>|!--)/i;
// The bots wrap every body in one bare `<div>`; Eventernote and DT财经 put plain
// text lines inside it (../shared/corpus/README.md, "Bodies").
const BARE_WRAPPER = /^<div>[ \t]*(?:\n|$)([\s\S]*?)<\/div>$/i;

/**
 * Decides whether a body is HTML or plain text lines. A body is `text` when
 * it has no tag at all, or when its only tags are one bare `<div>…</div>`
 * around it; the wrapper is then removed, so the text keeps its line breaks
 * once each line becomes a paragraph.
 *
 * @param body the body, trailing whitespace already trimmed.
 * @param bodyLine the 1-based line where `body` starts in the file.
 */
export function classifyBody(body: string, bodyLine: number): ClassifiedBody {
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
