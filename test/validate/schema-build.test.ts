import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSchemaFiles, SCHEMA_OUTPUT_DIR } from '../../scripts/schemas/build.js';

const listFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((entry) => (statSync(join(dir, entry)).isDirectory() ? listFiles(join(dir, entry)) : [relative(SCHEMA_OUTPUT_DIR, join(dir, entry)).split('\\').join('/')]));

describe('the built schemas/ folder', () => {
  it('is exactly what `npx tsx scripts/build-schemas.ts` writes (`npm run build` runs it)', () => {
    const built = buildSchemaFiles();
    const present = listFiles(SCHEMA_OUTPUT_DIR).sort();
    expect(present).toEqual([...built.keys()].sort());
    const stale = present.filter((file) => readFileSync(join(SCHEMA_OUTPUT_DIR, file), 'utf8') !== built.get(file));
    expect(stale).toEqual([]);
  });
});
