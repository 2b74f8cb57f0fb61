/**
 * Regenerates the bundled `schemas/` folder (strict JSON schemas in kubeconform's layout) from the
 * kubernetes-models packages and our own sources in `schemas-src/`.
 *
 *   npx tsx scripts/build-schemas.ts
 *
 * `npm run build` runs it: the folder is derived, ignored by git and shipped in the package;
 * test/validate/schema-build.test.ts fails when it is stale.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSchemaFiles, SCHEMA_OUTPUT_DIR } from './schemas/build.js';

function writeSchemaFolder(): void {
  const files = buildSchemaFiles();
  rmSync(SCHEMA_OUTPUT_DIR, { recursive: true, force: true });
  let bytes = 0;
  for (const [file, content] of files) {
    const target = join(SCHEMA_OUTPUT_DIR, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    bytes += statSync(target).size;
  }
  console.log(`wrote ${files.size} files (${(bytes / 1024).toFixed(0)} KiB) to ${SCHEMA_OUTPUT_DIR}`);
}

writeSchemaFolder();
