/**
 * The plain checker must agree with ajv on every verdict: a "valid" that ajv would reject would
 * hide a violation. Checked on every schema the package bundles, every object a workshop renders,
 * thousands of mutations of them, the validator's own examples, and the corners of ajv's semantics.
 */
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { planStages } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { buildSchemaCheck } from '../../src/validate/check-schema.js';
import { FLAVORS } from '../../src/flavors/registry.js';
import { getSchemaStore, listSchemaFileCandidates, locateBundledSchemaDir, readSchemaFolder, SCHEMA_SETS, schemaSetDir, type SchemaSetId } from '../../src/validate/index.js';
import { VALID_EXAMPLES } from './examples.js';

const require = createRequire(import.meta.url);
const { Ajv } = require('ajv') as typeof import('ajv');
const FORMATS = ['date-time', 'int32', 'int64', 'float', 'double', 'byte', 'binary'];
const createAjv = (): AjvClass => {
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, validateSchema: false, inlineRefs: false, code: { optimize: false } });
  (require('ajv-formats') as { default: (ajv: AjvClass, formats: string[]) => void }).default(ajv, FORMATS);
  return ajv;
};
const formats = new Set(FORMATS);
const readBundled = readSchemaFolder(locateBundledSchemaDir());
const SET_IDS = Object.keys(SCHEMA_SETS) as SchemaSetId[];
/** A schema file as a set's store finds it: in the set's folder first, then the shared one. */
const readIn = (set: SchemaSetId, file: string): string | undefined => readBundled(`${schemaSetDir(set)}/${file}`) ?? readBundled(file);

/** Both verdicts for `object` against the schema of its kind (after a mutation the kind may be gone). */
function compare(set: SchemaSetId, schemaFile: string, object: unknown, cache: Map<string, { check: (data: unknown) => boolean; validate: ValidateFunction }>) {
  let pair = cache.get(`${set}:${schemaFile}`);
  if (!pair) {
    const schema: unknown = JSON.parse(readIn(set, schemaFile)!);
    pair = { check: buildSchemaCheck(schema, formats)!, validate: createAjv().compile(schema as object) };
    cache.set(`${set}:${schemaFile}`, pair);
  }
  return { check: pair.check(object), ajv: pair.validate(object) as boolean };
}

function schemaFileOf(set: SchemaSetId, object: { apiVersion: string; kind: string }): string {
  const lookup = getSchemaStore(set).findSchema(object.apiVersion, object.kind);
  if (lookup.status !== 'found') throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  return lookup.file;
}

/** Every way to break an object one field at a time: unknown keys, wrong types, removed keys, odd numbers. */
function* mutate(value: unknown, replace: (next: unknown) => unknown): Generator<unknown> {
  for (const wrong of ['text', 7, 2.5, -1, 2 ** 40, true, null, [], {}, ['x'], { zz: 1 }, Number.NaN, '2024-01-01T00:00:00Z', 'not-a-date'])
    if (wrong !== value) yield replace(wrong);
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      yield* mutate(item, (next) => replace(value.map((old, at) => (at === index ? next : old))));
      yield replace(value.filter((_, at) => at !== index));
    }
  } else if (value !== null && typeof value === 'object') {
    yield replace({ ...value, zzUnknownField: 'x' });
    for (const key of Object.keys(value)) {
      const { [key]: removed, ...rest } = value as Record<string, unknown>;
      yield replace(rest);
      yield* mutate(removed, (next) => replace({ ...value, [key]: next }));
    }
  }
}

