import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRandom, type Random } from '../../bench/lib/prng.ts';
import type { Article } from '../../src/article/article.ts';
import { ArticleTerms, postingsByTerm, TermKeys } from '../../src/search/article-terms.ts';
import {
  bucketFilePath,
  contentName,
  decodeTextFile,
  encodeTextFile,
  IndexPatcher,
  textFilePath,
  WholeIndexWriter,
  writePostingsNamed,
  type IndexLayout,
  type IndexMoves,
  type MadeIndex,
  type PublishedIndex,
} from '../../src/search/index-files.ts';
import {
  decodePostings,
  denseSize,
  FORMAT_VERSION,
  GROUP_SIZE,
  isPresenceTerm,
  postingValue,
  readTermDirectory,
  termFile,
  writeVarint,
  type Posting,
} from '../../src/search/index-format.ts';
import { encodeTerm, writePostingsFile } from '../../src/search/postings-file.ts';
import type { SearchRecord } from '../../src/search/search-docs.ts';
import { RECENT_ARTICLES } from '../../src/search/index-plan.ts';
import { writeSearchIndex, type IndexEntry } from '../../src/search/write-search-index.ts';
import { makeArticle, makeConfig } from '../helpers/make-articles.ts';
import { listFiles } from '../helpers/run-cli.ts';
import { searchSite } from '../helpers/search-index.ts';

test('should write varints 7 bits a byte, low first, up to 2^53', () => {
  const bytes = (value: number) => {
    const out: number[] = [];
    writeVarint(out, value);
    return out;
  };
  assert.deepEqual(bytes(0), [0]);
  assert.deepEqual(bytes(127), [0x7f]);
  assert.deepEqual(bytes(128), [0x80, 0x01]);
  assert.deepEqual(bytes(300), [0xac, 0x02]);
  assert.deepEqual(bytes(2 ** 32), [0x80, 0x80, 0x80, 0x80, 0x10]);
  assert.equal(bytes(Number.MAX_SAFE_INTEGER).length, 8);
});

test('should decode the postings it encodes, weighted and presence terms, gaps small and large', () => {
  const random = createRandom(5);
  for (const term of ['微软', 'windows', '中', '𠀀', '𠀀𠀁', 'a']) {
    for (let n = 0; n < 200; n += 1) {
      let id = random.chance(0.5) ? -1 : random.int(-1, 1e6);
      const postings: Posting[] = Array.from({ length: random.int(0, 50) }, () => {
        id += random.chance(0.1) ? random.int(1, 2 ** 24) : random.int(1, 3);
        return { id, level: isPresenceTerm(term) ? 0 : random.int(1, 7), inTitle: random.chance(0.3) };
      });
      const encoded = encodeTerm(term, postings);
      const bytes = Uint8Array.from([0xff, ...encoded.bytes, 0xff]);
      assert.deepEqual(decodePostings(term, bytes, 1, bytes.length - 1, encoded.dense), postings, `${term}: ${JSON.stringify(postings)}`);
    }
  }
  // A presence term's gap is shifted over one flag, a weighted term's over four bits.
  assert.deepEqual(encodeTerm('中', [{ id: 0, level: 0, inTitle: true }, { id: 64, level: 0, inTitle: false }]).bytes, Uint8Array.from([1, 126]));
  assert.deepEqual(encodeTerm('中文', [{ id: 0, level: 7, inTitle: true }, { id: 9, level: 3, inTitle: false }]).bytes, Uint8Array.from([15, 0x83, 0x01]));
});

