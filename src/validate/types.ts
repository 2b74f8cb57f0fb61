/**
 * What the validator reads and reports. A violation names the file, the object and the field, so a
 * report line reads like `overlays/stage-3/vs.yaml:12 VirtualService/catalogue spec.htttp: unknown field`.
 */

/** One parsed YAML document and where it came from. */
export interface SourcedObject {
  file: string;
  /** Index of the document in its file, from 0. */
  index: number;
  /** 1-based line where the document starts, when known. */
  line?: number;
  object: unknown;
}

export type Severity = 'error' | 'warning';

/**
 * `schema`: the object breaks its schema; `missing-schema`: no schema for its apiVersion and kind;
 * `bad-schema`: a schema file could not be read or compiled; `not-an-object`, `empty-document`,
 * `missing-apiVersion`, `missing-kind`: the document is not a Kubernetes object.
 */
export type ViolationCode =
  | 'schema'
  | 'missing-schema'
  | 'bad-schema'
  | 'not-an-object'
  | 'empty-document'
  | 'missing-apiVersion'
  | 'missing-kind';

export interface Violation {
  file: string;
  /** Document index in the file (same as the SourcedObject's). */
  index?: number;
  line?: number;
  kind?: string;
  name?: string;
  namespace?: string;
  apiVersion?: string;
  /** Field path such as `spec.template.spec.containers[0].imagePullPolicy`; empty for the whole document. */
  path: string;
  /** Readable reason, e.g. `unknown field "replicaz" (did you mean "replicas"?)`. */
  message: string;
  severity: Severity;
  code: ViolationCode | (string & {});
}