describe('buildSchemaCheck', () => {
  it('builds a checker for every bundled schema, in every schema set', () => {
    const missing = SET_IDS.flatMap((set) =>
      getSchemaStore(set)
        .listKinds()
        .filter((entry) => buildSchemaCheck(JSON.parse(readIn(set, entry.file)!), formats, { eager: true }) === undefined)
        .map((entry) => `${set}: ${entry.file}`),
    );
    expect(missing).toEqual([]);
    expect(SET_IDS.map((set) => getSchemaStore(set).listKinds().length).every((count) => count > 0)).toBe(true);
  });

  it('agrees with ajv on every object of a workshop of every flavor, and on every one-field mutation of them', () => {
    const objects = new Map<string, { set: SchemaSetId; object: { apiVersion: string; kind: string } }>();
    for (const flavor of FLAVORS) {
      const plans = [...planStages(checkSettings({ gitops: 'both', flavor: flavor.id })), ...planStages(checkSettings({ gitops: 'flux', tenant: '', mode: 'follow', flavor: flavor.id }))];
      for (const plan of plans) for (const object of plan.objects) objects.set(`${flavor.schemaSet}:${JSON.stringify(object)}`, { set: flavor.schemaSet, object });
    }
    const cache = new Map();
    let compared = 0;
    const disagreements: string[] = [];
    for (const { set, object } of objects.values()) {
      const file = schemaFileOf(set, object);
      for (const candidate of [object, ...mutate(object, (next) => next)]) {
        const verdict = compare(set, file, candidate, cache);
        compared += 1;
        if (verdict.check !== verdict.ajv) disagreements.push(`${file}: ${JSON.stringify(candidate).slice(0, 300)} check=${verdict.check} ajv=${verdict.ajv}`);
      }
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(compared).toBeGreaterThan(10_000);
  });

  it('agrees with ajv on the validator\'s examples of every kind and their mutations', () => {
    const cache = new Map();
    const disagreements: string[] = [];
    for (const example of Object.values(VALID_EXAMPLES)) {
      const set = SET_IDS.find((id) => getSchemaStore(id).findSchema(example.apiVersion as string, example.kind as string).status === 'found')!;
      const [file] = listSchemaFileCandidates(example.apiVersion as string, example.kind as string).filter((candidate) => readIn(set, candidate) !== undefined);
      for (const candidate of [example, ...mutate(example, (next) => next)]) {
        const verdict = compare(set, file, candidate, cache);
        if (verdict.check !== verdict.ajv) disagreements.push(`${file}: ${JSON.stringify(candidate).slice(0, 300)}`);
      }
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
  });

  it('follows ajv in its corners: NaN, Infinity, nullable, code points, enums of objects, recursion, formats', () => {
    const cases: [object, unknown[]][] = [
      [{ type: 'integer', minimum: 0 }, [Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5, 3]],
      [{ type: 'number', maximum: 1 }, [Number.NaN, Number.POSITIVE_INFINITY, 0.5, '1']],
      [{ type: 'string', nullable: true, maxLength: 1 }, [null, '😀', 'ab', 1]],
      [{ enum: [{ a: [1] }, 'x', null] }, [{ a: [1] }, { a: [2] }, 'x', null, 'y']],
      [{ definitions: { node: { type: 'object', properties: { next: { $ref: '#/definitions/node' } }, additionalProperties: false } }, $ref: '#/definitions/node' }, [{ next: { next: {} } }, { next: { next: { x: 1 } } }]],
      [{ type: 'object', required: ['constructor'], properties: { toString: { type: 'string' } } }, [{}, { toString: 'x' }]],
      [{ properties: { n: { format: 'int32' }, t: { format: 'date-time' }, b: { format: 'byte' } } }, [{ n: 2 ** 31 }, { n: 3 }, { n: 'x' }, { t: '2024-02-30T00:00:00Z' }, { t: '2024-02-01T00:00:00Z' }, { b: 'a===' }, { b: 'YQ==' }]],
      [{ oneOf: [{ type: 'string' }, { maxLength: 2 }], not: { enum: ['zzz'] } }, ['a', 'abc', 1, 'zzz']],
      [{ anyOf: [{ type: 'string', pattern: '^\\p{Lu}' }, { type: 'null' }] }, ['Ab', 'ab', null]],
    ];
    for (const [schema, values] of cases) {
      const check = buildSchemaCheck(schema, formats);
      const validate = createAjv().compile(schema);
      expect(check, JSON.stringify(schema)).toBeDefined();
      for (const value of values) expect(check!(value), `${JSON.stringify(schema)} ${JSON.stringify(value)}`).toBe(validate(value));
    }
  });

  it('leaves to ajv what it does not implement, and ignores what ajv ignores', () => {
    expect(buildSchemaCheck({ properties: { a: { const: 1 } } }, formats, { eager: true })).toBeUndefined();
    const unsupported = [
      { const: 1 },
      { patternProperties: { '^x': {} } },
      { format: 'hostname' },
      { $ref: 'other.json#/x' },
      { $ref: '#/definitions/missing' },
      { type: 'text' },
      { pattern: '(' },
    ];
    for (const schema of unsupported) {
      expect(buildSchemaCheck(schema, formats, { eager: true }), JSON.stringify(schema)).toBeUndefined();
      // Built lazily, the part outside the subset answers "ask ajv" when an object reaches it, and only then.
      const lazy = buildSchemaCheck({ properties: { deep: schema } }, formats);
      expect(lazy?.({ other: 1 }), JSON.stringify(schema)).toBe(true);
      expect(lazy?.({ deep: 1 }), JSON.stringify(schema)).toBe(false);
    }
    expect(buildSchemaCheck({ 'x-kubernetes-preserve-unknown-fields': true, type: 'object' }, formats)?.({ a: 1 })).toBe(true);
  });
});
