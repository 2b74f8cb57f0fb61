/**
 * Flux bootstrap. Flux dry-runs a whole Kustomization before applying any of it, so custom
 * resources whose CRD an operator installs must live in a later Kustomization than the operator:
 * one Kustomization per layer, chained with `dependsOn`, each waiting (`wait: true`) for what it
 * applies, judged by CEL health checks where Flux has none of its own.
 *
 * One participant: a GitRepository pinned to a stage tag (or following the tag range) and the
 * layer chain. A class: the shared layers' chain (pinned to the last stage: installed once), and per
 * participant a ServiceAccount, a GitRepository pinned to their own stage, a Kustomization for their
 * cluster-scoped objects (applied with Flux's own rights: namespaces are cluster-scoped) and one per
 * namespaced layer applied as the participant's ServiceAccount, whose RoleBindings reach only the
 * participant's namespaces.
 */
import type { Flavor, Layer, LayerDefinition } from '../flavors/types.js';
import { entryLayerDir, TAG_RANGE, tenantDir } from '../layout/layout.js';
import type { ParticipantNames, RepositoryNames } from '../layout/names.js';
import type { KubeObject } from '../render/manifest.js';
import { toSshUrl } from '../settings/rules.js';
import type { Settings } from '../settings/settings.js';
import { buildFluxHealthCheckExprs } from './health-checks.js';
import { pluralize, type ResourceSummary } from './resources.js';

/** The ClusterRole a class's participants are bound to, in their own namespaces only. */
export const PARTICIPANT_ROLE = 'sockshop-mesh-learner';
export const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/**
 * Istio configuration kinds report `status.observedGeneration` as an int-or-string, which Flux's
 * generic readiness check has tripped over (fluxcd/flux2 issue 5982): an explicit expression judges
 * them, current once applied, as they have no readiness of their own.
 */
const ISTIO_CONFIG_KINDS = ['Gateway', 'VirtualService', 'DestinationRule', 'Telemetry'];

/** The kinds the Kustomization of each layer applies, as `apiVersion kind`, over every stage (a pin may name any). */
export type LayerKinds = Partial<Record<Layer, ReadonlySet<string>>>;

export function formatKindKey(object: { apiVersion: string; kind: string }): string {
  return `${object.apiVersion} ${object.kind}`;
}

/**
 * The health checks of one Kustomization: only for the kinds it applies itself. Flux evaluates
 * the expressions on its own inventory, so a check for a kind another Kustomization applies would
 * judge nothing here, and could only mislead whoever reads the bootstrap.
 */
function buildHealthCheckExprs(flavor: Flavor, kinds: ReadonlySet<string>): Record<string, string>[] {
  const applied = (info: { apiVersion: string; kind: string }) => kinds.has(formatKindKey(info));
  const config = flavor.kinds
    .filter((info) => ISTIO_CONFIG_KINDS.includes(info.kind) && applied(info))
    .map((info) => ({ apiVersion: info.apiVersion, kind: info.kind, current: 'true' }));
  return [...buildFluxHealthCheckExprs(flavor.healthChecks.filter(applied)), ...config];
}

function buildSource(settings: Settings, flavor: Flavor, name: string, tag: string): KubeObject {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name, namespace: flavor.platform.fluxNamespace },
    spec: { interval: '1m', url: toSshUrl(settings.remote), ref: settings.mode === 'follow' ? { semver: TAG_RANGE } : { tag } },
  };
}

interface KustomizationInput {
  name: string;
  source: string;
  path: string;
  dependsOn?: string;
  serviceAccount?: string;
  /** What it applies (for its health checks). */
  kinds: ReadonlySet<string>;
}

function buildKustomization(flavor: Flavor, input: KustomizationInput): KubeObject {
  const spec: Record<string, unknown> = {
    interval: '10m',
    retryInterval: '1m',
    timeout: '10m',
    sourceRef: { kind: 'GitRepository', name: input.source },
    path: `./${input.path}`,
    prune: true,
    wait: true,
  };
  if (input.serviceAccount) spec.serviceAccountName = input.serviceAccount;
  if (input.dependsOn) spec.dependsOn = [{ name: input.dependsOn }];
  const exprs = buildHealthCheckExprs(flavor, input.kinds);
  if (exprs.length > 0) spec.healthCheckExprs = exprs;
  return { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: input.name, namespace: flavor.platform.fluxNamespace }, spec };
}

