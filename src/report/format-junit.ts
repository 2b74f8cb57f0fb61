/**
 * The report as JUnit XML for CI dashboards: one testsuite per stage; one testcase per object with
 * violations (a `failure` per error, warnings as `system-out`) and per skipped object; the objects
 * without violations, whose names a StageReport does not carry, as one passing testcase that counts
 * them. `tests` counts the testcase elements, so the XML stays self-consistent.
 */
import type { Violation } from '../validate/types.js';
import { labelViolationObject, locateViolation, type StageReport } from './types.js';
import { writeXmlDocument, type XmlElement } from './xml.js';

export const JUNIT_SUITES_NAME = 'sockshop-mesh validation';

/** The object a violation belongs to: its document when known, else its kind and name, else its line. */
function keyOf(violation: Violation): string {
  const document = violation.index ?? (violation.kind || violation.name ? labelViolationObject(violation) : `line ${violation.line ?? '?'}`);
  return `${violation.file}\u0000${document}`;
}

function describe(violation: Violation): string {
  const summary = violation.path ? `${violation.path}: ${violation.message}` : violation.message;
  return [locateViolation(violation), labelViolationObject(violation), summary].filter(Boolean).join(' ');
}

function buildObjectCase(stage: string, violations: readonly Violation[]): XmlElement {
  const [first] = violations;
  const errors = violations.filter((violation) => violation.severity !== 'warning');
  const warnings = violations.filter((violation) => violation.severity === 'warning');
  return {
    name: 'testcase',
    attributes: { classname: stage, name: labelViolationObject(first) || locateViolation(first), file: first.file, line: first.line },
    children: [
      ...errors.map((violation) => ({
        name: 'failure',
        attributes: { message: violation.path ? `${violation.path}: ${violation.message}` : violation.message, type: violation.code },
        text: describe(violation),
      })),
      ...(warnings.length > 0 ? [{ name: 'system-out', text: warnings.map((violation) => `warning: ${describe(violation)}`).join('\n') }] : []),
    ],
  };
}

function buildSuite(report: StageReport): XmlElement {
  const groups = new Map<string, Violation[]>();
  for (const violation of report.violations) groups.set(keyOf(violation), [...(groups.get(keyOf(violation)) ?? []), violation]);
  const objectCases = [...groups.values()].map((violations) => buildObjectCase(report.stage, violations));
  const skippedCases: XmlElement[] = (report.skipped ?? []).map((object) => ({
    name: 'testcase',
    attributes: { classname: report.stage, name: labelViolationObject(object), file: object.file },
    children: [{ name: 'skipped', attributes: { message: object.reason ?? 'not checked' } }],
  }));
  const passed = Math.max(report.objects - groups.size - skippedCases.length, 0);
  const passedCases: XmlElement[] = passed > 0 ? [{ name: 'testcase', attributes: { classname: report.stage, name: `${passed} object${passed === 1 ? '' : 's'} without violations` } }] : [];
  const failures = objectCases.filter((testcase) => testcase.children?.some((child) => child.name === 'failure')).length;
  const properties: XmlElement[] = report.renderer
    ? [{ name: 'properties', children: [{ name: 'property', attributes: { name: 'renderer', value: report.renderer } }] }]
    : [];
  const cases = [...objectCases, ...skippedCases, ...passedCases];
  return {
    name: 'testsuite',
    attributes: { name: report.stage, tests: cases.length, failures, errors: 0, skipped: skippedCases.length },
    children: [...properties, ...cases],
  };
}

export function formatJunitReport(reports: readonly StageReport[]): string {
  const suites = reports.map(buildSuite);
  const sum = (key: string) => suites.reduce((total, suite) => total + Number(suite.attributes?.[key] ?? 0), 0);
  return writeXmlDocument({
    name: 'testsuites',
    attributes: { name: JUNIT_SUITES_NAME, tests: sum('tests'), failures: sum('failures'), errors: 0, skipped: sum('skipped') },
    children: suites,
  });
}
