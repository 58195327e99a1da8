import type { Schema } from 'hast-util-sanitize';
import { defaultSchema } from 'hast-util-sanitize';
import { mathmlSchema } from './mathml-allowlist.ts';

/** Prefix given to every `id`/`name` from an article (default of {@link createSchema}). */
export const DEFAULT_ID_PREFIX = 'user-content-';

/**
 * Elements removed together with everything inside them (and `<math>`, but
 * for the formulas we render: see rehypeDropSourceMath). Everything else
 * that is not allowed is unwrapped (its text kept), so a literal
 * `<DistroName>` in IT之家 text still reads "DistroName"-less but keeps the
 * sentence around it.
 */
export const STRIPPED_TAGS: readonly string[] = [
  'script', 'style', 'template', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'form', 'input', 'button', 'select', 'textarea', 'option', 'optgroup', 'datalist', 'output', 'fieldset', 'legend',
  'svg', 'video', 'audio', 'canvas', 'noembed', 'noframes', 'xmp', 'plaintext', 'title', 'head',
  'meta', 'link', 'base', 'param', 'track', 'dialog', 'portal', 'slot',
];

const extraTags = [
  'figure', 'figcaption', 'time', 'cite', 'small', 'mark', 'caption', 'colgroup', 'col', 'u', 'abbr', 'dfn',
  'bdi', 'bdo', 'wbr',
];

const aria = ['ariaDescribedBy', 'ariaLabel', 'ariaLabelledBy'];

/**
 * Builds the sanitize schema for news bodies: hast-util-sanitize's GitHub-like
 * `defaultSchema` plus figures, captions, `<time>`, `<picture>`, tables and
 * MathML Core for formulas (see mathml-allowlist.ts);
 * minus `input`. No `style`, no `on*`, no `class` but `headerlink` on `<a>`
 * and `language-*` on `<code>` (Markdown headings and fences), and four of
 * Temml's in formulas (see MATHML_CLASSES): only the
 * attributes listed here survive. URLs: `href` may be http, https or
 * mailto; `src`, `srcset`, `cite` and `longdesc` only http or https. `data:`
 * URLs are dropped everywhere, images included: the images stage cannot
 * re-host them and the real posts only use them as lazy-load placeholders.
 *
 * @param idPrefix prepended to every `id` and `name` so article anchors cannot
 *   clobber the page's globals (default: `'user-content-'`).
 */
export function createSchema(idPrefix: string = DEFAULT_ID_PREFIX): Schema {
  const base = defaultSchema.attributes ?? {};
  const mathml = mathmlSchema();
  const tagNames = [...(defaultSchema.tagNames ?? []), ...extraTags, ...mathml.tagNames].filter((t) => !STRIPPED_TAGS.includes(t));
  return {
    ...defaultSchema,
    tagNames: [...new Set(tagNames)],
    strip: [...STRIPPED_TAGS],
    // `<source>` only makes sense (and only gets a srcset) inside `<picture>`.
    ancestors: {
      ...defaultSchema.ancestors,
      caption: ['table'],
      colgroup: ['table'],
      col: ['table'],
      source: ['picture'],
      ...mathml.ancestors,
    },
    attributes: {
      ...base,
      ...mathml.attributes,
      // No `class` but two: the footnote and task-list classes of the default schema do not occur in news;
      // `headerlink` marks the anchor hexo-renderer-marked puts in each Markdown heading (themes style it),
      // and `language-*` on `<code>` (the default schema's) names a fenced block's language.
      a: [...aria, 'href', ['target', '_blank'], ['className', 'headerlink']],
      h2: [],
      li: [],
      ol: [...aria],
      ul: [...aria],
      img: [
        ...aria, 'longDesc', 'src', 'alt', 'title', 'width', 'height', 'srcSet', 'sizes',
        ['loading', 'lazy', 'eager'],
        ['decoding', 'async', 'sync', 'auto'],
        // The news CDNs refuse hot-links that send a Referer; harmless otherwise.
        ['referrerPolicy', 'no-referrer'],
      ],
      source: ['srcSet', 'type', 'media', 'sizes'],
      time: ['dateTime'],
      input: [],
      '*': (base['*'] ?? []).filter((name) => typeof name !== 'string' || !FORM_ATTRIBUTES.has(name)),
    },
    protocols: {
      href: ['http', 'https', 'mailto'],
      src: ['http', 'https'],
      srcSet: ['http', 'https'],
      cite: ['http', 'https'],
      longDesc: ['http', 'https'],
    },
    required: {},
    clobber: ['ariaDescribedBy', 'ariaLabelledBy', 'id', 'name'],
    clobberPrefix: idPrefix,
    allowComments: false,
    allowDoctypes: false,
  };
}

// Form attributes are useless once forms and controls are stripped; image-map attributes
// (`usemap`, `ismap`, `nohref`, `coords`, `shape`) point at `<map>`s we strip (OWASP lists `usemap`
// among URL-bearing attributes); `accesskey` and `tabindex` let an article take over keyboard
// shortcuts and focus order on our pages.
const FORM_ATTRIBUTES = new Set([
  'accept', 'acceptCharset', 'action', 'checked', 'encType', 'maxLength', 'method', 'multiple', 'prompt', 'readOnly', 'selected', 'value',
  'useMap', 'isMap', 'noHref', 'coords', 'shape', 'accessKey', 'tabIndex',
]);
