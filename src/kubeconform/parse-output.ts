/**
 * kubeconform's `-output json` read back, in both shapes it has had: v0.6.2 and later
 * (`statusValid`, `name`, `validationErrors[{path, msg}]`) and earlier releases (`VALID`, no name,
 * errors joined in `msg`). Pure: text in, per-resource statuses and violations out. Given the
 * objects that were validated, each result is tied back to its file, document and line.
 */
import { UserError } from '../errors.js';
import type { SourcedObject, Violation } from '../validate/types.js';
import { convertPointer, describeFieldError, splitLegacyMessage, type FieldError } from './convert-errors.js';
import type { KubeconformFormat, KubeconformResource, KubeconformResult, KubeconformStatus, KubeconformSummary } from './types.js';

const STATUSES: Record<string, [KubeconformStatus, KubeconformFormat]> = {
  statusValid: ['valid', 'current'],
  statusInvalid: ['invalid', 'current'],
  statusError: ['error', 'current'],
  statusSkipped: ['skipped', 'current'],
  VALID: ['valid', 'legacy'],
  INVALID: ['invalid', 'legacy'],
  ERROR: ['error', 'legacy'],
  SKIPPED: ['skipped', 'legacy'],
};

interface RawResource {
  filename?: unknown;
  kind?: unknown;
  name?: unknown;
  version?: unknown;
  status?: unknown;
  msg?: unknown;
  validationErrors?: { path?: unknown; msg?: unknown }[];
}

export class KubeconformOutputError extends UserError {
  constructor(problem: string) {
    super(`unexpected kubeconform output: ${problem}`, 'Check `kubeconform -v`: this adapter reads the JSON output of v0.4 and later.');
    this.name = 'KubeconformOutputError';
  }
}

function readText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function describeObject(source: SourcedObject | undefined): Partial<Record<'kind' | 'name' | 'namespace' | 'apiVersion', string>> {
  const object = source?.object as { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } } | undefined;
  const fields = { apiVersion: object?.apiVersion, kind: object?.kind, name: object?.metadata?.name, namespace: object?.metadata?.namespace };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => typeof value === 'string')) as Record<string, string>;
}

/** The source an output line belongs to: same file (unless stdin), kind, apiVersion and, when printed, name. */
function findSource(resource: KubeconformResource, sources: readonly SourcedObject[]): SourcedObject | undefined {
  const candidates = sources.filter((source) => {
    const described = describeObject(source);
    return (
      (resource.filename === 'stdin' || resource.filename === source.file) &&
      described.kind === resource.kind &&
      described.apiVersion === resource.apiVersion &&
      (resource.name === undefined || resource.name === '' || described.name === resource.name)
    );
  });
  return candidates.length === 1 ? candidates[0] : undefined;
}

function classifyError(message: string): string {
  if (message.startsWith('could not find schema')) return 'missing-schema';
  if (message.includes('missing a Kind') || message.includes('missing kind')) return 'missing-kind';
  if (message.startsWith('error unmarshalling resource')) return 'yaml';
  return 'kubeconform-error';
}

function listFieldErrors(raw: RawResource, resource: KubeconformResource): FieldError[] {
  if (Array.isArray(raw.validationErrors) && raw.validationErrors.length > 0) {
    const root = resource.source?.object;
    return raw.validationErrors.flatMap((error) => describeFieldError(convertPointer(readText(error.path), root), readText(error.msg)));
  }
  return splitLegacyMessage(resource.message);
}

function buildViolations(raw: RawResource, resource: KubeconformResource): Violation[] {
  if (resource.status !== 'invalid' && resource.status !== 'error') return [];
  const { source } = resource;
  const base = {
    file: source?.file ?? resource.filename,
    ...(source ? { index: source.index } : {}),
    ...(source?.line === undefined ? {} : { line: source.line }),
    kind: resource.kind,
    apiVersion: resource.apiVersion,
    ...(resource.name ? { name: resource.name } : {}),
    ...describeObject(source),
    severity: 'error' as const,
  };
  if (resource.status === 'error') return [{ ...base, path: '', message: resource.message, code: classifyError(resource.message) }];
  return listFieldErrors(raw, resource).map(({ path, message }) => ({ ...base, path, message, code: 'schema' }));
}

function readSummary(value: unknown): KubeconformSummary | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { valid, invalid, errors, skipped } = value as Record<string, unknown>;
  const count = (n: unknown) => (typeof n === 'number' ? n : 0);
  return { valid: count(valid), invalid: count(invalid), errors: count(errors), skipped: count(skipped) };
}

/** Parses `kubeconform -output json` (with or without `-summary`); `sources` are the objects validated. */
export function parseKubeconformOutput(text: string, sources: readonly SourcedObject[] = []): KubeconformResult {
  let parsed: { resources?: unknown; summary?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch (error) {
    throw new KubeconformOutputError(`not JSON (${(error as Error).message}): ${text.slice(0, 200)}`);
  }
  if (!parsed || !Array.isArray(parsed.resources)) throw new KubeconformOutputError('no "resources" list');
  let format: KubeconformFormat | undefined;
  const resources: KubeconformResource[] = [];
  const violations: Violation[] = [];
  for (const raw of parsed.resources as RawResource[]) {
    const known = STATUSES[readText(raw.status)];
    if (!known) throw new KubeconformOutputError(`unknown status ${JSON.stringify(raw.status)}`);
    format ??= known[1];
    const resource: KubeconformResource = {
      filename: readText(raw.filename),
      kind: readText(raw.kind),
      ...(typeof raw.name === 'string' ? { name: raw.name } : {}),
      apiVersion: readText(raw.version),
      status: known[0],
      message: readText(raw.msg),
    };
    const source = findSource(resource, sources);
    if (source) resource.source = source;
    resources.push(resource);
    violations.push(...buildViolations(raw, resource));
  }
  const summary = readSummary(parsed.summary);
  return { format: format ?? 'unknown', resources, violations, ...(summary ? { summary } : {}) };
}
