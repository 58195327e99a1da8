/**
 * Values computed once per key, for work a build repeats per article on a
 * few hundred distinct inputs. Past `max` keys it starts over, so a dev
 * server that runs for days never grows it without end.
 */
export class BoundedCache<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly max: number) {}

  /** The value for `key`, made by `make` the first time it is asked for. */
  get(key: string, make: () => V): V {
    // One lookup when found: a render asks hundreds of thousands of times.
    const found = this.values.get(key);
    if (found !== undefined || this.values.has(key)) return found as V;
    if (this.values.size >= this.max) this.values.clear();
    const value = make();
    this.values.set(key, value);
    return value;
  }
}
