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
 * Kinds that are active or page-altering content: only these make the
 * `sanitize/removed` warning. Style attributes, comments, unknown wrappers
 * (`<font>`, `<o:p>`) and players turned into links are ordinary scraping
 * residue and are only counted.
 */
export const UNSAFE_KINDS: ReadonlySet<string> = new Set([
  'script', 'style', 'event-handler', 'script-url', 'plugin', 'form', 'metadata',
]);

/**
 * Stripped elements whose text a reader would have seen (a form's labels, a
 * `<noscript>` or `<iframe>` fallback, a formula, an SVG `<text>`): losing it
 * is worth a `sanitize/removed-text` warning. Scripts, styles, templates and
 * `<title>` hold no visible text.
 */
export const VISIBLE_TEXT_TAGS: ReadonlySet<string> = new Set([
  'iframe', 'frameset', 'noembed', 'object', 'embed', 'applet', 'video', 'audio', 'canvas', 'form', 'button', 'select',
  'textarea', 'option', 'optgroup', 'output', 'fieldset', 'legend', 'datalist', 'svg', 'math', 'noscript', 'noframes',
  'xmp', 'plaintext',
]);

/** Human label of a kind in warning messages (`event-handler` → `event handler`). */
export function kindLabel(kind: string): string {
  return kind === 'script-url' ? 'script URL' : kind.replace(/-/g, ' ');
}
