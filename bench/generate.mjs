#!/usr/bin/env node
/**
 * One generation through the pipeline API, for workshops bigger than the bin can ask for:
 * `node bench/generate.mjs DIR COPIES [--skip-validation]` plans the workshop with every Sock Shop
 * workload copied COPIES times, then runs createRepository exactly as `sockshop-mesh new DIR
 * --gitops both` does (target check, identity, plan, check, one fast-import stream, rename).
 */
import { createRepository } from '../dist/src/history/create-repository.js';
import { checkSettings } from '../dist/src/settings/check-settings.js';
import { buildScenario } from './lib/workshop.mjs';

const [directory, copies, ...flags] = process.argv.slice(2);
await createRepository(checkSettings({ directory, gitops: 'both' }), {
  cwd: process.cwd(),
  moveAside: false,
  scenario: buildScenario(Number(copies)),
  skipValidation: flags.includes('--skip-validation'),
});
