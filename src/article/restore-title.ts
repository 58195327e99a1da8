import type { ArticleSource } from '../ingest/types.ts';
import type { SanitizedBody } from '../sanitize/types.ts';

/**
 * What the feed bot replaced with `_` in titles (../shared/corpus/README.md:
 * `“瓣瓣同心”` became `_瓣瓣同心_`, `CI/CD` became `CI_CD`), as a regex class.
 * Not `"`, `'` nor full-width `：？`: the bot kept those, so the body's
 * writing them is no evidence.
 */
const SUBSTITUTED = String.raw`[:/\\?*“”<>|\[\]]`;

/** Longest text between two `_` read as one quotation (`_让每个玩家创造自己的故事_`). */
const MAX_QUOTED_CHARS = 40;

/** A title with more `_` than this is not searched for piece by piece (each `_` is one regex over the body). */
const MAX_PIECES = 24;

/** What a title is matched against: the sanitized body's text, images and HTML. */
export type TitleEvidence = Pick<SanitizedBody, 'text' | 'images' | 'html'>;

/**
 * The title a post shows, when it is not its `title:` (see {@link restoreTitle}).
 * Only for what the bots write (HTML and plain-text bodies): the `_` of a
 * Markdown post's title are its author's own.
 */
export function restoredTitleOf(source: Pick<ArticleSource, 'title' | 'bodyFormat'>, body: TitleEvidence): string | undefined {
  if (source.bodyFormat === 'markdown') return undefined;
  const title = restoreTitle(source.title, body);
  return title === source.title ? undefined : title;
}

/**
 * The title as it was written before the feed bot replaced `:/\?*“”<>|[]`
 * with `_` (issue #22, item 6), or `title` unchanged. Only the `_` change,
 * each to the character the evidence gives; the rest stays as the post
 * writes it. In order:
 *
 * 1. the whole title in the body, each `_` standing for one of those
 *    characters (whitespace may differ): first after a Xinhua headline
 *    marker (`题：“瓣瓣同心”向阳开`), else anywhere in its text, else in an
 *    image's `alt` or `title`;
 * 2. else each `_` (or run of them, `_宠儿_`, `7_31 13_00`) with the words
 *    next to it, as the body writes them: `Beta _ Release` where the body
 *    has `Beta / Release`, `K_DA` where it has `K/DA`;
 * 3. else two conservative rules: `_X_` around CJK text or a whole word
 *    becomes `“X”` (`毒品_心瘾_`, `自带_bug_`), but never inside a word
 *    (`my_var_name`, `__init__`); `HH_MM` becomes `HH:MM` only where it
 *    cannot be a date and stands after a date or in a range
 *    (`9月12日(日) 18_15～19_45`).
 *
 * Anything else is left as written: a real `snake_case` word, `_` the body
 * does not explain.
 */
export function restoreTitle(title: string, body: TitleEvidence): string {
  if (!title.includes('_')) return title;
  const tokens = tokenize(title);
  const images = imageTexts(body);
  const whole = wholeTitleFill(tokens, body.text, images);
  if (whole) return fill(tokens, whole);
  const pieces = tokens.filter((t) => t.kind === 'sub').length <= MAX_PIECES ? piecewiseFill(tokens, [body.text, ...images].join('\n')) : new Map<number, string>();
  return restoreByRule(fill(tokens, pieces));
}

interface Token {
  readonly kind: 'sub' | 'space' | 'word' | 'char';
  readonly text: string;
}

/** `_`, whitespace, Latin words and numbers, and any other single character (CJK, punctuation). */
const TOKEN = /(_)|(\s+)|([A-Za-z0-9]+)|([^])/gu;

function tokenize(title: string): Token[] {
  return [...title.matchAll(TOKEN)].map((m) => ({ kind: m[1] ? 'sub' : m[2] ? 'space' : m[3] ? 'word' : 'char', text: m[0] }));
}

