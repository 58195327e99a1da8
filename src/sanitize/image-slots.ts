import type { Comment, Element, ElementContent, Parents, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { isElement } from './hast-helpers.ts';

/**
 * Where an image sits in a sanitized body's HTML: characters `start` to
 * `end` hold the `<img>` (or the `<picture>` around it), which `element`
 * is. The images stage rewrites these ranges and copies the rest, so it
 * never parses a body again: that parse took a tenth of a cold build.
 */
export interface ImageSlot {
  readonly start: number;
  readonly end: number;
  readonly element: Element;
}

/** A sanitized body's HTML with its {@link ImageSlot}s. */
export interface SlottedHtml {
  readonly html: string;
  readonly imageSlots: readonly ImageSlot[];
}

/**
 * Serializes the tree (with hast-util-to-html, as rehype-stringify does)
 * and finds its image slots: every `<picture>` holding an `<img>`, and
 * every other `<img>`, in document order. The tree is left as it was.
 */
export function serializeWithImageSlots(tree: Root): SlottedHtml {
  const places = findImagePlaces(tree);
  if (places.length === 0) return { html: toHtml(tree), imageSlots: [] };
  const elements = places.map(({ parent, index }) => parent.children[index] as Element);
  // Each image is serialized on its own, and the rest with a comment in its place. The sanitizer
  // drops comments, so only ours are left, unless an attribute's text spells one: then another is tried.
  for (let attempt = 0; ; attempt += 1) {
    const marker: Comment = { type: 'comment', value: `wirepress-image-${attempt}` };
    for (const { parent, index } of places) parent.children[index] = marker;
    let parts: string[];
    try {
      parts = toHtml(tree).split(`<!--${marker.value}-->`);
    } finally {
      places.forEach(({ parent, index }, i) => (parent.children[index] = elements[i] as Element));
    }
    if (parts.length === places.length + 1) return joinSlots(parts, elements);
  }
}

interface ImagePlace {
  readonly parent: Parents;
  readonly index: number;
}

function findImagePlaces(tree: Root): ImagePlace[] {
  const places: ImagePlace[] = [];
  const visit = (parent: Parents) => {
    parent.children.forEach((child, index) => {
      if (child.type !== 'element') return;
      if (child.tagName === 'img' || (child.tagName === 'picture' && child.children.some((c) => isElement(c, 'img')))) {
        places.push({ parent, index });
      } else visit(child);
    });
  };
  visit(tree);
  return places;
}

function joinSlots(parts: readonly string[], elements: readonly Element[]): SlottedHtml {
  let html = parts[0] ?? '';
  const imageSlots = elements.map((element, i) => {
    const start = html.length;
    html += toHtml(element);
    const slot = { start, end: html.length, element: withoutPositions(element) as Element };
    html += parts[i + 1] ?? '';
    return slot;
  });
  return { html, imageSlots };
}

/** A copy without source positions: they are not needed to rewrite it, and it is sent to the main thread and cached. */
function withoutPositions(node: ElementContent): ElementContent {
  const copy = { ...node };
  delete copy.position;
  if (copy.type === 'element') copy.children = copy.children.map(withoutPositions);
  return copy;
}
