/**
 * The checks no schema can make, over one stage's rendered objects, with the rules of the
 * repository's flavor: every custom resource comes after what installs its CRD (an OLM Subscription
 * or a Helm release in an earlier layer, an earlier Argo CD sync wave), carries
 * SkipDryRunOnMissingResource for Argo CD, sidecar injection only in a namespace its control plane
 * manages (a member roll lists it, or the control plane's discovery selector matches it), selectors
 * that select something, and Istio hosts, subsets, ports and gateways that exist.
 */
import { SKIP_DRY_RUN, SYNC_OPTIONS, SYNC_WAVE } from '../gitops/annotate.js';
import type { Flavor, Layer } from '../flavors/types.js';
import type { KubeObject } from '../render/manifest.js';
import type { GitOpsEngine } from '../settings/settings.js';
import type { Violation } from '../validate/types.js';
import { checkInjection } from './injection.js';
import { objectViolation } from './object-violation.js';
import { findService, listPodTemplates, matchesSelector, parseServiceHost, readPath } from './references.js';

export interface StageObjects {
  flavor: Pick<Flavor, 'layers' | 'kinds' | 'injection'>;
  layers: Partial<Record<Layer, readonly KubeObject[]>>;
  engines: readonly GitOpsEngine[];
  /** Where an object came from, for the report. */
  sourceOf?: (object: KubeObject) => { file: string; line?: number } | undefined;
}

/** Whether an object installs something by that name: an OLM Subscription's package, a Helm release. */
function installs(object: KubeObject, installer: string): boolean {
  if (object.kind === 'Subscription') return readPath(object, 'spec.name') === installer;
  if (object.kind === 'HelmRelease') return object.metadata.name === installer || readPath(object, 'spec.releaseName') === installer;
  if (object.kind === 'Application') return object.metadata.name === installer && readPath(object, 'spec.source.chart') !== undefined;
  return false;
}

export function checkStage(input: StageObjects): Violation[] {
  const order = input.flavor.layers.map((definition) => definition.layer);
  const located = order.flatMap((layer) => (input.layers[layer] ?? []).map((object) => ({ layer, object })));
  const objects = located.map(({ object }) => object);
  const violations: Violation[] = [];
  const report = (object: KubeObject, code: string, path: string, message: string) => violations.push(objectViolation(object, input.sourceOf?.(object) ?? { file: '' }, path, message, code));
  const wave = (object: KubeObject) => Number(object.metadata.annotations?.[SYNC_WAVE] ?? 0);
  const argocd = input.engines.includes('argocd');

  for (const { layer, object } of located) {
    const info = input.flavor.kinds.find((kind) => kind.apiVersion === object.apiVersion && kind.kind === object.kind);
    if (info?.source !== 'operator' || !info.installer) continue;
    const installer = located.filter(({ object: other }) => installs(other, info.installer!));
    const earliest = installer.sort((a, b) => order.indexOf(a.layer) - order.indexOf(b.layer))[0];
    if (!earliest) report(object, 'ordering', '', `needs ${info.installer} (what installs its CRD) in this stage or an earlier one`);
    else if (order.indexOf(earliest.layer) >= order.indexOf(layer)) {
      report(object, 'ordering', '', `is in the ${layer} layer, but ${info.installer} is installed in the ${earliest.layer} layer: Flux would dry-run it before the CRD exists`);
    } else if (argocd && installer.every((candidate) => wave(candidate.object) >= wave(object))) {
      report(object, 'ordering', `metadata.annotations.${SYNC_WAVE}`, `sync wave ${wave(object)} is not after ${info.installer}'s (wave ${wave(earliest.object)})`);
    }
    if (argocd && !(object.metadata.annotations?.[SYNC_OPTIONS] ?? '').includes(SKIP_DRY_RUN)) {
      report(object, 'ordering', `metadata.annotations.${SYNC_OPTIONS}`, `needs ${SKIP_DRY_RUN}: its CRD is installed by ${info.installer}`);
    }
  }

  for (const finding of checkInjection(objects, input.flavor.injection)) report(finding.object, 'injection', finding.path, finding.message);
  for (const object of objects.filter((candidate) => candidate.kind === 'Deployment')) {
    const template = listPodTemplates([object], object.metadata.namespace)[0];
    const selector = readPath(object, 'spec.selector.matchLabels') as Record<string, string> | undefined;
    if (!matchesSelector(selector, template.labels)) report(object, 'selector', 'spec.selector.matchLabels', 'does not match the pod template labels');
  }
  const podsIn = indexPodTemplates(objects);
  for (const service of objects.filter((object) => object.kind === 'Service')) {
    const selector = readPath(service, 'spec.selector') as Record<string, string> | undefined;
    if (selector && !podsIn(service.metadata.namespace)(selector)) {
      report(service, 'selector', 'spec.selector', `selects no pod of any Deployment in ${service.metadata.namespace}`);
    }
  }
  checkRouting(objects, report, podsIn);
  return violations;
}

