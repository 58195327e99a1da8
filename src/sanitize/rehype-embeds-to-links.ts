import type { Element, ElementContent, Root } from 'hast';
import { unwrapProxyUrl } from '../urls/index.ts';
import { element, isElement, parentsBottomUp, stringProperty } from './hast-helpers.ts';
import { isFetchableUrl, normalizeUrl } from './normalize-url.ts';

/**
 * Turns `<video>`, `<audio>` and `<iframe>` into a plain link to what they
 * played: `<a href="origin">▶ host</a>`. Players would hot-link a third
 * party on every page view (the real posts play kaiyanapp videos through the
 * CORS proxy, over plain http behind it, and embed YouTube), so the reader
 * follows a link instead. The link points behind the proxy: the proxy is for
 * our fetcher, not for visitors. An embed without a usable http(s) URL is
 * dropped (the schema strips these tags with their content).
 *
 * @param options.proxyPrefixes CORS-proxy prefixes to remove from the URL.
 */
export function rehypeEmbedsToLinks(options: { proxyPrefixes: readonly string[] }) {
  const { proxyPrefixes } = options;
  return (tree: Root): void => {
    for (const parent of parentsBottomUp(tree)) {
      if (!parent.children.some((c) => isElement(c, 'video', 'audio', 'iframe'))) continue;
      const next: ElementContent[] = [];
      for (const child of parent.children as ElementContent[]) {
        if (!isElement(child, 'video', 'audio', 'iframe')) next.push(child);
        else {
          const link = linkFor(child, proxyPrefixes);
          if (link) next.push(link);
        }
      }
      parent.children = next;
    }
  };
}

function linkFor(node: Element, proxyPrefixes: readonly string[]): Element | undefined {
  const sources = [stringProperty(node, 'src'), ...node.children.filter((c) => isElement(c, 'source')).map((c) => stringProperty(c as Element, 'src'))];
  for (const raw of sources) {
    if (raw === undefined) continue;
    const url = normalizeUrl(raw);
    if (!isFetchableUrl(url, proxyPrefixes)) continue;
    const target = unwrapProxyUrl(url, proxyPrefixes);
    const title = stringProperty(node, 'title')?.trim();
    const label = title !== undefined && title !== '' ? title : new URL(target).host;
    return element('a', { href: target }, [{ type: 'text', value: `▶ ${label}` }]);
  }
  return undefined;
}
