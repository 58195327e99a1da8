import type { Element, ElementContent, Parents, Properties, Root } from 'hast';
import { element, isBlankText, isElement, textContent } from './hast-helpers.ts';
import { PHRASING_TAGS } from './phrasing.ts';

// Blocks that may hold only phrasing content: a code block inside one is split out of it
// (a browser re-reading `<p><pre>` would close the paragraph itself).
const PHRASING_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Runs after the schema, before whitespace is collapsed. Makes code read
 * line by line, as its author wrote it (issue #22):
 *
 * - A `<code>` outside `<pre>` that holds several lines becomes a code block
 *   (`<pre><code>`), its whitespace and columns kept: lines across `<br>`,
 *   or across newlines when the code is all its block holds (scraped
 *   `<p><code class="prettyprint">` listings, whose site styled them as
 *   blocks). A paragraph around it is split. A newline in a code phrase
 *   amid a sentence is only the source's line wrapping and stays inline.
 * - Inside `<pre>`, each `<br>` becomes a line break and a newline right
 *   after it is dropped: the scraped `line<br>\n` is one line break, not
 *   two. Formatting wrappers holding only whitespace give way to it (an
 *   empty `<b> </b>` would be removed as empty, taking the space along), and
 *   line breaks before the first line go (the first would be dropped by
 *   any browser re-reading the page, which the output must survive).
 *
 * @param options.hasCode whether the body has `<pre>` or `<code>` at all; when false the tree is not walked.
 */
export function rehypeCodeBlocks(options: { hasCode: boolean }) {
  return (tree: Root): void => {
    if (!options.hasCode) return;
    for (const pre of liftMultiLineCode(tree)) pre.children = normalizeLines(pre.children, { atStart: true, afterBreak: false });
  };
}

interface Found {
  /** Every `<pre>`, the new code blocks included. */
  readonly pres: Element[];
  /** The new code blocks. */
  readonly blocks: Set<Element>;
  /** Code elements to make code blocks. */
  readonly lifted: Set<Element>;
  /** Their ancestors below the flow container they will stand in. */
  readonly onPath: Set<Element>;
  /** Those flow containers. */
  readonly containers: Set<Parents>;
}

interface Visit {
  readonly node: Parents;
  /** The nearest ancestor that may hold a code block. */
  readonly container: Parents;
  /** The elements from the container (exclusive) down to `node` (inclusive). */
  readonly path: readonly Element[];
}

// Finds the code to lift and every `<pre>`, then lifts; returns every `<pre>`.
function liftMultiLineCode(tree: Root): Element[] {
  const found: Found = { pres: [], blocks: new Set(), lifted: new Set(), onPath: new Set(), containers: new Set() };
  // A block's text, once: a listing may hold many code phrases.
  const blockText = new Map<Parents, string>();
  const stack: Visit[] = [{ node: tree, container: tree, path: [] }];
  while (stack.length > 0) {
    const { node, container, path } = stack.pop() as Visit;
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'pre') found.pres.push(child);
      else if (child.tagName === 'code') {
        if (isMultiLine(child, path[0] ?? child, container, blockText)) {
          found.lifted.add(child);
          for (const ancestor of path) found.onPath.add(ancestor);
          found.containers.add(container);
        }
      } else if (!PHRASING_TAGS.has(child.tagName) && !PHRASING_BLOCKS.has(child.tagName)) {
        stack.push({ node: child, container: child, path: [] });
      } else stack.push({ node: child, container, path: [...path, child] });
    }
  }
  for (const container of found.containers) {
    container.children = (container.children as ElementContent[]).flatMap((child) =>
      child.type === 'element' && (found.lifted.has(child) || found.onPath.has(child)) ? splitAround(child, found) : [child],
    ) as typeof container.children;
  }
  return found.pres;
}

