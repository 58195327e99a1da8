import type { Element, ElementContent, Root } from 'hast';
import { element, isBlankText, isElement, parentsBottomUp, trimBreaks } from './hast-helpers.ts';
import { isPhrasing } from './phrasing.ts';

/**
 * Runs after the schema, when the attributes left are the ones that matter.
 * A `<span>` with none is replaced by its content. A `<div>` with none (the
 * bot's outer wrapper, ZAKER's `content_img_div`, Dockone's
 * `aw-upload-img-list`, 36kr's boxes) is replaced by its content too, and
 * its loose text becomes paragraphs, as does loose text at the top of the
 * body: runs of inline content are wrapped in `<p>`, and a run is split where
 * two or more `<br>` follow each other (Dockone writes paragraphs as
 * `text<br><br>text`), so line breaks between blocks are not lost.
 */
export function rehypeUnwrapWrappers() {
  return (tree: Root): void => {
    for (const parent of parentsBottomUp(tree)) {
      let changed = false;
      const next: ElementContent[] = [];
      for (const child of parent.children as ElementContent[]) {
        if (isBareWrapper(child, 'span')) {
          next.push(...(child as Element).children);
          changed = true;
        } else if (isBareWrapper(child, 'div')) {
          next.push(...paragraphize((child as Element).children));
          changed = true;
        } else next.push(child);
      }
      parent.children = parent.type === 'root' ? paragraphize(next) : changed ? next : parent.children;
    }
  };
}

function isBareWrapper(node: ElementContent, tagName: string): boolean {
  return isElement(node, tagName) && Object.keys(node.properties).length === 0;
}

/** Wraps each run of inline content among blocks in `<p>`; content that is all inline stays one paragraph. */
export function paragraphize(children: readonly ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    for (const piece of splitAtDoubleBreaks(run)) out.push(element('p', {}, piece));
    // Whitespace between blocks is kept as is.
    if (run.length > 0 && run.every((n) => isBlankText(n))) out.push(...run);
    run = [];
  };
  for (const child of children) {
    if (isPhrasing(child)) run.push(child);
    else {
      flush();
      out.push(child);
    }
  }
  flush();
  return out;
}

function splitAtDoubleBreaks(run: readonly ElementContent[]): ElementContent[][] {
  const pieces: ElementContent[][] = [];
  let current: ElementContent[] = [];
  let breaks: ElementContent[] = [];
  const close = () => {
    const trimmed = trimBreaks(current);
    if (trimmed.some((n) => !isBlankText(n) && n.type !== 'comment')) pieces.push(trimmed);
    current = [];
  };
  for (const node of run) {
    if (isElement(node, 'br')) breaks.push(node);
    else if (isBlankText(node) && breaks.length > 0) breaks.push(node);
    else {
      if (breaks.filter((b) => isElement(b, 'br')).length >= 2) close();
      else current.push(...breaks);
      breaks = [];
      current.push(node);
    }
  }
  close();
  return pieces;
}
