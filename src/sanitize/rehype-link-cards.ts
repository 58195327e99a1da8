import type { Element, ElementContent, Root } from 'hast';
import { element, isElement, parentsBottomUp, stringProperty, textContent } from './hast-helpers.ts';
import { normalizeUrl } from './normalize-url.ts';

// Where cards keep their target: 少数派 writes `<span class="ss-linkCard" link-card-href="…"> </span>` and
// fills the card in the browser; other editors use data attributes.
const HREF_ATTRIBUTES = ['link-card-href', 'dataHref', 'dataUrl', 'dataLink', 'href'];
const TITLE_ATTRIBUTES = ['link-card-title', 'dataTitle', 'title', 'ariaLabel'];

// Card class names, compared lower-cased without `-`/`_`: `ss-linkCard`, `link-card`, `js_link_card`.
const CARD_CLASS = /^(?:ss|js)?linkcard$/;

// Parents in which a card stands in a line of text, so it becomes a bare link rather than a paragraph.
const INLINE_PARENTS = new Set(['p', 'li', 'td', 'th', 'dd', 'dt', 'figcaption', 'caption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'span', 'strong', 'b', 'em', 'i']);

const MAX_TITLE_LENGTH = 200;

/**
 * Turns link cards into a paragraph holding a link, so the reader keeps the
 * recommendation: 少数派's cards are an empty
 * `<span class="ss-linkCard" link-card-href="https://sspai.com/post/36442"> </span>`
 * that its site fills in with script, and the schema would leave nothing of
 * them. The link's text is the card's title where the markup has one (a
 * title attribute, a `…title…` element inside, the card's own short text),
 * else the URL. A card without an http(s) target is left to the schema.
 */
export function rehypeLinkCards() {
  return (tree: Root): void => {
    for (const parent of parentsBottomUp(tree)) {
      if (!parent.children.some((c) => isElement(c) && isCard(c))) continue;
      // A link cannot hold a link: a card inside one is left to the schema.
      if (parent.type === 'element' && parent.tagName === 'a') continue;
      const inline = parent.type === 'element' && INLINE_PARENTS.has(parent.tagName);
      parent.children = (parent.children as ElementContent[]).map((child) => {
        if (!isElement(child) || !isCard(child)) return child;
        const href = cardHref(child);
        if (href === undefined) return child;
        const link = element('a', { href }, [{ type: 'text', value: cardTitle(child) ?? href }]);
        return inline ? link : element('p', {}, [link]);
      }) as typeof parent.children;
    }
  };
}

function isCard(node: Element): boolean {
  const value = node.properties.className;
  return Array.isArray(value) && value.some((name) => CARD_CLASS.test(String(name).toLowerCase().replace(/[-_]/g, '')));
}

function cardHref(card: Element): string | undefined {
  const inner = findElement(card, (n) => n.tagName === 'a' && typeof n.properties.href === 'string');
  const candidates = [...HREF_ATTRIBUTES.map((name) => stringProperty(card, name)), inner && stringProperty(inner, 'href')];
  for (const raw of candidates) {
    if (raw === undefined) continue;
    const url = normalizeUrl(raw);
    if (/^https?:\/\/[^/?#\\\s]/i.test(url)) return url;
  }
  return undefined;
}

function cardTitle(card: Element): string | undefined {
  const titled = findElement(card, (n) => {
    const value = n.properties.className;
    return Array.isArray(value) && value.some((name) => /title/i.test(String(name)));
  });
  const candidates = [
    ...TITLE_ATTRIBUTES.map((name) => stringProperty(card, name)),
    titled && textContent(titled),
    textContent(card),
  ];
  for (const raw of candidates) {
    const title = raw?.replace(/\s+/g, ' ').trim();
    if (title !== undefined && title !== '' && [...title].length <= MAX_TITLE_LENGTH) return title;
  }
  return undefined;
}

function findElement(root: Element, predicate: (node: Element) => boolean): Element | undefined {
  const stack: ElementContent[] = [...root.children];
  while (stack.length > 0) {
    const node = stack.pop() as ElementContent;
    if (node.type !== 'element') continue;
    if (predicate(node)) return node;
    stack.push(...node.children);
  }
  return undefined;
}