// Several non-blank lines, and either `<br>` between them or nothing else in the block.
function isMultiLine(code: Element, top: Element, container: Parents, blockText: Map<Parents, string>): boolean {
  const lines = linesOf(code);
  if (lines.text.split('\n').filter((line) => line.trim() !== '').length < 2) return false;
  if (lines.hasBreak) return true;
  const block = PHRASING_BLOCKS.has(top.tagName) ? top : container;
  const text = blockText.get(block) ?? textContent(block).trim();
  blockText.set(block, text);
  return text === lines.text.trim();
}

function linesOf(code: Element): { text: string; hasBreak: boolean } {
  let text = '';
  let hasBreak = false;
  const stack: ElementContent[] = [code];
  while (stack.length > 0) {
    const node = stack.pop() as ElementContent;
    if (node.type === 'text') text += node.value;
    else if (node.type === 'element' && node.tagName === 'br') {
      text += '\n';
      hasBreak = true;
    } else if (node.type === 'element') for (let i = node.children.length - 1; i >= 0; i -= 1) stack.push(node.children[i] as ElementContent);
  }
  return { text, hasBreak };
}

// The element on the path to lifted code, cut into copies of itself around each new code block. A
// phrasing element (a link, bold) also wraps the code inside the block: the code keeps its link.
function splitAround(node: Element, found: Found): ElementContent[] {
  if (found.lifted.has(node)) {
    const block = element('pre', {}, [node]);
    found.pres.push(block);
    found.blocks.add(block);
    return [block];
  }
  const wraps = !PHRASING_BLOCKS.has(node.tagName);
  const out: ElementContent[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    if (run.some(isVisible)) out.push({ ...node, properties: out.length === 0 ? node.properties : withoutAnchor(node.properties), children: run });
    run = [];
  };
  const add = (piece: ElementContent) => {
    const last = out.at(-1);
    if (run.length === 0 && isElement(last) && found.blocks.has(last)) trimEdge(piece, 'start');
    run.push(piece);
  };
  for (const child of node.children) {
    if (child.type !== 'element' || !(found.lifted.has(child) || found.onPath.has(child))) add(child);
    else {
      for (const piece of splitAround(child, found)) {
        if (isElement(piece) && found.blocks.has(piece)) {
          trimEdge(run.at(-1), 'end');
          flush();
          if (wraps) piece.children = [{ ...node, properties: out.length === 0 ? node.properties : withoutAnchor(node.properties), children: piece.children }];
          out.push(piece);
        } else add(piece);
      }
    }
  }
  flush();
  return out;
}

// The space between a sentence and the code it introduced is not part of either paragraph.
function trimEdge(node: ElementContent | undefined, edge: 'start' | 'end'): void {
  if (node?.type === 'text') node.value = edge === 'start' ? node.value.trimStart() : node.value.trimEnd();
}

function isVisible(node: ElementContent): boolean {
  if (node.type === 'text') return node.value.trim() !== '';
  return node.type === 'element' && node.tagName !== 'br';
}

// An id names one place: the part of a split paragraph after a code block does not repeat it.
function withoutAnchor(properties: Properties): Properties {
  const { id: _id, name: _name, ...rest } = properties;
  return rest;
}

interface LineState {
  /** No text yet: line breaks are dropped. */
  atStart: boolean;
  /** The last thing was a `<br>`: a newline right after it is the same break. */
  afterBreak: boolean;
}

function normalizeLines(children: ElementContent[], state: LineState): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    if (child.type === 'text') {
      if (child.value === '') continue;
      let value = state.afterBreak && child.value.startsWith('\n') ? child.value.slice(1) : child.value;
      if (state.atStart) value = value.replace(/^\n+/, '');
      state.afterBreak = false;
      if (value === '') continue;
      state.atStart = false;
      out.push({ ...child, value });
    } else if (child.type === 'element' && child.tagName === 'br') {
      if (state.atStart) continue;
      out.push({ type: 'text', value: '\n' });
      state.afterBreak = true;
    } else if (child.type === 'element') {
      child.children = normalizeLines(child.children, state);
      const onlySpace = child.tagName !== 'code' && child.children.length > 0 && child.children.every((c) => isBlankText(c));
      if (onlySpace) out.push(...child.children);
      else out.push(child);
    } else out.push(child);
  }
  return out;
}
