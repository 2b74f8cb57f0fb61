import { describe, expect, it } from 'vitest';
import { diffFields, formatFieldChange } from '../../src/diff/field-diff.js';

describe('diffFields', () => {
  it('names added, removed and changed leaves by path, quoting keys that are not plain, in one key order', () => {
    const before = { spec: { replicas: 1, template: { metadata: { labels: { app: 'a' } } }, old: true } };
    const after = { spec: { replicas: 2, template: { metadata: { labels: { app: 'a' }, annotations: { 'sidecar.istio.io/inject': 'true' } } } } };
    // Keys in one order whatever order either side was written in: metadata keys first, then alphabetically.
    const expected = [
      { type: 'removed', path: 'spec.old', before: true },
      { type: 'changed', path: 'spec.replicas', before: 1, after: 2 },
      { type: 'added', path: 'spec.template.metadata.annotations["sidecar.istio.io/inject"]', after: 'true' },
    ];
    expect(diffFields(before, after)).toEqual(expected);
    const reversed = (value: unknown): unknown =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reversed(item)])) : value;
    expect(diffFields(reversed(before), reversed(after))).toEqual(expected);
  });

  it('matches named list items by name, so an insertion does not shift every later item', () => {
    const before = { containers: [{ name: 'app', image: 'a:1' }, { name: 'log', image: 'l:1' }] };
    const after = { containers: [{ name: 'proxy', image: 'p:1' }, { name: 'app', image: 'a:2' }, { name: 'log', image: 'l:1' }] };
    expect(diffFields(before, after)).toEqual([
      { type: 'added', path: 'containers[name=proxy].name', after: 'proxy' },
      { type: 'added', path: 'containers[name=proxy].image', after: 'p:1' },
      { type: 'changed', path: 'containers[name=app].image', before: 'a:1', after: 'a:2' },
    ]);
  });

  it('falls back to indexes for unnamed items, and treats empty objects and lists as leaves', () => {
    expect(diffFields({ route: [{ w: 100 }] }, { route: [{ w: 80 }, { w: 20 }], extra: {} })).toEqual([
      { type: 'added', path: 'extra', after: {} },
      { type: 'changed', path: 'route[0].w', before: 100, after: 80 },
      { type: 'added', path: 'route[1].w', after: 20 },
    ]);
    expect(diffFields({ a: [1] }, { a: [1] })).toEqual([]);
  });

  it('formats each change as diff lines', () => {
    expect(formatFieldChange({ type: 'changed', path: 'spec.timeout', before: '1s', after: '0.5s' })).toEqual(['- spec.timeout: "1s"', '+ spec.timeout: "0.5s"']);
    expect(formatFieldChange({ type: 'added', path: 'a', after: 80 })).toEqual(['+ a: 80']);
    expect(formatFieldChange({ type: 'removed', path: 'b', before: false })).toEqual(['- b: false']);
  });
});
