/**
 * Keeps ajv's error list to what a person needs. With `allErrors`, a failed `anyOf`/`oneOf` reports
 * every branch's errors plus its own; here:
 * - a nullable field (`anyOf: [schema, {type: null}]`) with a non-null value reports only the real
 *   branch's errors (the "must be null" branch is noise);
 * - any other `anyOf`/`oneOf` becomes one message naming the alternatives (Istio's "set only one of
 *   exact, prefix, regex"; Route's "path must be empty, or tls unset, or termination not passthrough");
 * - duplicates go.
 */
import type { ErrorObject } from 'ajv';
import { describeError, type ErrorDescription } from './describe-error.js';
import { formatJsonPath } from './json-path.js';

type Branch = Record<string, unknown>;

export function simplifyErrors(errors: readonly ErrorObject[], root: unknown): ErrorDescription[] {
  const dropped = new Set<ErrorObject>();
  const replaced = new Map<ErrorObject, ErrorDescription>();
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue;
    const branches = (Array.isArray(error.schema) ? error.schema : []) as Branch[];
    const nullBranch = branches.findIndex((b) => b.type === 'null' && Object.keys(b).length === 1);
    dropped.add(error);
    if (nullBranch >= 0) {
      for (const other of errors) if (other.schemaPath === `${error.schemaPath}/${nullBranch}/type`) dropped.add(other);
      continue;
    }
    for (const other of errors) {
      if (other !== error && other.schemaPath.startsWith(`${error.schemaPath}/`) && other.instancePath.startsWith(error.instancePath)) dropped.add(other);
    }
    replaced.set(error, { path: formatJsonPath(error.instancePath, root), message: describeAlternatives(error, branches) });
  }
  const seen = new Set<string>();
  const out: ErrorDescription[] = [];
  for (const error of errors) {
    const description = replaced.get(error) ?? (dropped.has(error) ? undefined : describeError(error, root));
    if (!description) continue;
    const key = `${description.path}\n${description.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(description);
  }
  return out;
}

function describeAlternatives(error: ErrorObject, branches: readonly Branch[]): string {
  const passing = (error.params as { passingSchemas?: number[] | number | null }).passingSchemas;
  if (error.keyword === 'oneOf' && passing !== null && passing !== undefined) {
    const choices = branches.map(readSingleRequired).filter((name): name is string => name !== undefined);
    const found = (Array.isArray(passing) ? passing : [passing]).map((i) => readSingleRequired(branches[i] ?? {})).filter(Boolean);
    if (choices.length > 0 && found.length > 1) return `must set only one of: ${choices.join(', ')} (found ${found.join(' and ')})`;
    return 'matches more than one of the allowed forms; keep only one';
  }
  const conditions = branches.map((branch) => describeCondition(branch, '', false));
  if (conditions.every((c): c is string => c !== undefined)) return `must satisfy one of: ${conditions.join('; or ')}`;
  return 'does not match any of the allowed forms';
}

function readSingleRequired(branch: Branch): string | undefined {
  const required = branch.required;
  return Array.isArray(required) && required.length === 1 && Object.keys(branch).length === 1 ? String(required[0]) : undefined;
}

/** A condition a branch expresses, in words, for the few shapes CRDs use; undefined otherwise. */
function describeCondition(schema: Branch, subject: string, negate: boolean): string | undefined {
  const keys = Object.keys(schema);
  const named = subject === '' ? 'the value' : subject;
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  const value = schema[key as string];
  if (key === 'not') return describeCondition(value as Branch, subject, !negate);
  if (key === 'required' && Array.isArray(value) && value.length === 1) return `${prefix(subject)}${String(value[0])} is ${negate ? 'not set' : 'set'}`;
  if (key === 'enum' && Array.isArray(value)) {
    const shown = value.map((v) => (v === null ? 'unset' : JSON.stringify(v))).join(' or ');
    return `${named} is ${negate ? 'not ' : ''}${shown}`;
  }
  if (key === 'maxLength' && value === 0) return `${named} is ${negate ? 'not empty' : 'empty'}`;
  if (key === 'properties' && value !== null && typeof value === 'object') {
    const parts = Object.entries(value as Record<string, Branch>).map(([name, child]) => describeCondition(child, `${prefix(subject)}${name}`, negate));
    if (parts.some((p) => p === undefined)) return undefined;
    return parts.join(negate ? ' or ' : ' and ');
  }
  if (key === 'anyOf' && Array.isArray(value)) {
    const parts = (value as Branch[]).map((b) => describeCondition(b, subject, negate));
    if (parts.some((p) => p === undefined)) return undefined;
    return parts.join(negate ? ' and ' : ' or ');
  }
  return undefined;
}

function prefix(subject: string): string {
  return subject === '' ? '' : `${subject}.`;
}
