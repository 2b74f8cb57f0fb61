/**
 * The in-process renderer against real kustomize on generated repositories (every stage folder and
 * cluster/ at every stage), then its semantics one by one on small trees, and its errors.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { KustomizationError, UnsupportedKustomizationError } from '../../src/kustomize/errors.js';
import { renderKustomization } from '../../src/kustomize/render-kustomization.js';
import type { KubeObject } from '../../src/render/manifest.js';
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
      // Two real kustomize runs per stage: minutes when the machine is busy.
    }, 300_000);
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
    'components: their resources added, then their patches and replacements, in order, before the folder\'s own patches': {
      'base/r.yaml': CONFIG_MAPS,
      'base/kustomization.yaml': 'resources: [r.yaml]\n',
      'first/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources: [extra.yaml]
patches:
- target: {kind: ConfigMap}
  patch: |
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: any}
    data: {from-first: "1"}
`,
      'first/extra.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: extra, namespace: ns1}\nspec: {ports: [{name: http, port: 80}]}\n',
      'second/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
replacements:
- source: {kind: ConfigMap, name: a, fieldPath: data.from-first}
  targets:
  - select: {kind: Service, name: extra}
    fieldPaths: [metadata.labels.copied]
    options: {create: true}
`,
      'overlay/kustomization.yaml': `resources: [../base]
components: [../first, ../second]
patches:
- patch: |
    apiVersion: v1
    kind: Service
    metadata:
      name: extra
      namespace: ns1
      annotations: {overlay: "last"}
`,
    },
    'a component built on its own, as kustomize allows': {
      'r.yaml': CONFIG_MAPS,
      'kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources: [r.yaml]
patches:
- target: {kind: ConfigMap, name: b}
  patch: |
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: b}
    data: {component: "yes"}
`,
    },
    'inline replacements: whole values, one part of a delimited string, create, select and reject, local-config sources left out': {
      'r.yaml': `${CONFIG_MAPS}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: values
  annotations: {config.kubernetes.io/local-config: "true"}
data: {namespace: team1, host: shop.team1.example.com, revision: team1-istio}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ns1}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, istio.io/rev: placeholder}}
    spec:
      containers:
      - {name: web, image: "registry.example.com/web:1", env: [{name: HOST, value: placeholder.example.com}]}
      - {name: side, image: "registry.example.com/side:1"}
`,
      'kustomization.yaml': `resources: [r.yaml]
replacements:
- source: {kind: ConfigMap, name: values, fieldPath: data.namespace}
  targets:
  - select: {kind: ConfigMap}
    reject: [{name: values}]
    fieldPaths: [metadata.namespace]
    options: {create: true}
  - select: {kind: Deployment}
    fieldPaths: [metadata.namespace]
- source: {kind: ConfigMap, name: values, fieldPath: data.host, options: {delimiter: ".", index: 1}}
  targets:
  - select: {kind: Deployment, name: web}
    fieldPaths: ["spec.template.spec.containers.[name=web].env.[name=HOST].value"]
    options: {delimiter: ".", index: 0}
- source: {kind: ConfigMap, name: values, fieldPath: data.revision}
  targets:
  - select: {kind: Deployment}
    fieldPaths: ["spec.template.metadata.labels.[istio.io/rev]"]
  - select: {kind: Deployment}
    fieldPaths: ["spec.template.spec.containers.*.image"]
    options: {delimiter: ":", index: 1}
    reject: [{kind: Deployment, name: none}]
`,
    },
    'a local-config object without replacements is left out too': {
      'r.yaml': `${CONFIG_MAPS}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: only-local
  annotations: {config.kubernetes.io/local-config: "true"}
data: {k: v}
`,
      'kustomization.yaml': 'resources: [r.yaml]\n',
    },
  };
  /** What each case must show besides agreeing with kustomize, so that agreeing on a no-op cannot pass. */
  const shows: Record<string, (objects: KubeObject[]) => void> = {
    'components: their resources added, then their patches and replacements, in order, before the folder\'s own patches': (objects) => {
      const extra = objects.find((object) => object.kind === 'Service')!;
      expect(extra.metadata).toMatchObject({ labels: { copied: '1' }, annotations: { overlay: 'last' } });
    },
    'a component built on its own, as kustomize allows': (objects) => expect(objects.find((object) => object.metadata.name === 'b')!.data).toMatchObject({ component: 'yes' }),
    'inline replacements: whole values, one part of a delimited string, create, select and reject, local-config sources left out': (objects) => {
      expect(objects.map((object) => object.metadata.name).sort()).toEqual(['a', 'b', 'web']);
      expect(objects.map((object) => object.metadata.namespace)).toEqual(['team1', 'team1', 'team1']);
      const web = objects.find((object) => object.kind === 'Deployment') as any;
      expect(web.spec.template.metadata.labels['istio.io/rev']).toBe('team1-istio');
      expect(web.spec.template.spec.containers[0].env[0].value).toBe('team1.example.com');
      expect(web.spec.template.spec.containers.map((container: any) => container.image)).toEqual(['registry.example.com/web:team1-istio', 'registry.example.com/side:team1-istio']);
    },
    'a local-config object without replacements is left out too': (objects) => expect(objects.map((object) => object.metadata.name).sort()).toEqual(['a', 'b']),
  };
  for (const [name, files] of Object.entries(cases)) {
    it(name, () => {
      const root = writeFiles(files);
      const dir = files['overlay/kustomization.yaml'] ? 'overlay' : '';
      const objects = renderSorted(root, dir);
      expect(objects).toEqual(buildWithKustomize(join(root, dir)));
      shows[name]?.(objects);
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
    ['helmCharts', 'helmCharts: [{name: x}]\n', 'helmCharts'],
    // kustomize runs patches before replacements; the subset does not mix them in one file.
    ['patches and replacements in one kustomization', 'resources: [r.yaml]\npatches:\n- path: p.yaml\nreplacements: []\n', 'replacements'],
    ['an unknown field', 'resources: [r.yaml]\nresourcez: [r.yaml]\n', 'resourcez'],
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

describe('renderKustomization refuses what kustomize refuses', () => {
  const COMPONENT = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [r.yaml]\n';
  const refused: [string, Record<string, string>, RegExp][] = [
    ['a Component listed in resources', { 'c/kustomization.yaml': COMPONENT, 'c/r.yaml': CONFIG_MAPS, 'k/kustomization.yaml': 'resources: [../c]\n' }, /^c\/kustomization\.yaml: is a Component: include it with `components:`/],
    [
      'a Kustomization listed in components',
      { 'c/kustomization.yaml': 'resources: [r.yaml]\n', 'c/r.yaml': CONFIG_MAPS, 'k/kustomization.yaml': 'components: [../c]\n' },
      /^c\/kustomization\.yaml: is included as a component but its kind is not Component/,
    ],
    ['a component that is a file', { 'r.yaml': CONFIG_MAPS, 'k/kustomization.yaml': 'components: [../r.yaml]\n' }, /^k\/kustomization\.yaml:1: component \.\.\/r\.yaml is not a folder/],
  ];
  for (const [name, files, message] of refused) {
    it(name, () => {
      const root = writeFiles(files);
      const error = errorOf(() => render(root, 'k'));
      expect(error).toBeInstanceOf(KustomizationError);
      expect(error.message).toMatch(message);
      const real = spawnSync(KUSTOMIZE.command, [...KUSTOMIZE.args, join(root, 'k')], { encoding: 'utf8' });
      expect(real.status, real.stdout).not.toBe(0);
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
