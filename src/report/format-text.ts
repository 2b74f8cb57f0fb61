/**
 * The report as people read it in a terminal or a CI log:
 *
 *   04-sidecar-injection: 41 objects, 1 error (in-process)
 *     stages/04-x/apps/carts.yaml:12 Deployment/carts (user1-sockshop) spec.replicaz: unknown field "replicaz"
 *     skipped: stages/04-x/apps/route.yaml Route/front-end (user1-sockshop): no schema
 *   9 stages, 369 objects, 1 error
 */
import type { Violation } from '../validate/types.js';
import { countReport, formatCounts, labelViolationObject, locateViolation, type SkippedObject, type StageReport } from './types.js';

export function formatViolationLine(violation: Violation): string {
  const object = labelViolationObject(violation);
  const where = [locateViolation(violation), object].filter(Boolean).join(' ');
  const what = `${violation.severity === 'warning' ? 'warning: ' : ''}${violation.message}`;
  return violation.path ? `${where} ${violation.path}: ${what}` : `${where}: ${what}`;
}

function formatSkippedLine(skipped: SkippedObject): string {
  const line = `skipped: ${skipped.file} ${labelViolationObject(skipped)}`;
  return skipped.reason ? `${line}: ${skipped.reason}` : line;
}

export function formatTextReport(reports: readonly StageReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    const counts = formatCounts(countReport([report]));
    lines.push(`${report.stage}: ${counts}${report.renderer ? ` (${report.renderer})` : ''}`);
    for (const violation of report.violations) lines.push(`  ${formatViolationLine(violation)}`);
    for (const skipped of report.skipped ?? []) lines.push(`  ${formatSkippedLine(skipped)}`);
  }
  const totals = countReport(reports);
  lines.push(`${totals.stages} stage${totals.stages === 1 ? '' : 's'}, ${formatCounts(totals)}`);
  return `${lines.join('\n')}\n`;
}