/** The title with the `_` at the given token indices replaced. */
function fill(tokens: readonly Token[], fills: ReadonlyMap<number, string>): string {
  return tokens.map((t, i) => fills.get(i) ?? t.text).join('');
}

/** Step 1: the characters of a whole-title match, by token index, or undefined. */
function wholeTitleFill(tokens: readonly Token[], text: string, images: readonly string[]): Map<number, string> | undefined {
  const all = tokens.map((_, i) => i);
  const pattern = patternOf(tokens, all);
  const inText = mayMatch(tokens, all, withoutSpaces(text));
  const headline = new RegExp(`题[：:]\\s*${pattern.source}`, 'u');
  const match =
    (inText ? (headline.exec(text) ?? pattern.exec(text)) : null) ??
    images.filter((image) => mayMatch(tokens, all, withoutSpaces(image))).map((image) => pattern.exec(image)).find((m) => m !== null);
  return match ? fillsOf(tokens, all, match) : undefined;
}

function withoutSpaces(text: string): string {
  return text.replace(/\s+/gu, '');
}

/**
 * Whether `compact` (a text without its whitespace) holds each piece of the
 * given tokens between two `_`, spaces left out: what a match of their
 * pattern (see {@link patternOf}) needs. Most titles are not in their body,
 * whole or in parts, and a quick look saves running their patterns over all
 * of it (at each character, with `\s*` between each two: 0.2 ms a post).
 */
function mayMatch(tokens: readonly Token[], indices: readonly number[], compact: string): boolean {
  let piece = '';
  for (const i of [...indices, -1]) {
    const token = tokens[i];
    if (token?.kind === 'space') continue;
    if (token !== undefined && token.kind !== 'sub') piece += token.text;
    else if (piece !== '') {
      if (!compact.includes(piece)) return false;
      piece = '';
    }
  }
  return true;
}

/**
 * Step 2: for each run of `_` close together, the run with the words next
 * to it; where the body does not write the run so, each `_` of it alone
 * with a word on either side.
 */
function piecewiseFill(tokens: readonly Token[], evidence: string): Map<number, string> {
  const fills = new Map<number, string>();
  const compact = withoutSpaces(evidence);
  const tryWindow = (window: number[] | undefined) => {
    if (!window || !mayMatch(tokens, window, compact)) return false;
    const match = patternOf(tokens, window).exec(evidence);
    if (!match) return false;
    for (const [i, char] of fillsOf(tokens, window, match)) fills.set(i, char);
    return true;
  };
  for (const run of runsOfSubs(tokens)) {
    if (run.length > 1 && tryWindow(quotationWindow(tokens, run))) continue;
    // A longer run (`_A_ … _B_`) may be quoted in parts: each two neighbours, then each `_` alone.
    if (run.length > 2) for (const [k, sub] of run.slice(1).entries()) if (!fills.has(run[k]!)) tryWindow(quotationWindow(tokens, [run[k]!, sub]));
    for (const sub of run) if (!fills.has(sub)) tryWindow(pairWindow(tokens, sub));
  }
  return fills;
}

/** Indices of `_` tokens, grouped where at most MAX_QUOTED_CHARS of text lie between neighbours. */
function runsOfSubs(tokens: readonly Token[]): number[][] {
  const runs: number[][] = [];
  let gap = 0;
  for (const [i, token] of tokens.entries()) {
    if (token.kind !== 'sub') {
      gap += token.text.length;
      continue;
    }
    const last = runs.at(-1);
    if (last && gap <= MAX_QUOTED_CHARS) last.push(i);
    else runs.push([i]);
    gap = 0;
  }
  return runs;
}

/**
 * The tokens of a run read as a quotation (`_宠儿_`, `18_15～19_45`): the
 * run itself, and a word glued to either end (`K` of `K_DA_`; a number
 * with one more token, as numbers alone say little). Its own `_` delimit
 * it otherwise, so `_宠儿_` needs no context; undefined when the text
 * between holds no letter or digit.
 */
