import type { Element, Nodes } from 'hast';
import { isElement, stringProperty, textContent } from './hast-helpers.ts';
import { isFetchableUrl, isScriptUrl, normalizeUrl } from './normalize-url.ts';

/**
 * What kind of removed content each stripped element is, as counted in
 * `SanitizedBody.removed` (kebab-case kinds, stable: the build report shows them).
 */
export const STRIPPED_KIND: Readonly<Record<string, string>> = {
  script: 'script',
  style: 'style',
  object: 'plugin', embed: 'plugin', applet: 'plugin', param: 'plugin',
  iframe: 'embed', frame: 'embed', frameset: 'embed', noembed: 'embed', portal: 'embed',
  video: 'media', audio: 'media', canvas: 'media', track: 'media',
  form: 'form', input: 'form', button: 'form', select: 'form', textarea: 'form', option: 'form', optgroup: 'form',
  datalist: 'form', output: 'form', fieldset: 'form', legend: 'form',
  base: 'metadata', meta: 'metadata', link: 'metadata', title: 'metadata', head: 'metadata',
  svg: 'foreign-content', math: 'foreign-content',
  noscript: 'fallback', noframes: 'fallback',
  template: 'hidden-content', dialog: 'hidden-content', slot: 'hidden-content',
  xmp: 'raw-text', plaintext: 'raw-text',
};

/**
 * When removed content is worth the `sanitize/removed` warning: only when a
 * reader of our page misses something the origin page showed them.
 * Everything removed is still counted (`SanitizedBody.removed`, the build
 * report); the console speaks only of what the story lost. Decided on the
 * outermost removed element (a `<form>`, not each of its fields). A reader
 * misses:
 *
 * - a plugin (`<object>`, `<embed>`, `<applet>`) that had something to
 *   play: nothing replaces it;
 * - a frame or player (`<iframe>`, `<frame>`, `<portal>`, `<video>`, `<audio>`)
 *   that showed something but has no usable http(s) URL (a `srcdoc`, an
 *   `ftp:` file): those with one became links (rehypeEmbedsToLinks);
 * - a `<canvas>`: a chart the page's script drew;
 * - a script that carried content: MathJax's `math/*` blocks, and scripts
 *   of hosts that draw a listing where they stand (gists, JSFiddle,
 *   asciinema). Ad loaders, analytics and widget loaders are not missed;
 * - a drawing or a formula: an `<svg>` that draws something and is not an
 *   icon (see isIcon), a `<math>` with text;
 * - a form a reader would fill: a `<form>` with a field, or a lone
 *   `<select>`, `<textarea>` or `<input>` that takes text (a poll, a
 *   calculator, a search box).
 *
 * Not missed, so only counted: styles, event handlers, `javascript:` URLs
 * (the link's text stays; a player or plugin that only had such a URL
 * showed nothing), metadata, templates, `<noscript>` fallbacks
 * (`sanitize/removed-text` speaks of those that held text), buttons and
 * their icons (copy buttons, share bars, tip widgets: every 少数派 post
 * carries a hidden side bar of five icon buttons, woshipm a 赞赏 button
 * with an SVG), hidden fields, and a task list's checkboxes, which stay as
 * ☐/☑ (rehypeCheckboxesToText).
 *
 * @param node an element the schema strips (see {@link STRIPPED_KIND}).
 * @param proxyPrefixes CORS-proxy prefixes: a player behind the proxy has a usable URL.
 * @returns how the warning names what was missed (`<form>`, `<script src=gist.github.com>`), or undefined.
 */
export function missedByReader(node: Element, proxyPrefixes: readonly string[]): string | undefined {
  switch (node.tagName) {
    case 'object': case 'embed': case 'applet':
      return pluginSources(node).length > 0 ? `<${node.tagName}>` : undefined;
    case 'canvas':
      return '<canvas>';
    case 'math':
      return textContent(node).trim() !== '' ? '<math>' : undefined;
    case 'iframe': case 'frame': case 'portal': case 'video': case 'audio':
      return isLostPlayer(node, proxyPrefixes) ? `<${node.tagName}>` : undefined;
    case 'script':
      return missedScript(node);
    case 'svg':
      return isIcon(node) ? undefined : '<svg>';
    case 'form':
      return hasField(node) ? '<form>' : undefined;
    case 'select': case 'textarea':
      return `<${node.tagName}>`;
    case 'input':
      return TEXT_INPUT_TYPES.has(inputType(node)) ? '<input>' : undefined;
    default:
      return undefined;
  }
}

// Hosts whose script writes a listing or a recording where it stands: without it the reader sees nothing there.
const CONTENT_SCRIPT_HOSTS = ['gist.github.com', 'jsfiddle.net', 'asciinema.org'];

