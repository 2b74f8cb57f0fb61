/**
 * The values the documentation templates see: settings, names, stages with their tags and folders,
 * and the objects each stage adds, changes and removes (computed, so the docs never drift).
 */
import {
  ARGOCD_NAMESPACE,
  BOOTSTRAP_DIR,
  CI_WORKFLOW_FILE,
  ENTRY_DIR,
  FLUX_NAMESPACE,
  formatStageId,
  formatTag,
  OPERATORS_NAMESPACE,
  stageDir,
  TAG_RANGE,
  type Names,
} from '../layout/layout.js';
import { labelObject, type ObjectChange } from '../plan/compare-objects.js';
import { PLACEHOLDER_REMOTE } from '../settings/options.js';
import { readPackageVersion } from '../util/package-root.js';
import { LAYERS, type StageDefinition } from '../scenario/stages.js';
import { selectEngines, type Settings } from '../settings/settings.js';

export interface StageSummary {
  number: number;
  id: string;
  slug: string;
  title: string;
  summary: string;
  lesson: string;
  tag: string;
  dir: string;
}

export function summarizeStage(stage: StageDefinition): StageSummary {
  return {
    number: stage.number,
    id: formatStageId(stage),
    slug: stage.slug,
    title: stage.title,
    summary: stage.summary,
    lesson: stage.lesson,
    tag: formatTag(stage),
    dir: stageDir(stage),
  };
}

export interface ChangeLists {
  added: string[];
  changed: string[];
  removed: string[];
}

export function listChanges(changes: readonly ObjectChange[]): ChangeLists {
  const pick = (type: ObjectChange['type']) =>
    changes.filter((change) => change.type === type).map((change) => labelObject((change.after ?? change.before)!));
  return { added: pick('added'), changed: pick('changed'), removed: pick('removed') };
}

export function buildDocsContext(
  settings: Settings,
  names: Names,
  stages: readonly StageDefinition[],
  current: StageDefinition,
  changes: readonly ObjectChange[],
) {
  const engines = selectEngines(settings.gitops);
  const index = stages.indexOf(current);
  const summaries = stages.map(summarizeStage);
  return {
    settings: { gitops: settings.gitops, tenant: settings.tenant, domain: settings.domain, remote: settings.remote, branch: settings.branch },
    names,
    engines: { argocd: engines.includes('argocd'), flux: engines.includes('flux'), both: engines.length === 2 },
    placeholderRemote: settings.remote === PLACEHOLDER_REMOTE,
    argocdNamespace: ARGOCD_NAMESPACE,
    fluxNamespace: FLUX_NAMESPACE,
    operatorsNamespace: OPERATORS_NAMESPACE,
    entryDir: ENTRY_DIR,
    ciWorkflow: CI_WORKFLOW_FILE,
    /** `npx` prefix that runs the version of the tool that generated this repository. */
    tool: `npx --yes --package=generator-sockshop-mesh@${readPackageVersion()} -- sockshop-mesh`,
    bootstrapDir: BOOTSTRAP_DIR,
    tagRange: TAG_RANGE,
    layers: LAYERS.map((layer) => ({ layer, fluxKustomization: names.fluxKustomization(layer) })),
    stages: summaries.map((summary, position) => ({ ...summary, current: position === index, done: position < index })),
    first: summaries[0],
    last: summaries[summaries.length - 1],
    stage: summaries[index],
    previous: index > 0 ? summaries[index - 1] : undefined,
    next: index < summaries.length - 1 ? summaries[index + 1] : undefined,
    changes: listChanges(changes),
  };
}

export type DocsContext = ReturnType<typeof buildDocsContext>;
