/** The median of a list of numbers; `null` when the list is empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median of the values that are numbers; `null` when there are none. */
export function medianOf(values: readonly (number | null | undefined)[]): number | null {
  return median(values.filter((v): v is number => typeof v === 'number'));
}
