import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom, type Random } from '../../bench/lib/prng.ts';
import { ArticleTerms, postingsByTerm, TermKeys } from '../../src/search/article-terms.ts';
import {
  CJK,
  codeClass,
  containsQuery,
  findPart,
  fold,
  foldWithOffsets,
  isPresenceTerm,
  parseQuery,
  searchableText,
  SEPARATOR,
  WORD,
  weightLevel,
  type QueryPart,
  type SearchFields,
} from '../../src/search/index-format.ts';
import { corpusPosts, hasCorpus } from '../helpers/corpus-posts.ts';

const noCorpus = hasCorpus ? false : 'needs the real posts in ../shared/corpus (absent here)';

test('should fold full-width forms, compatibility characters and combining sequences as NFKC then lower case', () => {
  assert.equal(fold('ＡＢＣ１２３'), 'abc123');
  assert.equal(fold('㎡'), 'm2');
  assert.equal(fold('200 ㎡ 昏暗危房'), '200 m2 昏暗危房');
  assert.equal(fold('Ｗｉｎ１１ 激活'), 'win11 激活');
  assert.equal(fold('e\u0301'), 'é', 'a combining sequence is composed');
  assert.equal(fold('CAFE\u0301'), fold('Café'));
  assert.equal(fold('ﬁ①²'), 'fi12');
  assert.equal(fold('DALL·E'), 'dall·e', 'the middle dot is kept: it separates words');
  const cjk = '微软封杀漏洞后、网友又挖出了新的离线激活方法。';
  assert.equal(fold(cjk), cjk, 'text that folds to itself is given back as is');
});

test('should map each folded unit back to the piece of the original it came from', () => {
  const original = 'Ａ㎡e\u0301中𠀀İ';
  const folded = foldWithOffsets(original);
  assert.equal(folded.text, 'am2é中𠀀i\u0307');
  assert.equal(folded.text, fold(original));
  // Ａ at 0, ㎡ at 1 (two units), e + mark at 2–3, 中 at 4, 𠀀 at 5–6 (a surrogate pair), İ at 7 (two units).
  assert.deepEqual(folded.from, [0, 1, 1, 2, 4, 5, 5, 7, 7, 8]);
});

test('should fold a string piece by piece the same way with and without offsets (fuzz)', () => {
  const random = createRandom(19);
  for (let n = 0; n < 2000; n += 1) {
    const original = fuzzText(random, random.int(1, 40));
    const { text, from } = foldWithOffsets(original);
    assert.equal(text, fold(original), JSON.stringify(original));
    assert.equal(from.length, text.length + 1);
    assert.equal(from[text.length], original.length);
    // Each run of units with one origin is that piece of the original, folded on its own.
    for (let i = 0; i < text.length; ) {
      let j = i;
      while (j < text.length && from[j] === from[i]) j += 1;
      assert.equal(text.slice(i, j), fold(original.slice(from[i], from[j])), `${JSON.stringify(original)} at ${from[i]}`);
      i = j;
    }
  }
});

test('should fold half-width katakana with a voiced mark as the full-width character NFKC makes of it', () => {
  // NFKC maps the half-width voiced marks U+FF9E and U+FF9F, which are not combining marks, to the combining U+3099 and U+309A.
  assert.equal('ﾊﾟｿｺﾝ'.normalize('NFKC'), 'パソコン');
  assert.equal(fold('ﾊﾟｿｺﾝ'), 'パソコン');
  assert.ok(containsQuery(searchableText({ title: 'ﾊﾟｿｺﾝ ｶﾞｲﾄﾞ', categories: [], tags: [], text: '' }), parseQuery('パソコン ガイド')));
});

test('should fold a Greek final sigma as any sigma, so a word typed in lower case finds it in capitals', () => {
  assert.equal(fold('ΟΔΟΣ'), fold('οδος'));
  assert.ok(containsQuery(searchableText({ title: 'ΟΔΟΣ', categories: [], tags: [], text: '' }), parseQuery('οδος')));
});

