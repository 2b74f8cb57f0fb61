/**
 * Every Kubernetes name and host the answers decide, for one participant and for the repository.
 * A class's shared stages are written for a placeholder participant (PLACEHOLDER_PARTICIPANT) and
 * each participant's overlay replaces the placeholder's names by their own, so every name that
 * differs between participants is a field of ParticipantNames (the replacements are computed from
 * them, see src/plan/participant-component.ts).
 */
import type { Flavor } from '../flavors/types.js';
import type { Layer } from '../flavors/types.js';
import type { Settings } from '../settings/settings.js';

/** The participant a class's shared stage folders are written for; never a real participant's name. */
export const PLACEHOLDER_PARTICIPANT = 'participant';
export const REPOSITORY_PREFIX = 'sockshop-mesh';
/** The label key a Sail control plane's discovery selector matches on a namespace. */
export const DISCOVERY_LABEL = 'istio-discovery';

export interface ParticipantNames {
  /** '' for the plain single-participant namespaces. */
  participant: string;
  appNamespace: string;
  meshNamespace: string;
  /** The control-plane resource: a Sail `Istio` (its revision, for `istio.io/rev`), or the SMCP. */
  controlPlane: string;
  /** Value of the discovery label (Sail flavors). */
  discovery: string;
  /**
   * The host a browser sends: OpenShift, the front-end's Route host (the old Route's and then the
   * gateway Route's); elsewhere `localhost`, through `kubectl port-forward`.
   */
  frontEndHost: string;
  /** In-mesh host names of the Services the routing objects point at. */
  frontEndService: string;
  cartsService: string;
  /** The ingress gateway Service, for traffic that should enter the mesh like a browser's. */
  gatewayService: string;
  gatewayUrl: string;
  /** This participant's Argo CD Application / AppProject and Flux objects. */
  gitopsName: string;
}

export interface RepositoryNames {
  /** The cluster-wide Argo CD Application / AppProject and Flux GitRepository. */
  gitopsName: string;
  /** Gateway hosts: the apps domain's wildcard on OpenShift, anything elsewhere (reached by port-forward). */
  gatewayHosts: string;
  /** The Flux Kustomization that applies a layer (a class: the shared layers). */
  fluxKustomization: (layer: Layer) => string;
}

export function deriveParticipantNames(flavor: Pick<Flavor, 'platform' | 'injection'>, participant: string, domain: string): ParticipantNames {
  const prefix = participant ? `${participant}-` : '';
  const appNamespace = participant ? `${prefix}sockshop` : 'sock-shop';
  const meshNamespace = `${prefix}istio-system`;
  const gatewayService = `istio-ingressgateway.${meshNamespace}.svc.cluster.local`;
  const openshift = flavor.platform.kind === 'openshift';
  return {
    participant,
    appNamespace,
    meshNamespace,
    controlPlane: flavor.injection.controlPlaneKind === 'ServiceMeshControlPlane' ? 'basic-install' : participant || 'default',
    discovery: participant || 'default',
    // OpenShift's default Route host, so the gateway Route keeps the host the old Route had.
    frontEndHost: openshift ? `front-end-${appNamespace}.${domain}` : 'localhost',
    frontEndService: `front-end.${appNamespace}.svc.cluster.local`,
    cartsService: `carts.${appNamespace}.svc.cluster.local`,
    gatewayService,
    gatewayUrl: `http://${gatewayService}`,
    gitopsName: `${REPOSITORY_PREFIX}${participant ? `-${participant}` : ''}`,
  };
}

export function deriveRepositoryNames(flavor: Pick<Flavor, 'platform'>, settings: Pick<Settings, 'tenant' | 'tenants' | 'domain'>): RepositoryNames {
  const single = settings.tenants.length === 0;
  const gitopsName = single ? `${REPOSITORY_PREFIX}${settings.tenant ? `-${settings.tenant}` : ''}` : REPOSITORY_PREFIX;
  return {
    gitopsName,
    gatewayHosts: flavor.platform.kind === 'openshift' ? `*.${settings.domain}` : '*',
    fluxKustomization: (layer) => `${gitopsName}-${layer}`,
  };
}

/** Every participant of the answers: the class, or the one participant. */
export function listParticipants(settings: Pick<Settings, 'tenant' | 'tenants'>): string[] {
  return settings.tenants.length > 0 ? [...settings.tenants] : [settings.tenant];
}

/** The names the shared stage folders are written with: the one participant's, or a class's placeholder. */
export function deriveReferenceNames(flavor: Pick<Flavor, 'platform' | 'injection'>, settings: Pick<Settings, 'tenant' | 'tenants' | 'domain'>): ParticipantNames {
  return deriveParticipantNames(flavor, settings.tenants.length > 0 ? PLACEHOLDER_PARTICIPANT : settings.tenant, settings.domain);
}
