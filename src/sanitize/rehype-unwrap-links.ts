import type { ElementContent, Parents, Root } from 'hast';
import { urlMatcher, type UrlTest } from '../urls/index.ts';
import { isElement, stringProperty } from './hast-helpers.ts';
import { appendJoiningText } from './join-text.ts';

/** Options of {@link rehypeUnwrapLinks}. */
export interface UnwrapLinksOptions {
  /** URL patterns of the links to unwrap (config `content.unwrapLinks`; see urlMatcher). */
  readonly patterns: readonly string[];
}

/**
 * Runs after the schema, when every `href` left is a checked URL. Replaces
 * each link whose `href` matches one of the patterns with its content:
 * 36kr's entity links (`36kr.com/project/…` around a company's name) and
 * cnBeta's affiliate links (`c.duomai.com/track.php?…`,
 * `microsoft.pvxt.net/…`), which the source sites add inside words
 * (`Surf<a>ace</a>`); the text is joined back into one text node, so the
 * word reads whole and nothing is inserted. A link that is also an anchor
 * (`id`/`name`) keeps its element, without the `href`.
 */
export function rehypeUnwrapLinks(options: UnwrapLinksOptions) {
  const { patterns } = options;
  return (tree: Root): void => {
    if (patterns.length === 0) return;
    let matches: UrlTest | undefined;
    const stack: Parents[] = [tree];
    while (stack.length > 0) {
      const parent = stack.pop() as Parents;
      if (parent.children.some((c) => isElement(c, 'a') && stringProperty(c, 'href') !== undefined)) {
        matches ??= urlMatcher(patterns);
        unwrapMatchingLinks(parent, matches);
      }
      for (const child of parent.children) if (child.type === 'element') stack.push(child);
    }
  };
}

function unwrapMatchingLinks(parent: Parents, matches: UrlTest): void {
  const isMatch = (node: ElementContent) => isElement(node, 'a') && matches(stringProperty(node, 'href') ?? '');
  if (!(parent.children as ElementContent[]).some(isMatch)) return;
  const next: ElementContent[] = [];
  for (const child of parent.children as ElementContent[]) {
    if (!isMatch(child) || child.type !== 'element') appendJoiningText(next, child);
    else if (child.properties.id !== undefined || child.properties.name !== undefined) {
      delete child.properties.href;
      delete child.properties.target;
      next.push(child);
    } else for (const inner of child.children) appendJoiningText(next, inner);
  }
  parent.children = next as typeof parent.children;
}
