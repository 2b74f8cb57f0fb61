/** The one way a lint finding about a Kubernetes object is written: where it comes from, which object, which field, why. */
import type { KubeObject } from '../render/manifest.js';
import type { Violation } from '../validate/types.js';

export function objectViolation(object: KubeObject, source: { file: string; line?: number }, path: string, message: string, code: string): Violation {
  return {
    file: source.file,
    ...(source.line ? { line: source.line } : {}),
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    path,
    message,
    severity: 'error',
    code,
  };
}
