/**
 * The workshop's Handlebars templates compiled ahead of time, for the renderer: part of `npm run
 * build`, written to dist/precompiled-templates.cjs (not committed). Each entry records the hash of
 * the text it was compiled from, so a template edited after the build is compiled at run time
 * (correct, only slower).
 *
 *   npx tsx scripts/templates/precompile.ts
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { COMPILE_OPTIONS, hashTemplate, PRECOMPILED_FILE, readTemplate, templatePath } from '../../src/render/template.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TEMPLATE_FILE = /\.hbs$|\.ya?ml$/;

/** Every template the renderer may be asked for, as `templates/`-relative paths with `/`. */
export function listTemplates(dir = templatePath('')): string[] {
  return readdirSync(dir)
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? listTemplates(join(dir, name)) : TEMPLATE_FILE.test(name) ? [join(dir, name)] : []))
    .map((path) => (path.startsWith(templatePath('')) ? relative(templatePath(''), path).split('\\').join('/') : path))
    .sort();
}

export function buildPrecompiledModule(): string {
  const entries = listTemplates().map((file) => {
    const text = readTemplate(file);
    return `  ${JSON.stringify(file)}: {\n    hash: ${JSON.stringify(hashTemplate(text))},\n    spec: ${Handlebars.precompile(text, COMPILE_OPTIONS)},\n  },`;
  });
  return [
    '// Written by scripts/templates/precompile.ts during `npm run build`: every template under templates/, precompiled.',
    `exports.PRECOMPILED_WITH = ${JSON.stringify(Handlebars.VERSION)};`,
    'exports.PRECOMPILED = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = join(ROOT, PRECOMPILED_FILE);
  const text = buildPrecompiledModule();
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`wrote ${relative(ROOT, target)}: ${listTemplates().length} templates, ${Math.round(text.length / 1024)} kB`);
}