const layerPathFor = (definition: LayerDefinition) => entryLayerDir(definition, 'flux');

/** A chain of Kustomizations, one per layer, each depending on the one before. */
function chainLayers(flavor: Flavor, layers: readonly LayerDefinition[], names: (layer: Layer) => string, source: string, kinds: LayerKinds): KubeObject[] {
  let previous: string | undefined;
  return layers.map((definition) => {
    const kustomization = buildKustomization(flavor, { name: names(definition.layer), source, path: layerPathFor(definition), dependsOn: previous, kinds: kinds[definition.layer] ?? new Set() });
    previous = names(definition.layer);
    return kustomization;
  });
}

/** One participant: the GitRepository and the whole chain of layers. */
export function buildFluxSingle(settings: Settings, flavor: Flavor, repo: RepositoryNames, tag: string, kinds: LayerKinds): KubeObject[] {
  return [buildSource(settings, flavor, repo.gitopsName, tag), ...chainLayers(flavor, flavor.layers, repo.fluxKustomization, repo.gitopsName, kinds)];
}

/** A class: the shared layers, pinned to the last stage. */
export function buildFluxShared(settings: Settings, flavor: Flavor, repo: RepositoryNames, tag: string, kinds: LayerKinds): KubeObject[] {
  const shared = flavor.layers.filter((definition) => definition.scope === 'shared');
  return [buildSource(settings, flavor, repo.gitopsName, tag), ...chainLayers(flavor, shared, repo.fluxKustomization, repo.gitopsName, kinds)];
}

/** The name of the last shared Kustomization, which every participant's chain waits for. */
export function lastSharedKustomization(flavor: Flavor, repo: RepositoryNames): string | undefined {
  const shared = flavor.layers.filter((definition) => definition.scope === 'shared');
  return shared.length > 0 ? repo.fluxKustomization(shared[shared.length - 1].layer) : undefined;
}

/** A class: one participant's ServiceAccount, GitRepository and chain of layers. */
export function buildFluxParticipant(settings: Settings, flavor: Flavor, repo: RepositoryNames, names: ParticipantNames, tag: string, kinds: LayerKinds): KubeObject[] {
  const account: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: names.gitopsName, namespace: flavor.platform.fluxNamespace } };
  let previous = lastSharedKustomization(flavor, repo);
  const kustomizations = flavor.layers
    .filter((definition) => definition.scope === 'participant')
    .map((definition) => {
      const name = `${names.gitopsName}-${definition.layer}`;
      const kustomization = buildKustomization(flavor, {
        name,
        source: names.gitopsName,
        path: tenantDir(names.participant, definition.layer),
        dependsOn: previous,
        kinds: kinds[definition.layer] ?? new Set(),
        // Cluster-scoped objects (the participant's namespaces) are applied with Flux's own rights.
        ...(definition.clusterScoped ? {} : { serviceAccount: names.gitopsName }),
      });
      previous = name;
      return kustomization;
    });
  return [account, buildSource(settings, flavor, names.gitopsName, tag), ...kustomizations];
}

/** A class: what a participant's ServiceAccount may do, in their namespaces (RoleBindings in cluster/flux-tenancy). */
export function buildParticipantRole(resources: ResourceSummary, extraRules: readonly Record<string, unknown>[]): KubeObject {
  const groups = new Map<string, Set<string>>();
  for (const { group, kind } of resources.namespaced) {
    const set = groups.get(group) ?? new Set<string>();
    groups.set(group, set);
    set.add(pluralize(kind));
  }
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: PARTICIPANT_ROLE },
    rules: [
      ...[...groups].sort(([a], [b]) => a.localeCompare(b)).map(([group, plurals]) => ({ apiGroups: [group], resources: [...plurals].sort(), verbs: [...VERBS] })),
      ...extraRules,
    ],
  };
}

/** A class: the RoleBindings that give a participant's ServiceAccount the participant role in their namespaces. */
export function buildParticipantRoleBindings(flavor: Flavor, names: ParticipantNames, namespaces: readonly string[]): KubeObject[] {
  return namespaces.map((namespace) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: `${PARTICIPANT_ROLE}-flux`, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: PARTICIPANT_ROLE },
    subjects: [{ kind: 'ServiceAccount', name: names.gitopsName, namespace: flavor.platform.fluxNamespace }],
  }));
}