test('should keep a term held by most articles in the dense layout, when it is smaller, and decode it the same', () => {
  const random = createRandom(15);
  let dense = 0;
  for (const term of ['的', '微软', 'the', '𠀀']) {
    for (let n = 0; n < 100; n += 1) {
      const share = random.pick([0.02, 0.3, 0.7, 1]);
      const postings: Posting[] = [];
      for (let id = random.int(0, 20); id < 3000; id += 1) {
        if (random.chance(share)) postings.push({ id, level: isPresenceTerm(term) ? 0 : random.int(0, 7), inTitle: random.chance(0.2) });
      }
      const encoded = encodeTerm(term, postings);
      const gaps = listOfGaps(term, postings);
      assert.equal(encoded.dense, denseSize(isPresenceTerm(term), postings.length, postings.at(-1)?.id ?? 0) < gaps.length, `${term}: the smaller layout`);
      if (encoded.dense) assert.ok(encoded.bytes.length < gaps.length);
      else assert.deepEqual(encoded.bytes, Uint8Array.from(gaps));
      const file = writePostingsFile([encoded]);
      const entry = readTermDirectory(file).get(term)!;
      assert.equal(entry.dense, encoded.dense);
      assert.deepEqual(decodePostings(term, file, entry.start, entry.end, entry.dense), postings, `${term}, ${share} of the articles`);
      dense += encoded.dense ? 1 : 0;
    }
  }
  assert.ok(dense > 100 && dense < 400, `both layouts met (${dense} of 400 dense)`);
  // 的 in every one of 50,000 articles: a bitmap of 6,250 bytes and a title bit each, not 50,000 one-byte gaps.
  const everywhere = Array.from({ length: 50_000 }, (_, id) => ({ id, level: 0, inTitle: false }));
  assert.equal(encodeTerm('的', everywhere).bytes.length, 2 + 6250 + 6250);
});

test('should read back the directory and postings of a postings file, its terms sorted', () => {
  const random = createRandom(6);
  const terms = ['win11', '微软', '中', '𠀀𠀁', 'é', 'a', 'ｚ', 'zz', '한국'];
  const postings = new Map(terms.map((term) => [term, Array.from({ length: random.int(1, 30) }, (_, i) => ({ id: i * 3, level: isPresenceTerm(term) ? 0 : random.int(1, 7), inTitle: random.chance(0.5) }))]));
  const file = writePostingsFile(terms.map((term) => encodeTerm(term, postings.get(term)!)));
  assert.equal(file[0], FORMAT_VERSION);
  const directory = readTermDirectory(file);
  const utf8 = (term: string) => Buffer.from(term, 'utf8');
  assert.deepEqual([...directory.keys()], [...terms].sort((a, b) => Buffer.compare(utf8(a), utf8(b))), 'sorted by their UTF-8 bytes');
  for (const [term, entry] of directory) {
    assert.equal(entry.df, postings.get(term)!.length);
    assert.deepEqual(decodePostings(term, file, entry.start, entry.end, entry.dense), postings.get(term));
  }
  assert.equal([...directory.values()].at(-1)!.end, file.length, 'the postings end the file');
  assert.deepEqual(readTermDirectory(writePostingsFile([])), new Map());
  assert.throws(() => readTermDirectory(Uint8Array.from([FORMAT_VERSION + 1, 0])), /format/);
});

test('should give two postings files whose short names collide a name each, and write each file once', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-index-names-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  // Found by trying: their SHA-256 share the first 8 hex digits.
  const [a, b] = ['postings 27162', 'postings 45156'].map((text) => Buffer.from(text));
  assert.equal(contentName(a!), contentName(b!));
  const made: string[] = [];
  const first = writePostingsNamed(dir, a!, made);
  const second = writePostingsNamed(dir, b!, made);
  assert.notEqual(first, second);
  assert.deepEqual(await readFile(path.join(dir, bucketFilePath(first))), a);
  assert.deepEqual(await readFile(path.join(dir, bucketFilePath(second))), b);
  assert.equal(writePostingsNamed(dir, b!, made), second, 'the same bytes again: the same name');
  assert.deepEqual(made, [bucketFilePath(first), bucketFilePath(second)], 'each written once');
});

test('should read back an article text file, every character kept', () => {
  const record: SearchRecord = {
    url: '/2021/10/19/微软/',
    title: 'Win11 激活 𠀀 "quoted" \\ e\u0301',
    date: '2021-10-19T08:00:00+08:00',
    categories: ['科技 / IT之家 / 微软'],
    tags: ['windows', '😀'],
    text: 'lone \ud800 surrogate\n\u2028line separator',
  };
  assert.deepEqual(decodeTextFile(encodeTextFile(record)), record);
  const long = { ...record, text: '微软承认 Win11 存在新的打印机问题。'.repeat(100) };
  assert.deepEqual(decodeTextFile(encodeTextFile(long)), long);
  assert.ok(encodeTextFile(long).length < Buffer.byteLength(JSON.stringify(long)) / 10, 'deflated');
});

