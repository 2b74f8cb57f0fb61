/** Validation reports: text for people, JSON for tools, JUnit XML for CI. */
export { formatReport } from './format-report.js';
export { formatTextReport, formatViolationLine } from './format-text.js';
export { buildJsonReport, formatJsonReport, JSON_REPORT_VERSION } from './format-json.js';
export { formatJunitReport, JUNIT_SUITES_NAME } from './format-junit.js';
export { countReport, REPORT_FORMATS, type ReportFormat, type ReportTotals, type SkippedObject, type StageReport } from './types.js';
