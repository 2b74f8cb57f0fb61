/**
 * The precompiled templates: fresh (the committed module is what the script writes) and the same
 * output as compiling at run time, which is what happens to a template edited since.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { buildPrecompiledModule, listTemplates, PRECOMPILED_MODULE } from '../../scripts/templates/precompile.js';
import { PRECOMPILED } from '../../src/render/precompiled-templates.js';
import { hashTemplate, readTemplate } from '../../src/render/template.js';

const answers = [{ gitops: 'both' }, { gitops: 'flux', tenant: '', review: true, mode: 'follow' }, { gitops: 'argocd', until: '5', domain: 'apps.x.io' }];

describe('src/render/precompiled-templates.ts', () => {
  it('is exactly what `npx tsx scripts/precompile-templates.ts` writes (run it after changing templates/)', () => {
    const stale = listTemplates().filter((file) => PRECOMPILED[file]?.hash !== hashTemplate(readTemplate(file)));
    expect(stale).toEqual([]);
    expect(readFileSync(PRECOMPILED_MODULE, 'utf8') === buildPrecompiledModule()).toBe(true);
  });

  it('renders every workshop exactly as templates compiled at run time do', async () => {
    const plan = async () => {
      const { planStages } = await import('../../src/plan/plan-stages.js');
      const { checkSettings } = await import('../../src/settings/check-settings.js');
      return answers.map((raw) => planStages(checkSettings(raw)).map((stage) => [...stage.files]));
    };
    const precompiled = await plan();
    vi.resetModules();
    vi.doMock('../../src/render/precompiled-templates.js', () => ({ PRECOMPILED: {}, PRECOMPILED_WITH: '' }));
    try {
      expect(Object.keys((await import('../../src/render/precompiled-templates.js')).PRECOMPILED)).toEqual([]);
      expect(await plan()).toEqual(precompiled);
    } finally {
      vi.doUnmock('../../src/render/precompiled-templates.js');
      vi.resetModules();
    }
  });
});
