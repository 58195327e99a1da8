#!/usr/bin/env node
// The published entry point: runs the compiled CLI (`npm install` compiles it
// through the `prepare` script).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
