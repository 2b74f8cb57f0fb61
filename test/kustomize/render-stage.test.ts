/** renderStage: in-process when it can, the real kustomize (found on PATH) when asked to fall back. */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MissingToolError, UserError } from '../../src/errors.js';
import { UnsupportedKustomizationError } from '../../src/kustomize/errors.js';
import { readGitRevision } from '../../src/kustomize/git-reader.js';
import { findKustomize, renderWithKustomizeBinary } from '../../src/kustomize/kustomize-binary.js';
import { renderStage } from '../../src/kustomize/render-stage.js';
import { sortObjects } from '../../src/diff/compare-objects.js';
import { git } from '../helpers/git.js';
import { buildWithKustomize } from '../helpers/kustomize.js';
import { makeTempDir } from '../helpers/temp.js';
import { writeTree } from '../helpers/tree.js';

const FILES = {
  'base/r.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: ns1}\ndata: {k: v}\n',
  'base/kustomization.yaml': 'resources: [r.yaml]\n',
  'plain/kustomization.yaml': 'resources: [../base]\n',
  'fancy/kustomization.yaml': 'resources: [../base]\nnamePrefix: x-\nlabels: [{pairs: {team: mesh}}]\n',
};

function writeFiles(files: Record<string, string>): string {
  const root = makeTempDir();
  writeTree(root, new Map(Object.entries(files)));
  return root;
}

function fakeTools(...names: string[]): string {
  const bin = makeTempDir();
  for (const name of names) {
    writeFileSync(join(bin, name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}

const objectsOf = (render: { objects: { object: unknown }[] }) => sortObjects(render.objects.map((rendered) => rendered.object as never));

describe('renderStage', () => {
  it('renders in-process what it supports', async () => {
    const root = writeFiles(FILES);
    const render = await renderStage(root, 'plain', { fallback: true });
    expect(render.renderer).toBe('in-process');
    expect(render.fallbackReason).toBeUndefined();
    expect(render.objects[0]).toMatchObject({ file: 'base/r.yaml', line: 1 });
    expect(objectsOf(render)).toEqual(buildWithKustomize(join(root, 'plain')));
  });

  it('falls back to the real kustomize for unsupported fields, and says so', async () => {
    const root = writeFiles(FILES);
    const render = await renderStage(root, 'fancy', { fallback: true });
    expect(render.renderer).not.toBe('in-process');
    expect(render.fallbackReason).toMatch(/fancy\/kustomization\.yaml: `namePrefix` is not supported/);
    expect(objectsOf(render)).toEqual(buildWithKustomize(join(root, 'fancy')));
    expect(render.objects[0].object.metadata.name).toBe('x-a');
  });

  it('throws the unsupported field without fallback', async () => {
    const root = writeFiles(FILES);
    await expect(renderStage(root, 'fancy', { fallback: false })).rejects.toThrow(UnsupportedKustomizationError);
  });

  it('falls back for a git revision by writing it to a temporary folder', async () => {
    const root = writeFiles(FILES);
    git(root, 'init', '--quiet', '-b', 'main');
    git(root, 'add', '--all');
    git(root, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '-m', 'test');
    git(root, 'tag', 'v1');
    writeFileSync(join(root, 'fancy/kustomization.yaml'), 'resources: [../base]\nnamePrefix: changed-later-\n');
    const reader = await readGitRevision(root, 'v1');
    const render = await renderStage(reader, 'fancy', { fallback: true });
    expect(render.renderer).not.toBe('in-process');
    expect(render.objects.map((rendered) => rendered.object.metadata.name)).toEqual(['x-a']);
    expect((await renderStage(reader, 'plain', { fallback: true })).renderer).toBe('in-process');
  });

  it('reports a failed kustomize build as a user error', async () => {
    const root = writeFiles({ ...FILES, 'broken/kustomization.yaml': 'resources: [missing.yaml]\nnamePrefix: x-\n' });
    await expect(renderStage(root, 'broken', { fallback: true })).rejects.toThrow(UserError);
  });
});

describe('findKustomize', () => {
  it('prefers kustomize, then kubectl kustomize', () => {
    expect(findKustomize({ path: fakeTools('kustomize', 'kubectl'), searchPackage: false })).toMatchObject({ tool: 'kustomize', args: ['build'] });
    expect(findKustomize({ path: fakeTools('kubectl'), searchPackage: false })).toMatchObject({ tool: 'kubectl kustomize', args: ['kustomize'] });
  });

  it('says what to install when there is none', async () => {
    const path = fakeTools();
    expect(() => findKustomize({ path, searchPackage: false })).toThrow(MissingToolError);
    await expect(renderWithKustomizeBinary(makeTempDir(), { path, searchPackage: false })).rejects.toMatchObject({
      tool: 'kustomize',
      hint: expect.stringContaining('kubectl'),
    });
  });
});