test('should name a postings file by term alone, within the number of files', () => {
  for (const files of [1, 2, 64, 1024]) {
    for (const term of ['中', '中文', 'windows', '𠀀𠀁', '']) {
      const file = termFile(term, files);
      assert.ok(file >= 0 && file < files && Number.isInteger(file));
      assert.equal(termFile(term, files), file);
    }
  }
  const spread = new Set(Array.from({ length: 1000 }, (_, i) => termFile(`word${i}`, 64)));
  assert.equal(spread.size, 64, 'terms are spread over every file');
});

test('should hold in the whole index, for each term, exactly the articles whose terms hold it (past a batch of a million postings)', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-index-files-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const random = createRandom(8);
  // Each text holds about 4,200 of 6,000 words, and bigrams of common characters: over a million postings in all.
  const vocabulary = Array.from({ length: 6000 }, (_, n) => `w${n.toString(36)}`);
  const records = Array.from({ length: 260 }, (_, id) => {
    const record = makeRecord(random, id, { chars: 300 });
    return { ...record, text: `${record.text} ${vocabulary.filter(() => random.chance(0.7)).join(' ')}` };
  });
  const layout: IndexLayout = { dir, docs: records.length, files: 16, groups: groupNames(records) };
  const made = writeWhole(layout, records);
  const expected = new Map<string, Posting[]>();
  const keys = new TermKeys();
  const terms = new ArticleTerms(keys);
  let count = 0;
  for (const [id, record] of records.entries()) {
    for (const [term, packed] of postingsByTerm(terms.postings(record), keys)) {
      const list = expected.get(term) ?? [];
      list.push({ id, level: packed >> 1, inTitle: (packed & 1) === 1 });
      expected.set(term, list);
      count += 1;
    }
  }
  assert.ok(count > 1 << 20, `${count} postings`);
  const found = new Map<string, Posting[]>();
  for (const [file, name] of made.buckets.entries()) {
    const bytes = new Uint8Array(await readFile(path.join(dir, bucketFilePath(name))));
    for (const entry of readTermDirectory(bytes).values()) {
      assert.equal(termFile(entry.term, layout.files), file, `${entry.term} is in its file`);
      const postings = decodePostings(entry.term, bytes, entry.start, entry.end, entry.dense);
      assert.equal(entry.df, postings.length);
      found.set(entry.term, postings);
    }
  }
  assert.equal(found.size, expected.size);
  for (const [term, postings] of expected) assert.deepEqual(found.get(term), postings, term);
  for (const [id, record] of records.entries()) {
    assert.deepEqual(decodeTextFile(await readFile(path.join(dir, textFilePath(layout.groups, id)))), record);
  }
});

/**
 * How the articles change from one index to the next, in this order:
 * `edited` ids get a new record in place, `deleted` ids go, `inserted`
 * records come before the given (old) ids, then the list is cut to or
 * filled up to `after` articles.
 */
interface Change {
  readonly name: string;
  readonly before: number;
  readonly after: number;
  readonly edited?: readonly number[];
  /** Ids whose record is made again, the same (default: none). */
  readonly rewritten?: readonly number[];
  readonly deleted?: readonly number[];
  readonly inserted?: readonly number[];
  /** Postings files (default: 16). */
  readonly files?: number;
  /** Shorter articles (default: false). */
  readonly short?: boolean;
}

const CHANGES: Change[] = [
  { name: 'articles edited in place, on both sides of a folder boundary', before: 530, after: 530, edited: [0, 3, 255, 256, 511, 529] },
  { name: 'articles appended, filling a folder and starting two more', before: 250, after: 530 },
  { name: 'articles appended to a full folder', before: 512, after: 520 },
  { name: 'articles removed from the end, emptying two folders', before: 530, after: 255 },
  { name: 'articles removed down to a full folder', before: 520, after: 512 },
  { name: 'articles edited and appended', before: 300, after: 530, edited: [1, 299] },
  { name: 'articles edited and removed from the end', before: 530, after: 300, edited: [1, 257, 299] },
  { name: 'every article edited', before: 40, after: 40, edited: Array.from({ length: 40 }, (_, id) => id) },
  { name: 'an article made again, the same', before: 300, after: 300, rewritten: [7] },
  { name: 'one short article of many postings files edited', before: 300, after: 300, edited: [270], files: 256, short: true },
  { name: 'an article dated among older ones: every later id moves across folders', before: 530, after: 531, inserted: [100] },
  { name: 'the first article deleted: every id moves', before: 300, after: 299, deleted: [0] },
  { name: 'articles deleted in the middle, one at a folder boundary', before: 530, after: 527, deleted: [10, 256, 300] },
  { name: 'articles inserted, deleted, edited and appended at once', before: 520, after: 530, edited: [5, 400], deleted: [6, 255], inserted: [0, 256, 300] },
];

