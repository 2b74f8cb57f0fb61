/**
 * One kustomization (or component) file, checked against the fields the in-process renderer
 * supports: `resources`, `components`, `patches` (with `path` or an inline `patch`, and an optional
 * `target`) and inline `replacements`. Every other field — namePrefix, namespace, labels, images,
 * generators, helmCharts, the deprecated `bases`/`patchesStrategicMerge`/… — is refused by name, so
 * the caller can fall back to the real kustomize.
 */
import { KustomizationError, UnsupportedKustomizationError } from './errors.js';
import { isMap, parseDocuments } from './parse-documents.js';
import { readReplacements, type Replacement } from './replacements.js';
import { TARGET_FIELDS, type PatchTarget } from './select-objects.js';

export const KUSTOMIZATION_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const SUPPORTED_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'components', 'patches', 'replacements']);
const PATCH_FIELDS = new Set(['path', 'patch', 'target']);

export interface ResourceEntry {
  path: string;
  line: number;
}

export interface PatchEntry {
  /** `patches[0]` */
  field: string;
  line: number;
  path?: string;
  patch?: string;
  target?: PatchTarget;
}

export interface Kustomization {
  file: string;
  /** `Component` (kustomize.config.k8s.io/v1alpha1): included by another kustomization's `components`. */
  component: boolean;
  resources: ResourceEntry[];
  components: ResourceEntry[];
  patches: PatchEntry[];
  replacements: Replacement[];
}

/** The first line at or after line `from` (1-based) that contains `needle` (or matches it), else `from`. */
function findLine(lines: readonly string[], needle: string | RegExp, from: number): number {
  for (let i = Math.max(from - 1, 0); i < lines.length; i += 1) {
    if (typeof needle === 'string' ? lines[i].includes(needle) : needle.test(lines[i])) return i + 1;
  }
  return from;
}

function readTarget(value: unknown, file: string, field: string, line: number): PatchTarget {
  if (!isMap(value)) throw new KustomizationError(file, line, `${field}.target must be a map`);
  const target: PatchTarget = {};
  for (const [key, selector] of Object.entries(value)) {
    if (!(TARGET_FIELDS as readonly string[]).includes(key)) throw new UnsupportedKustomizationError(file, `${field}.target.${key}`);
    if (typeof selector !== 'string') throw new KustomizationError(file, line, `${field}.target.${key} must be a string`);
    target[key as keyof PatchTarget] = selector;
  }
  return target;
}

export function readKustomization(text: string, file: string): Kustomization {
  const documents = parseDocuments(text, file).filter((document) => document.value !== null);
  if (documents.length > 1) throw new KustomizationError(file, documents[1].line, 'a kustomization file holds one YAML document');
  const value = documents[0]?.value ?? {};
  const start = documents[0]?.line ?? 1;
  if (!isMap(value)) throw new KustomizationError(file, start, 'a kustomization must be a map of fields');
  for (const field of Object.keys(value)) if (!SUPPORTED_FIELDS.has(field)) throw new UnsupportedKustomizationError(file, field);
  if (value.kind !== undefined && value.kind !== 'Kustomization' && value.kind !== 'Component') {
    throw new UnsupportedKustomizationError(file, 'kind', `kind ${JSON.stringify(value.kind)}`);
  }
  // Which runs first when one file has both is a detail of kustomize's transformer order: not guessed here.
  if (value.patches !== undefined && value.replacements !== undefined) {
    throw new UnsupportedKustomizationError(file, 'replacements', 'patches and replacements in one kustomization');
  }
  const lines = text.split('\n');

  const list = (field: 'resources' | 'components' | 'patches'): unknown[] => {
    const entries = value[field] ?? [];
    if (!Array.isArray(entries)) throw new KustomizationError(file, findLine(lines, `${field}:`, start), `${field} must be a list`);
    return entries;
  };
  const readPaths = (field: 'resources' | 'components'): ResourceEntry[] => {
    const fieldLine = findLine(lines, `${field}:`, start);
    return list(field).map((entry, i) => {
      if (typeof entry !== 'string') throw new KustomizationError(file, fieldLine, `${field}[${i}] must be a path`);
      if (/^[a-z][a-z0-9+.-]*:\/\/|^git@|^github\.com\/|\?ref=/i.test(entry)) throw new UnsupportedKustomizationError(file, `${field}[${i}]`, `remote resource ${entry}`);
      return { path: entry, line: findLine(lines, entry, fieldLine) };
    });
  };
  const resources = readPaths('resources');
  const components = readPaths('components');

  // the line of each `- ` item of a block list (the `patches:` line for a flow list)
  let patchLine = findLine(lines, 'patches:', start);
  const patches = list('patches').map((entry, i): PatchEntry => {
    const field = `patches[${i}]`;
    patchLine = findLine(lines, /^\s*- /, patchLine + 1);
    if (!isMap(entry)) throw new KustomizationError(file, patchLine, `${field} must be a map with path or patch`);
    for (const key of Object.keys(entry)) if (!PATCH_FIELDS.has(key)) throw new UnsupportedKustomizationError(file, `${field}.${key}`);
    const { path, patch, target } = entry;
    if ((path === undefined) === (patch === undefined)) throw new KustomizationError(file, patchLine, `${field} needs exactly one of path and patch`);
    if (path !== undefined && typeof path !== 'string') throw new KustomizationError(file, patchLine, `${field}.path must be a string`);
    if (patch !== undefined && typeof patch !== 'string') throw new KustomizationError(file, patchLine, `${field}.patch must be a string`);
    return {
      field,
      line: patchLine,
      ...(path === undefined ? {} : { path }),
      ...(patch === undefined ? {} : { patch }),
      ...(target === undefined ? {} : { target: readTarget(target, file, field, patchLine) }),
    };
  });
  const replacements = value.replacements === undefined ? [] : readReplacements(value.replacements, file);
  return { file, component: value.kind === 'Component', resources, components, patches, replacements };
}