test('should cut a query into parts and terms: bigrams for a CJK run, a unigram for a lone CJK character, a word for Latin, a junction where they touch', () => {
  assert.deepEqual(parseQuery('中文搜索'), [{ text: '中文搜索', terms: ['中文', '文搜', '搜索'], cover: ['中文', '搜索'], exact: false }]);
  assert.deepEqual(parseQuery('一二三'), [{ text: '一二三', terms: ['一二', '二三'], cover: ['一二', '二三'], exact: false }], 'the last bigram covers an odd run');
  assert.deepEqual(parseQuery('中'), [{ text: '中', terms: ['中'], cover: ['中'], exact: true }]);
  assert.deepEqual(parseQuery('激活'), [{ text: '激活', terms: ['激活'], cover: ['激活'], exact: true }]);
  assert.deepEqual(parseQuery('DALL·E 2'), [
    { text: 'dall·e', terms: ['dall', 'e'], cover: ['dall', 'e'], exact: false },
    { text: '2', terms: ['2'], cover: ['2'], exact: true },
  ]);
  assert.deepEqual(parseQuery('Windows 激活'), [
    { text: 'windows', terms: ['windows'], cover: ['windows'], exact: true },
    { text: '激活', terms: ['激活'], cover: ['激活'], exact: true },
  ]);
  assert.deepEqual(parseQuery('5G网络'), [{ text: '5g网络', terms: ['5g', '5g网', '网络'], cover: ['5g', '5g网', '网络'], exact: false }]);
  assert.deepEqual(parseQuery('a中b'), [{ text: 'a中b', terms: ['a', 'a中', '中', '中b', 'b'], cover: ['a', 'a中', '中', '中b', 'b'], exact: false }]);
  assert.deepEqual(parseQuery('1年'), [{ text: '1年', terms: ['1', '1年', '年'], cover: ['1年'], exact: true }], 'a word and one CJK character are their junction');
  assert.deepEqual(parseQuery('今年5G'), [{ text: '今年5g', terms: ['今年', '年5g', '5g'], cover: ['今年', '年5g', '5g'], exact: false }]);
  assert.deepEqual(parseQuery('Ｗｉｎ１１'), [{ text: 'win11', terms: ['win11'], cover: ['win11'], exact: true }]);
  assert.deepEqual(parseQuery('𠀀𠀁'), [{ text: '𠀀𠀁', terms: ['𠀀𠀁'], cover: ['𠀀𠀁'], exact: true }], 'astral CJK characters pair like others');
  assert.deepEqual(parseQuery('한국어'), [{ text: '한국어', terms: ['한국', '국어'], cover: ['한국', '국어'], exact: false }]);
  assert.deepEqual(parseQuery('(win)'), [{ text: '(win)', terms: ['win'], cover: ['win'], exact: false }], 'punctuation around a word is checked');
});

test('should drop query parts with no letter, digit or CJK character, and repeated parts', () => {
  assert.deepEqual(parseQuery(''), []);
  assert.deepEqual(parseQuery('  ！？ -- … 😀 '), []);
  assert.deepEqual(parseQuery('！？ 中 -- win WIN Ｗｉｎ'), [
    { text: '中', terms: ['中'], cover: ['中'], exact: true },
    { text: 'win', terms: ['win'], cover: ['win'], exact: true },
  ]);
  assert.deepEqual(
    parseQuery('中\u3000文\u00a0x'),
    ['中', '文', 'x'].map((text) => ({ text, terms: [text], cover: [text], exact: true })),
    'ideographic and no-break spaces separate parts',
  );
});

