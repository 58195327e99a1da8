import type { Root } from 'hast';
import { allElements } from './hast-helpers.ts';
import { isScriptUrl } from './normalize-url.ts';
import { noteRemoved, type SanitizeLog } from './sanitize-log.ts';

// Attributes (hast property names) that hold a URL a browser may follow or load.
const URL_PROPERTIES = ['href', 'src', 'cite', 'longDesc', 'action', 'formAction', 'poster', 'background', 'data', 'xLinkHref', 'xlinkHref', 'srcSet'];

/**
 * Counts, before anything is removed, the active content sanitizing will drop:
 * `<script>`, event handlers with a value, script URLs (`javascript:`,
 * `vbscript:`, `data:` outside images — after the obfuscations browsers undo,
 * such as `jav&#x09;ascript:`), plugins (`object`, `embed`, `applet`) and
 * page-level tags (`base`, `meta`). ZAKER's bare `onclick` (no value) on every
 * image box is not counted: it does nothing.
 *
 * @param options.log where the counts go.
 */
export function rehypeAuditUnsafe(options: { log: SanitizeLog }) {
  const { log } = options;
  return (tree: Root): void => {
    for (const node of allElements(tree)) {
      const tag = node.tagName;
      if (tag === 'script') noteRemoved(log, 'script');
      else if (tag === 'object' || tag === 'embed' || tag === 'applet') noteRemoved(log, 'plugin');
      else if (tag === 'base' || tag === 'meta') noteRemoved(log, `<${tag}>`);
      for (const [key, value] of Object.entries(node.properties)) {
        if (/^on[a-z]/i.test(key) && value !== null && value !== undefined && String(value).trim() !== '' && typeof value !== 'boolean') {
          noteRemoved(log, 'event handler');
        } else if (URL_PROPERTIES.includes(key) && hasScriptUrl(tag, key, value)) {
          noteRemoved(log, 'script URL');
        }
      }
    }
  };
}

function hasScriptUrl(tag: string, key: string, value: unknown): boolean {
  const values = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
  return values.some((v) => {
    // A data: image is a (dropped) placeholder, reported as image-dropped instead.
    if (tag === 'img' && /^\s*data:image\//i.test(v)) return false;
    return isScriptUrl(v);
  });
}
