/**
 * The schemas a generated repository carries for its own CI (`scripts/validate.sh`, see
 * ./ci-workflow.ts): for every apiVersion and kind that any commit renders in any folder an engine
 * syncs, the schema file kubeconform would find first in the bundled `schemas/` folder, copied to
 * the same path below the repository's `schemas/` (the flavor's set in `schemas/sets/<set>/`, the
 * shared ones at the top), with an index.json per folder and the bundled LICENSES.md. Only those
 * kinds, so the repository stays small; a kind added by hand needs its schema added too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { createMemoryReader, renderKustomization, type RenderCache, type RenderedObject } from '../kustomize/index.js';
import { BOOTSTRAP_DIR, SCHEMAS_DIR, STAGES_DIR } from '../layout/layout.js';
import { locateBundledSchemaDir } from '../validate/schema-loader.js';
import { listSchemaFileCandidates } from '../validate/schema-names.js';
import { schemaSetDir, type SchemaSetId } from '../validate/schema-sets.js';
import { CI_WALKED_ROOTS } from './ci-workflow.js';

type Tree = ReadonlyMap<string, string>;

/** The folders scripts/validate.sh checks in a tree, in its order: stages/*, bootstrap/*, then every kustomization below cluster/ and tenants/. */
export function listValidatedPaths(files: Iterable<string>): string[] {
  const paths = [...files];
  const topLevel = (root: string) =>
    [...new Set(paths.filter((path) => path.startsWith(`${root}/`) && path.split('/').length === 3 && path.endsWith('/kustomization.yaml')).map((path) => posix.dirname(path)))].sort();
  const walked = (root: string) =>
    paths
      .filter((path) => path.startsWith(`${root}/`) && (path.endsWith('/kustomization.yaml')))
      .map((path) => posix.dirname(path))
      .sort();
  return [...topLevel(STAGES_DIR), ...topLevel(BOOTSTRAP_DIR), ...CI_WALKED_ROOTS.flatMap(walked)];
}

export interface KindRef {
  apiVersion: string;
  kind: string;
}

/**
 * Every apiVersion + kind the validated folders of the trees render to. Stage folders never change
 * once written, so their renders are shared between trees (and with the planner, through
 * `stageCache`, whose entries below stages/ are used); every other folder is rendered per tree.
 */
export function collectRenderedKinds(trees: readonly Tree[], stageCache: RenderCache = new Map()): KindRef[] {
  const seen = new Map<string, KindRef>();
  for (const tree of trees) {
    const local = new Map<string, readonly RenderedObject[]>();
    const cache = {
      get: (dir: string) => (dir.startsWith(`${STAGES_DIR}/`) ? stageCache : local).get(dir),
      set: (dir: string, objects: readonly RenderedObject[]) => (dir.startsWith(`${STAGES_DIR}/`) ? stageCache : local).set(dir, objects),
    } as unknown as RenderCache;
    const reader = createMemoryReader(tree);
    for (const dir of listValidatedPaths(tree.keys())) {
      for (const { object } of renderKustomization(reader, dir, cache).objects) {
        const apiVersion = String(object.apiVersion);
        const kind = String(object.kind);
        seen.set(`${apiVersion}\n${kind}`, { apiVersion, kind });
      }
    }
  }
  return [...seen.values()].sort((a, b) => a.apiVersion.localeCompare(b.apiVersion) || a.kind.localeCompare(b.kind));
}

/** The folders the script looks in, in kubeconform's order, relative to a schema root. */
function lookupFolders(set: SchemaSetId): string[] {
  return [schemaSetDir(set), ''];
}

/** The file kubeconform finds first for a kind below a schema root (set core, set group, shared core, shared group), or undefined. */
export function findSchemaFile(root: string, set: SchemaSetId, ref: KindRef): string | undefined {
  for (const folder of lookupFolders(set)) {
    for (const file of listSchemaFileCandidates(ref.apiVersion, ref.kind)) {
      const path = folder ? `${folder}/${file}` : file;
      if (existsSync(join(root, path))) return path;
    }
  }
  return undefined;
}

/** The repository's `schemas/` files for these kinds; a kind without a bundled schema is an error (the CI would fail on it). */
export function planRepositorySchemas(set: SchemaSetId, kinds: readonly KindRef[], bundled: string = locateBundledSchemaDir()): Map<string, string> {
  const files = new Map<string, string>();
  const indexes = new Map<string, { apiVersion: string; file: string; kind: string }[]>(lookupFolders(set).map((folder) => [folder, []]));
  const missing: string[] = [];
  for (const ref of kinds) {
    const path = findSchemaFile(bundled, set, ref);
    if (!path) {
      missing.push(`${ref.apiVersion} ${ref.kind}`);
      continue;
    }
    files.set(`${SCHEMAS_DIR}/${path}`, readFileSync(join(bundled, path), 'utf8'));
    const folder = path.startsWith(`${schemaSetDir(set)}/`) ? schemaSetDir(set) : '';
    indexes.get(folder)!.push({ apiVersion: ref.apiVersion, file: folder ? path.slice(folder.length + 1) : path, kind: ref.kind });
  }
  if (missing.length > 0) throw new Error(`no bundled schema for ${missing.join(', ')}: the repository's CI could not validate it`);
  for (const [folder, entries] of indexes) {
    if (entries.length === 0) continue;
    files.set(`${SCHEMAS_DIR}/${folder ? `${folder}/` : ''}index.json`, `${JSON.stringify(entries, null, 2)}\n`);
  }
  const licences = readFileSync(join(bundled, 'LICENSES.md'), 'utf8');
  files.set(
    `${SCHEMAS_DIR}/LICENSES.md`,
    `<!-- Copied by generator-sockshop-mesh with the schemas this repository's kinds need (a subset of the files listed below). -->\n${licences}`,
  );
  return files;
}