test('should never find a Latin word of the query inside a longer word, and CJK anywhere', () => {
  assert.deepEqual(findPart('windows 10', 'win'), []);
  assert.deepEqual(findPart('darwin', 'win'), []);
  assert.deepEqual(findPart('win 10', 'win'), [0]);
  assert.deepEqual(findPart('win,win win', 'win'), [0, 4, 8]);
  assert.deepEqual(findPart('用win系统', 'win'), [1], 'CJK next to a word is a boundary');
  assert.deepEqual(findPart('5g网络', '5g'), [0]);
  assert.deepEqual(findPart('5g网络', '5g网络'), [0]);
  assert.deepEqual(findPart('15g网络', '5g'), []);
  assert.deepEqual(findPart('5g网络', 'g网'), []);
  assert.deepEqual(findPart('windows激活', 's激活'), []);
  assert.deepEqual(findPart('x-win', '-win'), [1], 'a part starting with punctuation needs no boundary before it');
  assert.deepEqual(findPart('中华人民共和国', '人民'), [2]);
  assert.deepEqual(findPart('人民', '人民共'), []);
  assert.deepEqual(findPart('𠀀ab𠀀', 'ab'), [2], 'an astral CJK character is a boundary');
  assert.deepEqual(findPart('中中中', '中', 2), [0, 1], 'stops at the limit');
  const text = fold('安全人员发现新型恶意软件，伪装成 Windows 激活工具');
  assert.ok(containsQuery(text, parseQuery('Windows 激活')));
  assert.ok(containsQuery(text, parseQuery('激活 Windows')), 'parts in any order');
  assert.ok(!containsQuery(text, parseQuery('Window 激活')));
  assert.ok(!containsQuery(text, parseQuery('Windows 激光')));
});

test('should give the terms and weights a straightforward tokenizer gives, for real texts', { skip: noCorpus }, () => {
  assertReferenceTerms(corpusTexts(), createRandom(7));
});

test('should give the terms and weights a straightforward tokenizer gives, for generated texts of every script', () => {
  const random = createRandom(17);
  assertReferenceTerms(Array.from({ length: 400 }, () => fuzzText(random, random.int(0, 300))), random);
});

test('should give the same terms once every small character id is taken', () => {
  const random = createRandom(11);
  const keys = new TermKeys();
  const terms = new ArticleTerms(keys);
  // Characters met before the ids run out keep theirs: a bigram may pair one with an id and one without.
  const before = { title: '', categories: [], tags: [], text: FUZZ_POOLS.cjk.join('') + FUZZ_POOLS.kana.join('') };
  terms.postings(before);
  for (let code = 0x30000; keys.charId(code) !== 0; code += 1);
  for (let n = 0; n < 200; n += 1) {
    const fields = splitFields(fuzzText(random, random.int(1, 200)), random);
    assert.deepEqual(sorted(postingsByTerm(terms.postings(fields), keys)), sorted(referencePostings(fields)), JSON.stringify(fields));
  }
});

test('should index every term of any query cut from a real text', { skip: noCorpus }, () => {
  const checked = assertQueriesIndexed(corpusTexts(), createRandom(20211019), 1000);
  assert.ok(checked > 50_000, `${checked} queries checked`);
});

test('should index every term of any query cut from a generated text of every script', () => {
  const random = createRandom(1019);
  const checked = assertQueriesIndexed(Array.from({ length: 1500 }, () => fuzzText(random, random.int(1, 120))), random, 80);
  assert.ok(checked > 50_000, `${checked} queries checked`);
});

test('should hold a term exactly when its one-term query occurs: what lets the search skip the check (fuzz)', () => {
  const random = createRandom(3);
  const texts = Array.from({ length: 300 }, () => splitFields(fuzzText(random, random.int(1, 200)), random));
  const keys = new TermKeys();
  const articleTerms = new ArticleTerms(keys);
  const held = texts.map((fields) => new Set(postingsByTerm(articleTerms.postings(fields), keys).keys()));
  // Every term some text holds, typed as a query of its own, against every text.
  const queries = new Map<string, QueryPart>();
  for (const term of new Set(held.flatMap((terms) => [...terms]))) {
    const [part, ...others] = parseQuery(term);
    if (part?.exact && others.length === 0) queries.set(part.text, part);
  }
  assert.ok(queries.size > 500, `${queries.size} one-term queries`);
  for (const [i, fields] of texts.entries()) {
    const folded = searchableText(fields);
    for (const part of queries.values()) {
      assert.equal(held[i]!.has(part.text), containsQuery(folded, [part]), `${JSON.stringify(part.text)} in ${JSON.stringify(fields)}`);
    }
  }
});

