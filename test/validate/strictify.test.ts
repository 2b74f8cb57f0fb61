import { describe, expect, it } from 'vitest';
import { bundleKindSchema, createDefinitionPool } from '../../scripts/schemas/bundle.js';
import { extractCrdSchemas, stripDescriptions } from '../../src/validate/crd/crd-extract.js';
import type { JsonObject } from '../../src/validate/crd/json.js';
import { applyNpmPatches } from '../../scripts/schemas/npm-patches.js';
import { applyRefinements } from '../../scripts/schemas/own-sources.js';
import { parseSchemaModule } from '../../scripts/schemas/read-npm-schemas.js';
import { strictifySchema } from '../../src/validate/crd/strictify.js';
import { QUANTITY_PATTERN } from '../../src/validate/patterns.js';

describe('strictifySchema', () => {
  it('rejects unknown fields of objects that declare properties', () => {
    expect(strictifySchema({ type: 'object', properties: { a: { type: 'string' } } })).toEqual({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false });
  });
  it('keeps maps and free-form objects open', () => {
    expect(strictifySchema({ type: 'object', additionalProperties: { type: 'string' } })).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    expect(strictifySchema({ type: 'object', properties: {} })).toEqual({ type: 'object' });
    expect(strictifySchema({ type: 'object', properties: { a: {} }, 'x-kubernetes-preserve-unknown-fields': true })).toEqual({ type: 'object', properties: { a: {} }, additionalProperties: true });
  });
  it('adds no strictness below `not`, where it would invert the rule', () => {
    const out = strictifySchema({ not: { type: 'object', properties: { tls: { enum: ['passthrough'] } } } });
    expect(out).toEqual({ not: { type: 'object', properties: { tls: { enum: ['passthrough'] } } } });
  });
  it('turns nullable into a null type, and a null enum value', () => {
    expect(strictifySchema({ type: 'string', nullable: true, enum: ['A', 'B'] })).toEqual({ type: ['string', 'null'], enum: ['A', 'B', null] });
    expect(strictifySchema({ $ref: 'io.k8s.X#', nullable: true })).toEqual({ anyOf: [{ $ref: '#/definitions/io.k8s.X' }, { type: 'null' }] });
    expect(strictifySchema({ oneOf: [{ $ref: 'io.k8s.X#' }, { type: 'null' }] })).toEqual({ anyOf: [{ $ref: '#/definitions/io.k8s.X' }, { type: 'null' }] });
  });
  it('turns int-or-string into [integer, string], keeping its other rules', () => {
    expect(strictifySchema({ 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }], pattern: '^\\d+%?$' })).toEqual({ type: ['integer', 'string'], pattern: '^\\d+%?$' });
    expect(strictifySchema({ oneOf: [{ type: 'string' }, { type: 'integer', format: 'int32' }] })).toEqual({ type: ['integer', 'string'] });
    expect(strictifySchema({ 'x-kubernetes-int-or-string': true, allOf: [{ not: { enum: [0] } }], anyOf: null })).toEqual({ type: ['integer', 'string'], allOf: [{ not: { enum: [0] } }] });
  });
  it('turns Quantity into a number or a quantity string', () => {
    expect(strictifySchema({ oneOf: [{ type: 'number' }, { type: 'string', format: 'quantity' }] })).toEqual({ type: ['number', 'string'], pattern: QUANTITY_PATTERN });
  });
  it('drops descriptions and extensions but keeps properties with those names', () => {
    const out = strictifySchema({ type: 'object', description: 'doc', 'x-kubernetes-list-type': 'map', properties: { description: { type: 'string', description: 'doc' } } });
    expect(out).toEqual({ type: 'object', properties: { description: { type: 'string' } }, additionalProperties: false });
  });
  it('keeps only formats ajv and kubeconform both check the same way', () => {
    expect(strictifySchema({ type: 'integer', format: 'int32' })).toEqual({ type: 'integer', format: 'int32' });
    expect(strictifySchema({ type: 'string', format: 'int-or-string' })).toEqual({ type: 'string' });
  });
});