for (const change of CHANGES) {
  test(`should update an index to the bytes a whole build makes: ${change.name}`, async (t) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-index-patch-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const random = createRandom(change.before * 1000 + change.after);
    const options = { chars: change.short ? 40 : 300 };
    let serial = 0;
    const record = () => makeRecord(random, serial++, options);
    const before = Array.from({ length: change.before }, record);
    // A term only the first edited article held goes; a term no article held comes.
    const first = change.edited?.[0];
    if (first !== undefined) before[first] = { ...before[first]!, tags: ['onlyhere', '孤词'] };
    let after = before.map((kept, id) => {
      if (change.edited?.includes(id)) return { ...record(), url: kept.url, title: `${kept.title}${id === first ? ' brandnew 新词' : ''}` };
      return change.rewritten?.includes(id) ? { ...kept } : kept;
    });
    after = after.flatMap((kept, id) => [...(change.inserted?.includes(id) ? [record()] : []), ...(change.deleted?.includes(id) ? [] : [kept])]);
    while (after.length < change.after) after.push(record());
    after = after.slice(0, change.after);
    const moves = movesOf(before, after);
    const files = change.files ?? 16;

    const previousLayout: IndexLayout = { dir: path.join(dir, 'previous'), docs: before.length, files, groups: groupNames(before) };
    const previousMade = writeWhole(previousLayout, before);
    const previous: PublishedIndex = { dir: previousLayout.dir, docs: before.length, buckets: previousMade.buckets, groups: previousLayout.groups };

    const layout: IndexLayout = { dir: path.join(dir, 'patched'), docs: after.length, files, groups: groupNames(after) };
    const patcher = new IndexPatcher(layout, previous, moves);
    for (const id of moves.added) patcher.add(id, after[id]!);
    const patched = patcher.finish();
    // What the patch did not make is taken from the previous index, as writeSearchIndex does.
    const wanted = [...patched.buckets.map(bucketFilePath), ...after.map((_, id) => textFilePath(layout.groups, id))];
    const made = new Set(patched.made);
    for (const file of wanted.filter((file) => !made.has(file))) {
      assert.ok(existsSync(path.join(previous.dir, file)), `${file}, not made, is in the previous index`);
      await mkdir(path.dirname(path.join(layout.dir, file)), { recursive: true });
      await copyFile(path.join(previous.dir, file), path.join(layout.dir, file));
    }

    const wholeLayout: IndexLayout = { ...layout, dir: path.join(dir, 'whole') };
    const whole = writeWhole(wholeLayout, after);
    assert.deepEqual(patched.buckets, whole.buckets, 'the same postings files');
    assert.deepEqual(await readTree(layout.dir), await readTree(wholeLayout.dir), 'the same files, byte for byte');

    // Only what changed was written: texts of new records and of folders renamed; where no id moved, the postings files of the terms changed articles hold.
    const renamed = new Set(layout.groups.filter((name, group) => previous.groups[group] !== name));
    const addedTexts = new Set(moves.added.map((id) => textFilePath(layout.groups, id)));
    assert.deepEqual(
      patched.made.filter((file) => file.includes('/') && !addedTexts.has(file) && !renamed.has(file.split('/')[0]!)),
      [],
      'no other text file of an unchanged folder is written again',
    );
    if (!moves.moved.every((to, from) => to === -1 || to === from)) return;
    const gone = before.filter((_, id) => moves.moved[id] === -1);
    const touched = new Set(termsOf([...gone, ...moves.added.map((id) => after[id])]).map((term) => termFile(term, files)));
    const untouched = previous.buckets.filter((_, file) => !touched.has(file));
    assert.deepEqual(
      untouched,
      patched.buckets.filter((_, file) => !touched.has(file)),
      'a postings file no changed article touches keeps its name',
    );
    assert.deepEqual(
      patched.made.filter((file) => untouched.includes(path.basename(file, '.bin'))),
      [],
      'and is not written again',
    );
    if (change.short) assert.ok(untouched.length > files / 2, `${untouched.length} of ${files} postings files untouched`);
  });
}

