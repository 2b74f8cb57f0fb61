/**
 * Kustomize `replacements`, in-process: copy one field of one object (the source) into fields of
 * other objects (the targets), optionally one part of a delimited string. A participant's overlay
 * uses them to put its own names into a workshop written for a placeholder participant.
 *
 * Supported: source `{group, version, kind, name, namespace, fieldPath, options}`, targets
 * `{select, reject, fieldPaths, options: {delimiter, index, create}}`. A target that selects no
 * object is no error (as in kustomize); a selected object that lacks the field is, unless `create`.
 */
import type { KubeObject } from '../render/manifest.js';
import { KustomizationError, UnsupportedKustomizationError } from './errors.js';
import { findSlots, parseFieldPath, readSlot, writeSlot } from './field-path.js';
import { isMap } from './parse-documents.js';
import type { RenderedObject } from './render-kustomization.js';
import { compileTarget, type PatchTarget } from './select-objects.js';

export interface ReplacementOptions {
  delimiter?: string;
  index?: number;
  create?: boolean;
}

export interface ReplacementTarget {
  select: PatchTarget;
  reject: PatchTarget[];
  fieldPaths: string[];
  options: ReplacementOptions;
}

export interface Replacement {
  source: PatchTarget & { fieldPath: string; options: ReplacementOptions };
  targets: ReplacementTarget[];
}

const SOURCE_FIELDS = new Set(['group', 'version', 'kind', 'name', 'namespace', 'fieldPath', 'options']);
const SELECT_FIELDS = new Set(['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector']);
const TARGET_FIELDS = new Set(['select', 'reject', 'fieldPaths', 'options']);
const OPTION_FIELDS = new Set(['delimiter', 'index', 'create']);

function readStrings(value: unknown, allowed: ReadonlySet<string>, file: string, field: string): Record<string, unknown> {
  if (!isMap(value)) throw new KustomizationError(file, undefined, `${field} must be a map`);
  for (const key of Object.keys(value)) if (!allowed.has(key)) throw new UnsupportedKustomizationError(file, `${field}.${key}`);
  return value;
}

function readSelector(value: unknown, file: string, field: string): PatchTarget {
  const map = readStrings(value, SELECT_FIELDS, file, field);
  for (const [key, selector] of Object.entries(map)) {
    if (typeof selector !== 'string') throw new KustomizationError(file, undefined, `${field}.${key} must be a string`);
  }
  return map as PatchTarget;
}

function readOptions(value: unknown, file: string, field: string): ReplacementOptions {
  if (value === undefined) return {};
  const map = readStrings(value, OPTION_FIELDS, file, field);
  if (map.delimiter !== undefined && typeof map.delimiter !== 'string') throw new KustomizationError(file, undefined, `${field}.delimiter must be a string`);
  if (map.index !== undefined && !Number.isInteger(map.index)) throw new KustomizationError(file, undefined, `${field}.index must be a whole number`);
  if (map.create !== undefined && typeof map.create !== 'boolean') throw new KustomizationError(file, undefined, `${field}.create must be true or false`);
  return map as ReplacementOptions;
}

