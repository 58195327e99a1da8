import type { Schema } from 'hast-util-sanitize';

/**
 * MathML Core elements kept in bodies (https://w3c.github.io/mathml-core/):
 * what Temml writes for TeX, and what KaTeX or MathJax leave in scraped
 * pages. Not `maction` or `annotation-xml` (the latter makes HTML inside
 * MathML; unwrapped, its text stays), nor MathML 3's `menclose`, `mglyph` or
 * `mlabeledtr`, which Chromium does not draw.
 */
export const MATHML_TAGS: readonly string[] = [
  'math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msup', 'msub', 'msubsup',
  'mfrac', 'msqrt', 'mroot', 'munder', 'mover', 'munderover', 'mtable', 'mtr', 'mtd', 'mstyle', 'mpadded', 'mphantom',
  'merror', 'mmultiscripts', 'mprescripts', 'none',
];

/**
 * Classes kept on MathML elements: Temml's column alignment in arrays and
 * `aligned`, and the `\overline`/`\underline` rules that renderTex moves
 * from `menclose` to `mrow` (public/style.css draws all four).
 */
export const MATHML_CLASSES: Readonly<Record<string, readonly string[]>> = {
  mtd: ['tml-left', 'tml-right'],
  mrow: ['tml-overline', 'tml-underline'],
};

const BOOLEAN = ['true', 'false'];
// A MathML length (`0.1667em`, `-0.18em`, `5.9776pt`, `0`); no named spaces, which MathML Core dropped.
const LENGTH = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:em|ex|pt|px|mu|%)?$/;
// MathML 3 table attributes that KaTeX writes (Safari and Firefox read them; Chromium uses Temml's classes).
const ALIGNS = /^(?:(?:left|center|right)\s*)+$/;
const LENGTHS = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:em|ex|pt|px|%)?\s*)+$/;

const global = [
  ['displaystyle', ...BOOLEAN],
  ['scriptlevel', /^[+-]?\d$/],
  // MathML Core knows only `normal` (for `<mi>sin</mi>`-like upright letters); the others are MathML 3, harmless.
  ['mathvariant', /^[a-z-]{1,30}$/],
] as const;

/** Allowed attributes (hast property names) of each MathML element, besides the schema's `*` ones. */
const ATTRIBUTES: Readonly<Record<string, readonly (string | readonly [string, ...(string | RegExp)[]])[]>> = {
  math: [['display', 'block', 'inline'], ['xmlns', 'http://www.w3.org/1998/Math/MathML']],
  annotation: ['encoding'],
  mo: [
    ['form', 'prefix', 'infix', 'postfix'],
    ['stretchy', ...BOOLEAN], ['fence', ...BOOLEAN], ['separator', ...BOOLEAN], ['symmetric', ...BOOLEAN],
    ['largeop', ...BOOLEAN], ['movablelimits', ...BOOLEAN], ['accent', ...BOOLEAN],
    ['lspace', LENGTH], ['rspace', LENGTH], ['minsize', LENGTH], ['maxsize', LENGTH],
  ],
  mspace: [['width', LENGTH], ['height', LENGTH], ['depth', LENGTH]],
  mpadded: [['width', LENGTH], ['height', LENGTH], ['depth', LENGTH], ['lspace', LENGTH], ['voffset', LENGTH]],
  mfrac: [['linethickness', LENGTH]],
  mover: [['accent', ...BOOLEAN]],
  munder: [['accentunder', ...BOOLEAN]],
  munderover: [['accent', ...BOOLEAN], ['accentunder', ...BOOLEAN]],
  mtable: [['columnalign', ALIGNS], ['rowspacing', LENGTHS], ['columnspacing', LENGTHS]],
  mtd: [['columnalign', ALIGNS]],
};

/**
 * The schema entries for MathML: its elements, their attributes (with the
 * values they may take, where the set is small) and classes, and `<math>`
 * as a required ancestor of every other MathML element, so `<mi>` outside a
 * formula is unwrapped.
 */
export function mathmlSchema(): { tagNames: string[]; attributes: NonNullable<Schema['attributes']>; ancestors: Record<string, string[]> } {
  const attributes: NonNullable<Schema['attributes']> = {};
  const ancestors: Record<string, string[]> = {};
  for (const tag of MATHML_TAGS) {
    const classes = MATHML_CLASSES[tag];
    attributes[tag] = [
      ...global.map((definition) => [...definition] as [string, ...(string | RegExp)[]]),
      ...(ATTRIBUTES[tag] ?? []).map((definition) => (typeof definition === 'string' ? definition : [...definition] as [string, ...(string | RegExp)[]])),
      ...(classes === undefined ? [] : [['className', ...classes] as [string, ...string[]]]),
    ];
    if (tag !== 'math') ancestors[tag] = ['math'];
  }
  return { tagNames: [...MATHML_TAGS], attributes, ancestors };
}