/** Checks that ArticleTerms gives each text (cut into fields at random) the postings {@link referencePostings} gives it. */
function assertReferenceTerms(texts: readonly string[], random: Random): void {
  const keys = new TermKeys();
  const terms = new ArticleTerms(keys);
  for (const text of texts) {
    const fields = splitFields(text, random);
    assert.deepEqual(sorted(postingsByTerm(terms.postings(fields), keys)), sorted(referencePostings(fields)), JSON.stringify(fields).slice(0, 200));
  }
}

/**
 * Cuts `perText` queries of 1 to 8 pieces from each text, leaving out those
 * that cut a word or hold no term, and checks that every term of each is
 * indexed for the text and that findPart finds it there.
 *
 * @returns the number of queries checked
 */
function assertQueriesIndexed(texts: readonly string[], random: Random, perText: number): number {
  const keys = new TermKeys();
  const articleTerms = new ArticleTerms(keys);
  let checked = 0;
  for (const text of texts) {
    const fields: SearchFields = { title: '', categories: [], tags: [], text };
    const indexed = postingsByTerm(articleTerms.postings(fields), keys);
    const folded = searchableText(fields);
    const pieces = piecesOf(text);
    for (let n = 0; n < perText; n += 1) {
      const start = random.int(0, pieces.length - 1);
      const end = Math.min(pieces.length, start + random.int(1, 8));
      const query = pieces.slice(start, end).join('');
      const parts = parseQuery(query);
      if (cutsWord(pieces, start) || cutsWord(pieces, end) || parts.length === 0) continue;
      checked += 1;
      const missing = parts.flatMap((part) => part.terms).filter((term) => !indexed.has(term));
      assert.deepEqual(missing, [], `${JSON.stringify(query)} cut from ${JSON.stringify(text.slice(0, 80))}`);
      assert.ok(containsQuery(folded, parts), `findPart finds ${JSON.stringify(query)} in the text it was cut from`);
    }
  }
  return checked;
}

/** Characters the generated texts are made of, by kind. */
const FUZZ_POOLS = {
  cjk: [...'中文搜索引擎网络激活微软系统漏洞人民的一了是在'],
  astral: [...'𠀀𠀁𠀂𪜀𫝀𬺰'],
  kana: [...'ひらがなカタカナーッの'],
  halfWidthKana: [...'ｶﾀｶﾅﾞﾟｰ'],
  hangul: [...'한국어가나ㄱㅏ'],
  latin: [...'abcdeswinXYZ', 'é', 'e\u0301', 'İ', 'ß', 'Σ', 'ς', 'ǅ'],
  digits: [...'0123456789'],
  fullWidth: [...'ＡＢｃｄ１２３％＃'],
  compatibility: [...'㎡ﬁ①²㍻™'],
  marks: ['\u0301', '\u0308', '\u3099', '\u20dd'],
  separators: [...' \n·-，。、!?()「」\u3000\u00a0', '😀'],
} as const;

/** A random text of `length` pieces, mostly runs of one kind (as real text is), sometimes mixed. */
function fuzzText(random: Random, length: number): string {
  const kinds = Object.keys(FUZZ_POOLS) as (keyof typeof FUZZ_POOLS)[];
  let text = '';
  let kind = random.pick(kinds);
  for (let i = 0; i < length; i += 1) {
    if (random.chance(0.25)) kind = random.pick(kinds);
    text += random.pick(FUZZ_POOLS[kind]);
  }
  return text;
}

/** A text cut into an article's fields at random. */
function splitFields(text: string, random: Random): SearchFields {
  const cuts = [0, ...Array.from({ length: 3 }, () => random.int(0, text.length)).sort((a, b) => a - b), text.length];
  const slice = (i: number) => text.slice(cuts[i], cuts[i + 1]);
  return { title: slice(0), categories: slice(1) ? [slice(1)] : [], tags: slice(2) ? [slice(2), 'tag'] : [], text: slice(3) };
}

