/**
 * Field-level differences between two versions of one object: every leaf that was added, removed
 * or changed, named by a readable path (`spec.template.metadata.annotations["sidecar.istio.io/inject"]`,
 * `spec.template.spec.containers[name=front-end].image`). Lists of named items (containers, ports,
 * subsets) are matched by name, so inserting one does not report every later item as changed.
 */
import { isDeepStrictEqual } from 'node:util';

export type FieldChangeType = 'added' | 'removed' | 'changed';

export interface FieldChange {
  type: FieldChangeType;
  path: string;
  before?: unknown;
  after?: unknown;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Keys every mapping starts with, in this order; every other key follows alphabetically. */
const FIRST_KEYS = ['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'labels', 'annotations'];

export function compareKeys(a: string, b: string): number {
  const rank = (key: string) => {
    const index = FIRST_KEYS.indexOf(key);
    return index === -1 ? FIRST_KEYS.length : index;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function appendKey(path: string, key: string): string {
  if (PLAIN_KEY.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

type Plain = Record<string, unknown>;
const isObject = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The name of each item when every item of the list has a distinct string `name`. */
function namesOf(list: readonly unknown[]): string[] | undefined {
  const names = list.map((item) => (isObject(item) && typeof item.name === 'string' ? item.name : undefined));
  if (names.some((name) => name === undefined)) return undefined;
  return new Set(names).size === names.length ? (names as string[]) : undefined;
}

/** Every leaf of a value as [path, value]; empty objects and lists are leaves of their own. */
function flatten(value: unknown, path: string, out: [string, unknown][]): void {
  if (isObject(value) && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value).sort(([a], [b]) => compareKeys(a, b))) flatten(item, appendKey(path, key), out);
  } else if (Array.isArray(value) && value.length > 0) {
    const names = namesOf(value);
    value.forEach((item, index) => flatten(item, `${path}[${names ? `name=${names[index]}` : index}]`, out));
  } else {
    out.push([path, value]);
  }
}

function walk(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (isDeepStrictEqual(before, after)) return;
  if (before === undefined) {
    const leaves: [string, unknown][] = [];
    flatten(after, path, leaves);
    for (const [leaf, value] of leaves) out.push({ type: 'added', path: leaf, after: value });
    return;
  }
  if (after === undefined) {
    const leaves: [string, unknown][] = [];
    flatten(before, path, leaves);
    for (const [leaf, value] of leaves) out.push({ type: 'removed', path: leaf, before: value });
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((key) => !(key in before))].sort(compareKeys);
    for (const key of keys) walk(before[key], after[key], appendKey(path, key), out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const beforeNames = namesOf(before);
    const afterNames = namesOf(after);
    if (beforeNames && afterNames) {
      const byName = new Map(before.map((item, index) => [beforeNames[index], item]));
      for (const [index, name] of afterNames.entries()) walk(byName.get(name), after[index], `${path}[name=${name}]`, out);
      for (const [index, name] of beforeNames.entries()) {
        if (!afterNames.includes(name)) walk(before[index], undefined, `${path}[name=${name}]`, out);
      }
      return;
    }
    for (let index = 0; index < Math.max(before.length, after.length); index += 1) walk(before[index], after[index], `${path}[${index}]`, out);
    return;
  }
  out.push({ type: 'changed', path, before, after });
}

export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before, after, '', out);
  return out;
}

/** A value as it reads in YAML-ish text: strings quoted, objects and lists as compact JSON. */
export function formatValue(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

/** One change as diff lines: `+ path: value`, `- path: value`, or both for a changed value. */
export function formatFieldChange(change: FieldChange): string[] {
  switch (change.type) {
    case 'added':
      return [`+ ${change.path}: ${formatValue(change.after)}`];
    case 'removed':
      return [`- ${change.path}: ${formatValue(change.before)}`];
    case 'changed':
      return [`- ${change.path}: ${formatValue(change.before)}`, `+ ${change.path}: ${formatValue(change.after)}`];
  }
}
