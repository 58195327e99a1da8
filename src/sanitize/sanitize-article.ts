import type { Root } from 'hast';
import type { BodyFormat } from '../ingest/types.ts';
import rehypeSanitize from 'rehype-sanitize';
import { unified } from 'unified';
import { collectImages } from './collect-images.ts';
import { serializeWithImageSlots } from './image-slots.ts';
import { limitNesting, MAX_NESTING } from './limit-nesting.ts';
import { htmlBeforeMore } from './more-marker.ts';
import { rehype36krFigures } from './rehype-36kr-figures.ts';
import { rehypeAuditCode } from './rehype-audit-code.ts';
import { rehypeAuditUnsafe } from './rehype-audit-unsafe.ts';
import { rehypeCheckboxesToText } from './rehype-checkboxes-to-text.ts';
import { rehypeCodeBlocks } from './rehype-code-blocks.ts';
import { rehypeCollapseWhitespace } from './rehype-collapse-whitespace.ts';
import { rehypeDropMarkupAttributes } from './rehype-drop-markup-attributes.ts';
import { rehypeEmbedsToLinks } from './rehype-embeds-to-links.ts';
import { rehypeHexoTagPlugins } from './rehype-hexo-tag-plugins.ts';
import { rehypeImageCaptions } from './rehype-image-captions.ts';
import { rehypeLinkCards } from './rehype-link-cards.ts';
import { rehypeNormalizeUrls } from './rehype-normalize-urls.ts';
import { rehypeOriginFragmentLinks } from './rehype-origin-fragment-links.ts';
import { rehypePrefixFragmentLinks } from './rehype-prefix-fragment-links.ts';
import { rehypeRemoveEmpty } from './rehype-remove-empty.ts';
import { rehypeRemovePromoLines } from './rehype-remove-promo-lines.ts';
import { rehypeDropSourceMath } from './rehype-drop-source-math.ts';
import { rehypeRemoveSiteChrome } from './rehype-remove-site-chrome.ts';
import { rehypeRenderMath } from './rehype-render-math.ts';
import { rehypeRestoreCjkQuotes } from './rehype-restore-cjk-quotes.ts';
import { rehypeResolveLazyImages } from './rehype-resolve-lazy-images.ts';
import { plainText, summaryText } from './plain-text.ts';
import { parseFragmentTree } from './parse-fragment.ts';
import { hasLiteralTags, mayHoldLiteralTags, rehypeRestoreLiteralTags } from './rehype-restore-literal-tags.ts';
import { renderMarkdown } from './render-markdown.ts';
import { hasCodeTags, mayHoldCodeMarkup, restoreCodeMarkup } from './restore-code-markup.ts';
import { rehypeSecureLinks } from './rehype-secure-links.ts';
import { rehypeShiftHeadings } from './rehype-shift-headings.ts';
import { rehypeTrimRules } from './rehype-trim-rules.ts';
import { rehypeTocLists } from './rehype-toc-lists.ts';
import { rehypeUnwrapLinks } from './rehype-unwrap-links.ts';
import { rehypeUnwrapWrappers } from './rehype-unwrap-wrappers.ts';
import { rehypeZakerFigures } from './rehype-zaker-figures.ts';
import { createLog, removedCounts, removedWarning, type SanitizeLog, type SanitizeWarning } from './sanitize-log.ts';
import { createSchema, DEFAULT_ID_PREFIX } from './schema.ts';
import { stripTags, textToTree } from './text-to-tree.ts';
import type { SanitizedBody } from './types.ts';

/** Options of {@link sanitizeArticle}. */
export interface SanitizeOptions {
  /** CORS-proxy prefixes (`https://cors.zfour.workers.dev/?`), to check image URLs behind them. */
  proxyPrefixes: readonly string[];
  /** Prefix for ids and names from articles (default: `'user-content-'`). */
  idPrefix?: string;
  /** The publisher's rules for links and lines (config `content`; default: none). */
  content?: ContentRules;
}

/** The part of config `content` the sanitizer applies (see ContentConfig). */
export interface ContentRules {
  /** Links made plain text: `host[/path-start]`, `*.` for subdomains. */
  readonly unwrapLinks: readonly string[];
  /** Source lines kept where site footers are removed: text, or `/regex/`. */
  readonly keepLines: readonly string[];
  /** Paragraphs removed: text, or `/regex/`. */
  readonly promoLines: readonly string[];
}

const NO_CONTENT_RULES: ContentRules = { unwrapLinks: [], keepLines: [], promoLines: [] };