/** The body text of each real post, tags stripped crudely, and its title (the file name). */
function corpusTexts(): string[] {
  return corpusPosts().flatMap(({ name, body }) => [
    name.replace(/\.md$/, ''),
    body
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&(amp|lt|gt|quot);/g, ' '),
  ]);
}

/**
 * The pieces fold folds one by one: a code point and the combining marks
 * after it. A query cut at piece boundaries folds to a slice of the folded text.
 */
function piecesOf(text: string): string[] {
  const pieces: string[] = [];
  for (const char of text) {
    if (/^[\p{M}\uff9e\uff9f]/u.test(char) && pieces.length > 0) pieces[pieces.length - 1] += char;
    else pieces.push(char);
  }
  return pieces;
}

/** Whether a cut before `pieces[at]` falls inside a word (of folded text). */
function cutsWord(pieces: readonly string[], at: number): boolean {
  if (at === 0 || at === pieces.length) return false;
  const before = [...fold(pieces[at - 1]!)].pop();
  const after = [...fold(pieces[at]!)][0];
  return before !== undefined && after !== undefined && classOf(before) === WORD && classOf(after) === WORD;
}

function classOf(char: string): number {
  return codeClass(char.codePointAt(0)!);
}

/**
 * The postings of an article as the index defines them, written plainly:
 * every word run, every CJK character, every pair of adjacent CJK
 * characters, and every junction of a word and the CJK character it touches,
 * of each field, folded. A term's value is its weight level
 * times 2 (0 for a single CJK character), plus 1 when the title holds it;
 * the level counts the term outside the title, against the number of
 * words and bigrams outside the title.
 */
function referencePostings(fields: SearchFields): Map<string, number> {
  const inTitle = new Set(termsOf(fields.title));
  const counts = new Map<string, number>();
  let length = 0;
  for (const field of [...fields.categories, ...fields.tags, fields.text]) {
    for (const { term, junction } of occurrencesOf(field)) {
      counts.set(term, (counts.get(term) ?? 0) + 1);
      if (!isPresenceTerm(term) && !junction) length += 1;
    }
  }
  const postings = new Map<string, number>();
  for (const term of new Set([...inTitle, ...counts.keys()])) {
    const level = isPresenceTerm(term) ? 0 : weightLevel(counts.get(term) ?? 0, length);
    postings.set(term, level * 2 + (inTitle.has(term) ? 1 : 0));
  }
  return postings;
}

/** Every occurrence of a term in one field, and which of them are junctions. */
function termsOf(field: string): string[] {
  return occurrencesOf(field).map((occurrence) => occurrence.term);
}

/** Every occurrence of a term in one field: words, CJK characters and bigrams, and the junction of a word and the CJK character it touches. */
function occurrencesOf(field: string): { term: string; junction: boolean }[] {
  const found: { term: string; junction: boolean }[] = [];
  let run: string[] = [];
  let kind = SEPARATOR;
  // The run just ended, when the next one touches it.
  let before: { kind: number; run: string[] } | undefined;
  const flush = (next: number) => {
    if (kind === WORD) found.push({ term: run.join(''), junction: false });
    if (kind === CJK) {
      for (const char of run) found.push({ term: char, junction: false });
      for (let i = 0; i + 1 < run.length; i += 1) found.push({ term: run[i]! + run[i + 1]!, junction: false });
    }
    if (before && kind !== SEPARATOR) {
      const term = before.kind === WORD ? before.run.join('') + run[0]! : before.run.at(-1)! + run.join('');
      found.push({ term, junction: true });
    }
    before = kind !== SEPARATOR && next !== SEPARATOR ? { kind, run } : undefined;
    run = [];
  };
  for (const char of fold(field)) {
    const next = classOf(char);
    if (next !== kind) flush(next);
    kind = next;
    if (next !== SEPARATOR) run.push(char);
  }
  flush(SEPARATOR);
  return found;
}

function sorted(map: ReadonlyMap<string, number>): [string, number][] {
  return [...map].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
