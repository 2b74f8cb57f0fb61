/**
 * What the manifest templates see: the names of the participant the stage folders are written for,
 * the flavor's pinned versions and APIs, the platform, and how a pod asks for a sidecar. One value
 * per stage plan, the same for every template.
 */
import type { Flavor } from '../flavors/types.js';
import { DISCOVERY_LABEL, type ParticipantNames, type RepositoryNames } from '../layout/names.js';
import { HOLD_APPLICATION } from '../scenario/workloads.js';

export interface TemplateValues {
  names: ParticipantNames;
  repo: Pick<RepositoryNames, 'gatewayHosts'>;
  flavor: { id: string; product: string; pins: Record<string, string> };
  platform: { openshift: boolean; kubernetes: boolean; cli: string; operatorsNamespace: string; argocdNamespace: string; fluxNamespace: string };
  apis: { networking: string };
  /** The pod label that asks for a sidecar, and its value. */
  injection: { key: string; value: string };
  /** The namespace label a Sail control plane's discovery selector matches. */
  discovery: { key: string; value: string };
  /** The proxy annotation that holds the app container until Envoy is ready. */
  holdApplication: { key: string; value: string };
}

/** The pod label (and value) that asks the flavor's control plane for a sidecar. */
export function selectInjection(flavor: Pick<Flavor, 'injection'>, names: Pick<ParticipantNames, 'controlPlane'>): { key: string; value: string } {
  return { key: flavor.injection.podLabel, value: flavor.injection.podLabel === 'istio.io/rev' ? names.controlPlane : 'true' };
}

export function buildTemplateValues(flavor: Flavor, names: ParticipantNames, repo: Pick<RepositoryNames, 'gatewayHosts'>): TemplateValues {
  const [holdKey, holdValue] = Object.entries(HOLD_APPLICATION)[0];
  const networking = flavor.kinds.find((kind) => kind.kind === 'VirtualService')?.apiVersion ?? 'networking.istio.io/v1';
  return {
    names,
    repo: { gatewayHosts: repo.gatewayHosts },
    flavor: { id: flavor.id, product: flavor.facts.product, pins: Object.fromEntries(Object.entries(flavor.facts.pins).map(([key, pin]) => [key, pin.value])) },
    platform: {
      openshift: flavor.platform.kind === 'openshift',
      kubernetes: flavor.platform.kind === 'kubernetes',
      cli: flavor.platform.cli,
      operatorsNamespace: flavor.platform.operatorsNamespace ?? '',
      argocdNamespace: flavor.platform.argocdNamespace,
      fluxNamespace: flavor.platform.fluxNamespace,
    },
    apis: { networking },
    injection: selectInjection(flavor, names),
    discovery: { key: DISCOVERY_LABEL, value: names.discovery },
    holdApplication: { key: holdKey, value: holdValue },
  };
}
