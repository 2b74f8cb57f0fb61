import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { convertPointer, splitLegacyMessage } from '../../src/kubeconform/convert-errors.js';
import { parseKubeconformOutput } from '../../src/kubeconform/parse-output.js';
import type { SourcedObject } from '../../src/validate/types.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/kubeconform/${name}`, import.meta.url), 'utf8');

const CARTS: SourcedObject = {
  file: 'stages/00-baseline/apps/carts.yaml',
  index: 0,
  line: 3,
  object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'carts', namespace: 'user1-sockshop' }, spec: { template: { spec: { containers: [{ image: 1 }] } } } },
};
const CARTS_SERVICE: SourcedObject = {
  file: 'stages/00-baseline/apps/carts.yaml',
  index: 1,
  line: 40,
  object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'carts', namespace: 'user1-sockshop' } },
};

describe('parseKubeconformOutput, v0.7 format', () => {
  it('reads valid resources and the summary', () => {
    const result = parseKubeconformOutput(fixture('v0.7-valid.json'), [CARTS, CARTS_SERVICE]);
    expect(result.format).toBe('current');
    expect(result.violations).toEqual([]);
    expect(result.summary).toEqual({ valid: 2, invalid: 0, errors: 0, skipped: 0 });
    expect(result.resources.map(({ kind, name, status, source }) => [kind, name, status, source?.index])).toEqual([
      ['Deployment', 'carts', 'valid', 0],
      ['Service', 'carts', 'valid', 1],
    ]);
  });

  it('turns every validation error into a violation with a field path', () => {
    const result = parseKubeconformOutput(fixture('v0.7-invalid.json'));
    expect(result.resources.map((resource) => resource.status)).toEqual(['invalid', 'invalid']);
    expect(result.violations.map(({ file, kind, name, path, message, code }) => ({ file, kind, name, path, message, code }))).toEqual([
      { file: 'stages/04-sidecar-injection/apps/carts.yaml', kind: 'Deployment', name: 'carts', path: 'spec.replicaz', message: 'unknown field "replicaz"', code: 'schema' },
      { file: 'stages/04-sidecar-injection/apps/carts.yaml', kind: 'Deployment', name: 'carts', path: 'spec.template.spec.containers[0].image', message: 'expected string or null, but got number', code: 'schema' },
      { file: 'stages/04-sidecar-injection/apps/carts.yaml', kind: 'Deployment', name: 'carts', path: 'metadata.annotations["sidecar.istio.io/inject"]', message: 'expected string or null, but got boolean', code: 'schema' },
      { file: 'stages/06-resilience/apps/carts-virtualservice.yaml', kind: 'VirtualService', name: 'carts', path: 'spec.htttp', message: 'unknown field "htttp"', code: 'schema' },
      { file: 'stages/06-resilience/apps/carts-virtualservice.yaml', kind: 'VirtualService', name: 'carts', path: 'spec.gatewayz', message: 'unknown field "gatewayz"', code: 'schema' },
      { file: 'stages/06-resilience/apps/carts-virtualservice.yaml', kind: 'VirtualService', name: 'carts', path: '', message: "missing properties: 'metadata'", code: 'schema' },
    ]);
    expect(result.violations.every((violation) => violation.severity === 'error' && violation.apiVersion)).toBe(true);
  });

  it('reports errors: a missing schema and a duplicate key', () => {
    const result = parseKubeconformOutput(fixture('v0.7-error.json'));
    expect(result.summary).toBeUndefined();
    expect(result.violations.map(({ kind, path, code }) => ({ kind, path, code }))).toEqual([
      { kind: 'ServiceMeshControlPlane', path: '', code: 'missing-schema' },
      { kind: 'ConfigMap', path: '', code: 'yaml' },
    ]);
    expect(result.violations[1].message).toContain('key "name" already set in map');
    expect(result.violations[1].name).toBeUndefined();
  });

  it('lists skipped resources without violations', () => {
    const result = parseKubeconformOutput(fixture('v0.7-skipped.json'));
    expect(result.violations).toEqual([]);
    expect(result.resources.filter((resource) => resource.status === 'skipped')).toMatchObject([{ kind: 'Route', name: 'front-end' }]);
  });

  it('ties results on stdin back to the sources, with their file, document and line', () => {
    const text = JSON.stringify({
      resources: [{ filename: 'stdin', kind: 'Deployment', name: 'carts', version: 'apps/v1', status: 'statusInvalid', msg: 'x', validationErrors: [{ path: '/spec/template/spec/containers/0/image', msg: 'expected string, but got number' }] }],
    });
    const [violation] = parseKubeconformOutput(text, [CARTS_SERVICE, CARTS]).violations;
    expect(violation).toMatchObject({ file: CARTS.file, index: 0, line: 3, namespace: 'user1-sockshop', path: 'spec.template.spec.containers[0].image' });
  });
});

