import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { generatePosts } from '../../bench/generate-posts.ts';
import { createRandom, type Random } from '../../bench/lib/prng.ts';
import { CORPUS_DIR, HAS_CORPUS, runCli } from '../helpers/run-cli.ts';
import { readIndexEntry, searchSite, type SiteSearch } from '../helpers/search-index.ts';

const skip = HAS_CORPUS ? false : `needs the real posts in ${CORPUS_DIR} (absent here)`;

/** Random queries cut from the articles' text, beside the hand-written ones. */
const RANDOM_QUERIES = 200;
/** Files a first query may fetch: the entry, four postings files, a page of ten texts. */
const FIRST_QUERY_FILES = 15;

/**
 * Queries of several kinds; none copies an article. `DALL·E 2` and
 * `Windows 激活` are in two real posts; `win` is rarely a word of its own
 * (`Win11`, `Windows` are); `2代`, `1年`… mostly end a longer word (`12代`,
 * `2021年`), where they do not count; `！？` has nothing to search; the last is in no article.
 */
const NOWHERE = 'zzqxj 不存在的词语组合';
const MIXED_QUERIES = [
  ...['DALL·E 2', 'Windows 激活', '激活 Windows', '5G', 'win', 'Win11', 'Ｗｉｎ１１', 'WINDOWS', '㎡', 'iOS 15', 'M1 Max', 'AVX-512'],
  ...['微软 漏洞', '漏洞 微软', '的', 'a', '2代', '1年', '0亿', 'e浏览器', 'x系统', '！？', NOWHERE],
];

