import type { BuildSteps, IndexSize, PatchCost, Spent, UpdateCost } from './index-cost-search.ts';
import type { IndexMemory } from './memory-search.ts';
import type { QueryCost } from './queries-search.ts';
import { RECENT_ARTICLES } from '../../src/search/index-plan.ts';
import { padEnd, width } from './format-table.ts';
import { median, medianOf } from './stats.ts';

/** Everything one run of the search benchmark measured. */
export interface SearchRun {
  run: number;
  /** The load average (1, 5, 15 min) when the run started. */
  loadAverage: number[];
  /** The whole build, in this process, one thread. */
  build: Spent & { msPerPost: number };
  /** The same build in parts (CPU ms). */
  steps: BuildSteps;
  size: IndexSize;
  /** One post's body edited: its new version goes to the recent segment. */
  edit: UpdateCost;
  /** 20 posts added at the end (the bot's hourly batch). */
  append: UpdateCost;
  /** One post deleted in the middle: removed from the base. */
  remove: UpdateCost;
  /** RECENT_ARTICLES posts added: the fullest recent segment. */
  full: UpdateCost;
  /** The merges that fold changes into the base (IndexPatcher), once the recent segment is full: the 20 added posts, the deleted one (every later id moves). */
  mergeAppend: PatchCost;
  mergeRemove: PatchCost;
  queries: QueryCost[];
  /** The same queries with the fullest recent segment beside the base. */
  recentQueries: QueryCost[];
  memory: IndexMemory;
}

/** The targets, as the issue gives them. */
export const TARGETS = {
  buildMsPerPost: 1,
  patchMs: 300,
  /** At 10,000 posts. */
  diskBytes: 40e6,
  diskAtPosts: 10_000,
  queryFiles: 15,
  queryBytes: 300e3,
  peakRssBytes: 300e6,
} as const;

/**
 * The median of each figure over the runs, each on its own: numbers by
 * their median (runs that lack one are left out), lists item by item,
 * anything else as the first run that has it.
 */
export function medianOfRuns<T>(runs: readonly T[]): T {
  return medianOfValues(runs) as T;
}

function medianOfValues(values: readonly unknown[]): unknown {
  const first = values.find((v) => v !== null && v !== undefined) ?? values[0];
  if (typeof first === 'number') return medianOf(values as (number | null)[]);
  if (Array.isArray(first)) return first.map((_, i) => medianOfValues(values.map((v) => (v as unknown[] | undefined)?.[i])));
  if (first !== null && typeof first === 'object') {
    return Object.fromEntries(Object.keys(first).map((key) => [key, medianOfValues(values.map((v) => (v as Record<string, unknown> | undefined)?.[key]))]));
  }
  return first;
}

