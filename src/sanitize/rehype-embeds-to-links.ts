import type { Element, ElementContent, Nodes, Parents, Root } from 'hast';
import { unwrapProxyUrl } from '../urls/index.ts';
import { element, isBlankText, isElement, parentsBottomUp, stringProperty, textContent } from './hast-helpers.ts';
import { isCaptionParagraph } from './is-caption-paragraph.ts';
import { isFetchableUrl, normalizeUrl } from './normalize-url.ts';
import { videoPage } from './video-page.ts';

const MAX_TITLE_LENGTH = 200;

// What the platforms' embed codes put in `title`: it names the player, not the video.
const GENERIC_TITLE = /^(?:(?:youtube|vimeo|bilibili)\s+)?(?:video\s+)?(?:player|embed|iframe)$|^(?:youtube\s*)?视频播放器$/i;

/**
 * Turns `<video>`, `<audio>` and `<iframe>` into a plain link to what they
 * played: `<a href="origin">▶ title</a>`. Players would hot-link a third
 * party on every page view (the real posts play kaiyanapp videos through the
 * CORS proxy, over plain http behind it, and embed YouTube), so the reader
 * follows a link instead. The link points behind the proxy: the proxy is for
 * our fetcher, not for visitors; a YouTube or Bilibili player points to the
 * video's own page (see videoPage). Its text is the video's title where the
 * markup has one: the player's `title`, `data-title` or `aria-label`, else
 * the caption beside it (the `<figcaption>` of its `<figure>`, or a caption
 * paragraph right after it or after the paragraph holding only it, see
 * isCaptionParagraph), which the link then replaces; without a title (the
 * embed codes' "YouTube video player" is none), the platform's name or the
 * host. An embed
 * without a usable http(s) URL is dropped (the schema strips these tags
 * with their content).
 *
 * @param options.proxyPrefixes CORS-proxy prefixes to remove from the URL.
 */
export function rehypeEmbedsToLinks(options: { proxyPrefixes: readonly string[] }) {
  const { proxyPrefixes } = options;
  return (tree: Root): void => {
    const parents = parentsBottomUp(tree);
    if (!parents.some((p) => p.children.some((c) => isEmbed(c)))) return;
    const captions = captionsBeside(parents);
    const consumed = new Map<Element, Parents>();
    for (const parent of parents) {
      if (!parent.children.some((c) => isEmbed(c))) continue;
      const next: ElementContent[] = [];
      for (const child of parent.children as ElementContent[]) {
        if (!isEmbed(child)) {
          next.push(child);
          continue;
        }
        const target = targetOf(child, proxyPrefixes);
        if (target === undefined) continue;
        let title = ownTitle(child);
        const beside = captions.get(child);
        if (title === undefined && beside !== undefined) {
          title = titleText(textContent(beside.caption));
          if (title !== undefined) consumed.set(beside.caption, beside.container);
        }
        const page = videoPage(target);
        next.push(element('a', { href: page?.url ?? target }, [{ type: 'text', value: `▶ ${title ?? page?.platform ?? new URL(target).host}` }]));
      }
      parent.children = next as typeof parent.children;
    }
    // The link now carries the caption's words.
    for (const [caption, container] of consumed) container.children = container.children.filter((c) => c !== caption) as typeof container.children;
  };
}

function isEmbed(node: Nodes | undefined): node is Element {
  return isElement(node, 'video', 'audio', 'iframe');
}

// For each player, the caption beside it: its figure's <figcaption>, or a caption paragraph right after the
// player or after the paragraph that holds nothing but the player.
function captionsBeside(parents: readonly Parents[]): Map<Element, { caption: Element; container: Parents }> {
  const found = new Map<Element, { caption: Element; container: Parents }>();
  for (const parent of parents) {
    const children = parent.children as ElementContent[];
    for (let i = 0; i < children.length; i += 1) {
      const child = children[i] as ElementContent;
      const embed = isEmbed(child) ? child : soleEmbed(child);
      if (embed === undefined) continue;
      const figcaption = parent.type === 'element' && parent.tagName === 'figure' ? children.find((c) => isElement(c, 'figcaption')) : undefined;
      const caption = (figcaption as Element | undefined) ?? followingCaption(children, i);
      if (caption !== undefined) found.set(embed, { caption, container: parent });
    }
  }
  return found;
}

// The player a paragraph holds and nothing else but whitespace and line breaks.
function soleEmbed(node: ElementContent): Element | undefined {
  if (!isElement(node, 'p', 'div')) return undefined;
  const meaningful = node.children.filter((c) => !isBlankText(c) && !isElement(c, 'br'));
  return meaningful.length === 1 && isEmbed(meaningful[0]) ? (meaningful[0] as Element) : undefined;
}

function targetOf(node: Element, proxyPrefixes: readonly string[]): string | undefined {
  const sources = [stringProperty(node, 'src'), ...node.children.filter((c) => isElement(c, 'source')).map((c) => stringProperty(c as Element, 'src'))];
  for (const raw of sources) {
    if (raw === undefined) continue;
    const url = normalizeUrl(raw);
    if (isFetchableUrl(url, proxyPrefixes)) return unwrapProxyUrl(url, proxyPrefixes);
  }
  return undefined;
}

function ownTitle(node: Element): string | undefined {
  for (const name of ['title', 'dataTitle', 'ariaLabel']) {
    const title = titleText(stringProperty(node, name));
    if (title !== undefined && !GENERIC_TITLE.test(title)) return title;
  }
  return undefined;
}

function followingCaption(nodes: readonly ElementContent[], index: number): Element | undefined {
  let j = index + 1;
  while (j < nodes.length && (isBlankText(nodes[j]) || isElement(nodes[j], 'br'))) j += 1;
  const next = nodes[j];
  return isCaptionParagraph(next) ? next : undefined;
}

function titleText(raw: string | undefined): string | undefined {
  const title = raw?.replace(/\s+/g, ' ').trim();
  return title !== undefined && title !== '' && [...title].length <= MAX_TITLE_LENGTH ? title : undefined;
}
