/**
 * Argo CD bootstrap. One participant: an AppProject allowing exactly this repository, the namespaces
 * the workshop uses and the cluster-scoped kinds it creates, and one Application that syncs the
 * entry point (`cluster/`) with a sync wave per layer. A class: the same pair for the shared parts
 * (pinned to the last stage: installed once), and per participant an AppProject confined to that
 * participant's namespaces and cluster-scoped objects (by name) plus one Application, pinned to the
 * participant's own stage. One Application per participant rather than an ApplicationSet: the
 * project is written out, never templated, and `promote` moves one participant by editing one file.
 * Automated sync with prune and retries (custom resources fail until their operator has the CRD).
 */
import type { Flavor } from '../flavors/types.js';
import { ENTRY_DIR, TAG_RANGE, tenantDir } from '../layout/layout.js';
import type { ParticipantNames, RepositoryNames } from '../layout/names.js';
import type { KubeObject } from '../render/manifest.js';
import type { Settings } from '../settings/settings.js';
import { describeResources, type ResourceSummary } from './resources.js';

export const IN_CLUSTER = 'https://kubernetes.default.svc';

export interface ArgoCdUnit {
  /** Application and AppProject name. */
  name: string;
  description: string;
  path: string;
  /** The tag the Application is pinned to (follow mode: ignored, the range is followed). */
  revision: string;
  resources: ResourceSummary;
  /** Restrict cluster-scoped objects to the names this unit creates (a participant's). */
  byName: boolean;
  /** Helm repositories its child Applications pull charts from. */
  chartRepos: readonly string[];
}

function buildProject(settings: Settings, flavor: Flavor, unit: ArgoCdUnit): KubeObject {
  const { namespaces, clusterScoped, namespaced } = unit.resources;
  const spec: Record<string, unknown> = {
    description: unit.description,
    sourceRepos: [settings.remote, ...unit.chartRepos],
    destinations: namespaces.map((namespace) => ({ server: IN_CLUSTER, namespace })),
    clusterResourceWhitelist: clusterScoped.map(({ group, kind, names }) => (unit.byName ? names.map((name) => ({ group, kind, name })) : [{ group, kind }])).flat(),
  };
  if (unit.byName) spec.namespaceResourceWhitelist = namespaced.map(({ group, kind }) => ({ group, kind }));
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: unit.name, namespace: flavor.platform.argocdNamespace }, spec };
}

function buildApplication(settings: Settings, flavor: Flavor, unit: ArgoCdUnit): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: unit.name, namespace: flavor.platform.argocdNamespace },
    spec: {
      project: unit.name,
      source: { repoURL: settings.remote, targetRevision: settings.mode === 'follow' ? TAG_RANGE : unit.revision, path: unit.path },
      destination: { server: IN_CLUSTER },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        retry: { limit: 20, backoff: { duration: '15s', factor: 2, maxDuration: '5m' } },
      },
    },
  };
}

export interface ArgoCdBootstrapInput {
  settings: Settings;
  flavor: Flavor;
  repo: RepositoryNames;
  /** What the cluster-wide Application applies at the last stage: everything (one participant) or the shared layers (a class). */
  sharedObjects: readonly KubeObject[];
  sharedRevision: string;
  /** A class: each participant's names and objects at the last stage. */
  participants: readonly { names: ParticipantNames; objects: readonly KubeObject[]; revision: string }[];
  chartRepos: readonly string[];
}

/** The cluster-wide AppProject and Application. */
export function buildArgoCdShared(input: ArgoCdBootstrapInput): KubeObject[] {
  const { settings, flavor, repo } = input;
  const unit: ArgoCdUnit = {
    name: repo.gitopsName,
    description: input.participants.length > 0 ? 'Sock Shop service-mesh workshop: the parts the whole class shares' : 'Sock Shop service-mesh workshop',
    path: ENTRY_DIR,
    revision: input.sharedRevision,
    // Exactly the namespaces its objects go to: Argo CD's own is not one unless an object is there
    // (the Helm-installing Applications of a flavor's charts are, and bring it themselves).
    resources: describeResources(input.sharedObjects),
    byName: false,
    chartRepos: input.chartRepos,
  };
  return [buildProject(settings, flavor, unit), buildApplication(settings, flavor, unit)];
}

/** One participant's AppProject and Application. */
export function buildArgoCdParticipant(input: ArgoCdBootstrapInput, participant: ArgoCdBootstrapInput['participants'][number]): KubeObject[] {
  const { settings, flavor } = input;
  const { names } = participant;
  const unit: ArgoCdUnit = {
    name: names.gitopsName,
    description: `Sock Shop service-mesh workshop: participant ${names.participant} (${names.appNamespace}, ${names.meshNamespace})`,
    path: tenantDir(names.participant),
    revision: participant.revision,
    resources: describeResources(participant.objects),
    byName: true,
    chartRepos: [],
  };
  return [buildProject(settings, flavor, unit), buildApplication(settings, flavor, unit)];
}
