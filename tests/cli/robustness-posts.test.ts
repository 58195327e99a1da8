import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, runCli, type CliRun } from '../helpers/run-cli.ts';
import type { BuildReport } from '../../src/report/build-report.ts';

/**
 * One folder per bad or awkward post under tests/fixtures/robustness/<case>/:
 * `content/` holds the post, `expected.json` what the build must say about it.
 * A diagnostic case names `file`, `rule`, `line` (the key's line in the raw
 * file), a text the message must quote (`received`), and `severity`/`strict`
 * when it is a warning; a page case names the post and what its page shows.
 * All cases are built together, each in a folder named after it.
 */
interface Expected {
  file?: string;
  rule?: string;
  line?: number;
  received?: string;
  severity?: 'error' | 'warning';
  strict?: boolean;
  page?: { file: string; contains: string[]; absent?: string[] };
  warning?: { rule: string; received: string };
  noWarnings?: boolean;
}

const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/robustness');
const CASES = readdirSync(FIXTURES).filter((name) => existsSync(path.join(FIXTURES, name, 'expected.json')));

// A sound post beside every case: one bad post never stops the others.
const GOOD_POST = `---
title: Council approves the new harbour library
date: 2021-10-20 10:00:00
categories: [City]
---

<p>The library opens next spring.</p>
`;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Run {
  dir: string;
  build: CliRun;
  check: CliRun;
  report: BuildReport;
}

/**
 * Builds (and checks) the given cases as one site, each case in its own
 * folder beside a sound post: two CLI runs for all cases keep `npm test` fast.
 */
async function runCases(names: readonly string[], strict: boolean): Promise<Run> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-robust-'));
  for (const name of names) await cp(path.join(FIXTURES, name, 'content'), path.join(dir, 'content', name), { recursive: true });
  await writeFile(path.join(dir, 'content', 'zz-good.md'), GOOD_POST);
  const flags = strict ? ['--strict'] : [];
  const build = await runCli(['build', '--content', 'content', '--out', '_site', '--cache', '.cache', '--offline', '--report', 'report.json', ...flags], { cwd: dir });
  const check = await runCli(['check', '--content', 'content', ...flags], { cwd: dir });
  const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as BuildReport;
  return { dir, build, check, report };
}

const expectations = new Map(CASES.map((name) => [name, JSON.parse(readFileSync(path.join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected]));
const strictCases = CASES.filter((name) => expectations.get(name)!.strict);
const plainCases = CASES.filter((name) => !expectations.get(name)!.strict);
let plain: Promise<Run> | undefined;
let strict: Promise<Run> | undefined;
// Started on first use, once per mode, shared by the tests of that mode.
const runFor = (expected: Expected) => (expected.strict ? (strict ??= runCases(strictCases, true)) : (plain ??= runCases(plainCases, false)));

for (const [name, expected] of expectations) {
  if (expected.rule) {
    test(`should report ${name} as ${expected.rule} with file and line, in build and check alike`, { timeout: 180_000 }, async () => {
      const { dir, build, check, report } = await runFor(expected);
      const file = `${name}/${expected.file!}`;
      assert.equal(build.code, 1, `exit 1 for a skipped post (or a warning under --strict)\n${build.stderr}`);
      // The terminal names the file, then `line:column  severity  message … rule`, then the hint.
      const severity = expected.severity ?? 'error';
      const where = expected.line === undefined ? '' : `${expected.line}:\\d+`;
      const line = new RegExp(`${escape(file)}\\n\\s*${where}\\s+${severity}\\s+[^\\n]*${escape(expected.received!)}[^\\n]*${escape(expected.rule!)}\\n\\s+hint: \\S`);
      assert.match(build.stderr, line);
      if (severity === 'error') {
        const skipped = report.skipped.find((s) => s.source === file);
        assert.ok(skipped, `${file} is listed as skipped`);
        assert.equal(skipped.code, expected.rule);
        assert.equal(skipped.line, expected.line);
      } else {
        const warning = report.articles.find((a) => a.source === file)?.warnings.find((w) => w.code === expected.rule);
        assert.equal(warning?.line, expected.line);
      }
      const good = report.articles.find((a) => a.source === 'zz-good.md');
      assert.ok(good && existsSync(path.join(dir, '_site', good.output)), 'the sound post is still published');
      assert.equal(check.code, 1);
      assert.match(check.stderr, line, 'check prints the same diagnostic');
    });
  }

  if (expected.page) {
    const page = expected.page;
    test(`should build ${name} and show its text as written`, { timeout: 180_000 }, async () => {
      const { dir, build, report } = await runFor(expected);
      const file = `${name}/${page.file}`;
      const article = report.articles.find((a) => a.source === file);
      assert.ok(article, `${file} was built\n${build.stderr}`);
      const html = await readFile(path.join(dir, '_site', article.output), 'utf8');
      for (const text of page.contains) assert.ok(html.includes(text), `the page shows ${JSON.stringify(text)}`);
      for (const text of page.absent ?? []) assert.ok(!html.includes(text), `the page has no ${JSON.stringify(text)}`);
      assert.ok(!html.includes('\uFFFD'), 'no replacement characters: nothing garbled');
      if (expected.warning) {
        const warning = article.warnings.find((w) => w.code === expected.warning!.rule);
        assert.ok(warning?.message.includes(expected.warning.received), JSON.stringify(article.warnings));
        assert.ok(!report.skipped.some((s) => s.source === file), 'a decoded post is a warning, not a skip');
      }
      if (expected.noWarnings) assert.deepEqual(article.warnings, []);
      // The source is never rewritten (the build never writes into content/).
      assert.deepEqual(await readFile(path.join(dir, 'content', file)), await readFile(path.join(FIXTURES, name, 'content', page.file)));
    });
  }
}
