import { describe, expect, it } from 'vitest';
import { dumpObjects, parseObjects } from '../../src/render/manifest.js';
import { renderTemplate } from '../../src/render/template.js';

describe('renderTemplate', () => {
  it('refuses a missing value, naming the template', () => {
    expect(() => renderTemplate('stages/03-member-roll/mesh/member-roll.yaml', { names: {} })).toThrow(/cannot render template stages\/03-member-roll\/mesh\/member-roll.yaml: line 6: a value given to \{\{json\}\} is not defined/);
    expect(() => renderTemplate('stages/00-baseline/README.md.hbs', {})).toThrow(/^cannot render template stages\/00-baseline\/README.md.hbs: /);
  });
  it('inserts values only as quoted scalars', () => {
    const text = renderTemplate('stages/03-member-roll/mesh/member-roll.yaml', { names: { meshNamespace: 'a\nb: c', appNamespace: '- x' } });
    const [roll] = parseObjects(text, 'member-roll.yaml');
    expect(roll.metadata.namespace).toBe('a\nb: c');
    expect((roll.spec as { members: string[] }).members).toEqual(['- x']);
  });
});

describe('manifests', () => {
  it('dump apiVersion, kind and metadata first, keep a header comment, and quote YAML 1.1 booleans such as n and y', () => {
    const text = dumpObjects([{ spec: { a: 1 }, metadata: { labels: { x: 'y' }, name: 'n' }, kind: 'K', apiVersion: 'v1' }], '# header');
    expect(text).toBe("# header\napiVersion: v1\nkind: K\nmetadata:\n  name: 'n'\n  labels:\n    x: 'y'\nspec:\n  a: 1\n");
  });
  it('name the file when a document is not a Kubernetes object', () => {
    expect(() => parseObjects('a: 1\n', 'x.yaml')).toThrow('x.yaml: document 1 is not a Kubernetes object');
    expect(() => parseObjects('a: [\n', 'x.yaml')).toThrow(/x.yaml: invalid YAML/);
  });
});
