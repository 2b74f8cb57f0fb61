/**
 * The errors of the in-process kustomize. Both are user errors (bad or unusual input, not bugs):
 * `KustomizationError` when kustomize itself would refuse the input too, and
 * `UnsupportedKustomizationError` when kustomize would build it but the in-process subset does
 * not, so the caller can fall back to the real binary.
 */
import { UserError } from '../errors.js';

/** `file:line` when the line is known, else the file. */
export function formatLocation(file: string, line?: number): string {
  return line === undefined ? file : `${file}:${line}`;
}

/** The input is wrong: malformed YAML, a missing file, a path that escapes, a patch that matches nothing. */
export class KustomizationError extends UserError {
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, line: number | undefined, problem: string, hint?: string) {
    super(`${formatLocation(file, line)}: ${problem}`, hint);
    this.name = 'KustomizationError';
    this.file = file;
    this.line = line;
  }
}

/** Valid for kustomize, but outside the subset built in-process (see render-kustomization.ts). */
export class UnsupportedKustomizationError extends UserError {
  readonly file: string;
  readonly field: string;
  constructor(file: string, field: string, detail?: string) {
    super(
      `${file}: \`${field}\` is not supported by the in-process renderer${detail ? ` (${detail})` : ''}`,
      'Build this folder with the real kustomize instead (`kustomize build` or `kubectl kustomize`); renderStage does that with `fallback: true`.',
    );
    this.name = 'UnsupportedKustomizationError';
    this.file = file;
    this.field = field;
  }
}
