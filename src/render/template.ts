/**
 * Handlebars, set up so that an answer can never change the structure of a file: `strict` makes a
 * missing value an error, and values enter YAML only through the `json` helper (a JSON string is a
 * valid, fully quoted YAML scalar).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { findPackageRoot } from '../util/package-root.js';

const handlebars = Handlebars.create();
handlebars.registerHelper('json', (value: unknown, options: Handlebars.HelperOptions & { loc?: { start: { line: number } } }) => {
  if (value === undefined) throw new Error(`line ${options.loc?.start.line ?? '?'}: a value given to {{json}} is not defined`);
  return JSON.stringify(value);
});
handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
handlebars.registerHelper('pad2', (value: number) => String(value).padStart(2, '0'));

const compiled = new Map<string, Handlebars.TemplateDelegate>();

export function templatePath(relative: string): string {
  return join(findPackageRoot(), 'templates', relative);
}

export function readTemplate(relative: string): string {
  return readFileSync(templatePath(relative), 'utf8');
}

/** Renders `templates/<relative>` with the given values; a missing value throws with the file name. */
export function renderTemplate(relative: string, values: object): string {
  let template = compiled.get(relative);
  if (!template) {
    template = handlebars.compile(readTemplate(relative), { strict: true, noEscape: true });
    compiled.set(relative, template);
  }
  try {
    return template(values);
  } catch (error) {
    throw new Error(`cannot render template ${relative}: ${(error as Error).message}`);
  }
}
