/**
 * Handlebars, set up so that an answer can never change the structure of a file: `strict` makes a
 * missing value an error, and values enter YAML only through the `json` helper (a JSON string is a
 * valid, fully quoted YAML scalar).
 *
 * Templates come precompiled from the build (`npm run build` writes dist/precompiled-templates.cjs,
 * see scripts/templates/precompile.ts): compiling them took about a quarter of a `sockshop-mesh new`
 * run. A template without a precompiled entry, or whose text changed since the build, is compiled
 * here, with the full Handlebars loaded then. Partials are the files under a `partials/` folder of a
 * template tree (`docs/<lang>/partials/changes.md.hbs` is `{{> changes}}` for that tree).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type HandlebarsModule from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { formatMessage } from '../docs/messages.js';
import type { LanguageId } from '../languages/registry.js';
import { findPackageRoot } from '../util/package-root.js';

type Handlebars = typeof HandlebarsModule;
type HelperOptions = HandlebarsModule.HelperOptions & { loc?: { start: { line: number } } };
type Precompiled = Record<string, { hash: string; spec: object }>;

/** How every template is compiled, here or ahead of time. */
export const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;
/** Where the build writes the precompiled templates, relative to the package root. */
export const PRECOMPILED_FILE = join('dist', 'precompiled-templates.cjs');
export const PARTIALS_DIR = 'partials';

function registerHelpers(environment: Handlebars): Handlebars {
  environment.registerHelper('json', (value: unknown, options: HelperOptions) => {
    if (value === undefined) throw new Error(`line ${options.loc?.start.line ?? '?'}: a value given to {{json}} is not defined`);
    return JSON.stringify(value);
  });
  environment.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  environment.registerHelper('pad2', (value: number) => String(value).padStart(2, '0'));
  // `{{t "key" name=value}}`: a short text of the repository's language (templates/docs/<lang>/messages.yaml),
  // for the language-independent partials under docs/shared/ (code comments, labels).
  environment.registerHelper('t', (key: string, options: HelperOptions) => {
    const lang = (options.data?.root as { settings?: { lang?: LanguageId } } | undefined)?.settings?.lang;
    if (!lang) throw new Error(`line ${options.loc?.start.line ?? '?'}: {{t "${key}"}} needs settings.lang in the values`);
    return formatMessage(lang, key, options.hash as Record<string, string | number>);
  });
  return environment;
}

const runtime = HandlebarsRuntime as unknown as Handlebars;
let compiler: Handlebars | undefined;
let precompiled: { with: string; templates: Precompiled } | undefined;
const compiled = new Map<string, HandlebarsModule.TemplateDelegate>();
const environments = new Map<string, Handlebars>();

export function templatePath(relative: string): string {
  return join(findPackageRoot(), 'templates', relative);
}

export function readTemplate(relative: string): string {
  return readFileSync(templatePath(relative), 'utf8');
}

export function templateExists(relative: string): boolean {
  return existsSync(templatePath(relative));
}

/** The first of `roots` (folders under `base`) that holds `path`, as a templates/-relative path. */
export function findTemplate(base: string, roots: readonly string[], path: string): string {
  for (const root of roots) {
    const relative = `${base}/${root}/${path}`;
    if (templateExists(relative)) return relative;
  }
  throw new Error(`no template ${path} under templates/${base}/{${roots.join(',')}}`);
}

/** What a precompiled template records of the text it was compiled from. */
export function hashTemplate(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function loadPrecompiled(): { with: string; templates: Precompiled } {
  if (precompiled) return precompiled;
  const file = join(findPackageRoot(), PRECOMPILED_FILE);
  try {
    const module = createRequire(import.meta.url)(file) as { PRECOMPILED_WITH: string; PRECOMPILED: Precompiled };
    precompiled = { with: module.PRECOMPILED_WITH, templates: module.PRECOMPILED };
  } catch {
    precompiled = { with: '', templates: {} };
  }
  return precompiled;
}

function compileTemplate(environment: Handlebars, relative: string): HandlebarsModule.TemplateDelegate {
  const text = readTemplate(relative);
  const entry = loadPrecompiled().templates[relative];
  if (entry && loadPrecompiled().with === runtime.VERSION && entry.hash === hashTemplate(text)) {
    return environment.template(entry.spec as Parameters<Handlebars['template']>[0]);
  }
  compiler ??= createRequire(import.meta.url)('handlebars') as Handlebars;
  // Compiled by the full compiler into the same spec the build writes, run with the tree's
  // environment (its helpers and partials), exactly as a precompiled template is.
  const spec = new Function(`return ${compiler.precompile(text, COMPILE_OPTIONS)};`)() as Parameters<Handlebars['template']>[0];
  return environment.template(spec);
}

/** The tree a template belongs to for its partials: `docs/<lang>`, or '' for everything else. */
function treeOf(relative: string): string {
  const match = /^(docs\/[^/]+)\//.exec(relative);
  return match ? match[1] : '';
}

/**
 * The language-independent partials every docs tree sees: commands, code blocks and the structure
 * around them, so that a language is a folder of prose. A language's own partial of the same name wins.
 */
export const SHARED_DOCS_TREE = 'docs/shared';

/** Every `.hbs` under a folder, as paths relative to it (`ossm2/baseline/observe.md.hbs`). */
function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : entry.name.endsWith('.hbs') ? [`${prefix}${entry.name}`] : [],
  );
}

/** A tree's partials by name (`{{> ossm2/baseline/observe}}`): the shared ones, then the tree's own over them. */
function listPartials(tree: string): Map<string, string> {
  const partials = new Map<string, string>();
  if (!tree) return partials;
  for (const root of tree === SHARED_DOCS_TREE ? [tree] : [SHARED_DOCS_TREE, tree]) {
    for (const file of listFiles(templatePath(`${root}/${PARTIALS_DIR}`))) partials.set(file.replace(/\.[^./]+\.hbs$|\.hbs$/, ''), `${root}/${PARTIALS_DIR}/${file}`);
  }
  return partials;
}

function getEnvironment(tree: string): Handlebars {
  let environment = environments.get(tree);
  if (!environment) {
    environment = registerHelpers(runtime.create());
    for (const [name, partial] of listPartials(tree)) environment.registerPartial(name, compileTemplate(environment, partial));
    environments.set(tree, environment);
  }
  return environment;
}

/** Renders `templates/<relative>` with the given values; a missing value throws with the file name. */
export function renderTemplate(relative: string, values: object): string {
  let template = compiled.get(relative);
  if (!template) {
    template = compileTemplate(getEnvironment(treeOf(relative)), relative);
    compiled.set(relative, template);
  }
  try {
    return template(values);
  } catch (error) {
    throw new Error(`cannot render template ${relative}: ${(error as Error).message}`);
  }
}
