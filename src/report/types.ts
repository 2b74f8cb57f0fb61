/**
 * A validation report: per stage, how many objects were checked, by which renderer, what was
 * wrong with them and what could not be checked.
 */
import type { Violation } from '../validate/types.js';

export type ReportFormat = 'text' | 'json' | 'junit';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'junit'];

/** An object that was not checked (e.g. no schema for its kind). */
export interface SkippedObject {
  file: string;
  kind: string;
  name: string;
  namespace?: string;
  /** Why, e.g. `no schema for route.openshift.io/v1 Route`. */
  reason?: string;
}

export interface StageReport {
  /** The stage id, e.g. `04-sidecar-injection`. */
  stage: string;
  /** What rendered the stage, e.g. `in-process` or `kubectl kustomize`. */
  renderer?: string;
  /** How many objects were checked. */
  objects: number;
  violations: Violation[];
  skipped?: SkippedObject[];
}

export interface ReportTotals {
  stages: number;
  objects: number;
  errors: number;
  warnings: number;
  skipped: number;
}

/** Totals of one stage or of several. */
export function countReport(reports: readonly StageReport[]): ReportTotals {
  const totals: ReportTotals = { stages: reports.length, objects: 0, errors: 0, warnings: 0, skipped: 0 };
  for (const report of reports) {
    totals.objects += report.objects;
    totals.skipped += report.skipped?.length ?? 0;
    for (const violation of report.violations) {
      if (violation.severity === 'warning') totals.warnings += 1;
      else totals.errors += 1;
    }
  }
  return totals;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `41 objects, 2 errors` with `, 1 warning` and `, 3 skipped` only when there are any. */
export function formatCounts(totals: ReportTotals): string {
  return [
    plural(totals.objects, 'object'),
    plural(totals.errors, 'error'),
    ...(totals.warnings > 0 ? [plural(totals.warnings, 'warning')] : []),
    ...(totals.skipped > 0 ? [`${totals.skipped} skipped`] : []),
  ].join(', ');
}

/** `Deployment/carts (user1-sockshop)`, or '' when the violation names no object. */
export function labelViolationObject(item: { kind?: string; name?: string; namespace?: string }): string {
  if (!item.kind && !item.name) return '';
  return `${item.kind ?? '?'}/${item.name ?? '?'}${item.namespace ? ` (${item.namespace})` : ''}`;
}

/** `file:line`, or the file. */
export function locateViolation(item: { file: string; line?: number }): string {
  return item.line === undefined ? item.file : `${item.file}:${item.line}`;
}
