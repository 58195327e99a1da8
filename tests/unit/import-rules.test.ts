import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/run-cli.ts';

/*
 * The import rules of ../shared/DESIGN.md, read from the code: a stage
 * imports the leaves (config, report, urls, system) and the types of
 * earlier stages, never their code and never a later stage; the server
 * reaches the stages through build.ts; only site/ imports Eleventy.
 */

const SRC = path.join(REPO_ROOT, 'src');
/** The stages in the order data flows through them; site/ and search/ run side by side. */
const STAGES = ['ingest', 'sanitize', 'cache', 'images', 'article', 'site', 'search', 'publish'];
const RANK = new Map(STAGES.map((stage, i) => [stage, stage === 'search' ? STAGES.indexOf('site') : i]));
const LEAVES = new Set(['config', 'report', 'urls', 'system']);

interface Import {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(file)));
    else if (/\.(ts|mts|mjs)$/.test(entry.name)) files.push(file);
  }
  return files;
}

/** Every relative import of the sources (static, dynamic and re-exports), and every package each file imports. */
async function readImports(): Promise<{ imports: Import[]; packages: Map<string, string[]> }> {
  const imports: Import[] = [];
  const packages = new Map<string, string[]>();
  const statement = /^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  const dynamic = /import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const file of await sourceFiles(SRC)) {
    const text = await readFile(file, 'utf8');
    const found = [...text.matchAll(statement)].map((m) => ({ spec: m[2]!, typeOnly: m[1] !== undefined }));
    found.push(...[...text.matchAll(dynamic)].map((m) => ({ spec: m[1]!, typeOnly: false })));
    for (const { spec, typeOnly } of found) {
      if (spec.startsWith('.')) imports.push({ from: file, to: path.resolve(path.dirname(file), spec), typeOnly });
      else if (!spec.startsWith('node:')) packages.set(file, [...(packages.get(file) ?? []), spec]);
    }
  }
  return { imports, packages };
}

/** The folder under src/ a file is in, or its name for a file at the top (`cli`, `build`). */
function areaOf(file: string): string {
  const [first, second] = path.relative(SRC, file).split(path.sep);
  return second === undefined ? first!.replace(/\.ts$/, '') : first!;
}

function breaksRule({ from, to, typeOnly }: Import): string | undefined {
  const [a, b] = [areaOf(from), areaOf(to)];
  if (a === b || LEAVES.has(b) || a === 'build') return undefined;
  if (a === 'cli') return b === 'build' || b === 'server' ? undefined : 'the CLI reaches the stages through build.ts';
  if (a === 'server') return b === 'build' ? undefined : 'the server reaches the stages through build.ts';
  if (LEAVES.has(a)) return typeOnly ? undefined : 'a leaf imports no stage';
  const [rankA, rankB] = [RANK.get(a), RANK.get(b)];
  if (rankA === undefined || rankB === undefined) return `${b} is no stage ${a} may import`;
  if (rankB >= rankA) return 'a stage never imports a later stage';
  return typeOnly ? undefined : 'a stage imports only the types of an earlier stage';
}

const { imports, packages } = await readImports();

test('src/ should hold only cli.ts and build.ts at its top', async () => {
  const top = (await readdir(SRC, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  assert.deepEqual(top.sort(), ['build.ts', 'cli.ts']);
});

test("every import should keep DESIGN's rules", () => {
  const broken = imports.flatMap((edge) => {
    const why = breaksRule(edge);
    return why ? [`${path.relative(SRC, edge.from)} → ${path.relative(SRC, edge.to)}: ${why}`] : [];
  });
  assert.deepEqual(broken, []);
});

test('no module should import itself back through others (no circle of imports that run)', () => {
  const graph = new Map<string, string[]>();
  for (const { from, to, typeOnly } of imports) if (!typeOnly) graph.set(from, [...(graph.get(from) ?? []), to]);
  const circles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      circles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(SRC, f)).join(' → '));
      return;
    }
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  assert.deepEqual(circles, []);
});

test('only site/ should import Eleventy', () => {
  const importers = [...packages].filter(([, specs]) => specs.some((spec) => spec.startsWith('@11ty/'))).map(([file]) => areaOf(file));
  assert.ok(importers.length > 0, 'Eleventy is imported somewhere');
  assert.deepEqual([...new Set(importers)], ['site']);
});
