/**
 * Writes test/fixtures/crd-fields.json: for every kind a health check reads (HEALTH_CHECKS), the
 * fields its upstream CRD defines under `status` (and the top-level `spec` fields), each with its
 * type, so the tests can check that the CEL expressions and Lua scripts name only real fields
 * without carrying megabytes of CRDs. Each entry records the CRD file and its git blob id, to
 * compare with the folder's SOURCES.md.
 *
 *   npx tsx scripts/extract-crd-fields.ts <folder of upstream CRDs, one sub-folder per API group>
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAll } from 'js-yaml';
import { HEALTH_CHECKS } from '../src/gitops/health-checks.js';

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema | boolean; 'x-kubernetes-int-or-string'?: boolean };

const OUTPUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'crd-fields.json');
/** Property levels kept below `status` (array items do not count): deeper trees repeat the spec. */
const STATUS_DEPTH = 3;

function describeType(schema: Schema): string {
  if (schema['x-kubernetes-int-or-string']) return 'int-or-string';
  return schema.type ?? 'any';
}

/** `path: type` for the schema and everything below it, `[]` for array items, `*` for map values. */
function flatten(schema: Schema, path: string, depth: number, out: Record<string, string>): void {
  out[path] = describeType(schema);
  if (schema.items) flatten(schema.items, `${path}[]`, depth, out);
  if (depth === 0) return;
  for (const [name, child] of Object.entries(schema.properties ?? {})) flatten(child, `${path}.${name}`, depth - 1, out);
  if (typeof schema.additionalProperties === 'object') flatten(schema.additionalProperties, `${path}.*`, depth - 1, out);
}

const listYaml = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? listYaml(join(dir, name)) : /\.ya?ml$/.test(name) ? [join(dir, name)] : []));

const blobId = (bytes: Buffer) => createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');

function extractFields(crdDir: string): Record<string, unknown> {
  const wanted = new Set(HEALTH_CHECKS.map((check) => `${check.apiVersion} ${check.kind}`));
  const kinds: Record<string, unknown> = {};
  for (const file of listYaml(crdDir).sort()) {
    const bytes = readFileSync(file);
    for (const document of loadAll(bytes.toString('utf8')) as any[]) {
      if (document?.kind !== 'CustomResourceDefinition') continue;
      for (const version of document.spec.versions) {
        const key = `${document.spec.group}/${version.name} ${document.spec.names.kind}`;
        if (!wanted.has(key)) continue;
        const root: Schema = version.schema.openAPIV3Schema;
        const fields: Record<string, string> = {};
        flatten(root.properties?.spec ?? {}, 'spec', 1, fields);
        flatten(root.properties?.status ?? {}, 'status', STATUS_DEPTH, fields);
        kinds[key] = { crd: relative(crdDir, file).split('\\').join('/'), blob: blobId(bytes), fields };
        wanted.delete(key);
      }
    }
  }
  if (wanted.size > 0) throw new Error(`no CRD in ${crdDir} for: ${[...wanted].join(', ')}`);
  return Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b)));
}

const [crdDir] = process.argv.slice(2);
if (!crdDir) {
  console.error('usage: npx tsx scripts/extract-crd-fields.ts <folder of upstream CRDs, one sub-folder per API group>');
  process.exit(2);
}
const kinds = extractFields(resolve(crdDir));
writeFileSync(OUTPUT, `${JSON.stringify({ generatedBy: 'scripts/extract-crd-fields.ts', statusDepth: STATUS_DEPTH, kinds }, null, 2)}\n`);
console.log(`wrote ${Object.keys(kinds).length} kinds to ${OUTPUT}`);
