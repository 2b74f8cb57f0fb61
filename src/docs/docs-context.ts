/**
 * The values the documentation templates see: settings, names, the flavor's facts, stages with their
 * tags, folders and words, and the objects each stage adds, changes and removes (computed, so the
 * docs never drift). One context for every language: only the prose around it differs.
 */
import { computeLayerWaves } from '../gitops/annotate.js';
import type { Flavor, Layer, StageDefinition } from '../flavors/types.js';
import type { LanguageId } from '../languages/registry.js';
import { BOOTSTRAP_DIR, CI_SCRIPT_FILE, CI_WORKFLOW_FILE, ENTRY_DIR, formatStageBranch, formatStageId, formatTag, SCHEMAS_DIR, stageDir, TAG_RANGE, TENANTS_DIR } from '../layout/layout.js';
import { CI_TOOLS, CI_WALKED_ROOTS } from '../gitops/ci-workflow.js';
import { schemaSetDir } from '../validate/schema-sets.js';
import type { KubeObject } from '../render/manifest.js';
import { formatHistory, formatMermaid } from './diagram.js';
import { buildMeshGraph, type MeshGraph } from './mesh-graph.js';
import type { ParticipantNames, RepositoryNames } from '../layout/names.js';
import { labelObject, type ObjectChange } from '../diff/compare-objects.js';
import { PLACEHOLDER_REMOTE } from '../settings/options.js';
import { selectEngines, selectLayout, type Settings } from '../settings/settings.js';
import { readStageText } from './stage-texts.js';

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

export function summarizeStage(stage: StageDefinition, flavor: Pick<Flavor, 'id'>, lang: LanguageId): StageSummary {
  return { number: stage.number, id: formatStageId(stage), slug: stage.slug, ...readStageText(lang, flavor.id, stage.slug), tag: formatTag(stage), dir: stageDir(stage) };
}

export interface ChangeLists {
  added: string[];
  changed: string[];
  removed: string[];
}

export function listChanges(changes: readonly ObjectChange[]): ChangeLists {
  const pick = (type: ObjectChange['type']) => changes.filter((change) => change.type === type).map((change) => labelObject((change.after ?? change.before)!));
  return { added: pick('added'), changed: pick('changed'), removed: pick('removed') };
}

/** The Service a request from outside is port-forwarded to at this stage, with its first port; undefined where a Route is the way in. */
export function findPortForward(graph: MeshGraph, objects: readonly KubeObject[]): { namespace: string; service: string; port: number } | undefined {
  const entry = graph.edges.find((edge) => edge.kind === 'enters' && edge.to.startsWith('service:'));
  if (!entry) return undefined;
  const [namespace, service] = entry.to.slice('service:'.length).split('/');
  const object = objects.find((candidate) => candidate.kind === 'Service' && candidate.metadata.name === service && candidate.metadata.namespace === namespace);
  const port = ((object?.spec as { ports?: { port: number }[] } | undefined)?.ports ?? [])[0]?.port;
  return port === undefined ? undefined : { namespace, service, port };
}

export interface DocsInput {
  settings: Settings;
  flavor: Flavor;
  names: ParticipantNames;
  repo: RepositoryNames;
  stages: readonly StageDefinition[];
  current: StageDefinition;
  changes: readonly ObjectChange[];
  /** What the stage renders to (its whole stage folder), for its diagram. */
  objects: readonly KubeObject[];
}