describe('bundleKindSchema', () => {
  it('pins apiVersion and kind, uses strict ObjectMeta and keeps reached definitions only', () => {
    const pool = createDefinitionPool(
      new Map<string, JsonObject>([
        ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', { type: 'object', properties: { name: { type: 'string' } } }],
        ['unused', { type: 'string' }],
      ]),
    );
    const root: JsonObject = { type: 'object', required: ['spec'], properties: { metadata: { type: 'object' }, spec: { type: 'object', properties: { size: { type: 'integer' } } } } };
    expect(bundleKindSchema({ apiVersion: 'example.com/v1', kind: 'Widget', root }, pool)).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['apiVersion', 'kind', 'spec'],
      properties: {
        apiVersion: { enum: ['example.com/v1'], type: 'string' },
        kind: { enum: ['Widget'], type: 'string' },
        metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
        spec: { type: 'object', properties: { size: { type: 'integer' } }, additionalProperties: false },
      },
      definitions: { 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false } },
    });
  });
  it('fails loudly on a reference to a definition it does not have', () => {
    const pool = createDefinitionPool(new Map());
    expect(() => bundleKindSchema({ apiVersion: 'v1', kind: 'X', root: { type: 'object', properties: { metadata: { $ref: 'missing#' } } } }, pool)).toThrow(/missing/);
  });
});

describe('schema sources', () => {
  it('reads a compiled kubernetes-models module as data', () => {
    const text = 'import { register } from "x";\nconst schema = {\n    "type": "object"\n};\nexport function addSchema() {\n    register("io.k8s.X", schema);\n}\n';
    expect(parseSchemaModule(text)).toEqual({ id: 'io.k8s.X', schema: { type: 'object' } });
    expect(parseSchemaModule('const schemaId = "a.v1.B";\nconst schema = {};\nexport class B {}\n')).toEqual({ id: 'a.v1.B', schema: {} });
  });
  it('takes one version of a CRD, without descriptions', () => {
    const crd = [
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'spec:',
      '  group: example.com',
      '  names: {kind: Widget}',
      '  versions:',
      '  - name: v1',
      '    schema:',
      '      openAPIV3Schema:',
      '        description: A widget.',
      '        type: object',
      '        properties:',
      '          description: {type: string, description: its own description}',
    ].join('\n');
    expect(extractCrdSchemas(crd, ['v1'])).toEqual([{ apiVersion: 'example.com/v1', kind: 'Widget', schema: { type: 'object', properties: { description: { type: 'string' } } } }]);
    expect(() => extractCrdSchemas(crd, ['v2'])).toThrow(/v2 not found/);
    expect(stripDescriptions({ items: { description: 'x', type: 'string' } })).toEqual({ items: { type: 'string' } });
  });
  it('applies refinements by path and refuses a path that does not exist', () => {
    const schema: JsonObject = { type: 'object', properties: { spec: { type: 'object', properties: { members: { type: 'array', items: { type: 'string' } } } } } };
    const refined = applyRefinements(schema, [{ path: 'spec.members[]', merge: { minLength: 1 }, reason: 'test' }]);
    expect(refined).toMatchObject({ properties: { spec: { properties: { members: { items: { type: 'string', minLength: 1 } } } } } });
    expect(schema).toMatchObject({ properties: { spec: { properties: { members: { items: { type: 'string' } } } } } });
    expect(() => applyRefinements(schema, [{ path: 'spec.memberz', merge: {}, reason: 'test' }])).toThrow(/does not exist/);
  });
  it('restores fields the npm packages lost, once', () => {
    const definitions = new Map<string, JsonObject>([['argoproj.io.v1alpha1.AppProject', { type: 'object', properties: { spec: { type: 'object', properties: { roles: { type: 'array', items: { type: 'object', properties: {} } } } } } }]]);
    const patch = { id: 'argoproj.io.v1alpha1.AppProject', path: 'spec.roles[]', properties: { description: { type: 'string' } }, reason: 'test' };
    applyNpmPatches(definitions, [patch]);
    expect(definitions.get('argoproj.io.v1alpha1.AppProject')).toMatchObject({ properties: { spec: { properties: { roles: { items: { properties: { description: { type: 'string' } } } } } } } });
    expect(() => applyNpmPatches(definitions, [patch])).toThrow(/already has description/);
  });
});
