/**
 * kubeconform's error wording turned into our violations: JSON-pointer paths (`/spec/replicaz`)
 * into field paths (`spec.replicaz`, `spec.containers[0].image`), and an `additionalProperties`
 * error on an object into one `unknown field` per property, the way the embedded validator words it.
 */
import { appendPathSegment, formatJsonPath } from '../validate/json-path.js';

export interface FieldError {
  path: string;
  message: string;
}

/** A JSON pointer as a field path; digit segments are indexes unless `root` shows a map there. */
export function convertPointer(pointer: string, root?: unknown): string {
  if (root !== undefined) return formatJsonPath(pointer, root);
  const segments = pointer === '' || pointer === '/' ? [] : pointer.replace(/^\//, '').split('/');
  return segments
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, segment) => appendPathSegment(path, segment, /^[0-9]+$/.test(segment)), '');
}

/** `spec.template.spec.containers.0.image` (gojsonschema's form) as a field path; `(root)` is empty. */
export function convertDottedField(field: string): string {
  if (field === '(root)' || field === '') return '';
  return field.split('.').reduce((path, segment) => appendPathSegment(path, segment, /^[0-9]+$/.test(segment)), '');
}

const ADDITIONAL = /^additionalProperties ((?:'[^']*'(?:, )?)+) not allowed$/;
const LEGACY_ADDITIONAL = /^Additional property (.+) is not allowed$/;

/** One error at `path` with kubeconform's `message`, split and reworded where we know the wording. */
export function describeFieldError(path: string, message: string): FieldError[] {
  const current = ADDITIONAL.exec(message);
  const names = current ? [...current[1].matchAll(/'([^']*)'/g)].map((match) => match[1]) : [];
  const legacy = LEGACY_ADDITIONAL.exec(message);
  if (legacy) names.push(legacy[1]);
  if (names.length > 0) return names.map((name) => ({ path: appendPathSegment(path, name), message: `unknown field ${JSON.stringify(name)}` }));
  return [{ path, message }];
}

/** The errors of a legacy `INVALID` message: `For field a.b: reason - For field c: reason`. */
export function splitLegacyMessage(message: string): FieldError[] {
  const parts = message.split(/ - (?=For field |Additional property |Invalid type|[A-Z])/);
  return parts.flatMap((part) => {
    const match = /^For field ([^:]*): (.*)$/s.exec(part);
    return match ? describeFieldError(convertDottedField(match[1]), match[2]) : describeFieldError('', part);
  });
}
