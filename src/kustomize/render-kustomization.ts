/**
 * `kustomize build` of one folder, in-process, for the subset our overlays use (see
 * read-kustomization.ts): resources (files, and folders with their own kustomization, recursively),
 * then components (their resources added, their patches and replacements applied to everything
 * accumulated so far), then the folder's own patches or replacements. A Component may be the folder
 * built, as in kustomize, but not a resource of another folder. Objects annotated
 * `config.kubernetes.io/local-config: "true"` feed replacements and are left out of the result. Every object keeps the file and
 * line it came from and the patch files that changed it. As in kustomize, resource and patch files
 * must lie in or below the kustomization's folder (folders may be anywhere in the repository), an
 * object may be added once, and a patch without a target must match exactly one object; a
 * target that selects nothing is no error.
 */
import type { KubeObject } from '../render/manifest.js';
import type { SourcedObject } from '../validate/types.js';
import { KustomizationError, UnsupportedKustomizationError } from './errors.js';
import { isMap, parseDocuments } from './parse-documents.js';
import { KUSTOMIZATION_FILE_NAMES, readKustomization, type Kustomization, type PatchEntry } from './read-kustomization.js';
import { resolveRepoPath, type RepoReader } from './repo-reader.js';
import { compileTarget, isSameObject } from './select-objects.js';
import { applyReplacements } from './replacements.js';
import { checkListMerge, checkPatchDirectives, mergeStrategic } from './strategic-merge.js';

export interface RenderedObject extends SourcedObject {
  line: number;
  object: KubeObject;
  /** The patch files (or `kustomization.yaml (patches[i])`) that changed the object, in order. */
  patchedBy: string[];
}

export interface KustomizationRender {
  objects: RenderedObject[];
}

/**
 * Folders already rendered, by repository path, for one reader whose files do not change while it
 * is used. Stages chain onto the folders of earlier stages, so rendering every stage of a repository
 * with one cache renders (and parses) each folder once. Rendered objects are never changed in place.
 */
export type RenderCache = Map<string, readonly RenderedObject[]>;

export function findKustomizationFile(reader: RepoReader, dir: string): string | undefined {
  return KUSTOMIZATION_FILE_NAMES.map((name) => (dir ? `${dir}/${name}` : name)).find((file) => reader.readFile(file) !== undefined);
}

function isInside(dir: string, path: string): boolean {
  return dir === '' || path.startsWith(`${dir}/`);
}

function describeId(object: KubeObject): string {
  return `${object.apiVersion} ${object.kind}/${object.metadata.name}${object.metadata.namespace ? ` (${object.metadata.namespace})` : ''}`;
}

/** The Kubernetes objects of one resource file. */
export function readResourceFile(text: string, file: string): RenderedObject[] {
  return parseDocuments(text, file).flatMap(({ index, line, value }) => {
    if (value === null) return [];
    if (!isMap(value)) throw new KustomizationError(file, line, `document ${index + 1} is not a map (a Kubernetes object)`);
    const metadata = value.metadata;
    if (typeof value.apiVersion !== 'string' || typeof value.kind !== 'string' || !isMap(metadata) || typeof metadata.name !== 'string') {
      throw new KustomizationError(file, line, `document ${index + 1} is not a Kubernetes object with apiVersion, kind and metadata.name`);
    }
    if (value.kind.endsWith('List') && Array.isArray(value.items)) throw new UnsupportedKustomizationError(file, 'items', `a ${value.kind} of objects`);
    return [{ file, index, line, object: value as KubeObject, patchedBy: [] }];
  });
}

function readPatches(reader: RepoReader, kustomization: Kustomization, dir: string, entry: PatchEntry): { source: string; patches: KubeObject[] } {
  const { file } = kustomization;
  let source = `${file} (${entry.field})`;
  let text = entry.patch ?? '';
  if (entry.path !== undefined) {
    source = resolveRepoPath(dir, entry.path, `${file}:${entry.line}`);
    if (!isInside(dir, source)) throw new KustomizationError(file, entry.line, `patch ${entry.path} is not in or below ${dir || 'the repository root'}`);
    const read = reader.readFile(source);
    if (read === undefined) throw new KustomizationError(file, entry.line, `patch file ${entry.path} does not exist`);
    text = read;
  }
  const documents = parseDocuments(text, source).filter((document) => document.value !== null);
  if (documents.length > 1 && entry.target) throw new KustomizationError(file, entry.line, `${entry.field}: a patch with a target must hold one document`);
  const patches = documents.map(({ line, value }) => {
    if (Array.isArray(value)) throw new UnsupportedKustomizationError(file, entry.field, 'JSON 6902 operations');
    const patch = value as Partial<KubeObject>;
    if (!isMap(value) || typeof patch.apiVersion !== 'string' || typeof patch.kind !== 'string' || typeof patch.metadata?.name !== 'string') {
      throw new UnsupportedKustomizationError(file, entry.field, `${source}:${line} is not a strategic-merge patch with apiVersion, kind and metadata.name`);
    }
    checkPatchDirectives(value, source);
    return value as KubeObject;
  });
  return { source, patches };
}

