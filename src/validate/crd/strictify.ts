/**
 * Turns an OpenAPI v3 schema (as Kubernetes, CRDs and the kubernetes-models packages write them)
 * into a strict JSON schema that ajv and kubeconform (draft 4) read the same way:
 * - every object that declares properties rejects unknown ones (`additionalProperties: false`),
 *   unless the source allows them on purpose (an `additionalProperties` schema, or
 *   `x-kubernetes-preserve-unknown-fields`); objects with no declared properties stay open;
 * - `nullable: true` becomes a `null` type (and a `null` enum value);
 * - int-or-string (`x-kubernetes-int-or-string`, the IntOrString definition) becomes
 *   `type: [integer, string]`; Quantity becomes `type: [number, string]` with Kubernetes' quantity
 *   pattern (a pattern only constrains strings);
 * - `$ref: "<id>#"` becomes `#/definitions/<id>`;
 * - descriptions, examples, `x-kubernetes-*` extensions and formats only some validators know are dropped.
 * The walk is keyword-aware: names inside `properties` are data, never keywords.
 */
import { QUANTITY_PATTERN } from '../patterns.js';
import { isJsonObject, type Json, type JsonObject } from './json.js';


const KEPT_FORMATS = new Set(['date-time', 'int32', 'int64', 'float', 'double', 'byte', 'binary']);
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const DROPPED_KEYS = new Set(['description', 'example', 'examples', 'externalDocs', 'title', 'nullable', '$schema', 'id']);

export interface StrictifyContext {
  /** Below a `not`: strictness would invert the meaning, so none is added. */
  insideNot: boolean;
}

/** The strict form of one schema node (a new object; the input is not changed). */
export function strictifySchema(node: Json, context: StrictifyContext = { insideNot: false }): JsonObject {
  if (!isJsonObject(node)) return {};
  if (typeof node.$ref === 'string') {
    const ref: JsonObject = { $ref: rewriteRef(node.$ref) };
    return node.nullable === true ? { anyOf: [ref, { type: 'null' }] } : ref;
  }
  if (isQuantityUnion(node)) return { pattern: QUANTITY_PATTERN, type: ['number', 'string'] };
  if (node['x-kubernetes-int-or-string'] === true || isIntOrStringUnion(node)) node = normaliseIntOrString(node);

  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED_KEYS.has(key) || key.startsWith('x-kubernetes-') || (value === null && key !== 'default')) continue;
    if (key === 'format' && (typeof value !== 'string' || !KEPT_FORMATS.has(value))) continue;
    out[key] = transformKeyword(key, value, context);
  }
  dropEmptyKeywords(out);
  makeObjectStrict(node, out, context);
  if (node.nullable === true) return allowNull(out);
  return out;
}

function transformKeyword(key: string, value: Json, context: StrictifyContext): Json {
  if ((key === 'properties' || key === 'patternProperties' || key === 'definitions') && isJsonObject(value)) {
    const mapped: JsonObject = {};
    for (const [name, child] of Object.entries(value)) mapped[name] = strictifySchema(child, context);
    return mapped;
  }
  if ((key === 'items' || key === 'additionalProperties') && isJsonObject(value)) return strictifySchema(value, context);
  if (key === 'not') return strictifySchema(value, { insideNot: true });
  if ((SCHEMA_LISTS as readonly string[]).includes(key) && Array.isArray(value)) {
    return value.map((branch) => strictifySchema(branch, context));
  }
  return value;
}

function dropEmptyKeywords(out: JsonObject): void {
  if (Array.isArray(out.required) && out.required.length === 0) delete out.required;
  if (isJsonObject(out.properties) && Object.keys(out.properties).length === 0) delete out.properties;
  // A nullable `$ref` arrives as oneOf [ref, null]: anyOf means the same (the branches are disjoint) and stops at the first match.
  if (Array.isArray(out.oneOf) && out.oneOf.length === 2 && out.oneOf.some(isNullOnly)) {
    out.anyOf = out.oneOf;
    delete out.oneOf;
  }
}

function makeObjectStrict(source: JsonObject, out: JsonObject, context: StrictifyContext): void {
  if (context.insideNot || !isJsonObject(out.properties)) return;
  if (!hasType(out, 'object') || 'additionalProperties' in out) return;
  // The CRD keeps unknown fields here (often a status): say so explicitly rather than leave it implied.
  out.additionalProperties = source['x-kubernetes-preserve-unknown-fields'] !== true ? false : true;
}

function allowNull(out: JsonObject): JsonObject {
  if (typeof out.type === 'string') out.type = out.type === 'null' ? 'null' : [out.type, 'null'];
  else if (Array.isArray(out.type)) out.type = out.type.includes('null') ? out.type : [...out.type, 'null'];
  else return { anyOf: [out, { type: 'null' }] };
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

/** int-or-string as one type list; its other constraints (patterns, `not` values) stay. */
function normaliseIntOrString(node: JsonObject): JsonObject {
  const out: JsonObject = { ...node, type: ['integer', 'string'] };
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (out[key] === null || isIntOrStringUnion({ [key]: out[key] as Json })) delete out[key];
  }
  delete out.format;
  return out;
}

function isIntOrStringUnion(node: JsonObject): boolean {
  const branches = node.oneOf ?? node.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2 || Object.keys(node).some((k) => k !== 'oneOf' && k !== 'anyOf')) return false;
  const types = branches.map((b) => (isJsonObject(b) ? b.type : undefined)).sort();
  return types[0] === 'integer' && types[1] === 'string' && branches.every((b) => isJsonObject(b) && b.format !== 'quantity');
}

function isQuantityUnion(node: JsonObject): boolean {
  const branches = node.oneOf ?? node.anyOf;
  return Array.isArray(branches) && branches.some((b) => isJsonObject(b) && b.format === 'quantity');
}

function isNullOnly(value: Json): boolean {
  return isJsonObject(value) && value.type === 'null' && Object.keys(value).length === 1;
}

function hasType(node: JsonObject, type: string): boolean {
  return node.type === type || (Array.isArray(node.type) && node.type.includes(type));
}

/** `io.k8s.api.core.v1.PodSpec#` (kubernetes-models' form) → `#/definitions/io.k8s.api.core.v1.PodSpec`. */
export function rewriteRef(ref: string): string {
  if (ref.startsWith('#/definitions/')) return ref;
  return `#/definitions/${ref.replace(/#$/, '')}`;
}

/** The definition id a rewritten `$ref` points at. */
export function readRefTarget(ref: string): string {
  return ref.replace(/^#\/definitions\//, '');
}
