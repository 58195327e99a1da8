import { mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './common.ts';
import { measureProcess, type Measured } from './measure-process.ts';
import { formatPost, rfc2822Date, type GeneratedPost } from './posts.ts';
import { readReportTail } from './report-tail.ts';
import { measureSite, type SiteCost } from './site-cost.ts';

export type Scenario = 'cold' | 'no change' | 'edit 1' | 'add 1' | 'delete 1' | 'edit 2' | 'add 20';

/** Posts of the bot's hourly batch (the `add 20` scenario): each round takes this many spare posts beyond its `add 1` post. */
export const BATCH_POSTS = 20;

/** One measured `wirepress build`; `ok`: exit code 0, or 1 (some posts skipped). */
export interface ScenarioBuild extends Measured {
  /** What the benchmark reads of the build report (`--report`). */
  report: { pages: number | null; summary: Record<string, number> | null; timings: { step: string; ms: number }[] };
  ok: boolean;
  scenario: Scenario;
  round: number;
  /** The site published, after a cold build and after the first edit. */
  site?: SiteCost;
}

/**
 * Runs `rounds` rounds of the scenarios, each a build of the compiled CLI in
 * `appRoot` as its own process, offline: cold (no output, no cache), no
 * change, one post's body edited, one added (from `spare`, one per round),
 * one deleted, another edited, then the bot's hourly batch: {@link BATCH_POSTS}
 * posts added, newer than all the others (from `spare`, after the `add 1`
 * posts of every round). The first edit is the first build after a
 * cold one; the second, like the builds of a site fed all day, finds the site
 * two builds old kept to build in (src/publish/site-versions.ts). `workDir`
 * (out/, cache/, the report) is emptied and the posts in `contentDir` are
 * restored per round; each round edits and deletes other posts.
 */
export async function runWirepressScenarios({ appRoot, posts, spare, contentDir, workDir, rounds, onBuild }: {
  appRoot: string; posts: readonly GeneratedPost[]; spare: readonly GeneratedPost[]; contentDir: string; workDir: string; rounds: number;
  onBuild: (build: ScenarioBuild) => void;
}): Promise<void> {
  if (posts.length < 2) throw new UsageError('the scenarios need at least 2 posts');
  const [outDir, reportFile] = [path.join(workDir, 'out'), path.join(workDir, 'report.json')];
  const measure = async (scenario: Scenario, round: number) => {
    await rm(reportFile, { force: true });
    const args = [path.join(appRoot, 'bin', 'wirepress.js'), 'build', '--content', contentDir, '--out', outDir, '--cache', path.join(workDir, 'cache'), '--offline', '--report', reportFile];
    const measured = await measureProcess(process.execPath, args, { cwd: workDir, timeoutMs: 30 * 60_000 });
    const read = (await readReportTail(reportFile)) as Partial<ScenarioBuild['report']> | undefined;
    const report = { pages: read?.pages ?? null, summary: read?.summary ?? null, timings: (read?.timings ?? []).map(({ step, ms }) => ({ step, ms })) };
    const ok = measured.exitCode === 0 || measured.exitCode === 1;
    const site = ok && (scenario === 'cold' || scenario === 'edit 1') ? await measureSite(outDir) : undefined;
    onBuild({ ...measured, report, ok, scenario, round, ...(site ? { site } : {}) });
  };
  const fileOf = (post: GeneratedPost) => path.join(contentDir, post.relPath);

  for (let round = 0; round < rounds; round++) {
    await rm(workDir, { recursive: true, force: true });
    await mkdir(workDir, { recursive: true });
    // Spread the edited and deleted posts over the set, different ones each round.
    const edited = posts[(round * 7919 + 13) % posts.length]!;
    let deleted = posts[Math.floor(round * 104_729 + posts.length / 2) % posts.length]!;
    if (deleted === edited) deleted = posts[(edited.index + 1) % posts.length]!;
    let editedAgain = posts[Math.floor(round * 6007 + posts.length / 3) % posts.length]!;
    if (editedAgain === edited || editedAgain === deleted) editedAgain = posts[(editedAgain.index + 2) % posts.length]!;
    const added = spare[round]!;
    // The batch is dated after every post, an hour's fetches a few minutes apart, as the bot writes them.
    const newest = Math.max(...posts.map((post) => post.timestamp), ...spare.map((post) => post.timestamp));
    const batch = spare.slice(rounds + round * BATCH_POSTS, rounds + (round + 1) * BATCH_POSTS).map((post, i) => {
      const fields = { ...post.fields, date: rfc2822Date(newest + (i + 1) * 3 * 60_000) };
      return { file: fileOf(post), text: formatPost(fields, post.inner) };
    });
    if (batch.length < BATCH_POSTS) throw new UsageError(`the add 20 scenario needs ${rounds * (1 + BATCH_POSTS)} spare posts, got ${spare.length}`);
    // A new paragraph at the end of the body: the title, date and URL stay.
    const edit = (post: GeneratedPost) => writeFile(fileOf(post), formatPost(post.fields, `${post.inner}\n<p>Benchmark edit ${round + 1}: one more paragraph.</p>`));
    try {
      await measure('cold', round);
      await measure('no change', round);
      await edit(edited);
      await measure('edit 1', round);
      await mkdir(path.dirname(fileOf(added)), { recursive: true });
      await writeFile(fileOf(added), added.text);
      await measure('add 1', round);
      await unlink(fileOf(deleted));
      await measure('delete 1', round);
      await edit(editedAgain);
      await measure('edit 2', round);
      for (const post of batch) {
        await mkdir(path.dirname(post.file), { recursive: true });
        await writeFile(post.file, post.text);
      }
      await measure('add 20', round);
    } finally {
      for (const post of [edited, editedAgain, deleted]) await writeFile(fileOf(post), post.text);
      for (const file of [fileOf(added), ...batch.map((post) => post.file)]) await rm(file, { force: true });
    }
  }
}
