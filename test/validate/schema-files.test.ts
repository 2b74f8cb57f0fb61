import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAVORS } from '../../src/flavors/registry.js';
import { createSchemaStore, nameCoreSchemaFile, nameGroupSchemaFile, SCHEMA_SETS, schemaSetDir, type SchemaIndexEntry, type SchemaSetId } from '../../src/validate/index.js';

const SCHEMA_DIR = resolve(import.meta.dirname, '..', '..', 'schemas');
const SET_IDS = Object.keys(SCHEMA_SETS) as SchemaSetId[];

/** The shared folder (without its sets/) and each set's folder: each is a kubeconform schema location with its own index.json. */
interface SchemaFolder {
  name: string;
  dir: string;
  set?: SchemaSetId;
  files: string[];
  index: SchemaIndexEntry[];
}
const listFiles = (root: string, dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (!statSync(path).isDirectory()) return [relative(root, path).split('\\').join('/')];
    return root === SCHEMA_DIR && entry === 'sets' && dir === SCHEMA_DIR ? [] : listFiles(root, path);
  });
const readFolder = (name: string, dir: string, set?: SchemaSetId): SchemaFolder => ({
  name,
  dir,
  set,
  files: listFiles(dir, dir).filter((file) => file.endsWith('.json') && file !== 'index.json').sort(),
  index: JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as SchemaIndexEntry[],
});
const FOLDERS: SchemaFolder[] = [readFolder('shared', SCHEMA_DIR), ...SET_IDS.map((set) => readFolder(schemaSetDir(set), join(SCHEMA_DIR, schemaSetDir(set)), set))];

type Node = Record<string, unknown>;

/** Calls `visit` on every schema node (keyword-aware: names inside `properties` are not schemas' keywords). */
function walkSchema(node: unknown, path: string, visit: (node: Node, path: string) => void): void {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  const schema = node as Node;
  visit(schema, path);
  for (const key of ['properties', 'patternProperties', 'definitions']) {
    for (const [name, child] of Object.entries((schema[key] as Node | undefined) ?? {})) walkSchema(child, `${path}/${key}/${name}`, visit);
  }
  for (const key of ['items', 'additionalProperties', 'not']) walkSchema(schema[key], `${path}/${key}`, visit);
  for (const key of ['allOf', 'anyOf', 'oneOf']) ((schema[key] as unknown[] | undefined) ?? []).forEach((child, i) => walkSchema(child, `${path}/${key}/${i}`, visit));
}

