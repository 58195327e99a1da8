import { describeValue as describe } from './describe-value.ts';

/** The categories of a post, or why the value cannot be read as categories. */
export type CategoriesResult = { categories: string[][] } | { error: string };

/**
 * Reads `categories` the way Hexo's `Post.setCategories` does
 * (hexojs/hexo lib/models/post.ts):
 *
 * - a text is one top-level category: `新闻` → `[["新闻"]]`;
 * - a list of texts is ONE hierarchy: `[新媒体, ZAKER, source]` →
 *   `[["新媒体", "ZAKER", "source"]]` (the real posts' shape);
 * - a list holding at least one list is several hierarchies, each list one
 *   hierarchy and each plain item a one-level hierarchy:
 *   `[a, [b, c]]` → `[["a"], ["b", "c"]]`.
 *
 * Numbers and booleans become their text, as Hexo's `${cat}` does. Names are
 * trimmed; empty and `null` levels are dropped, and so are hierarchies left
 * empty; duplicate hierarchies are kept once.
 *
 * @param value the front-matter value (`categories`, else `category`); `undefined`/`null` means none.
 * @returns the hierarchies, or an error message naming what was received.
 */
export function normalizeCategories(value: unknown): CategoriesResult {
  if (value === undefined || value === null) return { categories: [] };
  if (isScalar(value)) return { categories: dedupe([levels([value])]) };
  if (!Array.isArray(value)) return { error: `expected a category or a list of categories, received ${describe(value)}` };

  const hasHierarchy = value.some(Array.isArray);
  if (!hasHierarchy) {
    const bad = value.find((item) => item !== null && !isScalar(item));
    if (bad !== undefined) return { error: `expected category names, received ${describe(bad)} in the list` };
    return { categories: dedupe([levels(value)]) };
  }
  const hierarchies: string[][] = [];
  for (const item of value) {
    if (item === null) continue;
    if (isScalar(item)) {
      hierarchies.push(levels([item]));
      continue;
    }
    if (!Array.isArray(item)) return { error: `expected category names or lists of them, received ${describe(item)} in the list` };
    const bad = item.find((level) => level !== null && !isScalar(level));
    if (bad !== undefined) return { error: `expected category names in each hierarchy, received ${describe(bad)}` };
    hierarchies.push(levels(item));
  }
  return { categories: dedupe(hierarchies) };
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function levels(items: readonly unknown[]): string[] {
  return items.filter(isScalar).map((item) => String(item).trim()).filter((name) => name !== '');
}

function dedupe(hierarchies: string[][]): string[][] {
  const seen = new Set<string>();
  return hierarchies.filter((path) => {
    const key = JSON.stringify(path);
    if (path.length === 0 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