test('should find exactly the articles that contain a query, for random and mixed queries over real and generated posts (brute-force oracle)', { skip, timeout: 1_800_000 }, async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-search-oracle-'));
  t.after(() => rm(dir, { recursive: true, force: true, maxRetries: 3 }));
  const content = path.join(dir, 'content');
  let real = 0;
  for (const folder of ['real', 'seed']) {
    await mkdir(path.join(content, folder), { recursive: true });
    for (const name of await readdir(path.join(CORPUS_DIR, folder))) {
      if (!name.endsWith('.md') || name === 'SOURCE.md' || name === 'README.md') continue;
      await cp(path.join(CORPUS_DIR, folder, name), path.join(content, folder, name));
      real += 1;
    }
  }
  assert.equal(real, 55, 'the real posts of ../shared/corpus');
  const generated = await generatePosts({ posts: 300, spare: 5, outDir: path.join(content, 'generated'), seed: 19, corpusDir: CORPUS_DIR });

  const out = path.join(dir, '_site');
  const started = performance.now();
  const run = await runCli(['build', '--content', content, '--out', out, '--cache', path.join(dir, '.cache'), '--offline'], { cwd: dir, timeoutMs: 1_200_000 });
  assert.equal(run.code, 0, run.stderr);
  t.diagnostic(`built ${real} real and 300 generated posts in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const records = await readRecords(out);
  assert.equal(records.length, real + 300, 'every post is in the index');
  const texts = records.map((record) => foldWhole([record.title, ...record.categories, ...record.tags, record.text].join('\n')));

  const random = createRandom(20211019);
  const pairs = reversedPairs(random, records, 3);
  const cut = randomQueries(random, records, RANDOM_QUERIES);
  const queries = [...MIXED_QUERIES, ...pairs, ...cut];
  // Queries whose figures are shown.
  const sampled = new Set([...MIXED_QUERIES, ...pairs, ...cut.slice(0, 8)]);
  const candidatesOf = await candidateCounter(out);
  const figures = { queries: 0, exact: 0, verified: 0, maxCandidates: 0, expected: 0, found: 0, missed: 0, extra: 0, maxFiles: 0, maxBytes: 0 };
  const failures: string[] = [];
  const overBudget: string[] = [];
  const firstPages: { files: number; bytes: number }[] = [];
  const samples: string[] = [];
  const searchStarted = performance.now();
  for (const query of queries) {
    const parts = oracleParts(query);
    const expected = new Set(texts.flatMap((text, id) => (parts.length > 0 && parts.every((part) => part.test(text)) ? [id] : [])));
    if (query === NOWHERE) assert.equal(expected.size, 0, `${query} is in no article`);
    const search = await searchSite(out, query);
    const found = search.found.map((result) => result.id);
    assert.equal(new Set(found).size, found.length, `${query}: no article twice`);
    const missed = [...expected].filter((id) => !found.includes(id));
    const extra = found.filter((id) => !expected.has(id));
    const candidates = await candidatesOf(query);
    figures.queries += 1;
    figures.exact += search.exact ? 1 : 0;
    figures.verified += search.exact ? 0 : 1;
    figures.maxCandidates = Math.max(figures.maxCandidates, candidates);
    figures.expected += expected.size;
    figures.found += found.length;
    figures.missed += missed.length;
    figures.extra += extra.length;
    figures.maxFiles = Math.max(figures.maxFiles, search.firstPage.files);
    figures.maxBytes = Math.max(figures.maxBytes, search.firstPage.bytes);
    if (missed.length > 0 || extra.length > 0) failures.push(`${JSON.stringify(query)}: missed ${describe(records, missed)}; wrongly found ${describe(records, extra)}`);
    if (search.total !== undefined && search.total !== expected.size) failures.push(`${JSON.stringify(query)}: a total of ${search.total}, expected ${expected.size}`);
    firstPages.push(search.firstPage);
    if (search.firstPage.files > FIRST_QUERY_FILES) {
      // Exact candidates need no check: the first page reads ten texts at most.
      (search.exact ? failures : overBudget).push(`${JSON.stringify(query)}: ${search.firstPage.files} files, ${search.firstPage.bytes} bytes for the first page (${candidates} candidates, ${found.length} found)`);
    }
    failures.push(...wrongMarks(query, search));
    if (sampled.delete(query)) {
      samples.push(`${JSON.stringify(query)}: ${found.length} found (${candidates} candidates${search.exact ? ', exact' : ''}); first page ${search.firstPage.files} files, ${search.firstPage.bytes} bytes`);
    }
  }
  const recall = figures.expected === 0 ? 1 : (figures.expected - figures.missed) / figures.expected;
  const precision = figures.found === 0 ? 1 : (figures.found - figures.extra) / figures.found;
  t.diagnostic(`${figures.queries} queries in ${((performance.now() - searchStarted) / 1000).toFixed(1)} s: recall ${recall.toFixed(4)}, precision ${precision.toFixed(4)} (${figures.expected} articles expected in all, ${figures.found} found)`);
  t.diagnostic(`${figures.exact} exact (no text read to check), ${figures.verified} verified; at most ${figures.maxCandidates} candidates`);
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  t.diagnostic(
    `a first page fetched ${median(firstPages.map((page) => page.files))} files and ${median(firstPages.map((page) => page.bytes))} bytes (medians), at most ${figures.maxFiles} files and ${figures.maxBytes} bytes; ${overBudget.length} queries over ${FIRST_QUERY_FILES} files`,
  );
  for (const sample of samples) t.diagnostic(sample);

  assert.deepEqual(failures, []);
  assert.equal(recall, 1);
  assert.equal(precision, 1);
  assert.ok(figures.exact > 0 && figures.verified > 0, 'both kinds of query were met');
  assert.ok(figures.expected > 1000, `${figures.expected} matches in all: the queries find something`);

  // The budget stated beside MAX_TERM_FILES (src/search/index-format.ts): the entry, four postings files, ten texts.
  assert.deepEqual(overBudget, [], `a first query fetches at most ${FIRST_QUERY_FILES} files`);

  // The bot's next hour: posts added, edited and deleted. The published index is updated (its recent segment
  // made, see src/search/index-plan.ts) and must answer every query as a cold build of the same posts does.
  const EDITED = '编辑后新增的段落 oracle update';
  for (const post of generated.spare) {
    await mkdir(path.dirname(path.join(generated.outDir, post.relPath)), { recursive: true });
    await writeFile(path.join(generated.outDir, post.relPath), post.text);
  }
  for (const post of generated.written.slice(0, 3)) await appendFile(path.join(generated.outDir, post.relPath), `\n<p>${EDITED}</p>\n`);
  for (const post of generated.written.slice(3, 6)) await rm(path.join(generated.outDir, post.relPath));
  const report = path.join(dir, 'report.json');
  const update = await runCli(['build', '--content', content, '--out', out, '--cache', path.join(dir, '.cache'), '--offline', '--report', report], { cwd: dir, timeoutMs: 1_200_000 });
  assert.equal(update.code, 0, update.stderr);
  assert.equal((JSON.parse(await readFile(report, 'utf8')) as { search: { made: string } }).search.made, 'updated');
  const updated = await readIndexEntry(out);
  assert.equal(updated.recent?.after.length, 8, 'the 5 new and 3 edited posts are in the recent segment');
  assert.equal(updated.removed?.length, 6, 'the 3 edited and 3 deleted posts are removed from the base');
  const coldOut = path.join(dir, '_cold');
  const cold = await runCli(['build', '--content', content, '--out', coldOut, '--cache', path.join(dir, '.cache-cold'), '--offline'], { cwd: dir, timeoutMs: 1_200_000 });
  assert.equal(cold.code, 0, cold.stderr);
  const answers = (search: SiteSearch) => `${search.total ?? 'unknown'} · ${search.found.map((result) => result.url).sort().join(' ')}`;
  const disagreeing: string[] = [];
  const overBudgetUpdated: string[] = [];
  for (const query of [...queries, EDITED]) {
    const [fromUpdated, fromCold] = await Promise.all([searchSite(out, query), searchSite(coldOut, query)]);
    if (answers(fromUpdated) !== answers(fromCold)) disagreeing.push(`${JSON.stringify(query)}: updated ${answers(fromUpdated)}; cold ${answers(fromCold)}`);
    if (fromUpdated.firstPage.files > FIRST_QUERY_FILES) overBudgetUpdated.push(`${JSON.stringify(query)}: ${fromUpdated.firstPage.files} files`);
  }
  t.diagnostic(`the updated index answers ${queries.length + 1} queries as a cold build of the same posts does`);
  assert.deepEqual(disagreeing, []);
  assert.equal((await searchSite(out, EDITED)).found.length, 3, 'the edited posts are found by their new text');
  assert.deepEqual(overBudgetUpdated, [], `with its recent segment, a first query still fetches at most ${FIRST_QUERY_FILES} files`);
});

/** What an article's text file holds. */
interface IndexedRecord {
  readonly url: string;
  readonly title: string;
  readonly categories: readonly string[];
  readonly tags: readonly string[];
  readonly text: string;
}

/** Every article's record, by id, read from the built index's text files. */
async function readRecords(out: string): Promise<IndexedRecord[]> {
  const entry = await readIndexEntry(out);
  const groupSize = Number((await import(pathToFileURL(path.join(out, 'search-format.js')).href) as { GROUP_SIZE: number }).GROUP_SIZE);
  const records: IndexedRecord[] = [];
  for (let id = 0; id < entry.docs; id += 1) {
    const file = path.join(out, 'search-index', entry.groups[Math.floor(id / groupSize)]!, `${id % groupSize}.bin`);
    records.push(JSON.parse(inflateRawSync(await readFile(file)).toString('utf8')) as IndexedRecord);
  }
  return records;
}

/** How many candidates the site's search ranks for a query, before any is checked. */
async function candidateCounter(out: string): Promise<(query: string) => Promise<number>> {
  const { SearchIndex } = (await import(pathToFileURL(path.join(out, 'search-engine.js')).href)) as {
    SearchIndex: new (dir: string, load: (url: string) => Promise<Response>) => { search(query: string): Promise<{ candidates: number[] }> };
  };
  const index = new SearchIndex('/search-index/', async (url) => new Response(await readFile(path.join(out, url))));
  return async (query) => (await index.search(query)).candidates.length;
}

// The oracle: written from the definition (a query's space-separated parts
// each occur in the folded text, a Latin word never inside a longer one),
// sharing no code with the index. It folds the whole text at once.

const CJK_CLASS = '\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}\\p{scx=Hangul}';
/** A letter, digit or mark of a word: not CJK. */
const LATIN = `(?:(?![${CJK_CLASS}])[\\p{L}\\p{N}\\p{M}])`;
const LATIN_CHAR = new RegExp(`^${LATIN}$`, 'u');
const SEARCHABLE = new RegExp(`[\\p{L}\\p{N}]`, 'u');

function foldWhole(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** A query's parts, each as a pattern: the part, not preceded (followed) by a Latin character when it starts (ends) with one. */
function oracleParts(query: string): RegExp[] {
  const parts = [...new Set(foldWhole(query).split(/\s+/u))].filter((part) => SEARCHABLE.test(part));
  return parts.map((part) => {
    const chars = [...part];
    const before = LATIN_CHAR.test(chars[0]!) ? `(?<!${LATIN})` : '';
    const after = LATIN_CHAR.test(chars.at(-1)!) ? `(?!${LATIN})` : '';
    return new RegExp(`${before}${part.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')}${after}`, 'u');
  });
}

