import { mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatPost } from './post-format.ts';
import { runWirepressBuild, type WirepressBuild, type WirepressDirs } from './run-wirepress.ts';
import { measureSite, type SiteCost } from './site-cost.ts';
import type { GeneratedPost } from './synth-posts.ts';

/** The measured situations, in the order they run within one round. */
export const SCENARIOS = ['cold', 'no change', 'edit 1', 'add 1', 'delete 1', 'edit 2'] as const;
/** One of {@link SCENARIOS}. */
export type Scenario = (typeof SCENARIOS)[number];

/** One measured build of one round. */
export interface ScenarioBuild extends WirepressBuild {
  scenario: Scenario;
  round: number;
  /** The site published: after a cold build, and after an edit (the search index's recent segment beside its base). */
  site?: SiteCost;
}

/** What the scenarios run on. */
export interface ScenarioInput {
  /** Folder holding bin/wirepress.js and dist/ (the repository, or a snapshot of it). */
  appRoot: string;
  /** The generated posts, already written to `contentDir`. */
  posts: readonly GeneratedPost[];
  /** At least `rounds` further posts, not written: one is added per round. */
  spare: readonly GeneratedPost[];
  contentDir: string;
  /** Holds out/, cache/ and the report; emptied per round. */
  workDir: string;
  rounds: number;
  /** Called after each build (default: none). */
  onBuild?: (build: ScenarioBuild) => void;
}

/**
 * Runs `rounds` rounds of: a cold build (no output, no cache), a rebuild with
 * nothing changed, after editing one post's body, after adding one post,
 * after deleting one, and after editing another. The first edit is the first
 * build after a cold one; the second, like the builds of a site fed every
 * day, finds the site two builds old kept to build in (see site-versions.ts).
 * The content is restored after each round, so every round starts from the
 * same posts; each round edits and deletes other posts.
 */
export async function runWirepressScenarios(input: ScenarioInput): Promise<ScenarioBuild[]> {
  const { posts, spare, contentDir } = input;
  if (posts.length < 2) throw new Error('the scenarios need at least 2 posts');
  if (spare.length < input.rounds) throw new Error(`the scenarios need ${input.rounds} spare posts, received ${spare.length}`);
  const dirs: WirepressDirs = {
    appRoot: input.appRoot,
    contentDir,
    outDir: path.join(input.workDir, 'out'),
    cacheDir: path.join(input.workDir, 'cache'),
    workDir: input.workDir,
  };
  const builds: ScenarioBuild[] = [];
  const measure = async (scenario: Scenario, round: number) => {
    const built = await runWirepressBuild(dirs);
    const site = built.ok && (scenario === 'cold' || scenario === 'edit 1') ? await measureSite(dirs.outDir) : undefined;
    const build = { ...built, scenario, round, ...(site ? { site } : {}) };
    builds.push(build);
    input.onBuild?.(build);
  };
  const fileOf = (post: GeneratedPost) => path.join(contentDir, post.relPath);

  for (let round = 0; round < input.rounds; round++) {
    await rm(input.workDir, { recursive: true, force: true });
    await mkdir(input.workDir, { recursive: true });
    // Spread the edited and deleted posts over the set, a different pair each round.
    const edited = posts[(round * 7919 + 13) % posts.length]!;
    let deleted = posts[Math.floor(round * 104_729 + posts.length / 2) % posts.length]!;
    if (deleted === edited) deleted = posts[(edited.index + 1) % posts.length]!;
    let editedAgain = posts[Math.floor(round * 6007 + posts.length / 3) % posts.length]!;
    if (editedAgain === edited || editedAgain === deleted) editedAgain = posts[(editedAgain.index + 2) % posts.length]!;
    const added = spare[round]!;
    try {
      await measure('cold', round);
      await measure('no change', round);
      // A new paragraph at the end of the body: the title, date and URL stay.
      const note = `<p>Benchmark edit ${round + 1}: one more paragraph.</p>`;
      await writeFile(fileOf(edited), formatPost(edited.fields, `${edited.inner}\n${note}`));
      await measure('edit 1', round);
      await mkdir(path.dirname(fileOf(added)), { recursive: true });
      await writeFile(fileOf(added), added.text);
      await measure('add 1', round);
      await unlink(fileOf(deleted));
      await measure('delete 1', round);
      await writeFile(fileOf(editedAgain), formatPost(editedAgain.fields, `${editedAgain.inner}\n${note}`));
      await measure('edit 2', round);
    } finally {
      await writeFile(fileOf(edited), edited.text);
      await writeFile(fileOf(editedAgain), editedAgain.text);
      await writeFile(fileOf(deleted), deleted.text);
      await rm(fileOf(added), { force: true });
    }
  }
  return builds;
}
