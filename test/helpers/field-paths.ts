/**
 * The object fields a health check reads, as CRD field paths (`status.conditions[].reason`), and
 * their lookup in test/fixtures/crd-fields.json (written by scripts/extract-crd-fields.ts from the
 * upstream CRDs). Good enough for the expressions and scripts we write, not a CEL or Lua parser:
 * a name it cannot place is reported, never ignored, except Lua locals not bound to `obj` fields.
 */
import { readFileSync } from 'node:fs';

export interface CrdFields {
  crd: string;
  blob: string;
  fields: Record<string, string>;
}

export function readCrdFields(): Record<string, CrdFields> {
  return JSON.parse(readFileSync(new URL('../fixtures/crd-fields.json', import.meta.url), 'utf8')).kinds;
}

const ROOTS = new Set(['status', 'spec', 'metadata']);
const MACROS = /([A-Za-z_][\w.]*)\.(exists|all|exists_one|filter|map)\(\s*([A-Za-z_]\w*)\s*,/g;
const DOTTED = /(?<![\w.])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(\s*\()?/g;

/** The field paths a CEL expression reads, and those it iterates (which must be lists). */
export function readCelFields(expression: string): { paths: string[]; lists: string[]; unplaced: string[] } {
  const text = expression.replace(/'[^']*'/g, "''");
  const bound = new Map<string, string>();
  const place = (dotted: string): string | undefined => {
    const [root, ...rest] = dotted.split('.');
    const base = bound.get(root) ?? (ROOTS.has(root) ? root : undefined);
    return base === undefined ? undefined : [base, ...rest].join('.');
  };
  const lists: string[] = [];
  for (const [, target, , variable] of text.matchAll(MACROS)) {
    const list = place(target);
    if (list === undefined) throw new Error(`cannot place the list ${target} in ${expression}`);
    lists.push(list);
    bound.set(variable, `${list}[]`);
  }
  const paths: string[] = [];
  const unplaced: string[] = [];
  for (const [, dotted, call] of text.matchAll(DOTTED)) {
    const field = call ? dotted.split('.').slice(0, -1).join('.') : dotted;
    if (!field.includes('.') && !bound.has(field) && !ROOTS.has(field)) continue;
    const path = place(field);
    if (path === undefined) unplaced.push(field);
    else paths.push(path);
  }
  return { paths: [...new Set(paths)], lists: [...new Set(lists)], unplaced };
}

/**
 * The field paths a Lua health script reads from `obj`, directly or through a variable bound to an
 * `obj` field (`local x = obj.status.operationState`, `for _, c in ipairs(obj.status.conditions)`).
 */
export function readLuaFields(script: string): { paths: string[]; lists: string[] } {
  const code = script
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .replace(/"[^"]*"/g, '""');
  const bound = new Map<string, string>([['obj', '']]);
  const lists: string[] = [];
  for (const [, variable, path] of code.matchAll(/for\s+_,\s*(\w+)\s+in\s+ipairs\(obj\.([\w.]+)\)/g)) {
    lists.push(path);
    bound.set(variable, `${path}[]`);
  }
  for (const [, variable, path] of code.matchAll(/local\s+(\w+)\s*=\s*obj\.([\w.]+)\s*$/gm)) bound.set(variable, path);
  const paths: string[] = [];
  for (const [, dotted] of code.matchAll(/(?<![\w.])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)/g)) {
    const [root, ...rest] = dotted.split('.');
    const base = bound.get(root);
    if (base === undefined) continue;
    paths.push(base === '' ? rest.join('.') : [base, ...rest].join('.'));
  }
  return { paths: [...new Set(paths)], lists: [...new Set(lists)] };
}

/** The CRD type of a path (`*` matches a map key), or undefined when the CRD has no such field. */
export function lookUpField(fields: Record<string, string>, path: string): string | undefined {
  let known = '';
  for (const segment of path.replace(/\[\]/g, '.[]').split('.')) {
    const step = segment === '[]' ? `${known}[]` : known === '' ? segment : `${known}.${segment}`;
    if (step in fields) known = step;
    else if (segment !== '[]' && `${known}.*` in fields) known = `${known}.*`;
    else return undefined;
  }
  return fields[known];
}