test('should update a published index through its recent segment, answer every query as a whole build does, and merge into the files of a whole build past RECENT_ARTICLES changes', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-index-update-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const random = createRandom(9);
  const config = makeConfig({ cacheDir: path.join(dir, 'cache') });
  const date = (n: number) => new Date(Date.UTC(2021, 0, 1) + n * 3_600_000).toISOString().replace('Z', '+00:00');
  const post = (n: number, slug = `post-${n}`, text = makeRecord(random, n, { chars: 200 }).text) =>
    makeArticle({ title: `第${n}篇 article ${n}`, slug, date: date(n), text, categories: [['科技', 'IT之家', '微软']] });
  const articles = Array.from({ length: 2 * GROUP_SIZE + 10 }, (_, n) => post(n));
  const write = async (name: string, list: readonly Article[], previous?: string) => {
    const outDir = path.join(dir, name);
    const written = await writeSearchIndex(list, config, {
      outDir,
      previousDir: previous && path.join(dir, previous),
      salt: 'test',
      readText: async (article) => article.text,
      reuse: async (files) => {
        const missing: string[] = [];
        for (const file of files) {
          const from = path.join(dir, previous ?? 'nonexistent', file);
          if (!existsSync(from)) missing.push(file);
          else await mkdir(path.dirname(path.join(outDir, file)), { recursive: true }).then(() => copyFile(from, path.join(outDir, file)));
        }
        return missing;
      },
    });
    // The page's engine beside the format module the build wrote: searchSite runs the site's own search.
    await copyFile(path.join(config.publicDir, 'search-engine.js'), path.join(outDir, 'search-engine.js'));
    return { ...written, outDir, entry: JSON.parse(await readFile(path.join(outDir, 'search-index/index.json'), 'utf8')) as IndexEntry };
  };
  // Each query's results, in order, every page read, and their count: what a reader sees.
  const answers = async (outDir: string) => {
    const seen: string[] = [];
    for (const query of ['微软', '新的一段', 'article', '第3篇', '新的文章', 'inserted 一篇']) {
      const { found, total } = await searchSite(outDir, query);
      seen.push(`${query}: ${total} · ${found.map((result) => result.url).join(' ')}`);
    }
    return seen;
  };
  const first = await write('first', articles);
  assert.equal(first.made, 'whole');
  assert.equal(first.entry.groups.length, 3);
  assert.equal(first.entry.recent, undefined);

  // The article of id GROUP_SIZE + 3 (ids go oldest first) is edited: only the recent segment is written.
  const editedId = GROUP_SIZE + 3;
  const edited = articles.map((article, n) => (n === editedId ? post(n, `post-${n}`, `${article.text} 新的一段 appended`) : article));
  const second = await write('second', edited, 'first');
  assert.equal(second.made, 'updated');
  assert.deepEqual([second.entry.buckets, second.entry.groups], [first.entry.buckets, first.entry.groups], 'the base keeps its files');
  assert.deepEqual(second.entry.removed, [editedId]);
  assert.deepEqual([second.entry.recent?.first, second.entry.recent?.after], [articles.length, [editedId - 1]]);
  const base = new Set((await listFiles(path.join(dir, 'first'))).map((file) => path.relative(path.join(dir, 'first'), file)));
  const added = (await listFiles(second.outDir)).map((file) => path.relative(second.outDir, file)).filter((file) => !base.has(file));
  assert.ok(added.length <= 4, `only the recent segment's files and the entry are new: ${added.join(', ')}`);
  const wholeEdited = await write('whole-edited', edited);
  assert.deepEqual(await answers(second.outDir), await answers(wholeEdited.outDir), 'the same results, in the same order, as a whole build');

  // A new article dated among the second folder's, one of the third deleted: still the recent segment.
  const moved = [
    ...edited.slice(0, GROUP_SIZE + 100),
    makeArticle({ title: '新的文章 inserted', slug: 'inserted', date: date(GROUP_SIZE + 99.5), text: '一篇新的文章。', categories: [['科技', 'IT之家', '微软']] }),
    ...edited.slice(GROUP_SIZE + 100).filter((article) => article !== edited[2 * GROUP_SIZE + 3]),
  ];
  const third = await write('third', moved, 'second');
  assert.equal(third.made, 'updated');
  assert.deepEqual(third.entry.removed, [editedId, 2 * GROUP_SIZE + 3]);
  assert.deepEqual(third.entry.recent?.after, [editedId - 1, GROUP_SIZE + 99]);
  const wholeMoved = await write('whole-moved', moved);
  assert.deepEqual(await answers(third.outDir), await answers(wholeMoved.outDir));
  assert.equal((await write('third-again', moved, 'third')).made, 'unchanged');

  // More new articles than the recent segment holds: the base is merged, into the very files a whole build makes.
  const many = [...moved, ...Array.from({ length: RECENT_ARTICLES }, (_, n) => post(3 * GROUP_SIZE + n))];
  const fourth = await write('fourth', many, 'third');
  assert.equal(fourth.made, 'updated');
  assert.equal(fourth.entry.recent, undefined);
  const wholeMany = await write('whole-many', many);
  assert.deepEqual(await readTree(path.join(fourth.outDir, 'search-index')), await readTree(path.join(wholeMany.outDir, 'search-index')));

  // The published index lost a file: the index is built whole, the same.
  await rm(path.join(fourth.outDir, 'search-index', textFilePath(fourth.entry.groups, 5)));
  const fifth = await write('fifth', many, 'fourth');
  assert.equal(fifth.made, 'whole');
  assert.deepEqual(await readTree(path.join(fifth.outDir, 'search-index')), await readTree(path.join(wholeMany.outDir, 'search-index')));
});

