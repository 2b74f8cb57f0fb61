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
import { SCHEMA_SETS, schemaSetDir, type SchemaSetId } from '../../src/validate/schema-sets.js';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCHEMA_SOURCE_DIR = resolve(PACKAGE_ROOT, 'schemas-src');
export const SCHEMA_OUTPUT_DIR = resolve(PACKAGE_ROOT, 'schemas');

export interface SchemaIndexEntry {
  apiVersion: string;
  kind: string;
  file: string;
}

/** Where a built schema goes: the shared folder, or the folder of one schema set. */
type Folder = SchemaSetId | 'shared';

/** Every file of the schema folder: path inside the folder → content. */
export function buildSchemaFiles(sourceDir: string = SCHEMA_SOURCE_DIR): Map<string, string> {
  const files = new Map<string, string>();
  const origins: BuiltFileOrigin[] = [];
  const indexes = new Map<Folder, SchemaIndexEntry[]>([['shared', []], ...Object.keys(SCHEMA_SETS).map((set): [Folder, SchemaIndexEntry[]] => [set as SchemaSetId, []])]);
  const harvest = harvestNpmSchemas();
  applyNpmPatches(harvest.definitions, NPM_PATCHES);
  const pool = createDefinitionPool(harvest.definitions);

  const add = (folder: Folder, entry: SchemaIndexEntry, schema: Json, origin: Omit<BuiltFileOrigin, 'file'>): void => {
    const path = folder === 'shared' ? entry.file : `${schemaSetDir(folder)}/${entry.file}`;
    if (files.has(path)) throw new Error(`two sources write ${path}`);
    files.set(path, compactJson(schema));
    origins.push({ file: path, ...origin });
    indexes.get(folder)!.push(entry);
  };

  for (const found of harvest.kinds) {
    const root = harvest.definitions.get(found.rootId);
    if (!root) throw new Error(`missing root schema ${found.rootId}`);
    const file = found.layout === 'core' ? nameCoreSchemaFile(found.apiVersion, found.kind) : nameGroupSchemaFile(found.apiVersion, found.kind);
    add('shared', { apiVersion: found.apiVersion, kind: found.kind, file }, bundleKindSchema({ ...found, root }, pool), { npm: found.source });
  }
  for (const { file: sourceFile, source } of readOwnSources(sourceDir)) {
    const { folder, inner } = splitSourcePath(sourceFile);
    const file = nameGroupSchemaFile(source.apiVersion, source.kind);
    if (file !== inner) throw new Error(`schemas-src/${sourceFile} holds ${source.apiVersion} ${source.kind}; name it ${file}`);
    const root = applyRefinements(source.schema, source.refinements);
    add(folder, { apiVersion: source.apiVersion, kind: source.kind, file }, bundleKindSchema({ ...source, root }, pool), { own: source });
  }

  const shared = indexes.get('shared')!;
  for (const [folder, index] of indexes) {
    checkNoShadowing(folder === 'shared' ? index : [...index, ...shared]);
    index.sort((a, b) => a.file.localeCompare(b.file));
    files.set(folder === 'shared' ? 'index.json' : `${schemaSetDir(folder)}/index.json`, stringifySorted(index as unknown as Json));
  }
  origins.sort((a, b) => a.file.localeCompare(b.file));
  files.set('LICENSES.md', renderLicenses(origins, NPM_SOURCES, NPM_PATCHES));
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** `sets/<set>/<group>/<file>` belongs to a set; anything else is shared. */
function splitSourcePath(sourceFile: string): { folder: Folder; inner: string } {
  const match = /^sets\/([^/]+)\/(.+)$/.exec(sourceFile);
  if (!match) return { folder: 'shared', inner: sourceFile };
  if (!(match[1] in SCHEMA_SETS)) throw new Error(`schemas-src/${sourceFile}: ${match[1]} is not a schema set (${Object.keys(SCHEMA_SETS).join(', ')})`);
  return { folder: match[1] as SchemaSetId, inner: match[2] };
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
