/**
 * The git-revision reader on a real generated repository: at every tag, the in-process render of
 * cluster/ and of the stage folder equals real kustomize on a checkout of that tag.
 */
import { chmodSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { createRepository } from '../../src/history/create-repository.js';
import { readGitRevision } from '../../src/kustomize/git-reader.js';
import { findOnPath } from '../../src/kustomize/kustomize-binary.js';
import { renderKustomization } from '../../src/kustomize/render-kustomization.js';
import { ENTRY_DIR, stageDir } from '../../src/layout/layout.js';
import { sortObjects } from '../../src/diff/compare-objects.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { git } from '../helpers/git.js';
import { buildWithKustomize } from '../helpers/kustomize.js';
import { makeTempDir } from '../helpers/temp.js';
import { writeTree } from '../helpers/tree.js';

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
});

/** A `git` first on PATH that logs its subcommand, then runs the real git. */
function logGitCalls(): string {
  const bin = makeTempDir();
  const log = join(bin, 'calls.log');
  const real = findOnPath('git');
  writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$1" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  process.env.PATH = `${bin}:${process.env.PATH}`;
  return log;
}

function makeRepository(files: Record<string, string>): string {
  const dir = makeTempDir();
  git(dir, 'init', '--quiet', '-b', 'main');
  writeTree(dir, new Map(Object.entries(files)));
  return dir;
}

function commitAll(dir: string): void {
  git(dir, 'add', '--all');
  git(dir, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-m', 'test');
}

describe('readGitRevision', () => {
  it('renders every tag of a generated repository as kustomize builds its checkout', async () => {
    const cwd = makeTempDir();
    Object.assign(process.env, { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' });
    const { path, plans } = await createRepository(checkSettings({ directory: 'ws', gitops: 'both' }), { cwd, moveAside: false });
    const clone = join(makeTempDir(), 'clone');
    git(cwd, 'clone', '--quiet', path, clone);
    for (const plan of plans) {
      const reader = await readGitRevision(path, plan.tag);
      git(clone, 'checkout', '--quiet', plan.tag);
      for (const dir of [ENTRY_DIR, stageDir(plan.stage)]) {
        const objects = sortObjects(renderKustomization(reader, dir).objects.map((rendered) => rendered.object));
        expect(objects, `${plan.tag} ${dir}`).toEqual(buildWithKustomize(join(clone, dir)));
      }
      expect(reader.readFile('README.md')).toBe(plan.files.get('README.md'));
    }
  });

  it('reads files, folders, non-ASCII content and symlinks inside the tree, with one ls-tree and one cat-file', async () => {
    const dir = makeRepository({ 'a/b.txt': 'grüße ✓\n', 'a/c/d.yaml': 'x: 1\n', 'top.txt': '' });
    symlinkSync('a', join(dir, 'link'));
    commitAll(dir);
    writeFileSync(join(dir, 'top.txt'), 'changed after the commit');
    const log = logGitCalls();
    const reader = await readGitRevision(dir, 'main');
    expect(readFileSync(log, 'utf8')).toBe('ls-tree\ncat-file\n');
    expect(reader.readFile('a/b.txt')).toBe('grüße ✓\n');
    expect(reader.readFile('link/c/d.yaml')).toBe('x: 1\n');
    expect(reader.readFile('top.txt')).toBe('');
    expect(reader.readFile('a/missing')).toBeUndefined();
    expect(reader.isDir('a/c') && reader.isDir('') && reader.isDir('link')).toBe(true);
    expect(reader.isDir('a/b.txt')).toBe(false);
    expect(reader.list('')).toEqual(['a', 'link', 'top.txt']);
    expect(reader.list('a')).toEqual(['b.txt', 'c']);
  });

  it('refuses symlinks and paths that leave the tree, and unknown revisions', async () => {
    const dir = makeRepository({ 'k/kustomization.yaml': 'resources: [../out/r.yaml]\n' });
    symlinkSync('../../etc', join(dir, 'out'));
    commitAll(dir);
    const reader = await readGitRevision(dir, 'main');
    expect(() => reader.readFile('out/passwd')).toThrow(/out: is a symlink to a place outside the repository root/);
    expect(() => reader.readFile('../x')).toThrow(/leaves the repository root/);
    await expect(readGitRevision(dir, 'v9.9.9')).rejects.toThrow(UserError);
    await expect(readGitRevision(dir, '--output=/tmp/x')).rejects.toThrow(/not a git revision/);
  });
});