test('should refuse to update an index whose previous files are missing or damaged, so that the caller builds it whole', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-index-missing-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const random = createRandom(10);
  const records = Array.from({ length: GROUP_SIZE + 20 }, (_, id) => makeRecord(random, id, { chars: 100 }));
  const previousLayout: IndexLayout = { dir: path.join(dir, 'previous'), docs: records.length, files: 4, groups: groupNames(records) };
  const fresh = async (name: string) => {
    await rm(previousLayout.dir, { recursive: true, force: true });
    const made = writeWhole(previousLayout, records);
    const previous: PublishedIndex = { dir: previousLayout.dir, docs: records.length, buckets: made.buckets, groups: previousLayout.groups };
    return { previous, layout: { ...previousLayout, dir: path.join(dir, name) } };
  };
  // Article GROUP_SIZE + 1 is edited (the second folder is renamed), or the first is deleted (every id moves).
  const edit = (layout: IndexLayout, previous: PublishedIndex) => {
    const after = records.map((record, id) => (id === GROUP_SIZE + 1 ? makeRecord(random, id, { chars: 100 }) : record));
    const patcher = new IndexPatcher({ ...layout, groups: groupNames(after) }, previous, movesOf(records, after));
    patcher.add(GROUP_SIZE + 1, after[GROUP_SIZE + 1]!);
    return patcher.finish();
  };
  const deleteFirst = (layout: IndexLayout, previous: PublishedIndex) => {
    const after = records.slice(1);
    return new IndexPatcher({ ...layout, docs: after.length, groups: groupNames(after) }, previous, movesOf(records, after)).finish();
  };
  const allBuckets = (previous: PublishedIndex) => Promise.all(previous.buckets.map((name) => rm(path.join(previous.dir, bucketFilePath(name)), { force: true })));

  for (const [name, patch] of [
    ['edited', edit],
    ['deleted', deleteFirst],
  ] as const) {
    let { previous, layout } = await fresh(`${name}-whole`);
    assert.doesNotThrow(() => patch(layout, previous), `${name}: the previous index whole, the update works`);

    ({ previous, layout } = await fresh(`${name}-buckets`));
    await allBuckets(previous);
    assert.throws(() => patch(layout, previous), /ENOENT/, `${name}: the postings files are missing`);

    ({ previous, layout } = await fresh(`${name}-kept`));
    await unlink(path.join(previous.dir, textFilePath(previous.groups, GROUP_SIZE + 5)));
    assert.throws(() => patch(layout, previous), /ENOENT/, `${name}: the text file of a kept article of a renamed folder is missing`);

    ({ previous, layout } = await fresh(`${name}-format`));
    for (const bucket of previous.buckets) {
      const file = path.join(previous.dir, bucketFilePath(bucket));
      const bytes = await readFile(file);
      await writeFile(file, Buffer.concat([Buffer.from([FORMAT_VERSION + 1]), bytes.subarray(1)]));
    }
    assert.throws(() => patch(layout, previous), /format/, `${name}: the postings files are of another format`);
  }

  const { previous, layout } = await fresh('text');
  await unlink(path.join(previous.dir, textFilePath(previous.groups, GROUP_SIZE + 1)));
  assert.throws(() => edit(layout, previous), /ENOENT/, 'the old text file of the edited article is missing');

  const identity = movesOf(records, records);
  assert.throws(() => new IndexPatcher({ ...layout, files: 8 }, previous, identity), /number of postings files/);
});

