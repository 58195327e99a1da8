import type { IndexMoves } from './index-files.ts';

/**
 * What the cache keeps of a published index, beside its entry. The index
 * has two parts: the base, made whole or merged, and the recent segment,
 * the few articles added or edited since; the base's removed articles keep
 * their ids and text files until the next merge.
 */
export interface IndexState {
  /** The key of each article of the base, by id, removed ones included. */
  readonly keys: readonly string[];
  /** Base ids no longer searched (edited or deleted since the base was made), ascending. */
  readonly removed: readonly number[];
  /** The keys of the recent segment's articles, by their id in it. */
  readonly recent: readonly string[];
}

/** The state of an index made whole (or merged): everything in the base. */
export function baseState(keys: readonly string[]): IndexState {
  return { keys, removed: [], recent: [] };
}

/**
 * Most articles the recent segment holds, and most base articles removed,
 * before the next build merges everything into the base. A query fetches the
 * recent segment's postings beside the base's; at 64 articles they take
 * about 216 KB in all (generated posts:
 * bench/results/2026-12-03-search-10000.json), cut into 16 KB files.
 */
export const RECENT_ARTICLES = 64;
export const REMOVED_ARTICLES = 64;

/** How the published index becomes the new one. */
export type IndexPlan =
  | { readonly how: 'unchanged' }
  /** Only the recent segment is made again: it holds `fresh` (new ids, ascending); `after[i]` is the base id `fresh[i]` follows in date order (−1: none). */
  | { readonly how: 'recent'; readonly removed: number[]; readonly fresh: number[]; readonly after: number[] }
  /** The base is updated for every change since it was made (IndexPatcher), the recent segment folded into it. */
  | { readonly how: 'merge'; readonly moves: IndexMoves }
  | { readonly how: 'whole' };

/**
 * Plans the update of the published index (`state`, its base cut into
 * `baseFiles` postings files) to the articles of `keys` (by new id, in date
 * order). A few added, edited or deleted articles only remake the small
 * recent segment; past RECENT_ARTICLES or REMOVED_ARTICLES (or half the
 * base), the base is merged (the same files a whole build makes); past an
 * eighth of the articles, or when the base should be cut into `wantedFiles`
 * files, it is built whole.
 */
export function planIndexUpdate(state: IndexState | undefined, keys: readonly string[], baseFiles: number, wantedFiles: number): IndexPlan {
  if (!state) return { how: 'whole' };
  const removedBefore = new Set(state.removed);
  const baseIds = new Map<string, number>();
  state.keys.forEach((key, id) => removedBefore.has(id) || baseIds.set(key, id));
  // The new id of each base article (−1: gone), and the articles the base does not hold.
  const moved = new Int32Array(state.keys.length).fill(-1);
  const fresh: number[] = [];
  const after: number[] = [];
  let lastBase = -1;
  let inOrder = true;
  for (const [id, key] of keys.entries()) {
    const baseId = baseIds.get(key);
    if (baseId === undefined) {
      fresh.push(id);
      after.push(lastBase);
      continue;
    }
    inOrder &&= baseId > lastBase;
    lastBase = baseId;
    moved[baseId] = id;
  }
  const removed: number[] = [];
  moved.forEach((to, from) => to === -1 && removed.push(from));

  // A base mostly removed (a small site whose every article changed) is better made again.
  if (inOrder && fresh.length <= RECENT_ARTICLES && removed.length <= Math.min(REMOVED_ARTICLES, state.keys.length / 2)) {
    const sameRecent = fresh.length === state.recent.length && fresh.every((id, i) => keys[id] === state.recent[i]);
    if (sameRecent && removed.length === state.removed.length) return { how: 'unchanged' };
    return { how: 'recent', removed, fresh, after };
  }
  if (inOrder && baseFiles === wantedFiles && fresh.length + removed.length <= Math.max(64, keys.length / 8)) {
    return { how: 'merge', moves: { moved, added: fresh } };
  }
  return { how: 'whole' };
}