function applyPatchEntry(objects: RenderedObject[], reader: RepoReader, kustomization: Kustomization, dir: string, entry: PatchEntry): RenderedObject[] {
  const { source, patches } = readPatches(reader, kustomization, dir, entry);
  let result = objects;
  for (const patch of patches) {
    const select = entry.target ? compileTarget(entry.target, kustomization.file) : (object: KubeObject) => isSameObject(object, patch);
    const selected = new Set(result.filter((rendered) => select(rendered.object)));
    if (!entry.target && selected.size !== 1) {
      throw new KustomizationError(kustomization.file, entry.line, `${entry.field}: no object ${describeId(patch)} for the patch in ${source}`);
    }
    if (patch.$patch === 'delete') {
      result = result.filter((rendered) => !selected.has(rendered));
      continue;
    }
    const { apiVersion: _apiVersion, kind: _kind, metadata, ...body } = patch;
    const { name: _name, namespace: _namespace, ...otherMetadata } = metadata;
    const change: Record<string, unknown> = Object.keys(otherMetadata).length > 0 ? { ...body, metadata: otherMetadata } : body;
    result = result.map((rendered) => {
      if (!selected.has(rendered)) return rendered;
      checkListMerge(change, rendered.object.apiVersion, source);
      return { ...rendered, object: mergeStrategic(rendered.object, change) as KubeObject, patchedBy: [...rendered.patchedBy, source] };
    });
  }
  return result;
}

/** Objects a folder's `resources` add: files as they are, folders rendered, each object added once. */
function accumulateResources(
  reader: RepoReader,
  kustomization: Kustomization,
  dir: string,
  chain: readonly string[],
  start: readonly RenderedObject[],
  cache: RenderCache | undefined,
): RenderedObject[] {
  const { file } = kustomization;
  let objects = [...start];
  for (const { path, line } of kustomization.resources) {
    const target = resolveRepoPath(dir, path, `${file}:${line}`);
    let added: RenderedObject[];
    if (reader.isDir(target)) {
      added = renderFolder(reader, target, [...chain, dir], cache);
    } else {
      const text = reader.readFile(target);
      if (text === undefined) throw new KustomizationError(file, line, `resource ${path} does not exist`);
      if (!isInside(dir, target)) throw new KustomizationError(file, line, `resource file ${path} is not in or below ${dir || 'the repository root'}`);
      added = readResourceFile(text, target);
    }
    for (const rendered of added) {
      const twin = objects.find((other) => isSameObject(other.object, rendered.object));
      if (twin) throw new KustomizationError(file, line, `${describeId(rendered.object)} from ${rendered.file} is already added by ${twin.file}`);
    }
    objects = [...objects, ...added];
  }
  return objects;
}

/** Parsed kustomization files, per reader, by path and text (never changed once parsed). */
const parsedFolders = new WeakMap<RepoReader, Map<string, Kustomization>>();

function readFolder(reader: RepoReader, dir: string, chain: readonly string[]): Kustomization {
  const file = findKustomizationFile(reader, dir);
  if (!file) throw new KustomizationError(dir || '.', undefined, `no ${KUSTOMIZATION_FILE_NAMES.join(', ')} in this folder`);
  if (chain.includes(dir)) throw new KustomizationError(file, undefined, `includes itself through ${[...chain, dir].join(' -> ')}`);
  const text = reader.readFile(file)!;
  // A class includes the same component from every participant's folders: parse each file once per reader.
  let parsed = parsedFolders.get(reader);
  if (!parsed) parsedFolders.set(reader, (parsed = new Map()));
  const key = `${file}\n${text}`;
  let kustomization = parsed.get(key);
  if (!kustomization) parsed.set(key, (kustomization = readKustomization(text, file)));
  return kustomization;
}

/** A folder's own transformations (its components, then its patches and replacements) on what it accumulated. */
function transform(
  reader: RepoReader,
  kustomization: Kustomization,
  dir: string,
  chain: readonly string[],
  accumulated: RenderedObject[],
  cache: RenderCache | undefined,
): RenderedObject[] {
  let objects = accumulated;
  for (const { path, line } of kustomization.components) {
    const target = resolveRepoPath(dir, path, `${kustomization.file}:${line}`);
    if (!reader.isDir(target)) throw new KustomizationError(kustomization.file, line, `component ${path} is not a folder`);
    const component = readFolder(reader, target, [...chain, dir]);
    if (!component.component) throw new KustomizationError(component.file, undefined, `is included as a component but its kind is not Component`);
    objects = transform(reader, component, target, [...chain, dir], accumulateResources(reader, component, target, [...chain, dir], objects, cache), cache);
  }
  for (const entry of kustomization.patches) objects = applyPatchEntry(objects, reader, kustomization, dir, entry);
  return applyReplacements(objects, kustomization.replacements, kustomization.file);
}

function renderFolder(reader: RepoReader, dir: string, chain: readonly string[], cache?: RenderCache): RenderedObject[] {
  // Only a folder rendered to the end is cached, so a cached folder cannot be part of a cycle.
  const cached = cache?.get(dir);
  if (cached) return [...cached];
  const kustomization = readFolder(reader, dir, chain);
  // kustomize builds a Component given as the folder to build, but refuses one listed in `resources`.
  if (kustomization.component && chain.length > 0) {
    throw new KustomizationError(kustomization.file, undefined, 'is a Component: include it with `components:`, not `resources:`');
  }
  const objects = transform(reader, kustomization, dir, chain, accumulateResources(reader, kustomization, dir, chain, [], cache), cache);
  cache?.set(dir, objects);
  return [...objects];
}

/** kustomize drops objects annotated as local configuration from what it prints (they only feed replacements). */
export const LOCAL_CONFIG = 'config.kubernetes.io/local-config';

function isLocalConfig(rendered: RenderedObject): boolean {
  return rendered.object.metadata.annotations?.[LOCAL_CONFIG] === 'true';
}

/** Builds the kustomization in `dir` (repository-relative) as `kustomize build` would. */
export function renderKustomization(reader: RepoReader, dir: string, cache?: RenderCache): KustomizationRender {
  return { objects: renderFolder(reader, resolveRepoPath('', dir), [], cache).filter((rendered) => !isLocalConfig(rendered)) };
}
