/** A seeded generator, so the same seed gives the same posts on every machine (Math.random cannot be seeded). */
export type Random = ReturnType<typeof createRandom>;

/** mulberry32 from a 32-bit seed: `next()` in [0, 1), `int(min, max)` both included, `pick` from a non-empty list, `chance(p)`. */
export function createRandom(seed = 20211019) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}