/** A figure against its target (shown by `show`): over 1× misses it. */
function verdict(value: number, target: number, show: (n: number) => string): string {
  const ratio = value / target;
  return `${ratio <= 1 ? 'ok' : 'MISSED'} ${ratio.toFixed(2)}× of ${show(target)}`;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const kb = (bytes: number) => `${Math.round(bytes / 1000)} KB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const range = (values: readonly number[], show: (n: number) => string) =>
  values.length > 1 ? ` (${show(Math.min(...values))}–${show(Math.max(...values))})` : '';

/** The table printed at the end: each figure (median, with the runs' range), and how it compares to its target. */
export function formatSearchTable(posts: number, runs: readonly SearchRun[]): string {
  const m = medianOfRuns(runs);
  const rows: [string, string, string][] = [];
  const add = (label: string, value: string, target = '') => rows.push([label, value, target]);
  const all = <K>(pick: (run: SearchRun) => K) => runs.map(pick);

  add('whole build, CPU (one thread)', `${sec(m.build.cpuMs)}${range(all((r) => r.build.cpuMs), sec)} · ${m.build.msPerPost.toFixed(2)} ms/post`, verdict(m.build.msPerPost, TARGETS.buildMsPerPost, (n) => `${n} ms/post`));
  add('  user / system', `${sec(m.build.userMs)} / ${sec(m.build.systemMs)} · wall ${sec(m.build.wallMs)}`);
  const s = m.steps;
  add('  its parts (CPU): terms', `tokenize ${sec(s.tokenize)} · add postings ${sec(s.addPostings)}`);
  add('  text files', `encode ${sec(s.encodeTexts)} · write ${sec(s.writeTexts)}`);
  add('  postings files', `make ${sec(s.makePostings)} · write ${sec(s.writePostings)}`);
  const updates = [
    ['edit 1 post', (r: SearchRun) => r.edit],
    ['append 20 posts', (r: SearchRun) => r.append],
    ['delete 1 post', (r: SearchRun) => r.remove],
    [`append ${RECENT_ARTICLES} posts`, (r: SearchRun) => r.full],
  ] as const;
  for (const [label, pick] of updates) {
    const update = pick(m);
    const picked = all((r) => pick(r).spent.wallMs);
    add(`${label} (${update.how}), wall`, `${Math.round(update.spent.wallMs)} ms${range(picked, (n) => `${Math.round(n)}`)} · CPU ${Math.round(update.spent.cpuMs)} ms`, verdict(update.spent.wallMs, TARGETS.patchMs, sec));
    add('  files written / linked after', `${update.filesWritten} (recent postings: ${update.recentPostings.files} files, ${kb(update.recentPostings.bytes)}) / ${update.reuse.files} in ${Math.round(update.reuse.wallMs)} ms`);
  }
  const merges = [
    ['merge 20 added posts into the base', (r: SearchRun) => r.mergeAppend],
    ['merge 1 deleted post into the base (ids move)', (r: SearchRun) => r.mergeRemove],
  ] as const;
  for (const [label, pick] of merges) {
    const patch = pick(m);
    add(`${label}, wall`, `${Math.round(patch.spent.wallMs)} ms${range(all((r) => pick(r).spent.wallMs), (n) => `${Math.round(n)}`)} · CPU ${Math.round(patch.spent.cpuMs)} ms · ${((100 * patch.spent.cpuMs) / m.build.cpuMs).toFixed(1)}% of a whole build's CPU`);
    add('  files written / linked after', `${patch.filesWritten} (${patch.postingsFilesWritten} postings) / ${patch.reuse.files} in ${Math.round(patch.reuse.wallMs)} ms · same as whole: ${patch.sameAsWhole ?? 'not checked'}`);
  }
  const z = m.size;
  add('postings files', `${z.postings.files} files, ${mb(z.postings.bytes)} (median ${kb(z.postings.median)}, largest ${kb(z.postings.largest)}) · ${z.postings.terms} terms`);
  add('entry', `1 file, ${kb(z.entry.bytes)}`);
  add('text files', `${z.texts.files} files in ${z.texts.folders} folders, ${mb(z.texts.bytes)} (JSON before deflate ${mb(z.texts.jsonBytes)})`);
  add('index on disk', `${z.total.files} files, ${mb(z.total.bytes)} (${mb(z.total.diskBytes)} in blocks)`, posts === TARGETS.diskAtPosts ? verdict(z.total.bytes, TARGETS.diskBytes, mb) : `(at ${TARGETS.diskAtPosts.toLocaleString('en')})`);
  for (const q of m.queries) {
    add(`query ${q.kind} "${q.query}"`, `${q.files} files, ${kb(q.bytes)} · ${q.results} results${q.total === null ? '' : ` of ${q.total}`} · ${Math.round(q.wallMs)} ms`);
  }
  for (const [label, queries] of [
    ['first query', m.queries],
    [`first query, ${RECENT_ARTICLES} recent posts`, m.recentQueries],
  ] as const) {
    const files = queries.map((q) => q.files);
    const bytes = queries.map((q) => q.bytes);
    const most = (pick: (q: QueryCost) => number) => queries.reduce((a, b) => (pick(b) > pick(a) ? b : a));
    add(
      `${label}, max`,
      `${most((q) => q.files).files} files ("${most((q) => q.files).query}"), ${kb(most((q) => q.bytes).bytes)} ("${most((q) => q.bytes).query}")`,
      `${verdict(Math.max(...files), TARGETS.queryFiles, (n) => `${n} files`)}, ${verdict(Math.max(...bytes), TARGETS.queryBytes, kb)}`,
    );
    add(`${label}, median`, `${median(files)} files, ${kb(median(bytes) ?? 0)}`);
  }
  const mem = m.memory;
  add('whole build in a child, peak RSS', `${mb(mem.build.peakKb * 1024)}${range(all((r) => r.memory.build.peakKb * 1024), mb)} · node alone ${mb(mem.baseline.peakKb * 1024)} · net ${mb(mem.netKb * 1024)}`, verdict(mem.build.peakKb * 1024, TARGETS.peakRssBytes, mb));
  add('  its CPU (records read too)', `${sec(mem.build.cpuMs)} · wall ${sec(mem.build.wallMs)}`);

  // The verdict before the figures, whose lengths vary.
  const widths = [0, 2].map((i) => Math.max(...rows.map((row) => width(row[i]!))));
  return rows.map(([label, value, target]) => `${padEnd(label, widths[0]!)}  ${padEnd(target, widths[1]!)}  ${value}`).join('\n');
}
