import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getFlavor } from '../../src/flavors/registry.js';
import { DEFAULT_LANGUAGE } from '../../src/languages/registry.js';
import { MANIFESTS } from '../../src/plan/plan-layer.js';
import { dumpObjects, parseObjects } from '../../src/render/manifest.js';
import { findTemplate, hashTemplate, PRECOMPILED_FILE, readTemplate, renderTemplate } from '../../src/render/template.js';
import { listTemplates } from '../../scripts/templates/precompile.js';

// The member roll of the legacy flavor: two values, each inserted through {{json}}.
const MEMBER_ROLL = findTemplate(MANIFESTS, getFlavor('ossm2').templateRoots, 'stages/member-roll/mesh/member-roll.yaml');
const STAGE_PAGE = `docs/${DEFAULT_LANGUAGE}/common/stage.md.hbs`;

describe('renderTemplate', () => {
  it('finds a flavor\'s template under its own root first', () => {
    expect(MEMBER_ROLL).toBe('manifests/ossm2/stages/member-roll/mesh/member-roll.yaml');
    expect(() => findTemplate(MANIFESTS, getFlavor('ossm3').templateRoots, 'stages/member-roll/mesh/member-roll.yaml')).toThrow(
      'no template stages/member-roll/mesh/member-roll.yaml under templates/manifests/{ossm3,sail,openshift,common}',
    );
  });

  it('refuses a missing value, naming the template and the line', () => {
    const line = readTemplate(MEMBER_ROLL).split('\n').findIndex((text) => text.includes('{{json names.meshNamespace}}')) + 1;
    expect(line).toBeGreaterThan(0);
    expect(() => renderTemplate(MEMBER_ROLL, { names: {} })).toThrow(`cannot render template ${MEMBER_ROLL}: line ${line}: a value given to {{json}} is not defined`);
    expect(() => renderTemplate(STAGE_PAGE, {})).toThrow(new RegExp(`^cannot render template ${STAGE_PAGE.replaceAll('.', '\\.')}: `));
  });

  it('inserts values only as quoted scalars', () => {
    const text = renderTemplate(MEMBER_ROLL, { names: { meshNamespace: 'a\nb: c', appNamespace: '- x' } });
    const [roll] = parseObjects(text, 'member-roll.yaml');
    expect(roll.metadata.namespace).toBe('a\nb: c');
    expect((roll.spec as { members: string[] }).members).toEqual(['- x']);
  });
});

describe('the precompiled templates (npm run build)', () => {
  it('hold every template under templates/, each with the hash of its current text', () => {
    const { PRECOMPILED } = createRequire(import.meta.url)(join(process.cwd(), PRECOMPILED_FILE)) as { PRECOMPILED: Record<string, { hash: string }> };
    const templates = listTemplates();
    expect(templates).toContain(MEMBER_ROLL);
    expect(templates).toContain(STAGE_PAGE);
    expect(Object.keys(PRECOMPILED).sort()).toEqual(templates);
    for (const template of templates) expect(PRECOMPILED[template].hash, template).toBe(hashTemplate(readFileSync(join(process.cwd(), 'templates', template), 'utf8')));
  });
});

describe('manifests', () => {
  it('dump apiVersion, kind and metadata first, keep a header comment, and quote YAML 1.1 booleans such as n and y', () => {
    const text = dumpObjects([{ spec: { a: 1 }, metadata: { labels: { x: 'y' }, name: 'n' }, kind: 'K', apiVersion: 'v1' }], '# header');
    expect(text).toBe("# header\napiVersion: v1\nkind: K\nmetadata:\n  name: 'n'\n  labels:\n    x: 'y'\nspec:\n  a: 1\n");
  });
  it('name the file when a document is not a Kubernetes object', () => {
    expect(() => parseObjects('a: 1\n', 'x.yaml')).toThrow('x.yaml: document 1 is not a Kubernetes object');
    expect(() => parseObjects('a: [\n', 'x.yaml')).toThrow(/x.yaml: invalid YAML/);
  });
});
