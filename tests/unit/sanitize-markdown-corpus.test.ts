import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { classifyBody } from '../../src/ingest/classify-body.ts';
import { decodeText } from '../../src/ingest/decode-text.ts';
import { readFrontMatter } from '../../src/ingest/read-front-matter.ts';
import { sanitizeArticle } from '../../src/sanitize/index.ts';
import { CORPUS_DIR, HAS_CORPUS } from '../helpers/run-cli.ts';

/**
 * The bots' posts must come out exactly as before Markdown support: for
 * every post of ../shared/corpus (real/*.md and seed/*.md) and every
 * sample post of content/ (bot-shaped too), the body's
 * classification (format, body line, body) and its sanitized HTML and text
 * are compared, as sha256 hashes, with tests/fixtures/sanitize/corpus-hashes.json.
 * That file was written by the code as it was before Markdown support
 * (commit 95216fd); it holds hashes only, file names included, so no corpus
 * text enters the repository. `UPDATE=1` rewrites it from the current code:
 * do that only for a change meant to alter the bots' output, and review it.
 */
const hashesFile = new URL('../fixtures/sanitize/corpus-hashes.json', import.meta.url);
const options = { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] };
const CONTENT_DIR = fileURLToPath(new URL('../../content/', import.meta.url));
const skip = HAS_CORPUS ? false : `needs ${CORPUS_DIR}`;

interface Outcome {
  format: string;
  bodyLine: number;
  body: string;
  html: string;
  text: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function corpusFiles(): string[] {
  const files: string[] = [];
  for (const folder of ['real', 'seed']) {
    const dir = path.join(CORPUS_DIR, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.md') && name !== 'SOURCE.md' && name !== 'README.md') files.push(`corpus/${folder}/${name}`);
    }
  }
  return files;
}

// As ingest reads a post: decoded, front matter split off, then classified with its extension.
function outcomeOf(file: string): Outcome {
  const [top, ...rest] = file.split('/');
  const decoded = decodeText(file, readFileSync(path.join(top === 'corpus' ? CORPUS_DIR : CONTENT_DIR, ...rest)));
  const parts = readFrontMatter(file, decoded.text ?? '').parts;
  assert.ok(parts, `${file}: front matter`);
  const classified = classifyBody(parts.body, parts.bodyLine, { extension: '.md', format: parts.data.format });
  const { body } = sanitizeArticle(classified.body, classified.bodyFormat, options);
  return { format: classified.bodyFormat, bodyLine: classified.bodyLine, body: sha256(classified.body), html: sha256(body.html), text: sha256(body.text) };
}

function contentFiles(dir = CONTENT_DIR, prefix = 'content'): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) =>
      entry.isDirectory() ? contentFiles(path.join(dir, entry.name), `${prefix}/${entry.name}`) : entry.name.endsWith('.md') ? [`${prefix}/${entry.name}`] : [],
    );
}

// Keys are hashes of the paths: the corpus's file names are the posts' titles.
const keyOf = (file: string) => sha256(file).slice(0, 16);

function checkUnchanged(files: readonly string[]): void {
  const actual = Object.fromEntries(files.map((file) => [keyOf(file), outcomeOf(file)]));
  // A missing file is a failure, not a new golden: the hashes must come from the code before a change.
  assert.ok(process.env.UPDATE === '1' || existsSync(hashesFile), `${hashesFile} is missing: make it with UPDATE=1 from the code you compare against`);
  if (process.env.UPDATE === '1') {
    const kept = existsSync(hashesFile) ? (JSON.parse(readFileSync(hashesFile, 'utf8')) as Record<string, Outcome>) : {};
    writeFileSync(hashesFile, `${JSON.stringify({ ...kept, ...actual }, null, 2)}\n`);
  }
  const expected = JSON.parse(readFileSync(hashesFile, 'utf8')) as Record<string, Outcome>;
  for (const file of files) {
    assert.ok(expected[keyOf(file)], `${file}: not in corpus-hashes.json (a new post? regenerate with UPDATE=1 and review)`);
    assert.deepEqual(actual[keyOf(file)], expected[keyOf(file)], `${file}: classification or sanitized output changed`);
  }
}

test('should classify and sanitize every bot post of the corpus exactly as before Markdown support', { skip }, () => {
  const files = corpusFiles();
  assert.ok(files.length >= 50, `only ${files.length} posts`);
  checkUnchanged(files);
});

test('should classify and sanitize the sample posts in content/ exactly as before Markdown support', () => {
  const files = contentFiles();
  assert.ok(files.length >= 10, `only ${files.length} posts`);
  checkUnchanged(files);
});
