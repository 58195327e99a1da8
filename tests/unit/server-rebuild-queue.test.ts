import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRebuildQueue, type RebuildQueue, type RebuildRun } from '../../src/server/rebuild-queue.ts';

/** One call of the fake rebuild, finished by hand. */
interface Call {
  readonly rebuild: RebuildRun;
  finish(): void;
}

/**
 * A queue over a fake rebuild whose runs end only when the test says so,
 * so that what arrives "while a build runs" is exact, not a matter of timing.
 */
function createQueue() {
  const calls: Call[] = [];
  const crashes: unknown[] = [];
  const wakers = new Set<() => void>();
  let running = 0;
  let maxRunning = 0;
  const queue: RebuildQueue = createRebuildQueue(
    (rebuild) =>
      new Promise<void>((resolve) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        calls.push({
          rebuild,
          finish: () => {
            running -= 1;
            resolve();
          },
        });
        for (const wake of wakers) wake();
      }),
    (error) => crashes.push(error),
  );

  /** The `n`th call (from 0), once the queue has made it. */
  const call = (n: number): Promise<Call> =>
    new Promise((resolve) => {
      const check = () => {
        const found = calls[n];
        if (!found) return;
        wakers.delete(check);
        resolve(found);
      };
      wakers.add(check);
      check();
    });

  /** Whichever comes first: the queue falls idle, or it starts call `n`. */
  const settle = (n: number): Promise<'idle' | 'ran again'> => Promise.race([queue.idle().then(() => 'idle' as const), call(n).then(() => 'ran again' as const)]);

  /** Call `n`, which must come next: fails, rather than hangs, when the queue falls idle instead. */
  const next = async (n: number, what: string): Promise<Call> => {
    assert.equal(await settle(n), 'ran again', what);
    return calls[n]!;
  };

  return { queue, calls, crashes, settle, next, maxRunning: () => maxRunning };
}

/** The plain data of a run, the signal reduced to whether it was aborted. */
function summarize(call: Call) {
  const { changed, followUp, signal } = call.rebuild;
  return { changed: [...changed].sort(), followUp, aborted: signal.aborted };
}

/** One macrotask turn: lets the queue act on what just happened, if it is going to. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

test('should run one follow-up after the current run when it asks for one, and only then', { timeout: 10_000 }, async () => {
  const q = createQueue();
  q.queue.request(['/site/content/a.md']);
  const first = await q.next(0, 'the request runs');
  assert.deepEqual(summarize(first), { changed: ['/site/content/a.md'], followUp: false, aborted: false });

  // The dev server asks from inside the run, once it knows the build was deferred.
  q.queue.followUp(true);
  await turn();
  assert.equal(q.calls.length, 1, 'the follow-up waits for the run that asked for it');
  first.finish();

  const followUp = await q.next(1, 'a follow-up runs');
  assert.deepEqual(summarize(followUp), { changed: [], followUp: true, aborted: false });
  followUp.finish();
  assert.equal(await q.settle(2), 'idle', 'one follow-up, not a second');
  assert.equal(q.maxRunning(), 1, 'never two runs at once');
  assert.deepEqual(q.crashes, []);
});

test('should run no follow-up when the run says none is needed', { timeout: 10_000 }, async () => {
  const q = createQueue();
  q.queue.request(['/site/content/a.md']);
  const first = await q.next(0, 'the request runs');
  q.queue.followUp(false);
  first.finish();
  assert.equal(await q.settle(1), 'idle');
  assert.equal(q.calls.length, 1);
});

for (const verdict of [true, false, undefined]) {
  const outcome = verdict === false ? 'drop the follow-up' : 'run the follow-up again';
  const says = verdict === undefined ? 'says nothing about it' : `calls followUp(${verdict})`;
  test(`should abort a running follow-up for a request, run the request next, and ${outcome} when that run ${says}`, { timeout: 10_000 }, async () => {
    const q = createQueue();
    q.queue.request(['/site/content/a.md']);
    const first = await q.next(0, 'the request runs');
    q.queue.followUp(true);
    first.finish();
    const followUp = await q.next(1, 'a follow-up runs');
    assert.equal(followUp.rebuild.followUp, true);
    assert.equal(followUp.rebuild.signal.aborted, false, 'not aborted before anything arrived');

    q.queue.request(['/site/content/b.md']);
    assert.equal(followUp.rebuild.signal.aborted, true, 'the request aborts the follow-up at once');
    // Requests arriving meanwhile fold into the same run.
    q.queue.request(['/site/content/c.md']);
    await turn();
    assert.equal(q.calls.length, 2, 'the request waits until the aborted follow-up has returned');
    followUp.finish();

    const requested = await q.next(2, 'the request runs');
    assert.deepEqual(summarize(requested), { changed: ['/site/content/b.md', '/site/content/c.md'], followUp: false, aborted: false });
    if (verdict !== undefined) q.queue.followUp(verdict);
    requested.finish();

    if (verdict === false) {
      assert.equal(await q.settle(3), 'idle', 'the follow-up is no longer owed');
      assert.equal(q.calls.length, 3);
    } else {
      const again = await q.next(3, 'the follow-up runs again');
      assert.deepEqual(summarize(again), { changed: [], followUp: true, aborted: false }, 'the follow-up runs again, with a fresh signal');
      again.finish();
      assert.equal(await q.settle(4), 'idle');
    }
    assert.equal(q.maxRunning(), 1, 'never two runs at once');
    assert.deepEqual(q.crashes, []);
  });
}

test('should abort a running follow-up on close, resolve once it has returned, and run nothing more', { timeout: 10_000 }, async () => {
  const q = createQueue();
  q.queue.request(['/site/content/a.md']);
  const first = await q.next(0, 'the request runs');
  q.queue.followUp(true);
  first.finish();
  const followUp = await q.next(1, 'a follow-up runs');

  let closed = false;
  const closing = q.queue.close().then(() => void (closed = true));
  assert.equal(followUp.rebuild.signal.aborted, true, 'close aborts the follow-up');
  await turn();
  assert.equal(closed, false, 'close waits for the running follow-up to return');
  followUp.finish();
  await closing;
  assert.equal(closed, true);

  q.queue.request(['/site/content/b.md']);
  q.queue.followUp(true);
  await turn();
  assert.equal(q.calls.length, 2, 'neither the aborted follow-up nor a later request runs after close');
  assert.deepEqual(q.crashes, []);
});

test('should leave a running ordinary rebuild alone on a request, and run the request after it', { timeout: 10_000 }, async () => {
  const q = createQueue();
  q.queue.request(['/site/content/a.md']);
  const first = await q.next(0, 'the request runs');
  q.queue.request(['/site/content/b.md']);
  assert.equal(first.rebuild.signal.aborted, false, 'only a follow-up is superseded');
  first.finish();
  const second = await q.next(1, 'the request runs');
  assert.deepEqual(summarize(second), { changed: ['/site/content/b.md'], followUp: false, aborted: false });
  second.finish();
  assert.equal(await q.settle(2), 'idle');
});
