/**
 * The whole schema build as one function of its inputs (the npm packages and `schemas-src/`):
 * returns every file of the `schemas/` folder as text, keyed by its path inside the folder. The
 * script writes them; the tests compare them with the committed folder.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nameCoreSchemaFile, nameGroupSchemaFile } from '../../src/validate/schema-names.js';
import { bundleKindSchema, createDefinitionPool } from './bundle.js';
import { stringifySorted, type Json } from '../../src/validate/crd/json.js';
import { renderLicenses, type BuiltFileOrigin } from './licenses.js';
import { applyNpmPatches, NPM_PATCHES } from './npm-patches.js';
import { harvestNpmSchemas, NPM_SOURCES } from './npm-sources.js';
import { applyRefinements, readOwnSources } from './own-sources.js';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCHEMA_SOURCE_DIR = resolve(PACKAGE_ROOT, 'schemas-src');
export const SCHEMA_OUTPUT_DIR = resolve(PACKAGE_ROOT, 'schemas');

export interface SchemaIndexEntry {
  apiVersion: string;
  kind: string;
  file: string;
}

/** Every file of the schema folder: path inside the folder → content. */
export function buildSchemaFiles(sourceDir: string = SCHEMA_SOURCE_DIR): Map<string, string> {
  const files = new Map<string, string>();
  const origins: BuiltFileOrigin[] = [];
  const index: SchemaIndexEntry[] = [];
  const harvest = harvestNpmSchemas();
  applyNpmPatches(harvest.definitions, NPM_PATCHES);
  const pool = createDefinitionPool(harvest.definitions);

  const add = (entry: SchemaIndexEntry, schema: Json, origin: Omit<BuiltFileOrigin, 'file'>): void => {
    if (files.has(entry.file)) throw new Error(`two sources write ${entry.file}`);
    files.set(entry.file, compactJson(schema));
    origins.push({ file: entry.file, ...origin });
    index.push(entry);
  };

  for (const found of harvest.kinds) {
    const root = harvest.definitions.get(found.rootId);
    if (!root) throw new Error(`missing root schema ${found.rootId}`);
    const file = found.layout === 'core' ? nameCoreSchemaFile(found.apiVersion, found.kind) : nameGroupSchemaFile(found.apiVersion, found.kind);
    add({ apiVersion: found.apiVersion, kind: found.kind, file }, bundleKindSchema({ ...found, root }, pool), { npm: found.source });
  }
  for (const { file: sourceFile, source } of readOwnSources(sourceDir)) {
    const file = nameGroupSchemaFile(source.apiVersion, source.kind);
    if (file !== sourceFile) throw new Error(`schemas-src/${sourceFile} holds ${source.apiVersion} ${source.kind}; name it ${file}`);
    const root = applyRefinements(source.schema, source.refinements);
    add({ apiVersion: source.apiVersion, kind: source.kind, file }, bundleKindSchema({ ...source, root }, pool), { own: source });
  }

  checkNoShadowing(index);
  index.sort((a, b) => a.file.localeCompare(b.file));
  origins.sort((a, b) => a.file.localeCompare(b.file));
  files.set('index.json', stringifySorted(index as unknown as Json));
  files.set('LICENSES.md', renderLicenses(origins, NPM_SOURCES, NPM_PATCHES));
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** One line of JSON with sorted keys: about a third of the indented size, and kubeconform reads it the same. */
function compactJson(schema: Json): string {
  return `${JSON.stringify(JSON.parse(stringifySorted(schema)))}\n`;
}

/**
 * kubeconform tries the core layout first: a custom resource must never find a core file there
 * (e.g. networking.istio.io and networking.k8s.io share the suffix `-networking-<version>`).
 */
function checkNoShadowing(index: readonly SchemaIndexEntry[]): void {
  const files = new Set(index.map((entry) => entry.file));
  for (const entry of index) {
    const coreName = nameCoreSchemaFile(entry.apiVersion, entry.kind);
    if (entry.file !== coreName && files.has(coreName)) {
      throw new Error(`${entry.apiVersion} ${entry.kind} would be validated against ${coreName} by kubeconform`);
    }
  }
}
