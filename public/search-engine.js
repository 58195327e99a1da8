// The search of a wirepress site, without the page: it reads the static
// index in /search-index/ (see src/search/index-format.ts, served as
// search-format.js) and finds the articles that contain a query as typed.
// No DOM here: the tests run it in Node.js against a built site.

import {
  GROUP_SIZE,
  MAX_TERM_FILES,
  containsQuery,
  decodePostings,
  findPart,
  foldWithOffsets,
  idf,
  parseQuery,
  readTermDirectory,
  searchableText,
  termFile,
  termWeight,
} from './search-format.js';

/** Results a page shows (and verifies) at once. */
export const PAGE_SIZE = 10;
/** Characters of text an excerpt shows around its first match. */
const EXCERPT_CHARS = 140;

/**
 * One site's index. `dir` is the URL of its folder (ending in `/`);
 * `load(url, init)` fetches a file (default: `fetch`).
 */
export class SearchIndex {
  constructor(dir, load = (url, init) => fetch(url, init)) {
    this.dir = dir;
    this.load = load;
    this.entryPromise = undefined;
    this.files = new Map();
    this.records = new Map();
  }

  /** The entry, fetched once, revalidated: it is the one file whose name does not change. */
  entry() {
    this.entryPromise ??= this.fetchOk(`${this.dir}index.json`, { cache: 'no-cache' })
      .then((response) => response.json())
      .catch((error) => {
        this.entryPromise = undefined;
        throw error;
      });
    return this.entryPromise;
  }

  /** Searches for `query`: resolves a {@link SearchResults} whose first page is not loaded yet. */
  async search(query) {
    const parts = parseQuery(query);
    const entry = await this.entry();
    if (parts.length === 0 || entry.docs === 0) return new SearchResults(this, parts, [], true);
    const segments = segmentsOf(entry);
    const chosen = chooseTerms(parts, segments);
    const lists = await Promise.all(chosen.terms.map((term) => this.postings(segments, term)));
    const ranked = rank(lists, entry.docs, orderOf(entry));
    const exact = chosen.complete && parts.every((part) => part.exact);
    return new SearchResults(this, parts, ranked, exact);
  }

  /** The postings of `term` in every segment, ids ascending, removed articles left out. */
  async postings(segments, term) {
    const found = await Promise.all(segments.map(async ({ buckets, first, removed }) => {
      const { bytes, directory } = await this.postingsFile(buckets[termFile(term, buckets.length)]);
      const entry = directory.get(term);
      if (!entry) return [];
      const postings = decodePostings(term, bytes, entry.start, entry.end, entry.dense);
      if (first > 0) for (const posting of postings) posting.id += first;
      return removed.size > 0 ? postings.filter((posting) => !removed.has(posting.id)) : postings;
    }));
    return { term, postings: found.flat() };
  }

  /** A postings file and its term directory, fetched once. */
  postingsFile(name) {
    let file = this.files.get(name);
    if (!file) {
      file = this.fetchOk(`${this.dir}${name}.bin`)
        .then((response) => response.arrayBuffer())
        .then((buffer) => {
          const bytes = new Uint8Array(buffer);
          return { bytes, directory: readTermDirectory(bytes) };
        });
      this.files.set(name, file);
      file.catch(() => this.files.delete(name));
    }
    return file;
  }

  /** The text file of article `id`: what the page shows of it and its whole text. */
  async record(id) {
    let record = this.records.get(id);
    if (!record) {
      record = this.entry().then(async (entry) => {
        const { recent } = entry;
        const [groups, at] = recent && id >= recent.first ? [recent.groups, id - recent.first] : [entry.groups, id];
        const response = await this.fetchOk(`${this.dir}${groups[Math.floor(at / GROUP_SIZE)]}/${at % GROUP_SIZE}.bin`);
        const inflated = response.body.pipeThrough(new DecompressionStream('deflate-raw'));
        return JSON.parse(await new Response(inflated).text());
      });
      this.records.set(id, record);
      record.catch(() => this.records.delete(id));
    }
    return record;
  }

  async fetchOk(url, init) {
    const response = await this.load(url, init);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response;
  }
}

/**
 * The parts of an index whose postings a query reads: the base, its
 * removed articles left out, and the recent segment (the articles added or
 * edited since the base was made), its ids following the base's.
 */
function segmentsOf(entry) {
  const base = { buckets: entry.buckets, first: 0, removed: new Set(entry.removed ?? []) };
  if (!entry.recent) return [base];
  return [base, { buckets: entry.recent.buckets, first: entry.recent.first, removed: new Set() }];
}

/**
 * The date order of the articles, as a number per id: a base id is its own
 * order (ids go oldest first); a recent article comes just after the base
 * article it follows, in its own order among the recent ones.
 */
function orderOf(entry) {
  const { recent } = entry;
  if (!recent) return (id) => id;
  const count = recent.after.length;
  return (id) => (id < recent.first ? id : recent.after[id - recent.first] + (id - recent.first + 1) / (count + 1));
}

/**
 * The terms to fetch: every part's covering terms (an exact part: itself),
 * as long as the postings files they need (one in each segment) number at
 * most MAX_TERM_FILES (terms sharing files are free), then its other terms
 * while files are free. Each part gets one first, so every part narrows the
 * candidates. `complete` says whether every part's cover was taken: then
 * the candidates of a query of exact parts are exactly the articles containing it.
 */
