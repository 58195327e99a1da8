import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { hasGnuTime, measureProcess } from '../lib/measure-process.ts';
import { median } from '../lib/common.ts';

// Holds ~200 MB for half a second, so both methods have time to see it.
const ALLOCATE = 'const keep = []; for (let i = 0; i < 20; i++) keep.push(Buffer.alloc(1e7, 1)); setTimeout(() => keep.length, 500);';
const onLinux = existsSync('/proc/self/status');

test('should measure the peak memory of a child by polling VmHWM', { skip: onLinux ? false : 'needs /proc' }, async () => {
  const result = await measureProcess(process.execPath, ['-e', ALLOCATE], { useGnuTime: false });
  assert.equal(result.exitCode, 0);
  assert.equal(result.rssSource, 'proc-vmhwm');
  assert.ok(result.peakRssKb! > 190_000, `${result.peakRssKb} KiB`);
  assert.ok(result.wallMs >= 500);
});

test('should read GNU time’s peak and agree with VmHWM', { skip: hasGnuTime() ? false : 'needs GNU time' }, async () => {
  const result = await measureProcess(process.execPath, ['-e', ALLOCATE]);
  assert.ok(result.gnuTimeKb! > 190_000);
  assert.ok(Math.abs(result.gnuTimeKb! - result.vmHwmKb!) < 20_000, `${result.gnuTimeKb} vs ${result.vmHwmKb}`);
});

test('should report the exit code and kill a process that runs too long', async () => {
  assert.equal((await measureProcess(process.execPath, ['-e', 'process.exitCode = 3'])).exitCode, 3);
  const slow = await measureProcess(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 300 });
  assert.equal(slow.timedOut, true);
  assert.ok(slow.wallMs < 10_000);
});

test('should take the middle value, or the mean of the middle two', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([]), null);
  assert.equal(median([null, 7, undefined]), 7);
});

test('should count the CPU time a child spends, with or without GNU time', { skip: onLinux ? false : 'needs /proc' }, async () => {
  // Spins until it has used 600 ms of CPU (not wall time: the machine may be busy), then idles for the poller.
  const BUSY = 'while (process.cpuUsage().user < 600000) {} setTimeout(() => {}, 200);';
  for (const useGnuTime of [false, true]) {
    const result = await measureProcess(process.execPath, ['-e', BUSY], { useGnuTime });
    assert.ok(result.cpuMs !== null && result.cpuMs >= 550, `${result.cpuMs} ms with useGnuTime=${useGnuTime}`);
  }
});

test('should count the memory of the processes a build starts', { skip: onLinux ? false : 'needs /proc' }, async () => {
  // The parent stays small; its child (like a search indexer) holds ~200 MB.
  const PARENT = `require('node:child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(ALLOCATE)}], { stdio: 'inherit' });`;
  const result = await measureProcess(process.execPath, ['-e', PARENT], { useGnuTime: false });
  assert.equal(result.exitCode, 0);
  assert.ok(result.maxProcesses >= 2, `${result.maxProcesses} processes`);
  assert.ok(result.vmHwmKb! < 150_000, `parent alone: ${result.vmHwmKb} KiB`);
  assert.ok(result.peakRssKb! > 190_000, `tree: ${result.peakRssKb} KiB`);
});
