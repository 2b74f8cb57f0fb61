/**
 * One ajv error in plain words, with the field path it is about: an unknown field is reported at
 * the field itself (`spec.replicaz: unknown field "replicaz" (did you mean "replicas"?)`), a
 * missing one at the place it should be (`spec.selector: is required`).
 */
import type { ErrorObject } from 'ajv';
import { appendPathSegment, formatJsonPath } from './json-path.js';
import { QUANTITY_PATTERN } from './patterns.js';
import { suggestNearest } from './suggest.js';

export interface ErrorDescription {
  path: string;
  message: string;
}

const FORMAT_WORDS: Record<string, string> = {
  'date-time': 'a date-time such as 2024-01-31T12:00:00Z',
  int32: 'a 32-bit integer',
  int64: 'a 64-bit integer',
  float: 'a number',
  double: 'a number',
  byte: 'base64-encoded',
};

export function describeError(error: ErrorObject, root: unknown): ErrorDescription {
  const path = formatJsonPath(error.instancePath, root);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return { path: appendPathSegment(path, field), message: `unknown field ${JSON.stringify(field)}${formatSuggestion(field, allowed)}` };
    }
    case 'required':
      return { path: appendPathSegment(path, String(params.missingProperty)), message: 'is required' };
    case 'type':
      return { path, message: `must be ${formatTypes(params.type)}, not ${describeValue(error.data)}` };
    case 'enum':
      return { path, message: describeEnumFailure(error.schema, error.data) };
    case 'pattern':
      return { path, message: params.pattern === QUANTITY_PATTERN ? 'must be a quantity such as 100m, 0.5, 128Mi or 1Gi' : `must match the pattern ${String(params.pattern)}` };
    case 'format':
      return { path, message: `must be ${FORMAT_WORDS[String(params.format)] ?? `in the format ${String(params.format)}`}` };
    case 'not':
      return { path, message: describeNegation(error.schema) };
    default:
      return { path, message: describeLimit(error) ?? error.message ?? `fails the ${error.keyword} rule` };
  }
}

/** ` (did you mean "x"?)` when a candidate is close to `word`, else nothing. */
export function formatSuggestion(word: string, candidates: readonly string[]): string {
  const nearest = suggestNearest(word, candidates);
  return nearest === undefined ? '' : ` (did you mean ${JSON.stringify(nearest)}?)`;
}

function describeEnumFailure(allowed: unknown, data: unknown): string {
  const values = (Array.isArray(allowed) ? allowed : []).filter((v) => v !== null);
  const shown = values.map((v) => (v === '' ? '""' : String(v))).join(', ');
  const suggestion = typeof data === 'string' ? formatSuggestion(data, values.filter((v): v is string => typeof v === 'string' && v !== '')) : '';
  return `must be one of: ${shown}, not ${describeValue(data)}${suggestion}`;
}

function describeNegation(schema: unknown): string {
  const forbidden = (schema as { enum?: unknown[] } | undefined)?.enum;
  if (Array.isArray(forbidden)) return `must not be ${forbidden.map((v) => (v === '' ? 'empty' : JSON.stringify(v))).join(' or ')}`;
  return 'is not allowed here';
}

function describeLimit(error: ErrorObject): string | undefined {
  const limit = (error.params as { limit?: number }).limit;
  switch (error.keyword) {
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return `must be ${String((error.params as { comparison?: string }).comparison)} ${String(limit)}`;
    case 'maxLength':
      return limit === 0 ? 'must be empty' : `must be at most ${String(limit)} characters long`;
    case 'minLength':
      return limit === 1 ? 'must not be empty' : `must be at least ${String(limit)} characters long`;
    case 'maxItems':
      return `must have at most ${String(limit)} items`;
    case 'minItems':
      return `must have at least ${String(limit)} items`;
    case 'uniqueItems':
      return 'must not repeat items';
    default:
      return undefined;
  }
}

function formatTypes(types: unknown): string {
  const list = (Array.isArray(types) ? types : String(types).split(',')).map(String);
  const shown = list.length > 1 ? list.filter((t) => t !== 'null') : list;
  return shown.map((t) => (t === 'object' ? 'an object' : t === 'array' ? 'a list' : t)).join(' or ');
}

/** A short description of a value for messages: `string "1"`, `number 3`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}