/**
 * Cleans and sanitizes one untrusted article body. Never throws on any input.
 *
 * A Markdown body is first rendered to HTML as Hexo renders it (see
 * renderMarkdown); that HTML, raw HTML included, then takes the same way as
 * an HTML body.
 *
 * The pipeline: markup written inside `<pre>`/`<code>` made text (see
 * restoreCodeMarkup) → parse (a fragment, without source positions unless literal
 * `<Words>` need them) → clean (literal `<Words>`, site chrome but the
 * source lines of `content.keepLines`; formulas to MathML; count what
 * will be removed; task-list boxes to ☐/☑; link cards, URLs and the proxy, embeds to links, lazy
 * images, ZAKER and 36kr figures, captions under images, tables of contents,
 * links to the origin's own sections, fragment links, headings below the
 * title's `<h1>`) →
 * sanitize with our schema (see `createSchema`) → tidy (code blocks line
 * by line, multi-line `<code>` made blocks; the links of
 * `content.unwrapLinks` made text, markup in attributes, link `rel`, bare
 * wrappers, Hexo tag-plugin syntax, the lines of `content.promoLines`,
 * empty boxes, rules at the body's edges, whitespace, CJK quotes) →
 * collect images, text and summary → serialize, noting where each image
 * is (see serializeWithImageSlots). Markup nested deeper than 512 levels is
 * flattened first, with a `sanitize/flattened` warning; a body the tree
 * tools still cannot handle is published as plain text with `sanitize/failed`.
 * When the HTML has Hexo's `<!-- more -->`, the part before it is sanitized
 * too, for `body.moreText`; the HTML keeps the whole body.
 *
 * @param body the body as written in the post file.
 * @param format `html`; `markdown`; or `text` for tag-less bodies (each line a paragraph).
 * @param options see {@link SanitizeOptions}.
 * @returns safe HTML, plain text, image references and what was removed
 *   (`body.removed`, counts by kind), plus warnings: `sanitize/removed` (content
 *   a reader would miss), `sanitize/removed-text` (removed elements that held visible text),
 *   `sanitize/image-dropped`, `sanitize/math-failed` (formulas shown as TeX),
 *   `sanitize/code-changed` (something removed from code), `sanitize/hexo-tag` (tag plugins dropped),
 *   `sanitize/flattened`, `sanitize/failed`.
 */
export function sanitizeArticle(
  body: string,
  format: BodyFormat,
  options: SanitizeOptions,
): { body: SanitizedBody; warnings: SanitizeWarning[] } {
  const source = typeof body === 'string' ? body : String(body ?? '');
  try {
    return run(source, format, options);
  } catch (error) {
    // Not reached by any input we know of (deep nesting is flattened above);
    // if a tree utility still fails, the reader gets the text, not a crash.
    const warning = {
      rule: 'sanitize/failed',
      message: `the body could not be processed as HTML (${(error as Error)?.message ?? String(error)}); published as plain text`,
      hint: 'check the body for malformed or extremely deep markup',
    };
    try {
      const fallback = run(stripTags(source), 'text', options);
      return { body: fallback.body, warnings: [...fallback.warnings, warning] };
    } catch {
      return { body: { html: '', imageSlots: [], text: '', summary: '', moreText: undefined, images: [], removed: {} }, warnings: [{ ...warning, message: 'the body could not be processed at all; published empty' }] };
    }
  }
}

function run(source: string, format: BodyFormat, options: SanitizeOptions): { body: SanitizedBody; warnings: SanitizeWarning[] } {
  if (format === 'text') return cleanBody(source, 'text', options);
  const html = format === 'markdown' ? renderMarkdown(source) : source;
  const { body, warnings } = cleanBody(html, 'html', options);
  const beforeMore = htmlBeforeMore(html);
  // The excerpt is the summary of the HTML before the marker: the same rules as `summary`, and
  // nothing the sanitizer removes. Its warnings repeat the body's, so they are not reported twice.
  const moreText = beforeMore === undefined ? undefined : cleanBody(beforeMore, 'html', options).body.summary;
  return { body: { ...body, moreText }, warnings };
}

