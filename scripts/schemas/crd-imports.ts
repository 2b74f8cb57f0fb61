/**
 * The upstream CRDs our own schema sources (`schemas-src/`) are converted from: no npm package
 * ships schemas for these kinds. Each entry names the CRD file (relative to a folder of upstream
 * CRDs laid out by API group), the versions to take and where the file comes from.
 */

import type { SchemaSetId } from '../../src/validate/schema-sets.js';

export interface UpstreamSource {
  repository: string;
  ref: string;
  commit: string;
  path: string;
  license: string;
}

export interface CrdImport {
  /**
   * CRD file below the reference folder (`../shared/reference` in the team's checkout), e.g.
   * `crds/maistra.io/servicemeshcontrolplanes.crd.yaml`.
   */
  file: string;
  /**
   * The schema set the schemas belong to (src/validate/schema-sets.ts), when they differ
   * between the products a flavor targets (Istio 1.30 vs Maistra 2.5); none: shared by every flavor.
   */
  set?: SchemaSetId;
  versions: readonly string[];
  upstream: UpstreamSource;
  /**
   * Why `status` is kept as an open object instead of the upstream structure, when it is: only the
   * controller writes status, manifests never carry it, and some status trees are huge.
   */
  openStatus?: string;
}

const MAISTRA = {
  repository: 'maistra/istio-operator',
  ref: 'maistra-2.5 (operator 2.5.1, OpenShift Service Mesh 2.5)',
  commit: '8143614c5f13ef9b894d107d47353507b70f45ea',
  license: 'Apache-2.0',
};

const SAIL_OPERATOR = {
  repository: 'istio-ecosystem/sail-operator',
  ref: '1.30.3',
  commit: '4241170416706137c6263939099a4f4aaefc76d1',
  license: 'Apache-2.0',
};

const PROMETHEUS_OPERATOR = {
  repository: 'prometheus-operator/prometheus-operator',
  ref: 'main after v0.93.0',
  commit: '6adcebc5076c34f4f55f8f5f7b1e528929373ac7',
  license: 'Apache-2.0',
};

const OPERATOR_FRAMEWORK = {
  repository: 'operator-framework/api',
  ref: 'v0.45.0',
  commit: '72d46e1db6dffddc1c5747c885d845b39d3db1b2',
  license: 'Apache-2.0',
};

const ARGO_CD = {
  repository: 'argoproj/argo-cd',
  ref: 'v3.5.1',
  commit: '109ca7ca71139e514114499d294a492e7910a965',
  license: 'Apache-2.0',
};

/**
 * Argo CD and Flux change often and users run current releases (health-check expressions, tag
 * prefixes…), so their kinds come from current upstream CRDs rather than the older npm schemas.
 */
