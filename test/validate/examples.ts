/**
 * One valid object per kind the generator emits (shaped like what it writes), for the validator
 * tests. Each test changes a copy.
 */

type Example = Record<string, unknown>;

const labels = { app: 'catalogue', version: 'v1', 'app.kubernetes.io/part-of': 'sock-shop' };

export const VALID_EXAMPLES: Record<string, Example> = {
  Namespace: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sock-shop', labels: { 'istio-injection': 'enabled' } } },
  Service: {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'catalogue', namespace: 'sock-shop', labels },
    spec: { selector: { app: 'catalogue' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', appProtocol: 'http' }, { name: 'http-alt', port: 8081, targetPort: 'http' }], type: 'ClusterIP' },
  },
  ConfigMap: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'sock-shop' }, data: { 'app.properties': 'a=b\n' } },
  Secret: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'sock-shop' }, type: 'Opaque', data: { password: 'c2VjcmV0' }, stringData: { user: 'admin' } },
  ServiceAccount: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'catalogue', namespace: 'sock-shop' }, automountServiceAccountToken: false },
  Deployment: {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'catalogue', namespace: 'sock-shop', labels, annotations: { 'argocd.argoproj.io/sync-wave': '2' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'catalogue' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels, annotations: { 'sidecar.istio.io/inject': 'true' } },
        spec: {
          serviceAccountName: 'catalogue',
          containers: [
            {
              name: 'catalogue',
              image: 'quay.io/example/catalogue:0.3.5',
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: 8080 }],
              env: [{ name: 'ZIPKIN', value: 'http://zipkin:9411' }],
              resources: { limits: { cpu: '200m', memory: '200Mi' }, requests: { cpu: 0.1, memory: '100Mi' } },
              livenessProbe: { httpGet: { path: '/health', port: 'http' }, initialDelaySeconds: 30 },
              securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
            },
          ],
        },
      },
    },
  },
  Gateway: {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'Gateway',
    metadata: { name: 'sock-shop-gateway', namespace: 'sock-shop' },
    spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] },
  },
  VirtualService: {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'VirtualService',
    metadata: { name: 'catalogue', namespace: 'sock-shop' },
    spec: {
      hosts: ['catalogue'],
      gateways: ['sock-shop-gateway', 'mesh'],
      http: [
        {
          match: [{ headers: { 'end-user': { exact: 'jason' } }, uri: { prefix: '/catalogue' } }],
          fault: { delay: { fixedDelay: '7s', percentage: { value: 100 } } },
          route: [
            { destination: { host: 'catalogue', subset: 'v2', port: { number: 80 } }, weight: 50 },
            { destination: { host: 'catalogue', subset: 'v1' }, weight: 50 },
          ],
          timeout: '0.5s',
          retries: { attempts: 3, perTryTimeout: '2s' },
        },
      ],
    },
  },
  DestinationRule: {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'DestinationRule',
    metadata: { name: 'catalogue', namespace: 'sock-shop' },
    spec: {
      host: 'catalogue',
      trafficPolicy: {
        loadBalancer: { simple: 'ROUND_ROBIN' },
        connectionPool: { tcp: { maxConnections: 1 }, http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 1 } },
        outlierDetection: { consecutive5xxErrors: 1, interval: '1s', baseEjectionTime: '3m', maxEjectionPercent: 100 },
        tls: { mode: 'ISTIO_MUTUAL' },
      },
      subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
    },
  },
  PeerAuthentication: { apiVersion: 'security.istio.io/v1beta1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'sock-shop' }, spec: { mtls: { mode: 'STRICT' } } },
  AuthorizationPolicy: {
    apiVersion: 'security.istio.io/v1beta1',
    kind: 'AuthorizationPolicy',
    metadata: { name: 'catalogue', namespace: 'sock-shop' },
    spec: { selector: { matchLabels: { app: 'catalogue' } }, action: 'ALLOW', rules: [{ from: [{ source: { principals: ['cluster.local/ns/sock-shop/sa/front-end'] } }], to: [{ operation: { methods: ['GET'] } }] }] },
  },
  Application: {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'sock-shop', namespace: 'openshift-gitops', annotations: { 'argocd.argoproj.io/sync-wave': '1' } },
    spec: {
      project: 'sock-shop',
      source: { repoURL: 'https://git.example.com/workshop.git', targetRevision: 'stage-01', path: 'overlays/openshift' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'sock-shop' },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true', 'SkipDryRunOnMissingResource=true'] },
    },
  },
  AppProject: {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'sock-shop', namespace: 'openshift-gitops' },
    spec: {
      description: 'Sock Shop service-mesh workshop',
      sourceRepos: ['https://git.example.com/workshop.git'],
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  },
  GitRepository: {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: 'workshop', namespace: 'flux-system' },
    spec: { interval: '1m', url: 'https://git.example.com/workshop.git', ref: { tag: 'stage-01' } },
  },
  Kustomization: {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'mesh', namespace: 'flux-system' },
    spec: {
      interval: '10m',
      path: './overlays/openshift',
      prune: true,
      wait: true,
      timeout: '5m',
      sourceRef: { kind: 'GitRepository', name: 'workshop' },
      dependsOn: [{ name: 'operators' }],
      healthChecks: [{ apiVersion: 'maistra.io/v2', kind: 'ServiceMeshControlPlane', name: 'basic', namespace: 'istio-system' }],
      targetNamespace: 'sock-shop',
    },
  },
  Route: {
    apiVersion: 'route.openshift.io/v1',
    kind: 'Route',
    metadata: { name: 'front-end', namespace: 'sock-shop' },
    spec: {
      host: 'shop.apps.example.com',
      path: '/',
      port: { targetPort: 'http' },
      to: { kind: 'Service', name: 'front-end', weight: 100 },
      alternateBackends: [{ kind: 'Service', name: 'front-end-v2', weight: 0 }],
      tls: { termination: 'edge', insecureEdgeTerminationPolicy: 'Redirect' },
      wildcardPolicy: 'None',
    },
  },
  ServiceMeshControlPlane: {
    apiVersion: 'maistra.io/v2',
    kind: 'ServiceMeshControlPlane',
    metadata: { name: 'basic', namespace: 'istio-system', annotations: { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' }, labels: { app: 'mesh' } },
    spec: {
      version: 'v2.6',
      mode: 'MultiTenant',
      security: { dataPlane: { mtls: true } },
      tracing: { type: 'Jaeger', sampling: 10000 },
      policy: { type: 'Istiod' },
      telemetry: { type: 'Istiod' },
      gateways: {
        ingress: { enabled: true, runtime: { deployment: { autoScaling: { enabled: false } } } },
        egress: { enabled: true, runtime: { deployment: { autoScaling: { enabled: false } } } },
        openshiftRoute: { enabled: true },
      },
      addons: {
        kiali: { enabled: true, name: 'kiali' },
        grafana: { enabled: true },
        prometheus: { enabled: true },
        jaeger: { name: 'jaeger', install: { storage: { type: 'Memory' } } },
      },
      proxy: { accessLogging: { file: { name: '/dev/stdout', encoding: 'TEXT', format: '[%START_TIME%] "%REQ(:METHOD)%"' } } },
    },
  },
  ServiceMeshMemberRoll: {
    apiVersion: 'maistra.io/v1',
    kind: 'ServiceMeshMemberRoll',
    metadata: { name: 'default', namespace: 'istio-system' },
    spec: { members: ['sock-shop'], memberSelectors: [{ matchLabels: { 'mesh-member': 'true' } }] },
  },
  ServiceMeshMember: {
    apiVersion: 'maistra.io/v1',
    kind: 'ServiceMeshMember',
    metadata: { name: 'default', namespace: 'sock-shop' },
    spec: { controlPlaneRef: { name: 'basic', namespace: 'istio-system' } },
  },
  Subscription: {
    apiVersion: 'operators.coreos.com/v1alpha1',
    kind: 'Subscription',
    metadata: { name: 'servicemeshoperator', namespace: 'openshift-operators' },
    spec: {
      channel: 'stable',
      name: 'servicemeshoperator',
      source: 'redhat-operators',
      sourceNamespace: 'openshift-marketplace',
      installPlanApproval: 'Automatic',
      startingCSV: 'servicemeshoperator.v2.6.0',
      config: { env: [{ name: 'LOG_LEVEL', value: 'info' }], resources: { limits: { memory: '512Mi' } } },
    },
  },
  OperatorGroup: {
    apiVersion: 'operators.coreos.com/v1',
    kind: 'OperatorGroup',
    metadata: { name: 'workshop', namespace: 'workshop-operators' },
    spec: { targetNamespaces: ['workshop-operators'], upgradeStrategy: 'Default' },
  },
  Kiali: {
    apiVersion: 'kiali.io/v1alpha1',
    kind: 'Kiali',
    metadata: { name: 'kiali', namespace: 'istio-system' },
    spec: { auth: { strategy: 'openshift' }, deployment: { cluster_wide_access: false }, external_services: { prometheus: { url: 'http://prometheus:9090' } } },
  },
};

/** The same example under another apiVersion (e.g. Istio v1alpha3), as a fresh copy. */
export function withApiVersion(name: string, apiVersion: string): Example {
  return { ...structuredClone(pickExample(name)), apiVersion };
}

/** A fresh copy of an example, changed by `edit`. */
export function changeExample(name: string, edit: (copy: Record<string, any>) => void): Example {
  const copy = structuredClone(pickExample(name)) as Record<string, any>;
  edit(copy);
  return copy;
}

export function pickExample(name: string): Example {
  const example = VALID_EXAMPLES[name];
  if (!example) throw new Error(`no example named ${name}`);
  return example;
}