type Report = (object: KubeObject, code: string, path: string, message: string) => void;
/** Whether a selector selects a pod template of a namespace. */
type SelectsPod = (selector: Record<string, string>) => boolean;

/**
 * The pod templates of each namespace indexed by label, built once per stage: a selector is tried
 * on the pods carrying its first label only, so checking every Service stays linear in the
 * number of objects (the same answer as trying every pod).
 */
function indexPodTemplates(objects: readonly KubeObject[]): (namespace: string | undefined) => SelectsPod {
  const namespaces = new Map<string | undefined, SelectsPod>();
  return (namespace) => {
    let selects = namespaces.get(namespace);
    if (!selects) {
      const byLabel = new Map<string, Map<string, Record<string, string>[]>>();
      for (const { labels } of listPodTemplates(objects, namespace)) {
        for (const [key, value] of Object.entries(labels)) {
          const byValue = byLabel.get(key) ?? new Map<string, Record<string, string>[]>();
          byLabel.set(key, byValue);
          byValue.set(value, [...(byValue.get(value) ?? []), labels]);
        }
      }
      selects = (selector) => {
        const [first] = Object.entries(selector);
        return first !== undefined && (byLabel.get(first[0])?.get(first[1]) ?? []).some((labels) => matchesSelector(selector, labels));
      };
      namespaces.set(namespace, selects);
    }
    return selects;
  };
}

function checkRouting(objects: readonly KubeObject[], report: Report, podsIn: (namespace: string | undefined) => SelectsPod): void {
  const rules = objects.filter((object) => object.kind === 'DestinationRule');
  for (const rule of rules) {
    const host = parseServiceHost(String(readPath(rule, 'spec.host') ?? ''), rule.metadata.namespace);
    const service = host && findService(objects, host.name, host.namespace);
    if (!service) report(rule, 'reference', 'spec.host', `names no Service of this stage`);
    const subsets = (readPath(rule, 'spec.subsets') as { name: string; labels?: Record<string, string> }[] | undefined) ?? [];
    subsets.forEach((subset, index) => {
      const selector = { ...(service && service !== 'control-plane' ? (readPath(service, 'spec.selector') as object) : {}), ...subset.labels };
      if (!host || !podsIn(host.namespace)(selector)) {
        report(rule, 'reference', `spec.subsets[${index}].labels`, `subset ${subset.name} selects no pod`);
      }
    });
  }
  for (const virtual of objects.filter((object) => object.kind === 'VirtualService')) {
    const namespace = virtual.metadata.namespace;
    ((readPath(virtual, 'spec.gateways') as string[] | undefined) ?? []).forEach((gateway, index) => {
      if (gateway === 'mesh') return;
      const [gatewayNamespace, name] = gateway.includes('/') ? gateway.split('/') : [namespace, gateway];
      if (!objects.some((object) => object.kind === 'Gateway' && object.metadata.name === name && object.metadata.namespace === gatewayNamespace)) {
        report(virtual, 'reference', `spec.gateways[${index}]`, `names no Gateway ${gatewayNamespace}/${name} of this stage`);
      }
    });
    const http = (readPath(virtual, 'spec.http') as { route?: { destination?: { host?: string; subset?: string; port?: { number?: number } } }[] }[] | undefined) ?? [];
    http.forEach((entry, i) =>
      (entry.route ?? []).forEach((route, j) => {
        const path = `spec.http[${i}].route[${j}].destination`;
        const host = parseServiceHost(route.destination?.host ?? '', namespace);
        const service = host && findService(objects, host.name, host.namespace);
        if (!service) return report(virtual, 'reference', `${path}.host`, `${route.destination?.host} names no Service of this stage`);
        const port = route.destination?.port?.number;
        const ports = service === 'control-plane' ? undefined : ((readPath(service, 'spec.ports') as { port: number }[] | undefined) ?? []);
        if (port !== undefined && ports && !ports.some((candidate) => candidate.port === port)) report(virtual, 'reference', `${path}.port.number`, `Service ${host.name} has no port ${port}`);
        const subset = route.destination?.subset;
        if (subset !== undefined) {
          const defined = rules.some((rule) => {
            const ruleHost = parseServiceHost(String(readPath(rule, 'spec.host') ?? ''), rule.metadata.namespace);
            const names = ((readPath(rule, 'spec.subsets') as { name: string }[] | undefined) ?? []).map((candidate) => candidate.name);
            return ruleHost?.name === host.name && ruleHost.namespace === host.namespace && names.includes(subset);
          });
          if (!defined) report(virtual, 'reference', `${path}.subset`, `subset ${subset} is defined by no DestinationRule for ${host.name}`);
        }
      }),
    );
  }
}