function cleanBody(source: string, format: 'html' | 'text', options: SanitizeOptions): { body: SanitizedBody; warnings: SanitizeWarning[] } {
  const log = createLog();
  const idPrefix = options?.idPrefix ?? DEFAULT_ID_PREFIX;
  const proxyPrefixes = Array.isArray(options?.proxyPrefixes) ? options.proxyPrefixes : [];
  const content = options?.content ?? NO_CONTENT_RULES;
  let tree: Root;
  let parsed = '';
  let hasCode = false;
  if (format === 'text') tree = textToTree(source);
  else {
    const limited = limitNesting(source);
    if (limited.flattened > 0) {
      log.warnings.push({
        rule: 'sanitize/flattened',
        message: `markup nested deeper than ${MAX_NESTING} levels; ${limited.flattened} inner tags were removed, their text kept`,
        hint: 'the body is probably broken markup (unclosed tags)',
      });
    }
    parsed = limited.html;
    hasCode = hasCodeTags(parsed);
    // Markup left unescaped inside code is the code's text (issue #22): only a body with such code
    // pays for the parse with source offsets that finds it.
    if (hasCode && mayHoldCodeMarkup(parsed)) parsed = restoreCodeMarkup(parsed);
    // Only literal `<Words>` need source offsets: parsed with them where the markup may hold one.
    const positioned = mayHoldLiteralTags(parsed);
    tree = parseFragmentTree(parsed, positioned);
    if (!hasLiteralTags(tree)) {
      // None after all (the name was in a comment or an attribute): the tree as a body without one gets it,
      // and rehypeRestoreLiteralTags is told there is nothing to do.
      if (positioned) tree = parseFragmentTree(parsed);
      parsed = '';
    }
  }
  const { schema, allowedTags } = schemaOf(idPrefix);
  const processor = unified()
    .use(rehypeRestoreLiteralTags, { source: parsed })
    .use(rehypeRemoveSiteChrome, { keepLines: content.keepLines })
    .use(rehypeRenderMath, { log, source })
    .use(rehypeAuditUnsafe, { log, allowedTags, proxyPrefixes })
    .use(rehypeCheckboxesToText, { log })
    .use(rehypeLinkCards)
    .use(rehypeNormalizeUrls, { proxyPrefixes })
    .use(rehypeEmbedsToLinks, { proxyPrefixes })
    .use(rehypeResolveLazyImages, { proxyPrefixes, log })
    .use(rehypeZakerFigures)
    .use(rehype36krFigures)
    .use(rehypeImageCaptions)
    .use(rehypeTocLists)
    .use(rehypeOriginFragmentLinks)
    .use(rehypePrefixFragmentLinks, { idPrefix })
    .use(rehypeShiftHeadings)
    .use(rehypeAuditCode, { log, hasCode })
    .use(rehypeDropSourceMath, { source })
    .use(rehypeSanitize, schema)
    .use(rehypeUnwrapLinks, { patterns: content.unwrapLinks })
    .use(rehypeCodeBlocks, { hasCode })
    .use(rehypeDropMarkupAttributes)
    .use(rehypeSecureLinks)
    .use(rehypeUnwrapWrappers)
    .use(rehypeHexoTagPlugins, { source, log })
    .use(rehypeRemovePromoLines, { promoLines: content.promoLines, keepLines: content.keepLines })
    .use(rehypeRemoveEmpty)
    .use(rehypeTrimRules)
    .use(rehypeCollapseWhitespace)
    .use(rehypeRestoreCjkQuotes);
  const clean = processor.runSync(tree) as Root;
  trimEdges(clean);
  const { html, imageSlots } = serializeWithImageSlots(clean);
  const text = plainText(clean);
  const summary = summaryText(clean);
  return { body: { html, imageSlots, text, summary, moreText: undefined, images: collectImages(clean), removed: removedCounts(log) }, warnings: collectWarnings(log) };
}

/** The schemas made so far, by id prefix: one is made per thread, not per body. */
const schemas = new Map<string, { schema: ReturnType<typeof createSchema>; allowedTags: ReadonlySet<string> }>();

function schemaOf(idPrefix: string): { schema: ReturnType<typeof createSchema>; allowedTags: ReadonlySet<string> } {
  let made = schemas.get(idPrefix);
  if (!made) {
    const schema = createSchema(idPrefix);
    made = { schema, allowedTags: new Set(schema.tagNames) };
    schemas.set(idPrefix, made);
  }
  return made;
}

function collectWarnings(log: SanitizeLog): SanitizeWarning[] {
  const removed = removedWarning(log);
  return removed === undefined ? [...log.warnings] : [removed, ...log.warnings];
}

// Whitespace before the first and after the last block is the bot's indentation.
function trimEdges(tree: Root): void {
  while (tree.children[0]?.type === 'text' && tree.children[0].value.trim() === '') tree.children.shift();
  while (tree.children.at(-1)?.type === 'text' && (tree.children.at(-1) as { value: string }).value.trim() === '') tree.children.pop();
}
