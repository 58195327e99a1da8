import type { Element, Nodes, Root } from 'hast';
import { isProxiedUrl, unwrapProxyUrl } from '../urls/index.ts';
import { stringProperty } from './hast-helpers.ts';
import { isFetchableUrl, isScriptUrl } from './normalize-url.ts';
import { missedByReader, STRIPPED_KIND, VISIBLE_TEXT_TAGS } from './removal-kinds.ts';
import { isRenderedMath } from './render-tex.ts';
import { noteMissed, noteRemoved, quote, type SanitizeLog } from './sanitize-log.ts';

// Attributes (hast property names) that hold a URL a browser may follow or load, lazy-load ones included:
// rehypeResolveLazyImages promotes `data-original` to `src`.
const URL_PROPERTIES = new Set([
  'href', 'src', 'cite', 'longDesc', 'action', 'formAction', 'poster', 'background', 'data', 'xLinkHref', 'xlinkHref',
  'srcSet', 'useMap', 'ping', 'lowsrc', 'dynsrc', 'codeBase', 'archive', 'manifest', 'icon', 'profile',
  'dataOriginal', 'dataSrc', 'dataLazySrc', 'dataActualsrc', 'dataUrl',
]);

/** Options of {@link rehypeAuditUnsafe}. */
export interface AuditUnsafeOptions {
  readonly log: SanitizeLog;
  /** Tag names the schema keeps; other elements that are not stripped get unwrapped (`unknown-element`). */
  readonly allowedTags: ReadonlySet<string>;
  /** CORS-proxy prefixes: `https://cors.zfour.workers.dev/?javascript:…` is a script URL once unwrapped. */
  readonly proxyPrefixes: readonly string[];
}

/**
 * Counts, before anything is removed, what sanitizing will take out, by kind
 * (see `removal-kinds.ts`): stripped elements (`script`, `plugin`, `form`, …),
 * `unknown-element` (unwrapped, text kept), `comment`, `style-attribute`,
 * `event-handler` (with a value: ZAKER's bare `onclick` on every image box
 * does nothing) and `script-url` (`javascript:`, `vbscript:`, `data:` outside
 * images — after the obfuscations browsers undo, such as `jav&#x09;ascript:`,
 * and behind the CORS proxy). Stripped elements a reader would miss are
 * noted for the `sanitize/removed` warning (see missedByReader); those that
 * held visible text (a button's label is not the story's) become one
 * `sanitize/removed-text` warning. Content of stripped elements is still
 * audited: `<svg><script>` counts a `foreign-content` and a `script`.
 */
export function rehypeAuditUnsafe(options: AuditUnsafeOptions) {
  const { log, allowedTags, proxyPrefixes } = options;
  return (tree: Root): void => {
    const lostText: string[] = [];
    // Two parallel stacks rather than one of {node, flag} objects: no allocation per node.
    const stack: Nodes[] = [tree];
    const inside: boolean[] = [false];
    while (stack.length > 0) {
      const node = stack.pop() as Nodes;
      const inStripped = inside.pop() as boolean;
      if (node.type === 'comment') noteRemoved(log, 'comment');
      if (node.type !== 'element' && node.type !== 'root') continue;
      // A formula rehypeRenderMath made from the page's TeX: published whole, nothing in it is removed.
      if (node.type === 'element' && isRenderedMath(node)) continue;
      let stripped = inStripped;
      if (node.type === 'element') {
        const kind = STRIPPED_KIND[node.tagName];
        if (kind !== undefined) {
          noteRemoved(log, kind);
          if (!inStripped) {
            const missed = missedByReader(node, proxyPrefixes);
            if (missed !== undefined) noteMissed(log, missed);
            const text = losesText(node, proxyPrefixes) ? readerText(node).trim() : '';
            if (text !== '') lostText.push(`<${node.tagName}> ${quote(text, 60)}`);
          }
          stripped = true;
        } else if (!allowedTags.has(node.tagName)) noteRemoved(log, 'unknown-element');
        auditAttributes(node, log, proxyPrefixes);
      }
      for (let i = node.children.length - 1; i >= 0; i -= 1) {
        stack.push(node.children[i] as Nodes);
        inside.push(stripped);
      }
    }
    if (lostText.length > 0) {
      const shown = lostText.slice(0, 3).join(', ');
      log.warnings.push({
        rule: 'sanitize/removed-text',
        message: `removed ${lostText.length} element${lostText.length === 1 ? '' : 's'} holding visible text: ${shown}${lostText.length > 3 ? ', …' : ''}`,
        hint: 'forms, plugins, formulas and <noscript> fallbacks cannot be published safely; check whether the article still reads well',
      });
    }
  };
}

function auditAttributes(node: Element, log: SanitizeLog, proxyPrefixes: readonly string[]): void {
  for (const [key, value] of Object.entries(node.properties)) {
    if (value === null || value === undefined || typeof value === 'boolean') continue;
    if (/^on[a-z]/i.test(key)) {
      if (String(value).trim() !== '') noteRemoved(log, 'event-handler');
    } else if (key === 'style') {
      if (String(value).trim() !== '') noteRemoved(log, 'style-attribute');
    } else if (URL_PROPERTIES.has(key) && hasScriptUrl(node.tagName, value, proxyPrefixes)) noteRemoved(log, 'script-url');
  }
}

function hasScriptUrl(tag: string, value: unknown, proxyPrefixes: readonly string[]): boolean {
  const values = Array.isArray(value) ? value.map(String) : [String(value)];
  return values.some((v) => {
    // The common case, a plain http(s) URL not behind the proxy, needs no normalizing.
    if (/^https?:\/\//i.test(v) && !isProxiedUrl(v, proxyPrefixes)) return false;
    // A data: image is a (dropped) placeholder, reported as image-dropped instead.
    if (tag === 'img' && /^\s*data:image\//i.test(v)) return false;
    return isScriptUrl(v) || isScriptUrl(unwrapProxyUrl(v.trim(), proxyPrefixes));
  });
}

// A player with a usable URL becomes a link to it (rehypeEmbedsToLinks): its fallback text ("your browser cannot…") is not missed.
function losesText(node: Element, proxyPrefixes: readonly string[]): boolean {
  if (!VISIBLE_TEXT_TAGS.has(node.tagName)) return false;
  if (node.tagName === 'iframe' || node.tagName === 'video' || node.tagName === 'audio') {
    const src = stringProperty(node, 'src');
    return src === undefined || !isFetchableUrl(src.trim(), proxyPrefixes);
  }
  return true;
}

// The text a reader saw in a stripped element: a button's label ("登录", "复制") names a control, not the story.
function readerText(node: Element): string {
  let out = '';
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as Nodes;
    if (current.type === 'text') out += current.value;
    else if (current.type === 'element' && current.tagName === 'button') continue;
    else if ('children' in current) for (let i = current.children.length - 1; i >= 0; i -= 1) stack.push(current.children[i] as Nodes);
  }
  return out;
}
