/**
 * `npm run corpus-report`: sanitizes every post of the shared corpus
 * (../shared/corpus/real and ../shared/corpus/seed, next to the repository)
 * and prints totals — posts, images found, what the sanitizer removed by
 * kind, warnings by rule, figures made and captions found — so a change to
 * the sanitizer can be judged on real bodies. Prints a message and exits 0
 * when the corpus is absent. Never writes anything.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PROXY_PREFIXES } from '../src/config/index.ts';
import { parseArticle } from '../src/ingest/index.ts';
import { sanitizeArticle } from '../src/sanitize/index.ts';

const corpus = new URL('../../shared/corpus/', import.meta.url);
const folders = ['real', 'seed'];
const config = { timezone: 'Asia/Shanghai', permalink: ':year/:month/:day/:title/' };

/** Adds `n` to `key` of a tally. */
function add(tally: Map<string, number>, key: string, n = 1): void {
  tally.set(key, (tally.get(key) ?? 0) + n);
}

/** Prints a tally as indented `count  key` lines, largest first. */
function printTally(title: string, tally: Map<string, number>): void {
  console.log(`${title}:${tally.size === 0 ? ' none' : ''}`);
  const rows = [...tally].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [key, n] of rows) console.log(`  ${String(n).padStart(6)}  ${key}`);
}

function main(): void {
  if (!existsSync(corpus)) {
    console.log(`corpus-report: no corpus at ${fileURLToPath(corpus)}; nothing to report`);
    return;
  }
  const totals = { posts: 0, skipped: 0, images: 0, figures: 0, captions: 0, ms: 0 };
  const removed = new Map<string, number>();
  const warnings = new Map<string, number>();
  for (const folder of folders) {
    const dir = new URL(`${folder}/`, corpus);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
      const path = new URL(encodeURIComponent(name), dir);
      const parsed = parseArticle(`${folder}/${name}`, fileURLToPath(path), readFileSync(path), config, { mtimeMs: statSync(path).mtimeMs });
      if (parsed.article === undefined) {
        totals.skipped += 1;
        continue;
      }
      const started = performance.now();
      const { body, warnings: found } = sanitizeArticle(parsed.article.body, parsed.article.bodyFormat, { proxyPrefixes: DEFAULT_PROXY_PREFIXES });
      totals.ms += performance.now() - started;
      totals.posts += 1;
      totals.images += body.images.length;
      totals.figures += (body.html.match(/<figure[\s>]/g) ?? []).length;
      totals.captions += (body.html.match(/<figcaption[\s>]/g) ?? []).length;
      for (const [kind, n] of Object.entries(body.removed)) add(removed, kind, n);
      for (const warning of found) add(warnings, warning.rule);
    }
  }
  console.log(`corpus: ${fileURLToPath(corpus)}`);
  console.log(`posts sanitized: ${totals.posts}${totals.skipped > 0 ? ` (${totals.skipped} not parsed: excluded or invalid front matter)` : ''}`);
  console.log(`images found:    ${totals.images}`);
  console.log(`figures made:    ${totals.figures}`);
  console.log(`captions found:  ${totals.captions}`);
  console.log(`sanitize time:   ${Math.round(totals.ms)} ms`);
  printTally('removed, by kind', removed);
  printTally('warnings, by rule', warnings);
}

main();