/**
 * Queries of 1 to 8 characters cut at random from the articles' searchable
 * text: none cuts a Latin word, each has a letter, digit or CJK character.
 */
function randomQueries(random: Random, records: readonly IndexedRecord[], count: number): string[] {
  const queries: string[] = [];
  while (queries.length < count) {
    const record = random.pick(records);
    const chars = [...[record.title, ...record.categories, ...record.tags, record.text].join('\n')];
    const length = random.int(1, 8);
    const start = random.int(0, Math.max(0, chars.length - length));
    const query = chars.slice(start, start + length).join('');
    const cuts = (at: number) => at > 0 && at < chars.length && LATIN_CHAR.test(chars[at - 1]!) && LATIN_CHAR.test(chars[at]!);
    if (cuts(start) || cuts(start + length) || !SEARCHABLE.test(query) || query.trim() !== query) continue;
    queries.push(query);
  }
  return queries;
}

/** Two-part queries of two runs of CJK text from one article, the later run first. */
function reversedPairs(random: Random, records: readonly IndexedRecord[], count: number): string[] {
  const queries: string[] = [];
  while (queries.length < count) {
    const runs = random.pick(records).text.match(/\p{scx=Han}{2,4}/gu) ?? [];
    if (runs.length < 20) continue;
    const first = random.int(0, runs.length - 10);
    queries.push(`${runs[first + random.int(5, 9)]} ${runs[first]}`);
  }
  return queries;
}

/** Marked pieces of a result's title and excerpt that are no part of the query (folded). */
function wrongMarks(query: string, search: SiteSearch): string[] {
  const partTexts = foldWhole(query).split(/\s+/u);
  const wrong: string[] = [];
  for (const result of search.found.slice(0, 10)) {
    for (const piece of [...result.title, ...result.excerpt]) {
      // A mark may be cut by the excerpt's edge, or split where two parts overlap: a piece of a part.
      if (piece.mark && !partTexts.some((part) => part.includes(foldWhole(piece.text)))) wrong.push(`${JSON.stringify(query)}: ${result.url} marks ${JSON.stringify(piece.text)}`);
    }
  }
  return wrong;
}

function describe(records: readonly IndexedRecord[], ids: readonly number[]): string {
  return ids.length === 0 ? 'none' : `${ids.length} (${ids.slice(0, 3).map((id) => records[id]!.url).join(', ')})`;
}
