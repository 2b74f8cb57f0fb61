/**
 * The upstream CRDs our own schema sources (`schemas-src/`) are converted from: no npm package
 * ships schemas for these kinds. Each entry names the CRD file (relative to a folder of upstream
 * CRDs laid out by API group), the versions to take and where the file comes from.
 */

export interface UpstreamSource {
  repository: string;
  ref: string;
  commit: string;
  path: string;
  license: string;
}

export interface CrdImport {
  /** CRD file below the CRD folder, e.g. `maistra.io/servicemeshcontrolplanes.crd.yaml`. */
  file: string;
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
    file: 'argoproj.io/application-crd.yaml',
    versions: ['v1alpha1'],
    upstream: { ...ARGO_CD, path: 'manifests/crds/application-crd.yaml' },
    openStatus: 'the status repeats the whole source and sync history; manifests never carry it',
  },
  {
    file: 'argoproj.io/appproject-crd.yaml',
    versions: ['v1alpha1'],
    upstream: { ...ARGO_CD, path: 'manifests/crds/appproject-crd.yaml' },
  },
  {
    file: 'source.toolkit.fluxcd.io/source.toolkit.fluxcd.io_gitrepositories.yaml',
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
    file: 'kustomize.toolkit.fluxcd.io/kustomize.toolkit.fluxcd.io_kustomizations.yaml',
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
    file: 'maistra.io/servicemeshcontrolplanes.crd.yaml',
    versions: ['v2'],
    upstream: { ...MAISTRA, path: 'manifests-maistra/2.5.1/servicemeshcontrolplanes.crd.yaml' },
    openStatus: 'the v2 status repeats the whole spec several times (appliedSpec, lastAppliedConfiguration): about 70% of the schema',
  },
  {
    file: 'maistra.io/servicemeshmemberrolls.crd.yaml',
    versions: ['v1'],
    upstream: { ...MAISTRA, path: 'manifests-maistra/2.5.1/servicemeshmemberrolls.crd.yaml' },
  },
  {
    file: 'maistra.io/servicemeshmembers.crd.yaml',
    versions: ['v1'],
    upstream: { ...MAISTRA, path: 'manifests-maistra/2.5.1/servicemeshmembers.crd.yaml' },
  },
  {
    file: 'route.openshift.io/routes.crd.yaml',
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
    file: 'operators.coreos.com/operators.coreos.com_subscriptions.yaml',
    versions: ['v1alpha1'],
    upstream: { ...OPERATOR_FRAMEWORK, path: 'crds/operators.coreos.com_subscriptions.yaml' },
  },
  {
    file: 'operators.coreos.com/operators.coreos.com_operatorgroups.yaml',
    versions: ['v1'],
    upstream: { ...OPERATOR_FRAMEWORK, path: 'crds/operators.coreos.com_operatorgroups.yaml' },
  },
  {
    file: 'kiali.io/kiali.io_kialis.yaml',
    versions: ['v1alpha1'],
    upstream: {
      repository: 'kiali/kiali-operator',
      ref: 'v2.29.0',
      commit: 'c8bd73c2b242930b43de32ef5dff2ef01925f5d2',
      path: 'crd-docs/crd/kiali.io_kialis.yaml',
      license: 'Apache-2.0',
    },
  },
];
