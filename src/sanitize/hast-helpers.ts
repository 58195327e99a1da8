import type { Element, ElementContent, Nodes, Parents, Text } from 'hast';

/** True when `node` is an element, optionally one of `tagNames`. */
export function isElement(node: Nodes | undefined, ...tagNames: string[]): node is Element {
  return node?.type === 'element' && (tagNames.length === 0 || tagNames.includes(node.tagName));
}

/** True when the element's `class` list contains `name`. */
export function hasClass(node: Element, name: string): boolean {
  const value = node.properties.className;
  if (Array.isArray(value)) return value.includes(name);
  return typeof value === 'string' && String(value).split(/\s+/).includes(name);
}

/** True when the element's `class` list has an entry starting with `prefix`. */
export function hasClassPrefix(node: Element, prefix: string): boolean {
  const value = node.properties.className;
  return Array.isArray(value) && value.some((c) => String(c).startsWith(prefix));
}

/** A string property of an element, or `undefined`. */
export function stringProperty(node: Element, name: string): string | undefined {
  const value = node.properties[name];
  return typeof value === 'string' ? value : undefined;
}

/** True when a text node holds only whitespace (including no-break spaces). */
export function isBlankText(node: Nodes | undefined): node is Text {
  return node?.type === 'text' && /^\s*$/.test(node.value);
}

/** Concatenated text of a node's descendants (iterative, so deep trees are fine). */
export function textContent(node: Nodes): string {
  let out = '';
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as Nodes;
    if (current.type === 'text') out += current.value;
    else if ('children' in current) for (let i = current.children.length - 1; i >= 0; i -= 1) stack.push(current.children[i] as Nodes);
  }
  return out;
}

/** Every element under `root` in document order, collected iteratively. */
export function allElements(root: Parents): Element[] {
  const out: Element[] = [];
  const stack: Nodes[] = [];
  for (let i = root.children.length - 1; i >= 0; i -= 1) stack.push(root.children[i] as Nodes);
  while (stack.length > 0) {
    const current = stack.pop() as Nodes;
    if (current.type !== 'element') continue;
    out.push(current);
    for (let i = current.children.length - 1; i >= 0; i -= 1) stack.push(current.children[i] as Nodes);
  }
  return out;
}

/** Every parent (root and elements) under and including `root`, children before their parents (post-order). */
export function parentsBottomUp(root: Parents): Parents[] {
  const order: Parents[] = [];
  const stack: Parents[] = [root];
  while (stack.length > 0) {
    const current = stack.pop() as Parents;
    order.push(current);
    for (const child of current.children) if (child.type === 'element') stack.push(child);
  }
  return order.reverse();
}

/** Builds an element. */
export function element(tagName: string, properties: Element['properties'], children: ElementContent[]): Element {
  return { type: 'element', tagName, properties, children };
}

/** `nodes` without the line breaks and blank text at either end. */
export function trimBreaks(nodes: readonly ElementContent[]): ElementContent[] {
  let start = 0;
  let end = nodes.length;
  while (start < end && (isElement(nodes[start], 'br') || isBlankText(nodes[start]))) start += 1;
  while (end > start && (isElement(nodes[end - 1], 'br') || isBlankText(nodes[end - 1]))) end -= 1;
  return nodes.slice(start, end);
}