describe.each(FOLDERS.map((folder) => [folder.name, folder] as const))('the bundled schemas/ folder: %s', (_name, { dir, set, files: schemaFiles, index }) => {
  it('holds one file per index.json entry, named as kubeconform looks for it', () => {
    expect(index.map((entry) => entry.file).sort()).toEqual(schemaFiles);
    for (const entry of index) {
      expect([nameCoreSchemaFile(entry.apiVersion, entry.kind), nameGroupSchemaFile(entry.apiVersion, entry.kind)]).toContain(entry.file);
    }
    if (!set) expect(schemaFiles).toEqual(expect.arrayContaining(['deployment-apps-v1.json', 'service-v1.json', 'namespace-v1.json', 'configmap-v1.json']));
    // Every set serves the Istio networking API; the set of each flavor is one of them.
    else expect(schemaFiles).toEqual(expect.arrayContaining(['networking.istio.io/virtualservice_v1beta1.json', 'networking.istio.io/destinationrule_v1beta1.json']));
  });
  it('never lets a custom resource find a core file under kubeconform\'s first template', () => {
    const files = new Set(schemaFiles);
    for (const entry of index.filter((e) => e.file.includes('/'))) expect(files.has(nameCoreSchemaFile(entry.apiVersion, entry.kind))).toBe(false);
  });
  it('has only valid JSON, every file compiling with ajv', () => {
    const store = createSchemaStore({ schemaDir: SCHEMA_DIR, set });
    for (const entry of index) {
      expect(() => JSON.parse(readFileSync(join(dir, entry.file), 'utf8'))).not.toThrow();
      expect(store.findSchema(entry.apiVersion, entry.kind), entry.file).toMatchObject({ status: 'found', file: entry.file });
    }
  }, 120_000);
  for (const file of schemaFiles) {
    it(`${file} is strict, self-contained and readable as draft 4`, () => {
      const schema = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Node;
      const entry = index.find((e) => e.file === file) as SchemaIndexEntry;
      const properties = schema.properties as Node;
      expect(properties.apiVersion).toEqual({ enum: [entry.apiVersion], type: 'string' });
      expect(properties.kind).toEqual({ enum: [entry.kind], type: 'string' });
      expect(schema.additionalProperties).toBe(false);
      const definitions = (schema.definitions as Node | undefined) ?? {};
      const problems: string[] = [];
      walkSchema(schema, '#', (node, path) => {
        const declares = node.properties !== undefined && Object.keys(node.properties as Node).length > 0;
        const isObject = node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'));
        if (declares && isObject && !path.includes('/not') && node.additionalProperties === undefined) problems.push(`${path}: open object`);
        for (const key of Object.keys(node)) {
          if (key === 'nullable' || key.startsWith('x-kubernetes-') || key === 'description') problems.push(`${path}: keyword ${key}`);
          if (['const', 'if', 'then', 'else', 'contains', 'propertyNames', '$defs'].includes(key)) problems.push(`${path}: not draft 4: ${key}`);
        }
        if (typeof node.exclusiveMinimum === 'number' || typeof node.exclusiveMaximum === 'number') problems.push(`${path}: draft-6 exclusive limit`);
        if (Array.isArray(node.required) && node.required.length === 0) problems.push(`${path}: empty required`);
        if (typeof node.$ref === 'string') {
          const target = node.$ref.replace('#/definitions/', '');
          if (!node.$ref.startsWith('#/definitions/') || !(target in definitions)) problems.push(`${path}: unresolved ${node.$ref}`);
        }
      });
      expect(problems).toEqual([]);
    });
  }
});

describe('the bundled schemas/ folder as a whole', () => {
  it('has a set for every flavor, and no kind in a set that the shared folder also holds', () => {
    for (const flavor of FLAVORS) expect(SET_IDS).toContain(flavor.schemaSet);
    const shared = new Set(FOLDERS[0].index.map((entry) => `${entry.apiVersion} ${entry.kind}`));
    for (const folder of FOLDERS.slice(1)) expect(folder.index.filter((entry) => shared.has(`${entry.apiVersion} ${entry.kind}`))).toEqual([]);
  });
  it('records where every file came from in LICENSES.md', () => {
    const licenses = readFileSync(join(SCHEMA_DIR, 'LICENSES.md'), 'utf8');
    for (const name of ['kubernetes-models', '@kubernetes-models/flux-cd']) expect(licenses).toContain(`\`${name}\``);
    for (const upstream of ['argoproj/argo-cd', 'fluxcd/source-controller', 'fluxcd/kustomize-controller']) expect(licenses).toContain(upstream);
    const everyFile = FOLDERS.flatMap((folder) => folder.files.map((file) => (folder.set ? `${schemaSetDir(folder.set)}/${file}` : file)));
    for (const file of everyFile.filter((f) => /(^|\/)(maistra\.io|route\.openshift\.io|operators\.coreos\.com|kiali\.io|sailoperator\.io|monitoring\.coreos\.com|networking\.istio\.io)\//.test(f))) expect(licenses).toContain(`\`${file}\``);
    for (const upstream of ['istio/istio', 'istio-ecosystem/sail-operator', 'maistra/istio-operator', 'prometheus-operator/prometheus-operator']) expect(licenses).toContain(upstream);
  });
});
