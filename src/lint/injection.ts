/**
 * Sidecar injection, checked the way the flavor's control plane decides it: a pod that asks for a
 * sidecar must be in a namespace its control plane manages, or it starts without one. OpenShift
 * Service Mesh 2 manages the namespaces a ServiceMeshMemberRoll lists; a Sail control plane (`Istio`)
 * the namespaces its discovery selectors match, and injects pods labelled with its revision.
 * The pod annotation of the same name is deprecated in favour of the label (Istio and OSSM 2.6 docs).
 */
import type { InjectionRule } from '../flavors/types.js';
import type { KubeObject } from '../render/manifest.js';
import { listPodTemplates, matchesSelector, readPath } from './references.js';

export interface InjectionFinding {
  object: KubeObject;
  path: string;
  message: string;
}

const DEPRECATED_ANNOTATION = 'sidecar.istio.io/inject';

/** Whether a namespace's labels match one of the selectors (`matchLabels` only, as the workshop writes them). */
function selectsNamespace(selectors: readonly { matchLabels?: Record<string, string> }[] | undefined, labels: Record<string, string>): boolean {
  if (!selectors || selectors.length === 0) return true;
  return selectors.some((selector) => selector.matchLabels !== undefined && matchesSelector(selector.matchLabels, labels));
}

function explainMembership(objects: readonly KubeObject[], rule: InjectionRule, namespace: string, value: string): string | undefined {
  if (rule.membership === 'member-roll') {
    const members = objects.filter((object) => object.kind === 'ServiceMeshMemberRoll').flatMap((roll) => (readPath(roll, 'spec.members') as string[] | undefined) ?? []);
    return members.includes(namespace) ? undefined : `no ServiceMeshMemberRoll lists namespace ${namespace}`;
  }
  const controlPlane = objects.find((object) => object.kind === rule.controlPlaneKind && object.metadata.name === value);
  if (!controlPlane) return `no ${rule.controlPlaneKind} named ${value} (the revision it asks for) in this stage`;
  const own = objects.find((object) => object.kind === 'Namespace' && object.metadata.name === namespace);
  const selectors = readPath(controlPlane, 'spec.values.meshConfig.discoverySelectors') as { matchLabels?: Record<string, string> }[] | undefined;
  if (!own) return `namespace ${namespace} is not in this stage, so ${rule.controlPlaneKind}/${value}'s discovery selectors cannot be checked against it`;
  return selectsNamespace(selectors, own.metadata.labels ?? {}) ? undefined : `${rule.controlPlaneKind}/${value}'s discovery selectors do not match namespace ${namespace}'s labels`;
}

export function checkInjection(objects: readonly KubeObject[], rule: InjectionRule): InjectionFinding[] {
  const findings: InjectionFinding[] = [];
  for (const object of objects.filter((candidate) => candidate.kind === 'Deployment')) {
    const template = listPodTemplates([object], object.metadata.namespace)[0];
    if (template.annotations[DEPRECATED_ANNOTATION] !== undefined) {
      findings.push({ object, path: `spec.template.metadata.annotations.${DEPRECATED_ANNOTATION}`, message: `asks for a sidecar with the deprecated annotation; use the pod label ${rule.podLabel} instead` });
    }
    const value = template.labels[rule.podLabel];
    if (value === undefined || value === 'false') continue;
    const why = explainMembership(objects, rule, object.metadata.namespace ?? '', value);
    if (why) findings.push({ object, path: `spec.template.metadata.labels.${rule.podLabel}`, message: `asks for a sidecar, but ${why}: pods would start without one` });
  }
  return findings;
}
