/**
 * The one owner of every path, name and tag in a generated repository, so the layout can change in
 * one place. Everything is derived from the settings and the stage table.
 */
import type { Layer, StageDefinition } from '../scenario/stages.js';
import type { Settings } from '../settings/settings.js';

export const ENTRY_DIR = 'cluster';
export const BOOTSTRAP_DIR = 'bootstrap';
export const STAGES_DIR = 'stages';
export const PATCHES_DIR = 'patches';
export const ANSWERS_FILE = '.yo-rc.json';
export const CI_WORKFLOW_FILE = '.github/workflows/validate.yaml';
export const GENERATOR_NAME = 'generator-sockshop-mesh';
/** The major version of the tag scheme: bump it when the scenario changes incompatibly. */
export const TAG_MAJOR = 1;

/** OpenShift GitOps: the default Argo CD instance and its namespace (both named openshift-gitops). */
export const ARGOCD_NAMESPACE = 'openshift-gitops';
/** Upstream Argo CD's install manifests put it (and argocd-cm) in this namespace. */
export const UPSTREAM_ARGOCD_NAMESPACE = 'argocd';
export const FLUX_NAMESPACE = 'flux-system';
export const OPERATORS_NAMESPACE = 'openshift-operators';

export function formatStageId(stage: Pick<StageDefinition, 'number' | 'slug'>): string {
  return `${String(stage.number).padStart(2, '0')}-${stage.slug}`;
}

export function stageDir(stage: StageDefinition): string {
  return `${STAGES_DIR}/${formatStageId(stage)}`;
}

export function layerDir(stage: StageDefinition, layer: Layer): string {
  return `${stageDir(stage)}/${layer}`;
}

export function entryLayerDir(layer: Layer): string {
  return `${ENTRY_DIR}/${layer}`;
}

export function bootstrapDir(engine: 'argocd' | 'flux'): string {
  return `${BOOTSTRAP_DIR}/${engine}`;
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

/** The repository path of the file that pins an engine to a stage. */
export function pinFile(engine: 'argocd' | 'flux'): string {
  return `${bootstrapDir(engine)}/${BOOTSTRAP_FILES[engine].pin}`;
}

/** A relative path from one repository folder to another (both relative to the repository root). */
export function relativeDir(from: string, to: string): string {
  const a = from.split('/');
  const b = to.split('/');
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common += 1;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/') || '.';
}

/** Every Kubernetes name the settings decide. */
export interface Names {
  appNamespace: string;
  meshNamespace: string;
  frontEndHost: string;
  gatewayHost: string;
  /** In-mesh host names of the Services the routing objects point at. */
  frontEndService: string;
  cartsService: string;
  /** The ingress gateway's in-cluster address, for traffic that should enter like a browser's. */
  gatewayUrl: string;
  /** Argo CD AppProject/Application and Flux GitRepository name. */
  gitopsName: string;
  fluxKustomization: (layer: Layer) => string;
}

export function deriveNames(settings: Pick<Settings, 'tenant' | 'domain'>): Names {
  const prefix = settings.tenant ? `${settings.tenant}-` : '';
  const appNamespace = settings.tenant ? `${prefix}sockshop` : 'sock-shop';
  const gitopsName = `sockshop-mesh${settings.tenant ? `-${settings.tenant}` : ''}`;
  return {
    appNamespace,
    meshNamespace: `${prefix}istio-system`,
    // OpenShift's default Route host, so the gateway Route keeps the host the old Route had.
    frontEndHost: `front-end-${appNamespace}.${settings.domain}`,
    gatewayHost: `*.${settings.domain}`,
    frontEndService: `front-end.${appNamespace}.svc.cluster.local`,
    cartsService: `carts.${appNamespace}.svc.cluster.local`,
    gatewayUrl: `http://istio-ingressgateway.${prefix}istio-system.svc.cluster.local`,
    gitopsName,
    fluxKustomization: (layer) => `${gitopsName}-${layer}`,
  };
}
