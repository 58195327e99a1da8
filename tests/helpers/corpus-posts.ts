import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** The shared corpus of real posts beside the repository, never copied into it (absent on a fresh machine). */
const corpus = new URL('../../../shared/corpus/', import.meta.url);
export const hasCorpus = existsSync(corpus);

/** The name and raw body of every real post of the corpus. */
export function corpusPosts(): { name: string; body: string }[] {
  const files: URL[] = [];
  for (const folder of ['real/', 'seed/']) {
    const dir = new URL(folder, corpus);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.md') && n !== 'SOURCE.md' && n !== 'README.md')) {
      files.push(new URL(encodeURIComponent(name), dir));
    }
  }
  return files.map((file) => ({ name: decodeURIComponent(file.pathname.split('/').pop() ?? ''), body: bodyOf(readFileSync(file, 'utf8')) }));
}

// The posts start with a blank line, then `---`, the front matter, `---`, and the body.
function bodyOf(raw: string): string {
  const lines = raw.split('\n');
  const first = lines.findIndex((line) => line.trim() === '---');
  const second = lines.findIndex((line, i) => i > first && line.trim() === '---');
  return lines.slice(second + 1).join('\n');
}

/** Like ingest: a body whose only tag is the bot's outer <div> is text. */
export function formatOf(body: string): { format: 'html' | 'text'; body: string } {
  const inner = /^\s*<div>([\s\S]*)<\/div>\s*$/.exec(body)?.[1];
  return inner !== undefined && !/<[a-zA-Z/!]/.test(inner) ? { format: 'text', body: inner } : { format: 'html', body };
}
