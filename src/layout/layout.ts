/**
 * The one owner of every path and tag in a generated repository, so the layout can change in one
 * place. Names of Kubernetes objects are derived in names.ts.
 */
import type { Layer, LayerDefinition, StageDefinition } from '../flavors/types.js';
import type { GitOpsEngine } from '../settings/settings.js';

export const ENTRY_DIR = 'cluster';
export const BOOTSTRAP_DIR = 'bootstrap';
export const STAGES_DIR = 'stages';
export const PATCHES_DIR = 'patches';
export const TENANTS_DIR = 'tenants';
/** A class: the kustomize Component that puts each participant's names into the shared stages. */
export const PARTICIPANT_COMPONENT_DIR = 'components/participant';
/** A class: each participant's values, read by the component's replacements. */
export const PARTICIPANT_VALUES = 'participant';
export const SCHEMAS_DIR = 'schemas';
export const ANSWERS_FILE = '.yo-rc.json';
export const CI_WORKFLOW_FILE = '.github/workflows/validate.yaml';
/** The check the CI runs, POSIX sh, for learners to run locally too. */
export const CI_SCRIPT_FILE = 'scripts/validate.sh';
export const GENERATOR_NAME = 'generator-sockshop-mesh';
/** The major version of the tag scheme: bump it when the scenario changes incompatibly. */
export const TAG_MAJOR = 1;

export function formatStageId(stage: Pick<StageDefinition, 'number' | 'slug'>): string {
  return `${String(stage.number).padStart(2, '0')}-${stage.slug}`;
}

export function stageDir(stage: Pick<StageDefinition, 'number' | 'slug'>): string {
  return `${STAGES_DIR}/${formatStageId(stage)}`;
}

/** A layer's folder inside a stage folder, or inside `cluster/`; one folder per engine where the layer has them. */
export function layerPath(base: string, layer: Pick<LayerDefinition, 'layer' | 'perEngine'> | Layer, engine?: GitOpsEngine): string {
  const name = typeof layer === 'string' ? layer : layer.layer;
  const perEngine = typeof layer !== 'string' && layer.perEngine;
  return perEngine ? `${base}/${name}/${engine}` : `${base}/${name}`;
}

export function layerDir(stage: Pick<StageDefinition, 'number' | 'slug'>, layer: Pick<LayerDefinition, 'layer' | 'perEngine'> | Layer, engine?: GitOpsEngine): string {
  return layerPath(stageDir(stage), layer, engine);
}

export function entryLayerDir(layer: Pick<LayerDefinition, 'layer' | 'perEngine'> | Layer, engine?: GitOpsEngine): string {
  return layerPath(ENTRY_DIR, layer, engine);
}

export function bootstrapDir(engine: GitOpsEngine): string {
  return `${BOOTSTRAP_DIR}/${engine}`;
}

/** A class: the folder of a participant's values, read through their layer folders (never synced on its own). */
export const PARTICIPANT_VALUES_DIR = 'values';

/** A class: one participant's folder, and the folder of one of their layers. */
export function tenantDir(participant: string, layer?: Layer | 'values'): string {
  return layer ? `${TENANTS_DIR}/${participant}/${layer}` : `${TENANTS_DIR}/${participant}`;
}

/**
 * Stage tags are semantic versions, so Argo CD (>= 2.12) and Flux `ref.semver` can follow a range:
 * `v1.<stage>.0+<slug>`. The minor number is the stage, the build metadata its name (ignored when
 * versions are compared), a patch number is free for fixes to a stage.
 */
export function formatTag(stage: Pick<StageDefinition, 'number' | 'slug'>): string {
  return `v${TAG_MAJOR}.${stage.number}.0+${stage.slug}`;
}

/** The range that follows every stage tag of this scheme. */
export const TAG_RANGE = `>=${TAG_MAJOR}.0.0 <${TAG_MAJOR + 1}.0.0`;

const TAG_PATTERN = new RegExp(`^v${TAG_MAJOR}\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\+([a-z0-9][a-z0-9-]*)$`);

/** The stage number, patch and slug of a tag of this scheme, or undefined for any other name. */
export function parseTag(tag: string): { number: number; patch: number; slug: string } | undefined {
  const match = TAG_PATTERN.exec(tag);
  return match ? { number: Number(match[1]), patch: Number(match[2]), slug: match[3] } : undefined;
}

const STAGE_ID_PATTERN = /^(\d{2,})-([a-z0-9][a-z0-9-]*)$/;

/** The stage number and slug of a stage folder name (`04-sidecar-injection`), or undefined. */
export function parseStageId(id: string): { number: number; slug: string } | undefined {
  const match = STAGE_ID_PATTERN.exec(id);
  return match ? { number: Number(match[1]), slug: match[2] } : undefined;
}

/** Review form: every stage after the first waits on its own branch, one commit on top of the previous stage's. */
export const STAGE_BRANCH_PREFIX = 'stage/';

export function formatStageBranch(stage: Pick<StageDefinition, 'number' | 'slug'>): string {
  return `${STAGE_BRANCH_PREFIX}${formatStageId(stage)}`;
}

/** The files of each bootstrap folder; `pin` is the one that names the stage the engine syncs. */
export const BOOTSTRAP_FILES = {
  argocd: {
    project: 'appproject.yaml',
    pin: 'application.yaml',
    /** argocd-cm keys with the Lua health checks (upstream Argo CD). */
    healthConfigMap: 'argocd-cm-health.yaml',
    /** The same checks as a merge patch of the `ArgoCD` CR (OpenShift GitOps, argocd-operator). */
    healthPatch: 'argocd-health-patch.yaml',
  },
  flux: { pin: 'gitrepository.yaml', kustomizations: 'kustomizations.yaml' },
} as const;

/** A class: each participant's bootstrap objects (their pin included), one file per participant. */
export const PARTICIPANTS_BOOTSTRAP_DIR = 'participants';

/** The repository path of the file that pins an engine to a stage: the whole cluster's, or one participant's. */
export function pinFile(engine: GitOpsEngine, participant?: string): string {
  return participant === undefined
    ? `${bootstrapDir(engine)}/${BOOTSTRAP_FILES[engine].pin}`
    : `${bootstrapDir(engine)}/${PARTICIPANTS_BOOTSTRAP_DIR}/${participant}.yaml`;
}

/** A relative path from one repository folder to another (both relative to the repository root). */
export function relativeDir(from: string, to: string): string {
  const a = from.split('/');
  const b = to.split('/');
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common += 1;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/') || '.';
}
