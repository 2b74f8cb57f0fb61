/**
 * Refreshes `schemas-src/` from upstream CRD files (see scripts/schemas/crd-imports.ts for the list
 * and their commits). Hand-written refinements already in a source file are kept.
 *
 *   npx tsx scripts/import-crd-schemas.ts <reference folder holding crds/ and crds-ossm2/>
 *
 * (the team keeps them in ../shared/reference: upstream CRDs, one sub-folder per API group).
 *
 * Then run `npx tsx scripts/build-schemas.ts` to regenerate `schemas/`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CRD_IMPORTS } from './schemas/crd-imports.js';
import { extractCrdSchemas } from '../src/validate/crd/crd-extract.js';
import type { JsonObject } from '../src/validate/crd/json.js';
import type { OwnSchemaSource } from './schemas/own-sources.js';
import { nameGroupSchemaFile } from '../src/validate/schema-names.js';
import { schemaSetDir } from '../src/validate/schema-sets.js';

const SOURCE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'schemas-src');

function importCrdSchemas(crdDir: string): void {
  for (const entry of CRD_IMPORTS) {
    const text = readFileSync(join(crdDir, entry.file), 'utf8');
    for (const extracted of extractCrdSchemas(text, entry.versions)) {
      const target = join(SOURCE_DIR, ...(entry.set ? [schemaSetDir(entry.set)] : []), nameGroupSchemaFile(extracted.apiVersion, extracted.kind));
      const previous = existsSync(target) ? (JSON.parse(readFileSync(target, 'utf8')) as OwnSchemaSource) : undefined;
      const source: OwnSchemaSource = {
        apiVersion: extracted.apiVersion,
        kind: extracted.kind,
        upstream: { crd: entry.file.split('/').pop() as string, ...entry.upstream },
        refinements: previous?.refinements ?? [],
        schema: entry.openStatus ? openStatus(extracted.schema) : extracted.schema,
      };
      if (entry.openStatus) source.upstream.note = `status kept open: ${entry.openStatus}`;
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, `${JSON.stringify(source, null, 2)}\n`);
      console.log(`wrote ${target}`);
    }
  }
}

function openStatus(schema: JsonObject): JsonObject {
  const properties = { ...(schema.properties as JsonObject), status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } };
  return { ...schema, properties };
}

const crdDir = process.argv[2];
if (!crdDir) {
  console.error('usage: npx tsx scripts/import-crd-schemas.ts <reference folder holding crds/ and crds-ossm2/>');
  process.exit(2);
}
importCrdSchemas(resolve(crdDir));