export function buildDocsContext({ settings, flavor, names, repo, stages, current, changes, objects }: DocsInput) {
  const engines = selectEngines(settings.gitops);
  const index = stages.indexOf(current);
  const summaries = stages.map((stage) => summarizeStage(stage, flavor, settings.lang));
  const waves = computeLayerWaves(flavor);
  const { platform } = flavor;
  const graph = buildMeshGraph(objects, { injection: flavor.injection, entry: platform.kind === 'openshift' ? 'route' : 'port-forward' });
  return {
    settings: { gitops: settings.gitops, tenant: settings.tenant, tenants: [...settings.tenants], domain: settings.domain, remote: settings.remote, branch: settings.branch, lang: settings.lang },
    flavor: {
      id: flavor.id,
      summary: flavor.summary,
      product: flavor.facts.product,
      pins: flavor.facts.pins,
      endOfLife: flavor.facts.endOfLife,
      /** The control-plane resource, and how a namespace joins it (`member-roll` or `discovery-label`). */
      controlPlaneKind: flavor.injection.controlPlaneKind,
      memberRoll: flavor.injection.membership === 'member-roll',
      /** Kinds whose health the bootstrap teaches Argo CD and Flux. */
      healthKinds: flavor.healthChecks.map((check) => check.kind),
      /** The kinds whose health Flux reads with CEL (a check only Argo CD needs has none). */
      fluxHealthKinds: flavor.healthChecks.filter((check) => check.cel).map((check) => check.kind),
      /** Helm charts the GitOps engine installs itself (`installers` layer). */
      charts: (flavor.charts ?? []).map((chart) => ({ name: chart.name, chart: chart.chart, version: chart.version })),
      openshift: platform.kind === 'openshift',
      kubernetes: platform.kind === 'kubernetes',
    },
    cli: platform.cli,
    names,
    repo: { gitopsName: repo.gitopsName, gatewayHosts: repo.gatewayHosts },
    class: selectLayout(settings) === 'class',
    participants: [...settings.tenants],
    engines: { argocd: engines.includes('argocd'), flux: engines.includes('flux'), both: engines.length === 2 },
    placeholderRemote: settings.remote === PLACEHOLDER_REMOTE,
    argocdNamespace: platform.argocdNamespace,
    fluxNamespace: platform.fluxNamespace,
    operatorsNamespace: platform.operatorsNamespace ?? '',
    entryDir: ENTRY_DIR,
    tenantsDir: TENANTS_DIR,
    ciWorkflow: CI_WORKFLOW_FILE,
    /** The repository's own check: the script the workflow runs, its tools and schemas, and the charts it cannot see into. */
    ci: {
      script: CI_SCRIPT_FILE,
      schemasDir: SCHEMAS_DIR,
      setDir: `${SCHEMAS_DIR}/${schemaSetDir(flavor.schemaSet)}`,
      walkedRoots: [...CI_WALKED_ROOTS],
      tools: CI_TOOLS.map(({ name, version, release }) => ({ name, version, release })),
      charts: (flavor.charts ?? []).map(({ chart, version }) => ({ chart, version })),
    },
    /** The command that runs this tool (installed from the workshop's own checkout, see the top README). */
    tool: 'sockshop-mesh',
    bootstrapDir: BOOTSTRAP_DIR,
    tagRange: TAG_RANGE,
    layers: flavor.layers.map((definition) => ({ layer: definition.layer, wave: waves[definition.layer] ?? '0', fluxKustomization: repo.fluxKustomization(definition.layer) })),
    /** The Flux Kustomization of each layer, by layer (`{{fluxKustomizations.apps}}`). */
    fluxKustomizations: Object.fromEntries(flavor.layers.map((definition) => [definition.layer, repo.fluxKustomization(definition.layer)])) as Partial<Record<Layer, string>>,
    /** A class: the Flux Kustomizations of the shared part, and the layers each participant has one of. */
    classLayers: {
      shared: flavor.layers.filter((definition) => definition.scope === 'shared').map((definition) => repo.fluxKustomization(definition.layer)),
      participant: flavor.layers.filter((definition) => definition.scope === 'participant').map((definition) => definition.layer),
    },
    stages: summaries.map((summary, position) => ({ ...summary, current: position === index, done: position < index })),
    first: summaries[0],
    last: summaries[summaries.length - 1],
    stage: summaries[index],
    previous: index > 0 ? summaries[index - 1] : undefined,
    next: index < summaries.length - 1 ? summaries[index + 1] : undefined,
    changes: listChanges(changes),
    /** The stage's picture (Mermaid), computed from its objects. */
    diagram: formatMermaid(graph, settings.lang),
    /** Where a learner port-forwards to reach the shop (flavors without Routes), read from the same picture. */
    portForward: findPortForward(graph, objects),
    /** The stage history as a git graph, this stage highlighted. */
    history: formatHistory(
      summaries.map((summary, position) => ({ id: `${summary.id}`, tag: summary.tag, ...(settings.review && position > 0 ? { branch: formatStageBranch(summary) } : {}) })),
      settings.branch,
      index,
    ),
  };
}

export type DocsContext = ReturnType<typeof buildDocsContext>;
