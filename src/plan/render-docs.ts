/**
 * The documentation of a stage's commit, in the repository's language: the stage's README, the
 * top-level README (the stage table, bootstrap, layout) and, for a class, one handout per
 * participant. Templates live in templates/docs/<lang>/: the flavor's own folder first, then
 * `common/`; every language has the same paths.
 */
import type { DocsContext } from '../docs/docs-context.js';
import type { Layer, StageDefinition } from '../flavors/types.js';
import { stageDir, tenantDir } from '../layout/layout.js';
import type { KubeObject } from '../render/manifest.js';
import { findTemplate, renderTemplate } from '../render/template.js';
import { listParticipantNames } from './plan-class.js';
import type { PlanContext } from './plan-stages.js';

export function docsRoots(context: Pick<PlanContext, 'flavor'>): string[] {
  return [context.flavor.id, 'common'];
}

/** A stage's page: the flavor's own, then the shared one for that stage. */
function findStagePage(base: string, roots: readonly string[], slug: string): string {
  try {
    return findTemplate(base, roots, `stages/${slug}.md.hbs`);
  } catch {
    return findTemplate(base, ['common'], 'stage.md.hbs');
  }
}

export function renderDocs(context: PlanContext, stage: StageDefinition, docs: DocsContext, _layers: Partial<Record<Layer, readonly KubeObject[]>>): Map<string, string> {
  const base = `docs/${context.settings.lang}`;
  const roots = docsRoots(context);
  const files = new Map<string, string>([
    [`${stageDir(stage)}/README.md`, renderTemplate(findStagePage(base, roots, stage.slug), docs)],
    ['README.md', renderTemplate(findTemplate(base, [...roots, 'repo'], 'README.md.hbs'), docs)],
  ]);
  if (docs.class) {
    const handout = findTemplate(base, roots, 'handout.md.hbs');
    for (const names of listParticipantNames(context)) files.set(`${tenantDir(names.participant)}/README.md`, renderTemplate(handout, { ...docs, participant: names }));
  }
  return files;
}