function missedScript(node: Element): string | undefined {
  // Named from the article's attributes, so only in characters a type or a host name has.
  const type = /^\s*(math\/[\w.+-]{1,24})/i.exec(stringProperty(node, 'type') ?? '')?.[1]?.toLowerCase();
  if (type !== undefined && textContent(node).trim() !== '') return `<script type=${type}>`;
  const src = stringProperty(node, 'src');
  if (src === undefined) return undefined;
  const host = /^(?:https?:)?\/\/([\w.-]{1,253})(?:[/?#:]|$)/i.exec(normalizeUrl(src))?.[1]?.toLowerCase();
  return host !== undefined && CONTENT_SCRIPT_HOSTS.some((h) => host === h || host.endsWith(`.${h}`)) ? `<script src=${host}>` : undefined;
}

// A player that showed something but cannot become a link (the test rehypeEmbedsToLinks makes).
function isLostPlayer(node: Element, proxyPrefixes: readonly string[]): boolean {
  const sources = shown([stringProperty(node, 'src'), ...childValues(node, 'source', 'src')]);
  if (sources.some((s) => isFetchableUrl(normalizeUrl(s), proxyPrefixes))) return false;
  return sources.length > 0 || (stringProperty(node, 'srcDoc') ?? '').trim() !== '';
}

// What a plugin was given to play: its own URLs and those of its `<param>`s (Flash's `movie`).
function pluginSources(node: Element): string[] {
  const own = ['src', 'data', 'code', 'archive'].map((name) => stringProperty(node, name));
  return shown([...own, ...childValues(node, 'param', 'value')]);
}

function childValues(node: Element, tagName: string, property: string): (string | undefined)[] {
  return node.children.filter((c) => isElement(c, tagName)).map((c) => stringProperty(c as Element, property));
}

// URLs that could have shown something: a `javascript:` or `data:` one ran a script or smuggled one.
function shown(urls: readonly (string | undefined)[]): string[] {
  return urls.filter((u): u is string => u !== undefined && u.trim() !== '' && !isScriptUrl(u));
}

// Icons and blanks, not drawings: drawing nothing, marked as icons, hidden from assistive technology,
// a sprite reference, or drawn at most 48 px.
function isIcon(node: Element): boolean {
  if (hasClassPart(node, 'icon') || String(node.properties.ariaHidden) === 'true') return true;
  const drawn = node.children.filter((c) => c.type === 'element' && !NOT_DRAWN.has(c.tagName));
  if (drawn.every((c) => isElement(c, 'use'))) return true;
  const box = String(node.properties.viewBox ?? '').trim().split(/[\s,]+/).map(Number);
  const sizes = [node.properties.width, node.properties.height, box[2], box[3]].map((v) => Number.parseFloat(String(v ?? ''))).filter(Number.isFinite);
  return sizes.length > 0 && sizes.every((size) => size <= 48);
}

const NOT_DRAWN: ReadonlySet<string> = new Set(['title', 'desc', 'metadata', 'script', 'style', 'defs', 'animate', 'set']);

function hasClassPart(node: Element, part: string): boolean {
  const value = node.properties.className;
  const names = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/\s+/);
  return names.some((name) => name.toLowerCase().includes(part));
}

// Input types a reader types into or chooses with; hidden fields, buttons and a lone checkbox are not.
const TEXT_INPUT_TYPES: ReadonlySet<string> = new Set([
  'text', 'search', 'email', 'url', 'tel', 'password', 'number', 'range', 'date', 'datetime-local', 'month', 'week',
  'time', 'color', 'file',
]);

function inputType(node: Element): string {
  return (stringProperty(node, 'type') ?? 'text').trim().toLowerCase() || 'text';
}

// A field of a form: anything but hidden fields and buttons (in a form, checkboxes and radio buttons are a poll's choices).
function hasField(form: Element): boolean {
  const stack: Nodes[] = [...form.children];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type !== 'element') continue;
    if (node.tagName === 'select' || node.tagName === 'textarea') return true;
    if (node.tagName === 'input' && !NOT_FIELDS.has(inputType(node))) return true;
    stack.push(...node.children);
  }
  return false;
}

const NOT_FIELDS: ReadonlySet<string> = new Set(['hidden', 'submit', 'button', 'reset', 'image']);

/**
 * Stripped elements whose text a reader would have seen (a form's labels, a
 * `<noscript>` or `<iframe>` fallback, a formula, an SVG `<text>`): losing it
 * is worth a `sanitize/removed-text` warning. Scripts, styles, templates and
 * `<title>` hold no visible text; a button's text ("复制", "赞赏") is a
 * control's name, not the story's, and is not counted even inside a form.
 */
export const VISIBLE_TEXT_TAGS: ReadonlySet<string> = new Set([
  'iframe', 'frameset', 'noembed', 'object', 'embed', 'applet', 'video', 'audio', 'canvas', 'form', 'select',
  'textarea', 'option', 'optgroup', 'output', 'fieldset', 'legend', 'datalist', 'svg', 'math', 'noscript', 'noframes',
  'xmp', 'plaintext',
]);
