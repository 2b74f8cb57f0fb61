/**
 * Handlebars, set up so that an answer can never change the structure of a file: `strict` makes a
 * missing value an error, and values enter YAML only through the `json` helper (a JSON string is a
 * valid, fully quoted YAML scalar).
 *
 * Templates come precompiled (precompiled-templates.ts, written by scripts/precompile-templates.ts):
 * compiling them took about a quarter of a `sockshop-mesh new` run. A template whose text no longer
 * matches its precompiled hash is compiled here, as before, with the full Handlebars loaded then.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type HandlebarsModule from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { findPackageRoot } from '../util/package-root.js';
import { PRECOMPILED, PRECOMPILED_WITH } from './precompiled-templates.js';

type Handlebars = typeof HandlebarsModule;
type HelperOptions = HandlebarsModule.HelperOptions & { loc?: { start: { line: number } } };

/** How every template is compiled, here or ahead of time. */
export const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;

function registerHelpers(environment: Handlebars): Handlebars {
  environment.registerHelper('json', (value: unknown, options: HelperOptions) => {
    if (value === undefined) throw new Error(`line ${options.loc?.start.line ?? '?'}: a value given to {{json}} is not defined`);
    return JSON.stringify(value);
  });
  environment.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  environment.registerHelper('pad2', (value: number) => String(value).padStart(2, '0'));
  return environment;
}

const runtime = registerHelpers((HandlebarsRuntime as unknown as Handlebars).create());
let compiler: Handlebars | undefined;
const compiled = new Map<string, HandlebarsModule.TemplateDelegate>();

export function templatePath(relative: string): string {
  return join(findPackageRoot(), 'templates', relative);
}

export function readTemplate(relative: string): string {
  return readFileSync(templatePath(relative), 'utf8');
}

/** What a precompiled template records of the text it was compiled from. */
export function hashTemplate(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function loadTemplate(relative: string): HandlebarsModule.TemplateDelegate {
  const text = readTemplate(relative);
  const precompiled = PRECOMPILED[relative];
  if (precompiled && PRECOMPILED_WITH === runtime.VERSION && precompiled.hash === hashTemplate(text)) {
    return runtime.template(precompiled.spec as Parameters<Handlebars["template"]>[0]);
  }
  compiler ??= registerHelpers((createRequire(import.meta.url)('handlebars') as Handlebars).create());
  return compiler.compile(text, COMPILE_OPTIONS);
}

/** Renders `templates/<relative>` with the given values; a missing value throws with the file name. */
export function renderTemplate(relative: string, values: object): string {
  let template = compiled.get(relative);
  if (!template) {
    template = loadTemplate(relative);
    compiled.set(relative, template);
  }
  try {
    return template(values);
  } catch (error) {
    throw new Error(`cannot render template ${relative}: ${(error as Error).message}`);
  }
}
