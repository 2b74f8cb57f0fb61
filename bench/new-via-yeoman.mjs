#!/usr/bin/env node
/**
 * `sockshop-mesh new ARGS` forced through yeoman-environment, the path the bin takes only when a
 * prompt may fire: for the benchmark's comparison row. Wrapped as src/cli/main.ts wraps commands.
 */
import { runNewWithYeoman } from '../dist/src/cli/commands/new.js';
import { describeError, UserError } from '../dist/src/errors.js';

try {
  process.exitCode = await runNewWithYeoman(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`sockshop-mesh: ${describeError(error)}\n`);
  process.exitCode = error instanceof UserError ? 2 : 1;
}