function quotationWindow(tokens: readonly Token[], run: readonly number[]): number[] | undefined {
  const first = run[0]!;
  const last = run.at(-1)!;
  const inner = tokens.slice(first, last + 1);
  if (!inner.some((t) => t.kind === 'word' || (t.kind === 'char' && /[\p{L}\p{N}]/u.test(t.text)))) return undefined;
  const before = tokens[first - 1]?.kind === 'word' ? contextOf(tokens, first, -1) : [];
  const after = tokens[last + 1]?.kind === 'word' ? contextOf(tokens, last, 1) : [];
  return [...before.reverse(), ...range(first, last), ...after];
}

/** One `_` with the word or character on each side (`Win10_11下`, `Beta _ Release`); undefined at the title's edge. */
function pairWindow(tokens: readonly Token[], sub: number): number[] | undefined {
  const before = contextOf(tokens, sub, -1);
  const after = contextOf(tokens, sub, 1);
  if (before.length === 0 || after.length === 0) return undefined;
  return [...before.reverse(), sub, ...after];
}

/**
 * Token indices next to `from`, going `step` (−1 left, 1 right), through
 * whitespace: one word or character, two when it is a bare number or a
 * single character. Never past another `_`.
 */
function contextOf(tokens: readonly Token[], from: number, step: -1 | 1): number[] {
  const taken: number[] = [];
  let contents = 0;
  for (let i = from + step; i >= 0 && i < tokens.length; i += step) {
    const token = tokens[i]!;
    if (token.kind === 'sub') break;
    taken.push(i);
    if (token.kind === 'space') continue;
    contents += 1;
    const weak = token.kind === 'char' || /^\d+$/.test(token.text);
    if (!weak || contents === 2) break;
  }
  // Whitespace at the far end says nothing.
  while (taken.length > 0 && tokens[taken.at(-1)!]!.kind === 'space') taken.pop();
  return taken;
}

/**
 * A regex for the given tokens in order: `_` as one substituted character
 * (captured), whitespace as any or none (the body's text may space words
 * differently), a Latin word or number whole (not inside a longer one).
 */
function patternOf(tokens: readonly Token[], indices: readonly number[]): RegExp {
  const shown = indices.map((i) => tokens[i]!).filter((t) => t.kind !== 'space');
  let source = shown[0]?.kind === 'word' ? '(?<![A-Za-z0-9])' : '';
  for (const [n, token] of shown.entries()) {
    const previous = shown[n - 1];
    // Two words are apart in the title (words are whole runs): `31 13` must not match `3113`.
    if (previous) source += previous.kind === 'word' && token.kind === 'word' ? '\\s+' : '\\s*';
    source += token.kind === 'sub' ? `(${SUBSTITUTED})` : escapeRegex(token.text);
  }
  if (shown.at(-1)?.kind === 'word') source += '(?![A-Za-z0-9])';
  return new RegExp(source, 'u');
}

/** The captured characters of a match of {@link patternOf}, by the `_` token's index. */
function fillsOf(tokens: readonly Token[], indices: readonly number[], match: RegExpExecArray): Map<number, string> {
  const subs = indices.filter((i) => tokens[i]!.kind === 'sub');
  return new Map(subs.map((i, n) => [i, match[n + 1]!]));
}

/** Each image's alt text (or caption) and `title` attribute, as the sanitized body has them. */
function imageTexts(body: TitleEvidence): string[] {
  const alts = body.images.map((image) => image.alt).filter((alt) => alt !== '');
  // The sanitizer serializes attributes double-quoted, `"` and `&` as references (hast-util-to-html).
  const titles = [...body.html.matchAll(/<img\b(?:[^>"]|"[^"]*")*>/g)].flatMap((m) => {
    const value = /\stitle="([^"]*)"/.exec(m[0])?.[1];
    return value ? [decodeReferences(value)] : [];
  });
  return [...alts, ...titles];
}

