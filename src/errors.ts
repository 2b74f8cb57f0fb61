/**
 * The few error classes the tool throws on purpose. Anything else is a bug and keeps its stack.
 */
import { redactCredentials } from './util/redact.js';

/** Bad input from the user: says what was wrong and what to type next. */
export class UserError extends Error {
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = 'UserError';
    this.hint = hint;
  }
}

/** One rejected answer: the field, the value, the rule and an example. */
export interface Problem {
  field: string;
  value: unknown;
  rule: string;
  example: string;
}

/** Several rejected answers at once, so a user fixes them all in one go. */
export class SettingsError extends UserError {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'), 'Fix the values above and run the command again (`--help` lists every option).');
    this.name = 'SettingsError';
    this.problems = problems;
  }
}

/** An external program we need is not installed. */
export class MissingToolError extends UserError {
  readonly tool: string;
  constructor(tool: string, hint: string) {
    super(`${tool} was not found on PATH.`, hint);
    this.name = 'MissingToolError';
    this.tool = tool;
  }
}

export function formatProblem(problem: Problem): string {
  const shown = redactCredentials(typeof problem.value === 'string' ? JSON.stringify(problem.value) : String(problem.value));
  return `--${problem.field} ${shown}: ${problem.rule} (for example: ${problem.example})`;
}

/** The message a user sees for any error: a stack only for bugs. */
export function describeError(error: unknown): string {
  // A URL with a token may reach any message (a remote git could not read, an origin someone set).
  if (error instanceof UserError) {
    return redactCredentials(error.hint ? `${error.message}\n${error.hint}` : error.message);
  }
  if (error instanceof Error) return redactCredentials(error.stack ?? error.message);
  return redactCredentials(String(error));
}

/** Generated or edited manifests that fail validation: carries the whole formatted report. */
export class ValidationError extends UserError {
  readonly report: string;
  constructor(summary: string, report: string, hint?: string) {
    super(`${summary}\n${report.trimEnd()}`, hint);
    this.name = 'ValidationError';
    this.report = report;
  }
}
