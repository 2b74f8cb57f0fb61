/** Real workshop repositories and bare remotes in temporary folders, for the review and promotion tests. */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRepository } from '../../src/history/create-repository.js';
import type { StagePlan } from '../../src/plan/plan-stages.js';
import { checkSettings, type RawSettings } from '../../src/settings/check-settings.js';
import { git } from './git.js';
import { makeTempDir } from './temp.js';

export interface Workshop {
  /** The temporary folder holding the repository and its remotes. */
  root: string;
  repo: string;
  plans: readonly StagePlan[];
}

export async function makeWorkshop(answers: RawSettings = {}): Promise<Workshop> {
  const root = makeTempDir();
  const { path, plans } = await createRepository(checkSettings({ directory: 'ws', ...answers }), { cwd: root, moveAside: false });
  return { root, repo: path, plans };
}

/** An empty bare repository, as a git host holds one. */
export function makeBareRemote(root: string, name = 'remote.git'): string {
  const path = join(root, name);
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', path);
  return path;
}

/** Makes the remote refuse every push, the way a server-side hook does. */
export function refusePushes(remote: string, reason = 'pushes are closed for the workshop'): void {
  const hook = join(remote, 'hooks', 'pre-receive');
  writeFileSync(hook, `#!/bin/sh\necho "${reason}" >&2\nexit 1\n`);
  chmodSync(hook, 0o755);
}

/** What a repository holds, as `name -> commit` (tags peeled), e.g. `main`, `stage/01-operators`, `v1.0.0+baseline`. */
export function listRefs(repo: string): Map<string, string> {
  const output = git(repo, 'for-each-ref', '--format=%(refname:short) %(objectname) %(*objectname)', 'refs/heads', 'refs/tags');
  return new Map(
    output
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name, object, peeled] = line.split(' ');
        return [name, peeled || object] as const;
      }),
  );
}

/** A commit on the remote's branch that the workshop repository does not have. */
export function divergeRemote(root: string, remote: string, branch = 'main'): void {
  const clone = join(root, `other-${Math.random().toString(36).slice(2, 8)}`);
  git(root, 'clone', '--quiet', '--branch', branch, remote, clone);
  writeFileSync(join(clone, 'someone-else.txt'), 'a change the workshop repository does not have\n');
  git(clone, 'add', 'someone-else.txt');
  git(clone, 'commit', '--quiet', '-m', 'Someone else was here');
  git(clone, 'push', '--quiet', 'origin', branch);
}