export const CRD_IMPORTS: readonly CrdImport[] = [
  {
    file: 'crds/argoproj.io/application-crd.yaml',
    versions: ['v1alpha1'],
    upstream: { ...ARGO_CD, path: 'manifests/crds/application-crd.yaml' },
    openStatus: 'the status repeats the whole source and sync history; manifests never carry it',
  },
  {
    file: 'crds/argoproj.io/appproject-crd.yaml',
    versions: ['v1alpha1'],
    upstream: { ...ARGO_CD, path: 'manifests/crds/appproject-crd.yaml' },
  },
  {
    file: 'crds/source.toolkit.fluxcd.io/source.toolkit.fluxcd.io_gitrepositories.yaml',
    versions: ['v1'],
    upstream: {
      repository: 'fluxcd/source-controller',
      ref: 'v1.9.1',
      commit: '092bcff3c9c3f258a44310507201d295ff294ba6',
      path: 'config/crd/bases/source.toolkit.fluxcd.io_gitrepositories.yaml',
      license: 'Apache-2.0',
    },
  },
  {
    file: 'crds/kustomize.toolkit.fluxcd.io/kustomize.toolkit.fluxcd.io_kustomizations.yaml',
    versions: ['v1'],
    upstream: {
      repository: 'fluxcd/kustomize-controller',
      ref: 'v1.9.4',
      commit: '1324b615da01038e2859cbcde604bd5434f21933',
      path: 'config/crd/bases/kustomize.toolkit.fluxcd.io_kustomizations.yaml',
      license: 'Apache-2.0',
    },
  },
  {
    file: 'crds/maistra.io/servicemeshcontrolplanes.crd.yaml',
    set: 'maistra-2.5',
    versions: ['v2'],
    upstream: { ...MAISTRA, path: 'manifests-maistra/2.5.1/servicemeshcontrolplanes.crd.yaml' },
    openStatus: 'the v2 status repeats the whole spec several times (appliedSpec, lastAppliedConfiguration): about 70% of the schema',
  },
  {
    file: 'crds/maistra.io/servicemeshmemberrolls.crd.yaml',
    set: 'maistra-2.5',
    versions: ['v1'],
    upstream: { ...MAISTRA, path: 'manifests-maistra/2.5.1/servicemeshmemberrolls.crd.yaml' },
  },
  {
    file: 'crds/maistra.io/servicemeshmembers.crd.yaml',
    set: 'maistra-2.5',
    versions: ['v1'],
    upstream: { ...MAISTRA, path: 'manifests-maistra/2.5.1/servicemeshmembers.crd.yaml' },
  },
  {
    file: 'crds/route.openshift.io/routes.crd.yaml',
    versions: ['v1'],
    upstream: {
      repository: 'openshift/api',
      ref: 'release-4.22',
      commit: '9fda5179a7f76209e548ccc46d16767ed1e0bddb',
      path: 'route/v1/zz_generated.crd-manifests/routes.crd.yaml',
      license: 'Apache-2.0',
    },
  },
  {
    file: 'crds/operators.coreos.com/operators.coreos.com_subscriptions.yaml',
    versions: ['v1alpha1'],
    upstream: { ...OPERATOR_FRAMEWORK, path: 'crds/operators.coreos.com_subscriptions.yaml' },
  },
  {
    file: 'crds/operators.coreos.com/operators.coreos.com_operatorgroups.yaml',
    versions: ['v1'],
    upstream: { ...OPERATOR_FRAMEWORK, path: 'crds/operators.coreos.com_operatorgroups.yaml' },
  },
  {
    file: 'crds/kiali.io/kiali.io_kialis.yaml',
    versions: ['v1alpha1'],
    upstream: {
      repository: 'kiali/kiali-operator',
      ref: 'v2.29.0',
      commit: 'c8bd73c2b242930b43de32ef5dff2ef01925f5d2',
      path: 'crd-docs/crd/kiali.io_kialis.yaml',
      license: 'Apache-2.0',
    },
  },
  {
    file: 'crds/monitoring.coreos.com/monitoring.coreos.com_servicemonitors.yaml',
    versions: ['v1'],
    upstream: { ...PROMETHEUS_OPERATOR, path: 'example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml' },
  },
  {
    file: 'crds/monitoring.coreos.com/monitoring.coreos.com_podmonitors.yaml',
    versions: ['v1'],
    upstream: { ...PROMETHEUS_OPERATOR, path: 'example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml' },
  },
  {
    file: 'crds/helm.toolkit.fluxcd.io/helm.toolkit.fluxcd.io_helmreleases.yaml',
    versions: ['v2'],
    upstream: {
      repository: 'fluxcd/helm-controller',
      ref: 'v1.6.3',
      commit: '372c34e2b4a455d24ef6cbb8321c82c4533dbbd8',
      path: 'config/crd/bases/helm.toolkit.fluxcd.io_helmreleases.yaml',
      license: 'Apache-2.0',
    },
    openStatus: 'the status repeats the release history; manifests never carry it',
  },
  {
    file: 'crds/source.toolkit.fluxcd.io/source.toolkit.fluxcd.io_helmrepositories.yaml',
    versions: ['v1'],
    upstream: {
      repository: 'fluxcd/source-controller',
      ref: 'v1.9.1',
      commit: '092bcff3c9c3f258a44310507201d295ff294ba6',
      path: 'config/crd/bases/source.toolkit.fluxcd.io_helmrepositories.yaml',
      license: 'Apache-2.0',
    },
  },
  // Istio 1.30 (OpenShift Service Mesh 3.4 and upstream Istio): the Sail operator's control-plane
  // kinds and Istio's own APIs at every version 1.30 serves (networking v1 is new since 1.22).
  ...['sailoperator.io_istios.yaml', 'sailoperator.io_istiocnis.yaml'].map(
    (name): CrdImport => ({ file: `crds/sailoperator.io/${name}`, set: 'istio-1.30', versions: ['v1'], upstream: { ...SAIL_OPERATOR, path: `chart/crds/${name}` } }),
  ),
  {
    file: 'crds/istio.io/crd-all.gen.yaml',
    set: 'istio-1.30',
    versions: ['v1', 'v1beta1', 'v1alpha3', 'v1alpha1'],
    upstream: { repository: 'istio/istio', ref: '1.30.3', commit: '56df41f63e513f834c9a3af33d8aed82d1d961f2', path: 'manifests/charts/base/files/crd-all.gen.yaml', license: 'Apache-2.0' },
  },
  // The Istio CRDs OpenShift Service Mesh 2.5 installs (Maistra's istio-init chart, Istio 1.18
  // APIs): no networking v1, no telemetry v1. OSSM 2.6 serves the same API versions.
  ...[
    ['networking.istio.io', 'gateways', ['v1alpha3', 'v1beta1']],
    ['networking.istio.io', 'virtualservices', ['v1alpha3', 'v1beta1']],
    ['networking.istio.io', 'destinationrules', ['v1alpha3', 'v1beta1']],
    ['networking.istio.io', 'serviceentries', ['v1alpha3', 'v1beta1']],
    ['networking.istio.io', 'sidecars', ['v1alpha3', 'v1beta1']],
    ['telemetry.istio.io', 'telemetries', ['v1alpha1']],
    ['security.istio.io', 'peerauthentications', ['v1beta1']],
    ['security.istio.io', 'authorizationpolicies', ['v1beta1', 'v1']],
  ].map(
    ([group, plural, versions]): CrdImport => ({
      file: `crds-ossm2/${group as string}/${plural as string}.${group as string}.crd.yaml`,
      set: 'maistra-2.5',
      versions: versions as string[],
      upstream: { ...MAISTRA, path: `resources/helm/v2.5/istio-init/files/${plural as string}.${group as string}.crd.yaml` },
    }),
  ),
];
