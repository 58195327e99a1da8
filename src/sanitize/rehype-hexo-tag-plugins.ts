import type { Element, ElementContent, Parents, Root } from 'hast';
import { element, isElement, textContent } from './hast-helpers.ts';
import type { SanitizeLog, SanitizeWarning } from './sanitize-log.ts';

// `{% name args %}`, with Nunjucks' `{%-`/`-%}` whitespace control; args end at the first `%}`. Their
// length is bounded so that text full of unclosed `{%` costs linear time, not quadratic.
const TAG = /\{%-?\s*([A-Za-z_][\w-]*)([\s\S]{0,300}?)-?%\}/g;
const TAG_NAME = /\{%-?\s*([A-Za-z_][\w-]*)/g;

// Tag plugins of Hexo and of its common themes (NexT, Butterfly, Fluid, Volantis). One of them in a body
// says it comes from a Hexo blog's unrendered source; without one, `{% if %}` or `{% block %}` in a post
// about Jinja or Django is the author's text and stays.
const HEXO_TAGS: ReadonlySet<string> = new Set([
  'blockquote', 'quote', 'codeblock', 'pullquote', 'jsfiddle', 'gist', 'iframe', 'img', 'image', 'link', 'include_code',
  'include_link', 'youtube', 'vimeo', 'post_path', 'post_link', 'asset_path', 'asset_img', 'asset_link', 'raw',
  'note', 'label', 'tabs', 'subtabs', 'button', 'btn', 'btns', 'centerquote', 'cq', 'grouppicture', 'gp', 'mermaid',
  'pdf', 'video', 'audio', 'hideInline', 'hideBlock', 'hideToggle', 'checkbox', 'radio', 'timeline', 'folding', 'fold',
  'kbd', 'emp', 'wavy', 'inlineImg', 'fancybox', 'ghcard', 'tip', 'poem', 'span', 'p', 'u', 'del', 'sup', 'sub',
]);

// Block tags whose content the theme set apart as a callout or a quotation: a `<blockquote>` keeps it apart.
const QUOTE_TAGS: ReadonlySet<string> = new Set(['note', 'blockquote', 'quote', 'centerquote', 'cq', 'pullquote', 'tip']);

// Tags whose meaning survives without them: a label's text, a callout's quotation, raw text as it is.
const SHOWN_TAGS: ReadonlySet<string> = new Set(['label', 'raw', ...QUOTE_TAGS]);

// Label colours of Butterfly's `{% label text colour %}`.
const COLOURS = /\s+(?:default|blue|pink|red|purple|orange|green|primary|info|success|warning|danger)$/i;

/** Options of {@link rehypeHexoTagPlugins}. */
export interface HexoTagPluginOptions {
  /** The body as parsed: a body without `{%` is not walked. */
  readonly source: string;
  /** Where a `sanitize/hexo-tag` warning goes when tags that showed something else (an image, a video) are dropped. */
  readonly log: SanitizeLog;
}

/**
 * Turns Hexo tag-plugin syntax left in a scraped blog's body, shown as text
 * (its feed carried the unrendered source), into what the tags showed.
 * `{% label info@注意 %}` becomes its text, 注意 (NexT's `class@text`,
 * Butterfly's `text colour`); paragraphs from `{% note info %}` to
 * `{% endnote %}` (and the other callout and quote tags) become a
 * `<blockquote>`; any other tag's syntax is dropped, the text between a
 * block tag and its end tag kept. A marker on a line of its own takes its
 * `<br>` with it. Text in `<pre>`, `<code>`, `<kbd>` and `<samp>` is never
 * touched, and nothing is when the body names no Hexo tag plugin (see
 * HEXO_TAGS). Dropping a tag that showed more than its text (`asset_img`,
 * `youtube`: a Hexo blog's own Markdown post) is warned, naming the tags. Runs after the schema and the wrappers' unwrapping, when the
 * paragraphs are siblings.
 */
export function rehypeHexoTagPlugins(options: HexoTagPluginOptions) {
  const mayHaveTags = options.source.includes('{%');
  return (tree: Root): void => {
    if (!mayHaveTags) return;
    const holders = parentsWithTags(tree);
    if (![...holders.keys()].some(hasHexoTag)) return;
    // A callout's paragraphs are siblings: their parent is the one to regroup.
    for (const outer of new Set([...holders.values()])) quoteCallouts(outer);
    const lost = new Map<string, number>();
    for (const holder of parentsWithTags(tree).keys()) replaceTags(holder, lost);
    if (lost.size > 0) options.log.warnings.push(lostTagsWarning(lost));
  };
}

// Parents holding, as a direct child, text with `{%` outside code, each with its own parent.
function parentsWithTags(tree: Root): Map<Parents, Parents> {
  const found = new Map<Parents, Parents>();
  const stack: [Parents, Parents][] = [[tree, tree]];
  while (stack.length > 0) {
    const [parent, outer] = stack.pop() as [Parents, Parents];
    let holds = false;
    for (const child of parent.children) {
      if (child.type === 'text') holds ||= child.value.includes('{%');
      else if (child.type === 'element' && !isElement(child, 'pre', 'code', 'kbd', 'samp')) stack.push([child, parent]);
    }
    if (holds) found.set(parent, outer);
  }
  return found;
}

function hasHexoTag(parent: Parents): boolean {
  return parent.children.some((c) => c.type === 'text' && [...c.value.matchAll(TAG_NAME)].some((m) => HEXO_TAGS.has(m[1] as string)));
}

// Paragraphs from one that opens with `{% note … %}` to the one that closes with `{% endnote %}` go into a <blockquote>;
// the markers themselves go with the other tags' syntax.
function quoteCallouts(parent: Parents): void {
  const children = parent.children as ElementContent[];
  if (!children.some((c) => isElement(c, 'p'))) return;
  for (let start = 0; start < children.length; start += 1) {
    const opened = openingQuoteTag(children[start]);
    if (opened === undefined) continue;
    const closing = new RegExp(`\\{%-?\\s*end${opened}\\s*-?%\\}\\s*$`);
    let end = start;
    while (end < children.length && !(isElement(children[end], 'p') && closing.test(textContent(children[end] as Element)))) end += 1;
    if (end === children.length) continue;
    const quote = element('blockquote', {}, children.slice(start, end + 1));
    children.splice(start, end - start + 1, quote);
  }
}

function openingQuoteTag(node: ElementContent | undefined): string | undefined {
  if (!isElement(node, 'p')) return undefined;
  const name = /^\s*\{%-?\s*([A-Za-z_][\w-]*)/.exec(textContent(node))?.[1];
  return name !== undefined && QUOTE_TAGS.has(name) ? name : undefined;
}

function replaceTags(parent: Parents, lost: Map<string, number>): void {
  const children = parent.children as ElementContent[];
  const drop = new Set<ElementContent>();
  children.forEach((child, i) => {
    if (child.type !== 'text' || !child.value.includes('{%')) return;
    let shown = false;
    child.value = child.value.replace(TAG, (_match, name: string, args: string) => {
      // An end tag closes what its start tag was counted for.
      if (!name.startsWith('end') && !SHOWN_TAGS.has(name)) lost.set(name, (lost.get(name) ?? 0) + 1);
      const text = name === 'label' ? labelText(args) : '';
      shown ||= text !== '';
      return text;
    });
    // A marker alone on its line (between <br>s) leaves no blank line behind.
    if (shown || child.value.trim() !== '') return;
    drop.add(child);
    const breakAfter = children[i + 1];
    const breakBefore = children[i - 1];
    if (isElement(breakAfter, 'br')) drop.add(breakAfter);
    else if (isElement(breakBefore, 'br')) drop.add(breakBefore);
  });
  if (drop.size === 0) return;
  const kept = children.filter((c) => !drop.has(c));
  // The line break after an opening marker (before a closing one) was the marker's, not the text's.
  const first = kept[0];
  const last = kept.at(-1);
  if (drop.has(children[0] as ElementContent) && first?.type === 'text') first.value = first.value.trimStart();
  if (drop.has(children.at(-1) as ElementContent) && last?.type === 'text') last.value = last.value.trimEnd();
  parent.children = kept as typeof parent.children;
}

function labelText(args: string): string {
  const at = args.indexOf('@');
  return (at >= 0 ? args.slice(at + 1) : args.trim().replace(COLOURS, '')).trim();
}

function lostTagsWarning(lost: ReadonlyMap<string, number>): SanitizeWarning {
  const total = [...lost.values()].reduce((sum, n) => sum + n, 0);
  const names = [...lost.keys()].sort().slice(0, 5).map((name) => `{% ${name} %}`).join(', ');
  return {
    rule: 'sanitize/hexo-tag',
    message: `removed ${total} Hexo tag plugin${total === 1 ? '' : 's'} wirepress does not render (${names}${lost.size > 5 ? ', …' : ''}); the text between them is kept`,
    hint: 'write what the tag showed (an image, a video, a link) in Markdown or HTML instead',
  };
}