/** The `replacements` list of a kustomization, checked; anything outside the subset is refused by name. */
export function readReplacements(value: unknown, file: string): Replacement[] {
  if (!Array.isArray(value)) throw new KustomizationError(file, undefined, 'replacements must be a list');
  return value.map((entry, i) => {
    const field = `replacements[${i}]`;
    if (!isMap(entry)) throw new KustomizationError(file, undefined, `${field} must be a map with source and targets`);
    for (const key of Object.keys(entry)) if (key !== 'source' && key !== 'targets') throw new UnsupportedKustomizationError(file, `${field}.${key}`);
    const source = readStrings(entry.source, SOURCE_FIELDS, file, `${field}.source`);
    const { fieldPath = 'metadata.name', options, ...selector } = source;
    if (typeof fieldPath !== 'string') throw new KustomizationError(file, undefined, `${field}.source.fieldPath must be a string`);
    if (!Array.isArray(entry.targets)) throw new KustomizationError(file, undefined, `${field}.targets must be a list`);
    const targets = entry.targets.map((target, j): ReplacementTarget => {
      const where = `${field}.targets[${j}]`;
      const map = readStrings(target, TARGET_FIELDS, file, where);
      if (!Array.isArray(map.fieldPaths) || map.fieldPaths.some((path) => typeof path !== 'string')) {
        throw new KustomizationError(file, undefined, `${where}.fieldPaths must be a list of field paths`);
      }
      const reject = map.reject === undefined ? [] : Array.isArray(map.reject) ? map.reject : [map.reject];
      return {
        select: readSelector(map.select ?? {}, file, `${where}.select`),
        reject: reject.map((item, k) => readSelector(item, file, `${where}.reject[${k}]`)),
        fieldPaths: map.fieldPaths as string[],
        options: readOptions(map.options, file, `${where}.options`),
      };
    });
    return {
      source: { ...readSelector(selector, file, `${field}.source`), fieldPath, options: readOptions(options, file, `${field}.source.options`) },
      targets,
    };
  });
}

function describeSelector(selector: PatchTarget): string {
  return Object.entries(selector).map(([key, value]) => `${key}=${value}`).join(', ') || 'anything';
}

function splitPart(text: string, options: ReplacementOptions, file: string): string {
  if (options.delimiter === undefined) return text;
  const parts = text.split(options.delimiter);
  const index = options.index ?? 0;
  if (index < 0 || index >= parts.length) throw new KustomizationError(file, undefined, `options.index ${index} is out of range for "${text}"`);
  return parts[index];
}

function replacePart(current: unknown, value: unknown, options: ReplacementOptions): unknown {
  if (options.delimiter === undefined) return structuredClone(value);
  const parts = String(current ?? '').split(options.delimiter);
  const index = options.index ?? 0;
  if (index < 0) parts.unshift(String(value));
  else if (index >= parts.length) parts.push(String(value));
  else parts[index] = String(value);
  return parts.join(options.delimiter);
}

function readSource(objects: readonly RenderedObject[], replacement: Replacement, file: string): unknown {
  const { fieldPath, options, ...selector } = replacement.source;
  const matches = objects.filter((rendered) => compileTarget(selector, file)(rendered.object));
  if (matches.length !== 1) {
    throw new KustomizationError(file, undefined, `replacement source (${describeSelector(selector)}) must select exactly one object, it selects ${matches.length}`);
  }
  const slots = findSlots(matches[0].object, parseFieldPath(fieldPath));
  if (slots.length !== 1) throw new KustomizationError(file, undefined, `replacement source field ${fieldPath} not found in ${matches[0].object.kind}/${matches[0].object.metadata.name}`);
  const value = readSlot(slots[0]);
  return options.delimiter === undefined ? value : splitPart(String(value), options, file);
}

/** Applies the replacements in order; each object changed keeps `file` in its `patchedBy`. */
export function applyReplacements(objects: readonly RenderedObject[], replacements: readonly Replacement[], file: string): RenderedObject[] {
  let result = [...objects];
  for (const replacement of replacements) {
    const value = readSource(result, replacement, file);
    for (const target of replacement.targets) {
      const select = compileTarget(target.select, file);
      const rejects = target.reject.map((item) => compileTarget(item, file));
      const paths = target.fieldPaths.map((path) => ({ path, segments: parseFieldPath(path) }));
      result = result.map((rendered) => {
        if (!select(rendered.object) || rejects.some((reject) => reject(rendered.object))) return rendered;
        const object = structuredClone(rendered.object) as KubeObject;
        for (const { path, segments } of paths) {
          const slots = findSlots(object, segments, target.options.create);
          if (slots.length === 0) {
            throw new KustomizationError(file, undefined, `replacement target ${object.kind}/${object.metadata.name} has no field ${path}`);
          }
          for (const slot of slots) writeSlot(slot, replacePart(readSlot(slot), value, target.options));
        }
        return { ...rendered, object, patchedBy: rendered.patchedBy.includes(file) ? rendered.patchedBy : [...rendered.patchedBy, file] };
      });
    }
  }
  return result;
}
