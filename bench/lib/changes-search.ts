import type { IndexMoves } from '../../src/search/index-files.ts';
import type { SearchRecord } from '../../src/search/search-docs.ts';

/** Posts the bot adds in an hour, at most: one update of the index. */
export const BATCH = 20;

/** The records after a change, and where the old ids went, as write-search-index.ts tells the IndexPatcher. */
export interface Change {
  records: SearchRecord[];
  moves: IndexMoves;
}

/** One post's body edited (a paragraph appended), in the middle of the ids: its id is replaced, none moves. */
export function editOne(records: readonly SearchRecord[]): Change {
  const id = Math.floor(records.length / 2);
  const record = records[id]!;
  const paragraph = `编辑补充：${records[(id + 1) % records.length]!.text.slice(0, 200)}`;
  const moved = Int32Array.from(records, (_, from) => (from === id ? -1 : from));
  return { records: records.map((r, i) => (i === id ? { ...record, text: `${record.text}\n${paragraph}` } : r)), moves: { moved, added: [id] } };
}

/** `count` ({@link BATCH}) new posts after the last (the first ones again, under new titles and URLs): new ids, none moves. */
export function appendBatch(records: readonly SearchRecord[], count = BATCH): Change {
  const batch = records.slice(0, count).map((r, i) => ({ ...r, title: `${r.title}（续 ${i + 1}）`, url: `${r.url}more-${i + 1}/` }));
  const moved = Int32Array.from(records, (_, from) => from);
  return { records: [...records, ...batch], moves: { moved, added: batch.map((_, i) => records.length + i) } };
}

/** One post deleted in the middle of the ids: every later id moves down by one. */
export function removeOne(records: readonly SearchRecord[]): Change {
  const id = Math.floor(records.length / 2);
  const moved = Int32Array.from(records, (_, from) => (from < id ? from : from === id ? -1 : from - 1));
  return { records: records.filter((_, i) => i !== id), moves: { moved, added: [] } };
}