function chooseTerms(parts, segments) {
  const terms = [];
  const files = new Set();
  const take = (term) => {
    if (terms.includes(term)) return true;
    const needed = segments.map(({ buckets }, segment) => `${segment}:${termFile(term, buckets.length)}`).filter((file) => !files.has(file));
    if (files.size + needed.length > MAX_TERM_FILES) return false;
    for (const file of needed) files.add(file);
    terms.push(term);
    return true;
  };
  // The middle of a part's cover first: its edges are often common characters.
  for (const part of parts) take(part.cover[Math.floor(part.cover.length / 2)]);
  let complete = true;
  for (const part of parts) for (const term of part.cover) complete = take(term) && complete;
  for (const part of parts) for (const term of part.terms) take(term);
  return { terms, complete };
}

/**
 * The articles holding every term, best first: BM25 (each posting's stored
 * weight times the term's IDF; the title adds a bonus), ties to the newest
 * (`order`: the date order of an id).
 */
function rank(lists, docs, order) {
  if (lists.some((list) => list.postings.length === 0)) return [];
  const sorted = [...lists].sort((a, b) => a.postings.length - b.postings.length);
  const scores = new Map();
  for (const { postings, term } of sorted.slice(0, 1)) {
    const weight = idf(postings.length, docs);
    for (const posting of postings) scores.set(posting.id, weight * termWeight(term, posting.level, posting.inTitle));
  }
  for (const { postings, term } of sorted.slice(1)) {
    const weight = idf(postings.length, docs);
    const next = new Map();
    for (const posting of postings) {
      const score = scores.get(posting.id);
      if (score !== undefined) next.set(posting.id, score + weight * termWeight(term, posting.level, posting.inTitle));
    }
    scores.clear();
    for (const [id, score] of next) scores.set(id, score);
  }
  return [...scores].sort((a, b) => b[1] - a[1] || order(b[0]) - order(a[0])).map(([id]) => id);
}

/**
 * The results of one query, verified page by page: each candidate's text
 * is read and kept only if it contains every part as typed.
 */
export class SearchResults {
  constructor(index, parts, candidates, exact) {
    this.index = index;
    this.parts = parts;
    this.candidates = candidates;
    /** The candidates are exactly the articles that contain the query: no check needed, the count is known. */
    this.exact = exact;
    /** Candidates read so far. */
    this.checked = 0;
    /** Results found so far, in order. */
    this.found = [];
  }

  /** Whether the query had any letter, digit or CJK character to search. */
  get searchable() {
    return this.parts.length > 0;
  }

  /** The number of articles that contain the query, once it is known (`undefined` while candidates are left to check). */
  get total() {
    if (this.exact) return this.candidates.length;
    return this.checked === this.candidates.length ? this.found.length : undefined;
  }

  /** Candidates not read yet: at most this many more results. */
  get unchecked() {
    return this.candidates.length - this.checked;
  }

  /**
   * Reads candidates until `count` more results are found, none is left, or
   * it has read `count` of them on the first page (a first query fetches at
   * most 15 files) and four times that on a later one; resolves the results found.
   */
  async more(count = PAGE_SIZE) {
    const before = this.found.length;
    const stop = this.checked + (this.checked === 0 ? count : count * 4);
    while (this.found.length - before < count && this.checked < Math.min(stop, this.candidates.length)) {
      const batch = this.candidates.slice(this.checked, Math.min(stop, this.checked + count - (this.found.length - before)));
      const records = await Promise.all(batch.map((id) => this.index.record(id)));
      this.checked += batch.length;
      for (const [i, record] of records.entries()) {
        const folded = searchableText(record);
        if (this.exact || containsQuery(folded, this.parts)) this.found.push(describe(batch[i], record, this.parts));
      }
    }
    return this.found.slice(before);
  }
}

/** A result as the page shows it: plain strings, and the title and excerpt cut into pieces, `mark` where they match. */
function describe(id, record, parts) {
  return {
    id,
    url: record.url,
    date: record.date,
    title: marked(record.title, parts, 0, record.title.length),
    excerpt: excerpt(record.text, parts),
  };
}

/** The text around the first match in `text` (its start when the match is elsewhere), marked. */
function excerpt(text, parts) {
  const folded = foldWithOffsets(text);
  let first = -1;
  for (const part of parts) {
    const [at] = findPart(folded.text, part.text, 1);
    if (at !== undefined && (first === -1 || at < first)) first = at;
  }
  const center = first === -1 ? 0 : folded.from[first];
  let start = Math.max(0, center - Math.floor(EXCERPT_CHARS / 3));
  let end = Math.min(text.length, start + EXCERPT_CHARS);
  start = Math.max(0, Math.min(start, end - EXCERPT_CHARS));
  // Never in the middle of a surrogate pair.
  if (start > 0 && /[\udc00-\udfff]/.test(text[start])) start -= 1;
  if (end < text.length && /[\udc00-\udfff]/.test(text[end])) end += 1;
  const pieces = marked(text, parts, start, end, folded);
  if (start > 0) pieces.unshift({ text: '…', mark: false });
  if (end < text.length) pieces.push({ text: '…', mark: false });
  return pieces;
}

/** `text` from `start` to `end`, cut into pieces where a part matches (`mark: true`). */
function marked(text, parts, start, end, folded = foldWithOffsets(text)) {
  const ranges = [];
  for (const part of parts) {
    for (const at of findPart(folded.text, part.text)) {
      const from = folded.from[at];
      const to = folded.from[at + part.text.length];
      if (to > start && from < end) ranges.push([Math.max(from, start), Math.min(to, end)]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const pieces = [];
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= at) continue;
    if (from > at) pieces.push({ text: text.slice(at, from), mark: false });
    pieces.push({ text: text.slice(Math.max(from, at), to), mark: true });
    at = to;
  }
  if (at < end) pieces.push({ text: text.slice(at, end), mark: false });
  return pieces;
}
