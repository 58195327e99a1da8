import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import yaml from 'js-yaml';
import { REPO_ROOT, runCli } from '../helpers/run-cli.ts';

/** The workflow users copy (docs/deploy.md): it must run what wirepress has, and publish the way the docs say. */

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[]; needs?: string }>;
}

const workflow = yaml.load(await readFile(path.join(REPO_ROOT, 'docs/publish-workflow.yml'), 'utf8')) as Workflow;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const uses = (action: string) => steps.find((step) => step.uses?.startsWith(`${action}@`));

test('every wirepress command and option the workflow runs should exist', async () => {
  const calls = steps.flatMap((step) => (step.run ?? '').split('\n')).filter((line) => /\bwirepress\b/.test(line));
  assert.ok(calls.length > 0, 'the workflow runs wirepress');
  for (const call of calls) {
    const [command, ...args] = call.slice(call.search(/\bwirepress\b/) + 'wirepress'.length).trim().split(/\s+/);
    const help = await runCli([command!, '--help'], { cwd: REPO_ROOT });
    assert.equal(help.code, 0, `wirepress ${command} exists: ${help.stderr}`);
    for (const flag of args.filter((arg) => arg.startsWith('--'))) assert.match(help.stdout, new RegExp(`${flag}\\b`), `wirepress ${command} takes ${flag}`);
    // The whole line parses: values where options need them, nothing unknown.
    const parsed = await runCli([command!, ...args, '--help'], { cwd: REPO_ROOT });
    assert.equal(parsed.code, 0, `${call}: ${parsed.stderr}`);
  }
});

test('the workflow should build hourly, keep the cache and the versions, keep the report and publish to Pages', () => {
  assert.ok('schedule' in workflow.on && 'push' in workflow.on);
  const cache = uses('actions/cache');
  assert.deepEqual(cache?.with?.path?.trim().split('\n').sort(), ['.cache', '.wirepress-public'], 'the cache and the site versions are restored and saved');
  const build = steps.find((step) => step.run?.includes('wirepress build'));
  assert.match(build?.run ?? '', /--fail-on never/, 'a skipped post does not fail the scheduled run');
  const report = /--report (\S+)/.exec(build?.run ?? '')?.[1];
  const artifact = uses('actions/upload-artifact');
  assert.equal(artifact?.with?.path, report, 'the report is kept as an artifact');
  assert.equal(artifact?.if, 'always()', 'even when the build fails');
  assert.equal(uses('actions/upload-pages-artifact')?.with?.path, 'public');
  assert.ok(uses('actions/deploy-pages'));
});
