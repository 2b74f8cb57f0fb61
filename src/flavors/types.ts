/**
 * A mesh flavor as data: the product it targets, the layers its stages are built from, the stages
 * themselves, the kinds it emits (and what installs each), its health checks and lint rules, its
 * schema set and its template folder. Everything that differs between OpenShift Service Mesh 3,
 * upstream Istio and the legacy OpenShift Service Mesh 2.6 is one entry of this shape
 * (src/flavors/registry.ts); no module branches on a flavor's id.
 */
import type { HealthCheck } from '../gitops/health-checks.js';
import type { Workload } from '../scenario/workloads.js';

export type FlavorId = 'ossm3' | 'istio' | 'ossm2';

export type { SchemaSetId } from '../validate/schema-sets.js';
import type { SchemaSetId } from '../validate/schema-sets.js';

/**
 * Where an object is applied, in this order; each layer waits for the one before. `installers`
 * holds what a GitOps engine installs from a Helm chart (one folder per engine), `platform` what
 * the whole cluster shares, `participant` the cluster-scoped objects of one participant (their
 * namespaces, their control-plane resource), `mesh` and `apps` the participant's namespaced objects.
 */
export type Layer = 'installers' | 'platform' | 'participant' | 'mesh' | 'apps';
export const LAYER_ORDER: readonly Layer[] = ['installers', 'platform', 'participant', 'mesh', 'apps'];

/** Who owns a layer in a class: the instructor once for everybody, or each participant. */
export type LayerScope = 'shared' | 'participant';

export interface LayerDefinition {
  layer: Layer;
  scope: LayerScope;
  /** Cluster-scoped objects (a participant's namespaces): applied with the instructor's rights. */
  clusterScoped?: boolean;
  /** One folder per GitOps engine (`<layer>/argocd`, `<layer>/flux`): Helm installs differ per engine. */
  perEngine?: boolean;
}

export interface PatchDefinition {
  /** File under the stage's `<layer>/patches/` template folder. */
  file: string;
  /** Kustomize patch target; without one the patch names its object itself. */
  target?: { kind: string; name?: string };
}

export interface LayerContent {
  /** Resource templates under the flavor's `stages/<slug>/<layer>/` template folder. */
  resources?: readonly string[];
  /**
   * The workloads, rendered as one file each: a workload table under `templates/manifests/`, or
   * the list itself (a synthetic scenario, e.g. the benchmark's many-service workshop).
   */
  workloads?: string | readonly Workload[];
  patches?: readonly PatchDefinition[];
  /** Helm charts the GitOps engine installs (`installers` layers): names of the flavor's `charts`. */
  charts?: readonly string[];
}

/** A Helm chart a GitOps engine installs: an Argo CD Application, or a Flux HelmRepository and HelmRelease. */
export interface HelmChart {
  /** The release, and the Argo CD Application / Flux HelmRelease that installs it. */
  name: string;
  /** The Flux HelmRepository's name for `repoURL`. */
  repoName: string;
  repoURL: string;
  chart: string;
  /** Exact chart version. */
  version: string;
  /** Where the chart's objects go. */
  namespace: string;
  values: Readonly<Record<string, unknown>>;
  /** Flux: replace the chart's `crds/` on install and upgrade (Flux skips them on upgrade by default). */
  replaceCrds?: boolean;
  /** Cluster-scoped kinds the chart creates (the Argo CD project that installs it must allow them). */
  clusterKinds: readonly { group: string; kind: string }[];
  /** Where the version and values were read. */
  source: string;
}

export interface StageDefinition {
  number: number;
  slug: string;
  layers: Partial<Record<Layer, LayerContent>>;
}

/** What the cluster must have before an object of a kind can be applied. */
export type KindSource = 'cluster' | 'openshift' | 'olm' | 'operator' | 'helm';

export interface KindInfo {
  apiVersion: string;
  kind: string;
  source: KindSource;
  /** For `operator` kinds: the name of what installs the CRD (an OLM package, a Helm release). */
  installer?: string;
  namespaced: boolean;
}

/** How the flavor decides that a pod gets a sidecar, for the lint and the diagrams. */
export interface InjectionRule {
  /** Pod-template label that asks for a sidecar: `sidecar.istio.io/inject` = "true", or `istio.io/rev` = <revision>. */
  podLabel: string;
  /** The control-plane kind whose presence makes injection possible. */
  controlPlaneKind: string;
  /** How a namespace joins a control plane: a member roll lists it, or a discovery label selects it. */
  membership: 'member-roll' | 'discovery-label';
}

export interface ProductFacts {
  /** The mesh product and version, as the docs name it. */
  product: string;
  /** Exact versions and channels the manifests pin, with where each was read. */
  pins: Readonly<Record<string, { value: string; source: string }>>;
  /** End of life: when, and what to use instead. */
  endOfLife?: { since: string; replacement: string; source: string };
}

export interface Flavor {
  id: FlavorId;
  /** One line for `--help` and the docs. */
  summary: string;
  facts: ProductFacts;
  platform: {
    /** `openshift` flavors use Routes, OLM and SCCs; `kubernetes` ones none of them. */
    kind: 'openshift' | 'kubernetes';
    /** The command a learner types: `oc` or `kubectl`. */
    cli: 'oc' | 'kubectl';
    argocdNamespace: string;
    fluxNamespace: string;
    /** Where OLM Subscriptions go (OpenShift flavors). */
    operatorsNamespace?: string;
  };
  layers: readonly LayerDefinition[];
  stages: readonly StageDefinition[];
  kinds: readonly KindInfo[];
  injection: InjectionRule;
  healthChecks: readonly HealthCheck[];
  schemaSet: SchemaSetId;
  /** Template folders, searched in order: the flavor's own, then shared ones. */
  templateRoots: readonly string[];
  /** Answers the flavor has no use for (e.g. a cluster apps domain without Routes). */
  unusedAnswers: readonly string[];
  /** Helm charts its `installers` layer installs. */
  charts?: readonly HelmChart[];
}
