#!/usr/bin/env node
// The published entry point: runs the compiled CLI (`npm install` compiles it
// through the `prepare` script).
import { EXIT, main } from '../dist/cli.js';
import { exitWhenStalled } from '../dist/system/exit-when-stalled.js';
import { limitHeapGrowth } from '../dist/system/limit-heap-growth.js';

const STALLED = `✖ wirepress stopped before the build finished: one of its worker threads ended without answering (its own message, if it left one, is above). The previous site is untouched.
  hint: A full disk is the usual cause: free some space and build again.
`;
limitHeapGrowth();
process.exitCode = await exitWhenStalled(main(process.argv.slice(2)), EXIT.fatal, STALLED);
