import { execFileSync } from 'node:child_process';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Every file of a commit-ish: path -> content. */
export function readTree(cwd: string, revision: string): Map<string, string> {
  const paths = git(cwd, 'ls-tree', '-r', '--name-only', revision).split('\n').filter(Boolean);
  return new Map(paths.map((path) => [path, git(cwd, 'show', `${revision}:${path}`)]));
}
