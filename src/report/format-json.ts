/**
 * The report as JSON for tools. The shape is a contract (bump `version` when it changes); every key
 * is always present, `null` when unknown, in this order:
 *
 *   { "version": 1,
 *     "summary": { "stages", "objects", "errors", "warnings", "skipped" },
 *     "stages": [ { "stage", "renderer", "objects", "errors", "warnings",
 *                   "violations": [ { "file", "line", "index", "apiVersion", "kind", "name", "namespace",
 *                                     "path", "message", "severity", "code" } ],
 *                   "skipped": [ { "file", "kind", "name", "namespace", "reason" } ] } ] }
 */
import type { Violation } from '../validate/types.js';
import { countReport, type SkippedObject, type StageReport } from './types.js';

export const JSON_REPORT_VERSION = 1;

function describeViolation(violation: Violation) {
  return {
    file: violation.file,
    line: violation.line ?? null,
    index: violation.index ?? null,
    apiVersion: violation.apiVersion ?? null,
    kind: violation.kind ?? null,
    name: violation.name ?? null,
    namespace: violation.namespace ?? null,
    path: violation.path,
    message: violation.message,
    severity: violation.severity,
    code: violation.code,
  };
}

function describeSkipped(skipped: SkippedObject) {
  return { file: skipped.file, kind: skipped.kind, name: skipped.name, namespace: skipped.namespace ?? null, reason: skipped.reason ?? null };
}

export function buildJsonReport(reports: readonly StageReport[]) {
  return {
    version: JSON_REPORT_VERSION,
    summary: countReport(reports),
    stages: reports.map((report) => {
      const { errors, warnings } = countReport([report]);
      return {
        stage: report.stage,
        renderer: report.renderer ?? null,
        objects: report.objects,
        errors,
        warnings,
        violations: report.violations.map(describeViolation),
        skipped: (report.skipped ?? []).map(describeSkipped),
      };
    }),
  };
}

export function formatJsonReport(reports: readonly StageReport[]): string {
  return `${JSON.stringify(buildJsonReport(reports), null, 2)}\n`;
}
