import type { Root } from 'hast';
import { fromParse5 } from 'hast-util-from-parse5';
import { parseFragment } from 'parse5';
import { VFile } from 'vfile';

/**
 * Parses untrusted markup as a body fragment, the way a browser with
 * scripting disabled would (so `<noscript>` content is markup we can see and
 * strip, as in rehype-parse).
 *
 * Source positions are off by default: parse5's location tracking and the
 * `position` objects it puts on every node made parsing several times slower
 * on 2 MB bodies and fed most of the garbage collection; only
 * `rehypeRestoreLiteralTags` needs offsets, and asks for them.
 *
 * @param html the markup.
 * @param positions attach `position` (line, column, offset) to every node (default: false).
 */
export function parseFragmentTree(html: string, positions = false): Root {
  const fragment = parseFragment(html, { sourceCodeLocationInfo: positions, scriptingEnabled: false });
  return fromParse5(fragment, positions ? { file: new VFile(html) } : {}) as Root;
}