/** Postings as a list of gaps (see decodePostings): a varint of each one's postingValue. */
function listOfGaps(term: string, postings: readonly Posting[]): number[] {
  const out: number[] = [];
  postings.forEach(({ id, level, inTitle }, i) => writeVarint(out, postingValue(isPresenceTerm(term), id - (postings[i - 1]?.id ?? -1) - 1, level, inTitle)));
  return out;
}

/** Every term the records hold. */
function termsOf(records: readonly (SearchRecord | undefined)[]): string[] {
  const keys = new TermKeys();
  const terms = new ArticleTerms(keys);
  return records.flatMap((record) => (record ? [...postingsByTerm(terms.postings(record), keys).keys()] : []));
}

/** Where each article of `before` is in `after` (the same object: kept), and which of `after` are new. */
function movesOf(before: readonly SearchRecord[], after: readonly SearchRecord[]): IndexMoves {
  const newIds = new Map(after.map((record, id) => [record, id]));
  const moved = Int32Array.from(before, (record) => newIds.get(record) ?? -1);
  const kept = new Set(moved);
  return { moved, added: after.map((_, id) => id).filter((id) => !kept.has(id)) };
}

/** Writes an index whole from `records` (ids in order). */
function writeWhole(layout: IndexLayout, records: readonly SearchRecord[]): MadeIndex {
  const writer = new WholeIndexWriter(layout);
  for (const [id, record] of records.entries()) writer.add(id, record);
  return writer.finish();
}

/** Folder names as writeSearchIndex makes them: a hash of what each folder's articles are. */
function groupNames(records: readonly SearchRecord[]): string[] {
  const names: string[] = [];
  for (let first = 0; first < records.length; first += GROUP_SIZE) {
    names.push(createHash('sha256').update(JSON.stringify(records.slice(first, first + GROUP_SIZE))).digest('hex').slice(0, 12));
  }
  return names;
}

/** Every file under `dir`, relative, with its bytes. */
async function readTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of (await listFiles(dir)).sort()) files.set(path.relative(dir, file), createHash('sha256').update(await readFile(file)).digest('hex'));
  return files;
}

const COMMON = [...'的一是在了不和有大这中人上为们来个国到说时地也子就要出会可对生能而以年发经同工'];
const WORDS = ['windows', 'win11', 'intel', 'amd', 'linux', 'bug', '5g', 'ios', 'chrome', 'openai', 'steam', 'ps5', '2021', '15', 'dall', 'e'];

/** A record of about `chars` characters: common CJK characters and words. */
function makeRecord(random: Random, id: number, options: { chars: number }): SearchRecord {
  const char = () => random.pick(COMMON);
  let text = '';
  while (text.length < options.chars) {
    text += random.chance(0.15) ? ` ${random.pick(WORDS)} ` : char();
    if (random.chance(0.05)) text += '，';
  }
  return {
    url: `/post/${id}/`,
    title: `${char()}${char()}${char()} ${random.pick(WORDS)}`,
    date: new Date(Date.UTC(2021, 0, 1) + id * 60_000).toISOString(),
    categories: ['科技 / IT之家 / 微软'],
    tags: random.chance(0.5) ? [random.pick(WORDS)] : [],
    text,
  };
}
