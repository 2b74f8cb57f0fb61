/**
 * Writes src/render/precompiled-templates.ts: every template of templates/ compiled by Handlebars
 * ahead of time, so `sockshop-mesh new` does not compile them on every run.
 *
 *   npx tsx scripts/precompile-templates.ts
 *
 * The module is committed; test/render/precompiled-templates.test.ts fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { buildPrecompiledModule, listTemplates, PRECOMPILED_MODULE } from './templates/precompile.js';

const text = buildPrecompiledModule();
writeFileSync(PRECOMPILED_MODULE, text);
console.log(`wrote ${PRECOMPILED_MODULE}: ${listTemplates().length} templates, ${Math.round(text.length / 1024)} kB`);
