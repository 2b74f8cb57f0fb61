import { describe, expect, it } from 'vitest';
import { appendPathSegment, formatJsonPath } from '../../src/validate/json-path.js';

describe('formatJsonPath', () => {
  const root = { spec: { containers: [{ ports: [{ name: 'http' }] }] }, metadata: { annotations: { 'sidecar.istio.io/inject': 'true', '0': 'x' } } };
  it('writes keys with dots and indexes in brackets', () => {
    expect(formatJsonPath('/spec/containers/0/ports/0/name', root)).toBe('spec.containers[0].ports[0].name');
  });
  it('quotes keys that are not plain names, and reads ~1 and ~0', () => {
    expect(formatJsonPath('/metadata/annotations/sidecar.istio.io~1inject', root)).toBe('metadata.annotations["sidecar.istio.io/inject"]');
    expect(formatJsonPath('/metadata/annotations/a~0b', root)).toBe('metadata.annotations["a~b"]');
  });
  it('tells a numeric map key from an array index', () => {
    expect(formatJsonPath('/metadata/annotations/0', root)).toBe('metadata.annotations["0"]');
  });
  it('is empty for the whole document', () => {
    expect(formatJsonPath('', root)).toBe('');
    expect(appendPathSegment('', 'kind')).toBe('kind');
  });
});