describe('parseKubeconformOutput, legacy format', () => {
  it('reads VALID without names', () => {
    const result = parseKubeconformOutput(fixture('legacy-valid.json'), [CARTS]);
    expect(result.format).toBe('legacy');
    expect(result.resources).toMatchObject([{ kind: 'Deployment', status: 'valid', source: CARTS }]);
    expect(result.resources[0].name).toBeUndefined();
  });

  it('splits INVALID messages into violations', () => {
    const result = parseKubeconformOutput(fixture('legacy-invalid.json'));
    expect(result.violations.map(({ path, message }) => [path, message])).toEqual([
      ['spec.replicaz', 'unknown field "replicaz"'],
      ['spec.template.spec.containers[0].image', 'Invalid type. Expected: [string,null], given: integer'],
      ['templates', 'unknown field "templates"'],
      ['', 'Invalid type. Expected: [integer,null], given: string'],
    ]);
    expect(result.summary).toEqual({ valid: 0, invalid: 2, errors: 0, skipped: 0 });
  });

  it('reads ERROR and SKIPPED', () => {
    expect(parseKubeconformOutput(fixture('legacy-error.json')).violations).toMatchObject([
      { file: 'stages/02-control-plane/mesh/control-plane.yaml', kind: 'ServiceMeshControlPlane', code: 'missing-schema', message: 'could not find schema for ServiceMeshControlPlane' },
    ]);
    const skipped = parseKubeconformOutput(fixture('legacy-skipped.json'));
    expect(skipped.violations).toEqual([]);
    expect(skipped.resources).toMatchObject([{ kind: 'Route', status: 'skipped' }]);
  });
});

describe('parseKubeconformOutput refuses what it cannot read', () => {
  it.each([
    ['not JSON', 'Summary: 1 resource found'],
    ['no resources', '{"summary": {}}'],
    ['an unknown status', '{"resources": [{"status": "statusWeird"}]}'],
  ])('%s', (_, text) => {
    expect(() => parseKubeconformOutput(text)).toThrow(UserError);
  });

  it('reads an empty list', () => {
    expect(parseKubeconformOutput('{\n  "resources": []\n}\n')).toEqual({ format: 'unknown', resources: [], violations: [] });
  });
});

describe('convertPointer', () => {
  it.each([
    ['', ''],
    ['/spec/replicaz', 'spec.replicaz'],
    ['/spec/template/spec/containers/0/image', 'spec.template.spec.containers[0].image'],
    ['/metadata/labels/app.kubernetes.io~1name', 'metadata.labels["app.kubernetes.io/name"]'],
    ['/data/a~0b', 'data["a~b"]'],
  ])('%s -> %s', (pointer, path) => {
    expect(convertPointer(pointer)).toBe(path);
  });

  it('reads the object to tell a numeric key from an index', () => {
    expect(convertPointer('/data/0', { data: { '0': 'x' } })).toBe('data["0"]');
    expect(convertPointer('/items/0', { items: ['x'] })).toBe('items[0]');
  });

  it('splits legacy messages without a field', () => {
    expect(splitLegacyMessage('For field (root): Additional property kindz is not allowed')).toEqual([{ path: 'kindz', message: 'unknown field "kindz"' }]);
  });
});
