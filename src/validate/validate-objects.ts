/**
 * Checks parsed manifests against strict schemas and reports every violation at once, each with its
 * file, object and field. Never throws on bad input: a document that is not a Kubernetes object, or
 * whose kind has no schema, is itself a violation.
 */
import type { ValidateFunction } from 'ajv';
import { formatSuggestion } from './describe-error.js';
import { getSchemaStore, type SchemaStore } from './schema-store.js';
import { simplifyErrors } from './simplify-errors.js';
import type { Severity, SourcedObject, Violation } from './types.js';

export interface ValidateOptions {
  /** Where schemas come from; default: the bundled `schemas/` folder. */
  store?: SchemaStore;
  /** Severity of `missing-schema` (kubeconform's `-ignore-missing-schemas` is `'warning'`); default `'error'`. */
  missingSchemaSeverity?: Severity;
}

type ObjectFields = Pick<Violation, 'file' | 'index' | 'line' | 'kind' | 'name' | 'namespace' | 'apiVersion'>;

export function validateObjects(objects: readonly SourcedObject[], options: ValidateOptions = {}): Violation[] {
  const store = options.store ?? getSchemaStore();
  return objects.flatMap((object) => validateObject(object, store, options.missingSchemaSeverity ?? 'error'));
}

function validateObject(sourced: SourcedObject, store: SchemaStore, missingSeverity: Severity): Violation[] {
  const base: ObjectFields = { file: sourced.file, index: sourced.index, ...(sourced.line === undefined ? {} : { line: sourced.line }) };
  const value = sourced.object;
  if (value === null || value === undefined) {
    return [{ ...base, path: '', message: 'empty document', severity: 'warning', code: 'empty-document' }];
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    const got = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    return [{ ...base, path: '', message: `not a Kubernetes object (the document is ${got}, not a mapping)`, severity: 'error', code: 'not-an-object' }];
  }
  const fields = { ...base, ...readIdentity(value as Record<string, unknown>) };
  const { apiVersion, kind } = fields;
  const problems: Violation[] = [];
  if (apiVersion === undefined) problems.push({ ...fields, path: 'apiVersion', message: 'is required (a non-empty string such as apps/v1)', severity: 'error', code: 'missing-apiVersion' });
  if (kind === undefined) problems.push({ ...fields, path: 'kind', message: 'is required (a non-empty string such as Deployment)', severity: 'error', code: 'missing-kind' });
  if (apiVersion === undefined || kind === undefined) return problems;

  const lookup = store.findSchema(apiVersion, kind);
  if (lookup.status === 'missing') {
    return [{ ...fields, path: '', message: describeMissingSchema(apiVersion, kind, store), severity: missingSeverity, code: 'missing-schema' }];
  }
  if (lookup.status === 'invalid') {
    return [{ ...fields, path: '', message: `cannot use schema ${lookup.file}: ${lookup.reason}`, severity: 'error', code: 'bad-schema' }];
  }
  if (lookup.check?.(value)) return [];
  let validate: ValidateFunction;
  try {
    validate = lookup.validate;
  } catch (error) {
    return [{ ...fields, path: '', message: `cannot use schema ${lookup.file}: ${(error as Error).message}`, severity: 'error', code: 'bad-schema' }];
  }
  if (validate(value)) return [];
  return simplifyErrors(validate.errors ?? [], value).map((d) => ({ ...fields, path: d.path, message: d.message, severity: 'error', code: 'schema' }));
}

function readIdentity(object: Record<string, unknown>): Pick<Violation, 'apiVersion' | 'kind' | 'name' | 'namespace'> {
  const metadata = object.metadata !== null && typeof object.metadata === 'object' ? (object.metadata as Record<string, unknown>) : {};
  const identity: Pick<Violation, 'apiVersion' | 'kind' | 'name' | 'namespace'> = {};
  if (isFilledString(object.apiVersion)) identity.apiVersion = object.apiVersion;
  if (isFilledString(object.kind)) identity.kind = object.kind;
  if (isFilledString(metadata.name)) identity.name = metadata.name;
  if (isFilledString(metadata.namespace)) identity.namespace = metadata.namespace;
  return identity;
}

function isFilledString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** Says which schemas exist instead: the same kind in other apiVersions, or a kind spelled nearly the same. */
function describeMissingSchema(apiVersion: string, kind: string, store: SchemaStore): string {
  const known = store.listKinds();
  const message = `no schema for ${apiVersion} ${kind} in ${store.location}`;
  const versions = known.filter((entry) => entry.kind === kind).map((entry) => entry.apiVersion);
  if (versions.length > 0) return `${message}; ${kind} has schemas for: ${versions.join(', ')}`;
  const sameGroup = known.filter((entry) => entry.apiVersion === apiVersion).map((entry) => entry.kind);
  const hint = formatSuggestion(kind, sameGroup.length > 0 ? sameGroup : known.map((entry) => entry.kind));
  return `${message}${hint}`;
}
