/**
 * The in-process renderer against real kustomize on generated repositories (every stage folder and
 * cluster/ at every stage), then its semantics one by one on small trees, and its errors.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { KustomizationError, UnsupportedKustomizationError } from '../../src/kustomize/errors.js';
import { renderKustomization } from '../../src/kustomize/render-kustomization.js';
import { createWorkingTreeReader } from '../../src/kustomize/repo-reader.js';
import { ENTRY_DIR, stageDir } from '../../src/layout/layout.js';
import { sortObjects } from '../../src/diff/compare-objects.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { buildWithKustomize, KUSTOMIZE } from '../helpers/kustomize.js';
import { makeTempDir } from '../helpers/temp.js';
import { writeTree } from '../helpers/tree.js';

function render(root: string, dir: string) {
  return renderKustomization(createWorkingTreeReader(root), dir).objects;
}

function renderSorted(root: string, dir: string) {
  return sortObjects(render(root, dir).map((rendered) => rendered.object));
}

function writeFiles(files: Record<string, string>): string {
  const root = makeTempDir();
  writeTree(root, new Map(Object.entries(files)));
  return root;
}

const CONFIG_MAPS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  namespace: ns1
  labels: {app: x}
data: {k: v}
---
# a comment before the second document
apiVersion: v1
kind: ConfigMap
metadata: {name: b, labels: {app: y}}
data: {k: v}
`;

function errorOf(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe(`renderKustomization equals ${KUSTOMIZE.command} ${KUSTOMIZE.args.join(' ')}`, () => {
  for (const answers of [{ gitops: 'both' }, { gitops: 'flux', tenant: '' }]) {
    it(`for every stage folder and ${ENTRY_DIR}/ at every stage (${JSON.stringify(answers)})`, () => {
      const plans = planStages(checkSettings(answers));
      for (const plan of plans) {
        const root = makeTempDir();
        writeTree(root, plan.files);
        for (const dir of [ENTRY_DIR, stageDir(plan.stage)]) {
          expect(renderSorted(root, dir), `${plan.tag} ${dir}`).toEqual(buildWithKustomize(join(root, dir)));
        }
        // earlier stage folders stay buildable in later trees
        for (const earlier of plans.slice(0, plans.indexOf(plan))) {
          expect(renderSorted(root, stageDir(earlier.stage)), `${plan.tag} ${stageDir(earlier.stage)}`).toEqual(earlier.objects);
        }
      }
    });
  }
});

describe('renderKustomization semantics (checked against kustomize)', () => {
  const cases: Record<string, Record<string, string>> = {
    'targets by kind, regex name, namespace default, labels; nulls remove keys': {
      'base/r.yaml': CONFIG_MAPS,
      'base/kustomization.yaml': 'resources: [r.yaml]\n',
      'overlay/kustomization.yaml': `resources: [../base]
patches:
- target: {kind: ConfigMap, namespace: default}
  patch: |
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: ignored}
    data: {six: "6"}
- target: {kind: Config.*, name: a|zz}
  patch: |
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: ignored}
    data: {regex: "1", k: null}
- target: {kind: ConfigMap, labelSelector: "app=y"}
  path: p/labels.yaml
- target: {kind: Secret}
  patch: |
    apiVersion: v1
    kind: Secret
    metadata: {name: none}
    data: {x: y}
- patch: |
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: b, namespace: default}
    data: {n: {a: null, b: 1}}
`,
      'overlay/p/labels.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, annotations: {seen: "yes"}}\n',
    },
    'delete by target and by identity; lists of custom resources replaced': {
      'r.yaml': `${CONFIG_MAPS}---
apiVersion: example.com/v1
kind: Foo
metadata: {name: f, namespace: ns1}
spec:
  items: [{name: x, v: 1}, {name: y}]
`,
      'kustomization.yaml': `resources: [r.yaml]
patches:
- target: {kind: ConfigMap, name: b}
  patch: |
    $patch: delete
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: b}
- patch: |
    apiVersion: example.com/v1
    kind: Foo
    metadata: {name: f, namespace: ns1}
    spec:
      items: [{name: x, v: 2}]
`,
    },
  };
  for (const [name, files] of Object.entries(cases)) {
    it(name, () => {
      const root = writeFiles(files);
      const dir = files['overlay/kustomization.yaml'] ? 'overlay' : '';
      expect(renderSorted(root, dir)).toEqual(buildWithKustomize(join(root, dir)));
    });
  }

  it('keeps the file, document index, line and patches of every object', () => {
    const root = writeFiles({ 'r.yaml': `---\n${CONFIG_MAPS}`, 'p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {k: w}\n', 'kustomization.yaml': 'resources: [r.yaml]\npatches:\n- path: p.yaml\n' });
    const objects = render(root, '');
    expect(objects.map(({ file, index, line, patchedBy }) => ({ file, index, line, patchedBy }))).toEqual([
      { file: 'r.yaml', index: 0, line: 2, patchedBy: [] },
      { file: 'r.yaml', index: 1, line: 11, patchedBy: ['p.yaml'] },
    ]);
  });
});

describe('renderKustomization refuses what it does not support, naming the file and the field', () => {
  const unsupported: [string, string, string][] = [
    ['namePrefix', 'resources: [r.yaml]\nnamePrefix: x-\n', 'namePrefix'],
    ['namespace', 'resources: [r.yaml]\nnamespace: other\n', 'namespace'],
    ['labels', 'resources: [r.yaml]\nlabels: [{pairs: {a: b}}]\n', 'labels'],
    ['images', 'resources: [r.yaml]\nimages: [{name: x, newTag: "2"}]\n', 'images'],
    ['configMapGenerator', 'configMapGenerator: [{name: c, literals: [a=b]}]\n', 'configMapGenerator'],
    ['components', 'resources: [r.yaml]\ncomponents: [../c]\n', 'components'],
    ['helmCharts', 'helmCharts: [{name: x}]\n', 'helmCharts'],
    ['replacements', 'resources: [r.yaml]\nreplacements: []\n', 'replacements'],
    ['an unknown field', 'resources: [r.yaml]\nresourcez: [r.yaml]\n', 'resourcez'],
    ['a Component', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n', 'kind'],
    ['patch options', 'resources: [r.yaml]\npatches:\n- path: p.yaml\n  options: {allowNameChange: true}\n', 'patches[0].options'],
    ['JSON 6902 operations', 'resources: [r.yaml]\npatches:\n- target: {kind: ConfigMap}\n  patch: |\n    - op: add\n      path: /data/x\n      value: y\n', 'patches[0]'],
    ['$patch: replace', 'resources: [r.yaml]\npatches:\n- patch: |\n    $patch: replace\n    apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: b}\n', '$patch'],
    ['a list in a patch of a built-in kind', 'resources: [r.yaml]\npatches:\n- patch: |\n    apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: b, finalizers: [x]}\n', 'patches'],
    ['a remote resource', 'resources: [https://github.com/org/repo//base?ref=v1]\n', 'resources[0]'],
  ];
  for (const [name, kustomization, field] of unsupported) {
    it(name, () => {
      const root = writeFiles({ 'r.yaml': CONFIG_MAPS, 'k/kustomization.yaml': kustomization, 'k/r.yaml': CONFIG_MAPS, 'k/p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n' });
      const error = errorOf(() => render(root, 'k'));
      expect(error).toBeInstanceOf(UnsupportedKustomizationError);
      expect(error).toMatchObject({ file: expect.stringMatching(/^k\//), field });
      expect(error.message).toContain(field);
    });
  }
});

describe('renderKustomization reports bad input with the file and the line', () => {
  const bad: [string, Record<string, string>, RegExp][] = [
    ['malformed YAML', { 'r.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a\ndata: x\n' }, /^r\.yaml:\d+: invalid YAML/],
    ['a duplicate key', { 'r.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n' }, /^r\.yaml:5: invalid YAML: duplicated mapping key/],
    ['a document that is not an object', { 'r.yaml': `${CONFIG_MAPS}---\n- just\n- a list\n` }, /^r\.yaml:15: document 3 is not a map/],
    ['an object without a name', { 'r.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n' }, /^r\.yaml:1: document 1 is not a Kubernetes object/],
    ['a missing resource', { 'r.yaml': CONFIG_MAPS, 'kustomization.yaml': 'resources:\n- r.yaml\n- missing.yaml\n' }, /^kustomization\.yaml:3: resource missing\.yaml does not exist/],
    ['bad YAML in the kustomization', { 'kustomization.yaml': 'resources: [r.yaml\n' }, /^kustomization\.yaml:\d+: invalid YAML/],
    ['a patch that matches nothing', { 'r.yaml': CONFIG_MAPS, 'kustomization.yaml': 'resources: [r.yaml]\npatches:\n- patch: |\n    apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n' }, /^kustomization\.yaml:3: patches\[0\]: no object v1 ConfigMap\/a/],
    ['a resource added twice', { 'r.yaml': CONFIG_MAPS, 'kustomization.yaml': 'resources: [r.yaml, r.yaml]\n' }, /already added by r\.yaml/],
    ['a folder without a kustomization', { 'r.yaml': CONFIG_MAPS, 'empty/x.txt': '', 'kustomization.yaml': 'resources: [empty]\n' }, /^empty: no kustomization\.yaml/],
  ];
  for (const [name, files, message] of bad) {
    it(name, () => {
      const root = writeFiles({ 'kustomization.yaml': 'resources: [r.yaml]\n', ...files });
      const error = errorOf(() => render(root, ''));
      expect(error).toBeInstanceOf(KustomizationError);
      expect(error).toBeInstanceOf(UserError);
      expect(error.message).toMatch(message);
    });
  }

  it('refuses resource files above the kustomization and paths that leave the repository', () => {
    const root = writeFiles({ 'r.yaml': CONFIG_MAPS, 'k/kustomization.yaml': 'resources: [../r.yaml]\n', 'out/kustomization.yaml': 'resources: [../../elsewhere]\n', 'abs/kustomization.yaml': 'resources: [/etc]\n' });
    expect(errorOf(() => render(root, 'k')).message).toMatch(/^k\/kustomization\.yaml:1: resource file \.\.\/r\.yaml is not in or below k/);
    expect(errorOf(() => render(root, 'out')).message).toMatch(/leaves the repository root/);
    expect(errorOf(() => render(root, 'abs')).message).toMatch(/absolute path "\/etc" is not allowed/);
    expect(errorOf(() => render(root, '../x')).message).toMatch(/leaves the repository root/);
  });
});
