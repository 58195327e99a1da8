import leven from 'leven';

/**
 * The candidate closest to a mistyped word, for "did you mean": within two
 * edits, and fewer than half its letters (so `x` suggests nothing).
 */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = leven(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && distance < word.length / 2 && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
