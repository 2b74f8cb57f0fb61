/**
 * Every flavor × language × engine renders a whole repository (plus a class per flavor and
 * language), every stage README has its diagram, and every language says the same facts: the same
 * commands (code blocks, comments aside), the same diagram shape (labels aside), the same object
 * lists in the README and the commit message. Combinations come from the registries.
 */
import { describe, expect, it } from 'vitest';
import { FLAVORS } from '../../src/flavors/registry.js';
import { DEFAULT_LANGUAGE, LANGUAGES, type LanguageId } from '../../src/languages/registry.js';
import { stageDir } from '../../src/layout/layout.js';
import { planStages, type StagePlan } from '../../src/plan/plan-stages.js';
import { checkSettings } from '../../src/settings/check-settings.js';
import { GITOPS_CHOICES } from '../../src/settings/settings.js';
import { listBlocks, listMessageItems, listObjectItems, normalizeBlock } from './markdown.js';

const combos = FLAVORS.flatMap((flavor) => GITOPS_CHOICES.map((gitops) => ({ flavor: flavor.id, gitops, class: false }))).concat(
  FLAVORS.map((flavor) => ({ flavor: flavor.id, gitops: GITOPS_CHOICES[0], class: true })),
);

const plans = new Map<string, StagePlan[]>();
function plansFor(flavor: string, gitops: string, lang: LanguageId, isClass: boolean): StagePlan[] {
  const key = `${flavor}/${gitops}/${lang}/${isClass}`;
  if (!plans.has(key)) plans.set(key, planStages(checkSettings({ directory: 'ws', flavor, gitops, lang, ...(isClass ? { tenants: 'alice,bob' } : {}) } as never)));
  return plans.get(key)!;
}

describe.each(combos)('$flavor with $gitops (class: $class)', ({ flavor, gitops, class: isClass }) => {
  const definition = FLAVORS.find((candidate) => candidate.id === flavor)!;

  for (const { id: lang } of LANGUAGES) {
    it(`renders every stage in ${lang}, each README with its diagram`, () => {
      const stages = plansFor(flavor, gitops, lang, isClass);
      expect(stages.map((plan) => plan.stage.slug)).toEqual(definition.stages.map((stage) => stage.slug));
      for (const plan of stages) {
        const readme = plan.files.get(`${stageDir(plan.stage)}/README.md`);
        expect(readme, plan.tag).toBeDefined();
        expect(plan.files.get('README.md'), plan.tag).toBeDefined();
        for (const [path, text] of plan.files) {
          if (!path.endsWith('.md')) continue;
          // Outside the diagrams (whose hexagons are `{{"…"}}`), no value is missing and no Handlebars is left.
          expect(text.replace(/^```mermaid\n[\s\S]*?^```$/gm, ''), `${plan.tag} ${path}`).not.toMatch(/undefined|\[object Object\]|\{\{[#/>!^]?[A-Za-z@]/);
          // Japanese typography (templates/docs/ja/GLOSSARY.md): a space between a Japanese letter and a Latin one or a code span.
          expect(text.match(/[A-Za-z0-9`][\u3041-\u3096\u30a1-\u30fc\u4e00-\u9fff]|[\u3041-\u3096\u30a1-\u30fc\u4e00-\u9fff][A-Za-z0-9`]/)?.[0], `${plan.tag} ${path}`).toBeUndefined();
        }
        const diagrams = listBlocks(readme!).filter((block) => block.lang === 'mermaid');
        expect(diagrams, plan.tag).toHaveLength(1);
        expect(diagrams[0].body, plan.tag).toMatch(/^flowchart LR\n/);
        // The top README draws the stage history, this stage highlighted.
        const history = listBlocks(plan.files.get('README.md')!).filter((block) => block.lang === 'mermaid');
        expect(history).toHaveLength(1);
        expect(history[0].body).toContain(`tag: "${plan.tag}" type: HIGHLIGHT`);
        if (isClass) for (const tenant of ['alice', 'bob']) expect([...plan.files.keys()].some((path) => path.endsWith(`${tenant}/README.md`)), `${plan.tag} handout of ${tenant}`).toBe(true);
      }
    });
  }

  for (const { id: lang } of LANGUAGES.filter((language) => language.id !== DEFAULT_LANGUAGE)) {
    it(`says the same commands, diagrams and objects in ${lang} as in ${DEFAULT_LANGUAGE}`, () => {
      const reference = plansFor(flavor, gitops, DEFAULT_LANGUAGE, isClass);
      const translated = plansFor(flavor, gitops, lang, isClass);
      for (const [index, plan] of translated.entries()) {
        const original = reference[index];
        expect(plan.tag).toBe(original.tag);
        expect([...plan.files.keys()].sort()).toEqual([...original.files.keys()].sort());
        for (const [path, text] of plan.files) {
          if (path.endsWith('.md')) {
            const blocks = listBlocks(text);
            // Stage READMEs and the top README always give commands (a handout may give none).
            if (path.startsWith('stages/') || path === 'README.md') expect(blocks.length, `${plan.tag} ${path}`).toBeGreaterThan(2);
            expect(blocks.map(normalizeBlock), `${plan.tag} ${path}`).toEqual(listBlocks(original.files.get(path)!).map(normalizeBlock));
            expect(listObjectItems(text), `${plan.tag} ${path}`).toEqual(listObjectItems(original.files.get(path)!));
          } else {
            // Manifests, kustomizations, bootstrap and answers are facts: byte for byte the same, except the recorded language.
            expect(path === '.yo-rc.json' ? text.replace(`"lang": "${lang}"`, `"lang": "${DEFAULT_LANGUAGE}"`) : text, `${plan.tag} ${path}`).toBe(original.files.get(path));
          }
        }
        expect(listMessageItems(plan.message), plan.tag).toEqual(listMessageItems(original.message));
        expect(listBlocks(plan.message).map(normalizeBlock), plan.tag).toEqual(listBlocks(original.message).map(normalizeBlock));
        expect(plan.message, plan.tag).not.toBe(original.message);
        expect(plan.tagMessage, plan.tag).not.toBe(original.tagMessage);
      }
    });
  }
});
