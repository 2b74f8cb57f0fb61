import { execFileSync } from 'node:child_process';

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Every file of a commit-ish: path -> content. Two git processes, whatever the number of files. */
export function readTree(cwd: string, revision: string): Map<string, string> {
  const paths = git(cwd, 'ls-tree', '-r', '--name-only', '-z', revision).split('\0').filter(Boolean);
  const output = execFileSync('git', ['cat-file', '--batch'], { cwd, input: paths.map((path) => `${revision}:${path}\n`).join(''), maxBuffer: 256 * 1024 * 1024 });
  const files = new Map<string, string>();
  let offset = 0;
  for (const path of paths) {
    const end = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, end).toString('utf8');
    const [, type, size] = header.split(' ');
    if (type !== 'blob') throw new Error(`git cat-file ${revision}:${path}: ${header}`);
    const start = end + 1;
    files.set(path, output.subarray(start, start + Number(size)).toString('utf8'));
    offset = start + Number(size) + 1;
  }
  return files;
}
