/** What the kubeconform adapter reads back from a run. */
import type { SourcedObject, Violation } from '../validate/types.js';

export type KubeconformStatus = 'valid' | 'invalid' | 'error' | 'skipped';

/**
 * `current`: v0.6.2 and later (`statusValid`, `name`, `validationErrors`); `legacy`: earlier
 * releases (`VALID`, no name); `unknown`: an empty list, which both print the same way.
 */
export type KubeconformFormat = 'current' | 'legacy' | 'unknown';

export interface KubeconformResource {
  /** As kubeconform prints it (`stdin` for objects given on standard input). */
  filename: string;
  kind: string;
  /** Missing in legacy output. */
  name?: string;
  apiVersion: string;
  status: KubeconformStatus;
  message: string;
  /** The object this result belongs to, when the caller gave the sources and one matched. */
  source?: SourcedObject;
}

export interface KubeconformSummary {
  valid: number;
  invalid: number;
  errors: number;
  skipped: number;
}

export interface KubeconformResult {
  format: KubeconformFormat;
  resources: KubeconformResource[];
  violations: Violation[];
  /** Present when kubeconform ran with `-summary`. */
  summary?: KubeconformSummary;
}