const NAMED_REFERENCES: Readonly<Record<string, string>> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", nbsp: '\u00a0' };

function decodeReferences(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (reference, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    const code = hex !== undefined ? Number.parseInt(hex, 16) : decimal !== undefined ? Number(decimal) : undefined;
    if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : reference;
    return NAMED_REFERENCES[name!.toLowerCase()] ?? reference;
  });
}

/** Step 3: the conservative rules, on what evidence left as `_`. */
function restoreByRule(title: string): string {
  return restoreTimes(restoreQuotations(title));
}

// Next to a quotation: the title's edge, whitespace, punctuation other than `_`, or CJK text.
const OUTSIDE = String.raw`(?:[^\p{L}\p{N}_]|\p{sc=Han}|\p{sc=Hiragana}|\p{sc=Katakana}|\p{sc=Hangul})`;
const QUOTATION = new RegExp(String.raw`(?<=^|${OUTSIDE})_([^_\s](?:[^_]*[^_\s])?)_(?=$|${OUTSIDE})`, 'gu');

/** `_X_` → `“X”` where X is words (a letter in it, a letter or digit at each end) standing apart: never `__init__` nor `my_var_name`. */
function restoreQuotations(title: string): string {
  return title.replace(QUOTATION, (whole, inner: string) =>
    inner.length <= MAX_QUOTED_CHARS && /\p{L}/u.test(inner) && /^[\p{L}\p{N}]/u.test(inner) && /[\p{L}\p{N}]$/u.test(inner) ? `“${inner}”` : whole,
  );
}

const TIME = /(?<![\p{L}\p{N}_:])(\d{1,2})_(\d{2})(?![\p{N}_])/gu;
// A date right before (`7_31 `, `12日(日) `, `3日 `), or the other end of a range (`18_15～`).
const DATE_BEFORE = /(?:(?<![\p{N}])\d{1,2}[_/]\d{1,2}\s+|日(?:\s*[(（][^()（）]{1,3}[)）])?\s*)$/u;
const RANGE_BEFORE = /(?<![\p{N}])(\d{1,2})[_:](\d{2})\s*[～〜~\-–—]\s*$/u;
const RANGE_AFTER = /^\s*[～〜~\-–—]\s*(\d{1,2})[_:](\d{2})(?![\p{N}_])/u;
// What may follow a time: the end, a space, a range dash, closing punctuation, 回 (a showing).
const AFTER_TIME = /^(?:$|[\s～〜~\-–—)）\]】」』,，、。]|回)/u;

/**
 * `HH_MM` → `HH:MM` only where it is safe: a valid time that is no date
 * (`12_30` may be 12/30, `11_3` 11/3), followed by the end, a space or
 * closing punctuation (`15_16赛季` is a season), and standing after a date
 * or in a range of times.
 */
function restoreTimes(title: string): string {
  return title.replace(TIME, (whole, hours: string, minutes: string, offset: number) => {
    const before = title.slice(0, offset);
    const after = title.slice(offset + whole.length);
    if (!isTimeOnly(hours, minutes) || !AFTER_TIME.test(after)) return whole;
    const inRange = [RANGE_BEFORE.exec(before), RANGE_AFTER.exec(after)].some((m) => m !== null && isTimeOnly(m[1]!, m[2]!));
    return inRange || DATE_BEFORE.test(before) ? `${hours}:${minutes}` : whole;
  });
}

/** Whether `H_MM` reads as a time of day and as no month/day in either order. */
function isTimeOnly(hours: string, minutes: string): boolean {
  const h = Number(hours);
  const m = Number(minutes);
  const isDate = (month: number, day: number) => month >= 1 && month <= 12 && day >= 1 && day <= 31;
  return h <= 23 && m <= 59 && !isDate(h, m) && !isDate(m, h);
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
