/**
 * The runner against a fake `kubeconform` first on PATH: a shell script that records its arguments
 * and standard input, prints a recorded output and exits as kubeconform would.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MissingToolError, UserError } from '../../src/errors.js';
import { listSchemaLocations, runKubeconform } from '../../src/kubeconform/run-kubeconform.js';
import type { SourcedObject } from '../../src/validate/types.js';
import { makeTempDir } from '../helpers/temp.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/kubeconform/${name}`, import.meta.url));

function installFake(output: string, exitCode: number): { path: string; args: () => string[]; stdin: () => string } {
  const bin = makeTempDir();
  writeFileSync(
    join(bin, 'kubeconform'),
    `#!/bin/sh\ncat > '${bin}/stdin.txt'\nprintf '%s\\n' "$@" > '${bin}/args.txt'\ncat '${output}'\nexit ${exitCode}\n`,
  );
  chmodSync(join(bin, 'kubeconform'), 0o755);
  return {
    path: `${bin}${delimiter}${process.env.PATH ?? ''}`,
    args: () => readFileSync(join(bin, 'args.txt'), 'utf8').trimEnd().split('\n'),
    stdin: () => readFileSync(join(bin, 'stdin.txt'), 'utf8'),
  };
}

const SOURCES: SourcedObject[] = [
  { file: 'stages/04-sidecar-injection/apps/carts.yaml', index: 0, line: 2, object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'carts' } } },
];

describe('listSchemaLocations', () => {
  it('puts a flavor\'s schema set before the shared schemas, in both layouts, as the embedded validator looks', () => {
    expect(listSchemaLocations('/opt/schemas', 'maistra-2.5')).toEqual([
      '/opt/schemas/sets/maistra-2.5/{{ .ResourceKind }}{{ .KindSuffix }}.json',
      '/opt/schemas/sets/maistra-2.5/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json',
      '/opt/schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json',
      '/opt/schemas/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json',
    ]);
  });
});

describe('runKubeconform', () => {
  it('feeds YAML on stdin with our flags and schema locations, and parses the report (exit 1 is a result)', async () => {
    const fake = installFake(fixture('v0.7-invalid.json'), 1);
    const schemaLocations = listSchemaLocations('/opt/schemas');
    const result = await runKubeconform({ stdin: 'apiVersion: apps/v1\nkind: Deployment\n', sources: SOURCES, schemaLocations, ignoreMissingSchemas: true, path: fake.path });

    expect(fake.args()).toEqual([
      '-strict', '-summary', '-verbose', '-output', 'json',
      '-schema-location', '/opt/schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json',
      '-schema-location', '/opt/schemas/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json',
      '-ignore-missing-schemas',
    ]);
    expect(fake.stdin()).toBe('apiVersion: apps/v1\nkind: Deployment\n');
    expect(result.format).toBe('current');
    expect(result.violations).toHaveLength(6);
    expect(result.violations[0]).toMatchObject({ path: 'spec.replicaz', line: 2, index: 0 });
  });

  it('names files instead of stdin, and can drop -strict and skip kinds', async () => {
    const fake = installFake(fixture('legacy-valid.json'), 0);
    const result = await runKubeconform({ files: ['a.yaml', 'b.yaml'], schemaLocations: ['s/{{ .ResourceKind }}.json'], strict: false, skipKinds: ['Secret', 'Route'], path: fake.path });
    expect(fake.args()).toEqual(['-summary', '-verbose', '-output', 'json', '-schema-location', 's/{{ .ResourceKind }}.json', '-skip', 'Secret,Route', 'a.yaml', 'b.yaml']);
    expect(fake.stdin()).toBe('');
    expect(result).toMatchObject({ format: 'legacy', violations: [], summary: { valid: 1 } });
  });

  it('reports a kubeconform that fails without a report', async () => {
    const bin = makeTempDir();
    writeFileSync(join(bin, 'kubeconform'), '#!/bin/sh\necho "flag provided but not defined: -verbose" >&2\nexit 2\n');
    chmodSync(join(bin, 'kubeconform'), 0o755);
    await expect(runKubeconform({ stdin: '', schemaLocations: [], path: bin })).rejects.toThrow(/kubeconform failed \(exit 2\): flag provided but not defined/);
    await expect(runKubeconform({ stdin: '', schemaLocations: [], path: bin })).rejects.toBeInstanceOf(UserError);
  });

  it('says how to install kubeconform when PATH has none', async () => {
    const error = await runKubeconform({ stdin: 'x: 1\n', schemaLocations: [], path: makeTempDir() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MissingToolError);
    expect(error).toMatchObject({ tool: 'kubeconform' });
    expect((error as MissingToolError).hint).toContain('https://github.com/yannh/kubeconform/releases');
    expect((error as MissingToolError).hint).toContain('go install github.com/yannh/kubeconform/cmd/kubeconform@latest');
  });
});
