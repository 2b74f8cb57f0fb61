import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KustomizationError } from '../../src/kustomize/errors.js';
import { createWorkingTreeReader, resolveRepoPath } from '../../src/kustomize/repo-reader.js';
import { makeTempDir } from '../helpers/temp.js';

describe('resolveRepoPath', () => {
  it('joins and normalises repository paths', () => {
    expect(resolveRepoPath('stages/04-x/apps', '../../03-y/apps')).toBe('stages/03-y/apps');
    expect(resolveRepoPath('a', './b/')).toBe('a/b');
    expect(resolveRepoPath('a', '..')).toBe('');
    expect(resolveRepoPath('', 'a/../b')).toBe('b');
  });

  it('refuses absolute paths and paths above the root, naming the asking file', () => {
    expect(() => resolveRepoPath('a', '../../b', 'a/kustomization.yaml:3')).toThrow(/^a\/kustomization\.yaml:3: path "\.\.\/\.\.\/b" leaves the repository root$/);
    expect(() => resolveRepoPath('a', '/etc/passwd')).toThrow(KustomizationError);
    expect(() => resolveRepoPath('', 'C:\\Windows')).toThrow(/absolute path/);
  });
});

describe('createWorkingTreeReader', () => {
  it('reads files and folders under its root, following symlinks that stay inside', () => {
    const outside = makeTempDir();
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    const root = makeTempDir();
    mkdirSync(join(root, 'a'));
    writeFileSync(join(root, 'a/b.txt'), 'b');
    symlinkSync('a', join(root, 'inside'));
    symlinkSync(outside, join(root, 'out'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'a/leak.txt'));
    const reader = createWorkingTreeReader(root);

    expect(reader.readFile('a/b.txt')).toBe('b');
    expect(reader.readFile('inside/b.txt')).toBe('b');
    expect(reader.readFile('a/none.txt')).toBeUndefined();
    expect(reader.readFile('a')).toBeUndefined();
    expect(reader.isDir('a') && reader.isDir('')).toBe(true);
    expect(reader.list('a')).toEqual(['b.txt', 'leak.txt']);
    expect(() => reader.readFile('out/secret.txt')).toThrow(/symlink to a place outside the repository root/);
    expect(() => reader.readFile('a/leak.txt')).toThrow(KustomizationError);
    expect(() => reader.readFile('../secret.txt')).toThrow(/leaves the repository root/);
    expect(() => reader.isDir('/etc')).toThrow(/absolute path/);
  });
});
