/** One entry point for every report format. */
import { formatJsonReport } from './format-json.js';
import { formatJunitReport } from './format-junit.js';
import { formatTextReport } from './format-text.js';
import type { ReportFormat, StageReport } from './types.js';

const FORMATTERS: Record<ReportFormat, (reports: readonly StageReport[]) => string> = {
  text: formatTextReport,
  json: formatJsonReport,
  junit: formatJunitReport,
};

export function formatReport(reports: readonly StageReport[], format: ReportFormat = 'text'): string {
  return FORMATTERS[format](reports);
}
