import { describe, expect, it } from 'vitest';
import { createSchemaStore, getSchemaStore, SCHEMA_SETS, validateObjects, type SchemaSetId, type SchemaStore, type SourcedObject, type Violation } from '../../src/validate/index.js';
import { changeExample, VALID_EXAMPLES, withApiVersion } from './examples.js';

/** The store of every schema set (each over the shared schemas), as `validate` uses for a repository of that set's flavors. */
const SET_STORES: [SchemaSetId, SchemaStore][] = (Object.keys(SCHEMA_SETS) as SchemaSetId[]).map((set) => [set, getSchemaStore(set)]);
const validateIn = (store: SchemaStore, object: unknown): Violation[] => validateObjects([{ file: 'stage/objects.yaml', index: 0, line: 1, object }], { store });
const served = (store: SchemaStore, object: unknown): boolean => {
  const { apiVersion, kind } = (object ?? {}) as { apiVersion?: unknown; kind?: unknown };
  return typeof apiVersion === 'string' && typeof kind === 'string' && store.findSchema(apiVersion, kind).status === 'found';
};
/**
 * Validates against every schema set that serves the object's kind (Kubernetes kinds: all; Istio
 * v1beta1: both Istio 1.30 and Maistra 2.5; Maistra kinds: one) and expects them to agree; an
 * object no set serves is checked against the first set.
 */
const check = (object: unknown): Violation[] => {
  const stores = SET_STORES.filter(([, store]) => served(store, object));
  if (stores.length === 0) return validateIn(SET_STORES[0][1], object);
  const [first, ...others] = stores.map(([, store]) => validateIn(store, object));
  for (const other of others) expect(other).toEqual(first);
  return first;
};
const summarise = (violations: Violation[]): string[] => violations.map((v) => `${v.path}: ${v.message}`);

describe('validateObjects accepts a valid example of every kind the generator emits', () => {
  for (const [name, example] of Object.entries(VALID_EXAMPLES)) {
    it(name, () => {
      expect(summarise(check(example))).toEqual([]);
    });
  }
  for (const name of ['Gateway', 'VirtualService', 'DestinationRule']) {
    it(`${name} as networking.istio.io/v1alpha3 (OSSM 2.6 serves both)`, () => {
      expect(summarise(check(withApiVersion(name, 'networking.istio.io/v1alpha3')))).toEqual([]);
    });
    it(`${name} as networking.istio.io/v1 in the Istio 1.30 set only`, () => {
      const object = withApiVersion(name, 'networking.istio.io/v1');
      expect(summarise(validateIn(getSchemaStore('istio-1.30'), object))).toEqual([]);
      expect(validateIn(getSchemaStore('maistra-2.5'), object).map((v) => v.code)).toEqual(['missing-schema']);
    });
  }
  it('every example in at least one schema set', () => {
    for (const [name, example] of Object.entries(VALID_EXAMPLES)) expect(SET_STORES.some(([, store]) => served(store, example)), name).toBe(true);
  });
  it('fields named description, which the npm packages had lost', () => {
    const priorityClass = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000, description: 'workshop' };
    expect(check(priorityClass)).toEqual([]);
    expect(check(changeExample('AppProject', (o) => (o.spec.roles = [{ name: 'read', description: 'read only', policies: [] }])))).toEqual([]);
  });
  it('int-or-string values in either form', () => {
    const service = changeExample('Service', (o) => {
      o.spec.ports[0].targetPort = 'http';
      o.spec.ports[1].targetPort = 8081;
    });
    expect(check(service)).toEqual([]);
    expect(check(changeExample('Route', (o) => (o.spec.port.targetPort = 8080)))).toEqual([]);
  });
});

interface BadCase {
  example: string;
  what: string;
  edit: (copy: Record<string, any>) => void;
  /** Every `path: message` expected, in any order. */
  expected: string[];
}

const rename = (object: Record<string, unknown>, from: string, to: string): void => {
  object[to] = object[from];
  delete object[from];
};

const BAD_CASES: BadCase[] = [
  { example: 'Deployment', what: 'a typo under spec', edit: (o) => rename(o.spec, 'replicas', 'replicaz'), expected: ['spec.replicaz: unknown field "replicaz" (did you mean "replicas"?)'] },
  {
    example: 'Deployment',
    what: 'a typo in a container',
    edit: (o) => rename(o.spec.template.spec.containers[0], 'image', 'imagee'),
    expected: ['spec.template.spec.containers[0].imagee: unknown field "imagee" (did you mean "image"?)'],
  },
  { example: 'Deployment', what: 'a string where an integer belongs', edit: (o) => (o.spec.replicas = '1'), expected: ['spec.replicas: must be integer, not string "1"'] },
  { example: 'Deployment', what: 'a missing required field', edit: (o) => delete o.spec.selector, expected: ['spec.selector: is required'] },
  {
    example: 'Deployment',
    what: 'a value outside the enum',
    edit: (o) => (o.spec.template.spec.containers[0].imagePullPolicy = 'Sometimes'),
    expected: ['spec.template.spec.containers[0].imagePullPolicy: must be one of: Always, IfNotPresent, Never, not string "Sometimes"'],
  },
  {
    example: 'Deployment',
    what: 'a malformed quantity',
    edit: (o) => (o.spec.template.spec.containers[0].resources.limits.cpu = '200 m'),
    expected: ['spec.template.spec.containers[0].resources.limits.cpu: must be a quantity such as 100m, 0.5, 128Mi or 1Gi'],
  },
  { example: 'Deployment', what: 'a typo in metadata', edit: (o) => rename(o.metadata, 'labels', 'lables'), expected: ['metadata.lables: unknown field "lables" (did you mean "labels"?)'] },
  {
    example: 'Deployment',
    what: 'a boolean annotation',
    edit: (o) => (o.spec.template.metadata.annotations['sidecar.istio.io/inject'] = true),
    expected: ['spec.template.metadata.annotations["sidecar.istio.io/inject"]: must be string, not boolean true'],
  },
  { example: 'Service', what: 'a typo under spec', edit: (o) => rename(o.spec, 'ports', 'prots'), expected: ['spec.prots: unknown field "prots" (did you mean "ports"?)'] },
  { example: 'Service', what: 'a string port', edit: (o) => (o.spec.ports[0].port = '80'), expected: ['spec.ports[0].port: must be integer, not string "80"'] },
  { example: 'Service', what: 'a boolean targetPort', edit: (o) => (o.spec.ports[0].targetPort = true), expected: ['spec.ports[0].targetPort: must be integer or string, not boolean true'] },
  { example: 'Service', what: 'a port without its number', edit: (o) => delete o.spec.ports[1].port, expected: ['spec.ports[1].port: is required'] },
  {
    example: 'Service',
    what: 'an enum value in the wrong case',
    edit: (o) => (o.spec.type = 'Loadbalancer'),
    expected: ['spec.type: must be one of: ClusterIP, ExternalName, LoadBalancer, NodePort, not string "Loadbalancer" (did you mean "LoadBalancer"?)'],
  },
  { example: 'Namespace', what: 'a typo in metadata', edit: (o) => rename(o.metadata, 'name', 'nmae'), expected: ['metadata.nmae: unknown field "nmae" (did you mean "name"?)'] },
  { example: 'Namespace', what: 'a string where a list belongs', edit: (o) => (o.spec = { finalizers: 'kubernetes' }), expected: ['spec.finalizers: must be a list, not string "kubernetes"'] },
  { example: 'ConfigMap', what: 'a typo at the top level', edit: (o) => rename(o, 'data', 'datas'), expected: ['datas: unknown field "datas" (did you mean "data"?)'] },
  { example: 'ConfigMap', what: 'a number as data', edit: (o) => (o.data['app.properties'] = 1), expected: ['data["app.properties"]: must be string, not number 1'] },
  { example: 'Secret', what: 'data that is not base64', edit: (o) => (o.data.password = 'not base64!'), expected: ['data.password: must be base64-encoded'] },
  { example: 'Secret', what: 'a number as type', edit: (o) => (o.type = 5), expected: ['type: must be string, not number 5'] },
  { example: 'ServiceAccount', what: 'a string where a boolean belongs', edit: (o) => (o.automountServiceAccountToken = 'no'), expected: ['automountServiceAccountToken: must be boolean, not string "no"'] },
  { example: 'ServiceAccount', what: 'a singular field name', edit: (o) => (o.imagePullSecret = []), expected: ['imagePullSecret: unknown field "imagePullSecret" (did you mean "imagePullSecrets"?)'] },
  { example: 'Gateway', what: 'a typo under spec', edit: (o) => rename(o.spec, 'selector', 'selectr'), expected: ['spec.selectr: unknown field "selectr" (did you mean "selector"?)'] },
  { example: 'Gateway', what: 'a string port number', edit: (o) => (o.spec.servers[0].port.number = '80'), expected: ['spec.servers[0].port.number: must be integer, not string "80"'] },
  { example: 'Gateway', what: 'a string where a list belongs', edit: (o) => (o.spec.servers[0].hosts = '*'), expected: ['spec.servers[0].hosts: must be a list, not string "*"'] },
  { example: 'VirtualService', what: 'a typo under spec', edit: (o) => rename(o.spec, 'http', 'htttp'), expected: ['spec.htttp: unknown field "htttp" (did you mean "http"?)'] },
  {
    example: 'VirtualService',
    what: 'a typo deep in a route',
    edit: (o) => (o.spec.http[0].route[0].destination.hots = 'catalogue'),
    expected: ['spec.http[0].route[0].destination.hots: unknown field "hots" (did you mean "host"?)'],
  },
  { example: 'VirtualService', what: 'a string weight', edit: (o) => (o.spec.http[0].route[0].weight = '50'), expected: ['spec.http[0].route[0].weight: must be integer, not string "50"'] },
  {
    example: 'VirtualService',
    what: 'two kinds of match at once',
    edit: (o) => (o.spec.http[0].match[0].uri.exact = '/catalogue'),
    expected: ['spec.http[0].match[0].uri: must set only one of: exact, prefix, regex (found exact and prefix)'],
  },
  {
    example: 'DestinationRule',
    what: 'a typo in a subset',
    edit: (o) => rename(o.spec.subsets[0], 'labels', 'lables'),
    expected: ['spec.subsets[0].lables: unknown field "lables" (did you mean "labels"?)'],
  },
  {
    example: 'DestinationRule',
    what: 'a string connection limit',
    edit: (o) => (o.spec.trafficPolicy.connectionPool.tcp.maxConnections = '1'),
    expected: ['spec.trafficPolicy.connectionPool.tcp.maxConnections: must be integer, not string "1"'],
  },
  {
    example: 'DestinationRule',
    what: 'an unknown load-balancing policy',
    edit: (o) => (o.spec.trafficPolicy.loadBalancer.simple = 'ROUND-ROBIN'),
    expected: ['spec.trafficPolicy.loadBalancer.simple: must be one of: UNSPECIFIED, LEAST_CONN, RANDOM, PASSTHROUGH, ROUND_ROBIN, LEAST_REQUEST, not string "ROUND-ROBIN" (did you mean "ROUND_ROBIN"?)'],
  },
  {
    example: 'PeerAuthentication',
    what: 'an enum value in the wrong case',
    edit: (o) => (o.spec.mtls.mode = 'strict'),
    expected: ['spec.mtls.mode: must be one of: UNSET, DISABLE, PERMISSIVE, STRICT, not string "strict" (did you mean "STRICT"?)'],
  },
  { example: 'AuthorizationPolicy', what: 'a typo in a rule', edit: (o) => rename(o.spec.rules[0], 'from', 'form'), expected: ['spec.rules[0].form: unknown field "form" (did you mean "from"?)'] },
  {
    example: 'Application',
    what: 'a misspelt required field',
    edit: (o) => rename(o.spec.source, 'repoURL', 'repoUrl'),
    expected: ['spec.source.repoUrl: unknown field "repoUrl" (did you mean "repoURL"?)', 'spec.source.repoURL: is required'],
  },
  { example: 'Application', what: 'a string where a boolean belongs', edit: (o) => (o.spec.syncPolicy.automated.prune = 'yes'), expected: ['spec.syncPolicy.automated.prune: must be boolean, not string "yes"'] },
  { example: 'Application', what: 'a missing destination', edit: (o) => delete o.spec.destination, expected: ['spec.destination: is required'] },
  { example: 'AppProject', what: 'a typo under spec', edit: (o) => rename(o.spec, 'sourceRepos', 'sourceRepo'), expected: ['spec.sourceRepo: unknown field "sourceRepo" (did you mean "sourceRepos"?)'] },
  { example: 'GitRepository', what: 'a typo in ref', edit: (o) => rename(o.spec.ref, 'tag', 'tagg'), expected: ['spec.ref.tagg: unknown field "tagg" (did you mean "tag"?)'] },
  { example: 'GitRepository', what: 'a missing url', edit: (o) => delete o.spec.url, expected: ['spec.url: is required'] },
  { example: 'GitRepository', what: 'an interval in words', edit: (o) => (o.spec.interval = '1 minute'), expected: ['spec.interval: must match the pattern ^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$'] },
  { example: 'Kustomization', what: 'a missing prune', edit: (o) => delete o.spec.prune, expected: ['spec.prune: is required'] },
  {
    example: 'Kustomization',
    what: 'an unknown source kind',
    edit: (o) => (o.spec.sourceRef.kind = 'Git'),
    expected: ['spec.sourceRef.kind: must be one of: OCIRepository, GitRepository, Bucket, ExternalArtifact, not string "Git" (did you mean "GitRepository"?)'],
  },
  {
    example: 'Kustomization',
    what: 'a misspelt dependency name',
    edit: (o) => rename(o.spec.dependsOn[0], 'name', 'nam'),
    expected: ['spec.dependsOn[0].nam: unknown field "nam" (did you mean "name"?)', 'spec.dependsOn[0].name: is required'],
  },
  {
    example: 'Route',
    what: 'a misspelt required field',
    edit: (o) => rename(o.spec.to, 'kind', 'kindd'),
    expected: ['spec.to.kindd: unknown field "kindd" (did you mean "kind"?)', 'spec.to.kind: is required'],
  },
  { example: 'Route', what: 'an unknown wildcard policy', edit: (o) => (o.spec.wildcardPolicy = 'Sometimes'), expected: ['spec.wildcardPolicy: must be one of: None, Subdomain, "", not string "Sometimes"'] },
  {
    example: 'Route',
    what: 'a termination in the wrong case',
    edit: (o) => (o.spec.tls.termination = 'Edge'),
    expected: ['spec.tls.termination: must be one of: edge, reencrypt, passthrough, not string "Edge" (did you mean "edge"?)'],
  },
  { example: 'Route', what: 'a string weight', edit: (o) => (o.spec.to.weight = '100'), expected: ['spec.to.weight: must be integer, not string "100"'] },
  { example: 'Route', what: 'a missing target', edit: (o) => delete o.spec.to, expected: ['spec.to: is required'] },
  { example: 'Route', what: 'target port 0', edit: (o) => (o.spec.port.targetPort = 0), expected: ['spec.port.targetPort: must not be 0'] },
  {
    example: 'Route',
    what: 'a path with passthrough TLS',
    edit: (o) => (o.spec.tls = { termination: 'passthrough' }),
    expected: ['spec: must satisfy one of: path is empty; or tls is unset; or tls.termination is not "passthrough"'],
  },
  {
    example: 'ServiceMeshControlPlane',
    what: 'a typo in an addon',
    edit: (o) => rename(o.spec.addons.kiali, 'enabled', 'enabeld'),
    expected: ['spec.addons.kiali.enabeld: unknown field "enabeld" (did you mean "enabled"?)'],
  },
  {
    example: 'ServiceMeshControlPlane',
    what: 'an unknown tracer',
    edit: (o) => (o.spec.tracing.type = 'Jaegr'),
    expected: ['spec.tracing.type: must be one of: None, Jaeger, Stackdriver, not string "Jaegr" (did you mean "Jaeger"?)'],
  },
  { example: 'ServiceMeshControlPlane', what: 'sampling above 100%', edit: (o) => (o.spec.tracing.sampling = 20000), expected: ['spec.tracing.sampling: must be <= 10000'] },
  {
    example: 'ServiceMeshControlPlane',
    what: 'a storage type in the wrong case',
    edit: (o) => (o.spec.addons.jaeger.install.storage.type = 'memory'),
    expected: ['spec.addons.jaeger.install.storage.type: must be one of: Memory, Elasticsearch, not string "memory" (did you mean "Memory"?)'],
  },
  { example: 'ServiceMeshControlPlane', what: 'a version without its v', edit: (o) => (o.spec.version = '2.6'), expected: ['spec.version: must match the pattern ^v[0-9]+\\.[0-9]+$'] },
  { example: 'ServiceMeshControlPlane', what: 'a string where a boolean belongs', edit: (o) => (o.spec.security.dataPlane.mtls = 'true'), expected: ['spec.security.dataPlane.mtls: must be boolean, not string "true"'] },
  {
    example: 'ServiceMeshControlPlane',
    what: 'a typo deep in a gateway',
    edit: (o) => rename(o.spec.gateways.egress.runtime.deployment.autoScaling, 'enabled', 'enable'),
    expected: ['spec.gateways.egress.runtime.deployment.autoScaling.enable: unknown field "enable" (did you mean "enabled"?)'],
  },
  {
    example: 'ServiceMeshControlPlane',
    what: 'an unknown access-log encoding',
    edit: (o) => (o.spec.proxy.accessLogging.file.encoding = 'YAML'),
    expected: ['spec.proxy.accessLogging.file.encoding: must be one of: TEXT, JSON, not string "YAML"'],
  },
  { example: 'ServiceMeshMemberRoll', what: 'a typo under spec', edit: (o) => rename(o.spec, 'members', 'memberz'), expected: ['spec.memberz: unknown field "memberz" (did you mean "members"?)'] },
  { example: 'ServiceMeshMemberRoll', what: 'a string where a list belongs', edit: (o) => (o.spec.members = 'sock-shop'), expected: ['spec.members: must be a list, not string "sock-shop"'] },
  { example: 'ServiceMeshMemberRoll', what: 'a number as a member', edit: (o) => (o.spec.members = [1]), expected: ['spec.members[0]: must be string, not number 1'] },
  { example: 'ServiceMeshMember', what: 'a control plane without namespace', edit: (o) => delete o.spec.controlPlaneRef.namespace, expected: ['spec.controlPlaneRef.namespace: is required'] },
  { example: 'Subscription', what: 'a typo under spec', edit: (o) => rename(o.spec, 'channel', 'chanel'), expected: ['spec.chanel: unknown field "chanel" (did you mean "channel"?)'] },
  {
    example: 'Subscription',
    what: 'an unknown approval',
    edit: (o) => (o.spec.installPlanApproval = 'Auto'),
    expected: ['spec.installPlanApproval: must be one of: Automatic, Manual, not string "Auto" (did you mean "Automatic"?)'],
  },
  { example: 'Subscription', what: 'a missing catalog source', edit: (o) => delete o.spec.source, expected: ['spec.source: is required'] },
  {
    example: 'OperatorGroup',
    what: 'a singular field name',
    edit: (o) => rename(o.spec, 'targetNamespaces', 'targetNamespace'),
    expected: ['spec.targetNamespace: unknown field "targetNamespace" (did you mean "targetNamespaces"?)'],
  },
  {
    example: 'OperatorGroup',
    what: 'an enum value in the wrong case',
    edit: (o) => (o.spec.upgradeStrategy = 'default'),
    expected: ['spec.upgradeStrategy: must be one of: Default, TechPreviewUnsafeFailForward, not string "default" (did you mean "Default"?)'],
  },
  { example: 'Kiali', what: 'a typo under spec', edit: (o) => rename(o.spec, 'deployment', 'deploymentt'), expected: ['spec.deploymentt: unknown field "deploymentt" (did you mean "deployment"?)'] },
  {
    example: 'Kiali',
    what: 'an unknown auth strategy',
    edit: (o) => (o.spec.auth.strategy = 'oauth'),
    expected: ['spec.auth.strategy: must be one of: "", anonymous, token, openshift, openid, header, not string "oauth"'],
  },
];

describe('validateObjects rejects broken objects with the field path and a readable reason', () => {
  for (const bad of BAD_CASES) {
    it(`${bad.example}: ${bad.what}`, () => {
      const violations = check(changeExample(bad.example, bad.edit));
      expect(summarise(violations).sort()).toEqual([...bad.expected].sort());
      expect(violations.every((v) => v.severity === 'error' && v.code === 'schema')).toBe(true);
    });
  }
  it('refuses a field only Istio 1.2x knows in a Maistra 2.5 (ossm2) repository, and accepts it in an Istio 1.30 one', () => {
    const object = changeExample('VirtualService', (o) => (o.spec.http[0].mirrors = [{ destination: { host: 'carts' }, percentage: { value: 10 } }]));
    expect(summarise(validateIn(getSchemaStore('istio-1.30'), object))).toEqual([]);
    expect(summarise(validateIn(getSchemaStore('maistra-2.5'), object))).toEqual(['spec.http[0].mirrors: unknown field "mirrors" (did you mean "mirror"?)']);
  });
  it('reports the same typo in Istio v1alpha3', () => {
    const object = withApiVersion('VirtualService', 'networking.istio.io/v1alpha3') as Record<string, any>;
    rename(object.spec, 'http', 'htttp');
    expect(summarise(check(object))).toEqual(['spec.htttp: unknown field "htttp" (did you mean "http"?)']);
  });
});

describe('validateObjects never throws on input that is not a Kubernetes object', () => {
  it('reports a list, a string and a number as not-an-object', () => {
    for (const object of [[1, 2], 'hello', 42]) {
      const [violation] = check(object);
      expect(violation).toMatchObject({ code: 'not-an-object', severity: 'error', path: '', file: 'stage/objects.yaml', line: 1 });
    }
  });
  it('reports an empty document as a warning', () => {
    expect(check(null)).toEqual([expect.objectContaining({ code: 'empty-document', severity: 'warning' })]);
  });
  it('reports a missing apiVersion and a missing kind together', () => {
    const violations = check({ metadata: { name: 'x' } });
    expect(violations.map((v) => [v.code, v.path, v.name])).toEqual([
      ['missing-apiVersion', 'apiVersion', 'x'],
      ['missing-kind', 'kind', 'x'],
    ]);
  });
  it('treats a non-string apiVersion as missing', () => {
    expect(check({ apiVersion: 1, kind: 'Service' }).map((v) => v.code)).toEqual(['missing-apiVersion']);
  });
  it('reports an unknown kind as missing-schema, with the nearest known kind', () => {
    const [violation] = check({ apiVersion: 'networking.istio.io/v1beta1', kind: 'VirtualServic', metadata: { name: 'vs' } });
    expect(violation).toMatchObject({ code: 'missing-schema', severity: 'error', kind: 'VirtualServic', name: 'vs' });
    expect(violation?.message).toMatch(/no schema for networking.istio.io\/v1beta1 VirtualServic in .*\(did you mean "VirtualService"\?\)$/);
  });
  it('lists the apiVersions that do have a schema for a kind', () => {
    // An OpenShift Service Mesh 2 repository: Maistra 2.5 serves no networking.istio.io/v1.
    const [violation] = validateIn(getSchemaStore('maistra-2.5'), { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService' });
    expect(violation?.message).toMatch(/VirtualService has schemas for: networking.istio.io\/v1alpha3, networking.istio.io\/v1beta1$/);
  });
  it('can report missing schemas as warnings, like kubeconform -ignore-missing-schemas', () => {
    const violations = validateObjects([{ file: 'a.yaml', index: 0, object: { apiVersion: 'authentication.istio.io/v1alpha1', kind: 'Policy' } }], { missingSchemaSeverity: 'warning' });
    expect(violations).toEqual([expect.objectContaining({ code: 'missing-schema', severity: 'warning' })]);
  });
  it('never reads outside the schema folder, whatever the apiVersion says', () => {
    expect(check({ apiVersion: '../../package/v1', kind: 'Json' }).map((v) => v.code)).toEqual(['missing-schema']);
  });
  it('reports metadata that is not a mapping', () => {
    expect(summarise(check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: 'x' }))).toEqual(['metadata: must be an object, not string "x"']);
  });
});

describe('validateObjects reports where each violation comes from', () => {
  it('collects every violation of every object, each with file, line, index and object identity', () => {
    const objects: SourcedObject[] = [
      { file: 'a.yaml', index: 0, line: 1, object: changeExample('Deployment', (o) => ((o.spec.replicas = '1'), rename(o.spec, 'selector', 'selectr'))) },
      { file: 'a.yaml', index: 1, line: 40, object: VALID_EXAMPLES.Service },
      { file: 'b.yaml', index: 0, object: changeExample('Subscription', (o) => (o.spec.installPlanApproval = 'Auto')) },
    ];
    const violations = validateObjects(objects);
    const rows = violations.map((v) => [v.file, v.index, v.line, v.kind, v.name, v.namespace, v.apiVersion, v.path].join(' '));
    expect(rows.sort()).toEqual([
      'a.yaml 0 1 Deployment catalogue sock-shop apps/v1 spec.replicas',
      'a.yaml 0 1 Deployment catalogue sock-shop apps/v1 spec.selector',
      'a.yaml 0 1 Deployment catalogue sock-shop apps/v1 spec.selectr',
      'b.yaml 0  Subscription servicemeshoperator openshift-operators operators.coreos.com/v1alpha1 spec.installPlanApproval',
    ]);
  });
  it('reports a schema that cannot be compiled as bad-schema', () => {
    const store = createSchemaStore({ readFile: (file) => (file === 'namespace-v1.json' ? '{' : undefined) });
    expect(validateObjects([{ file: 'a.yaml', index: 0, object: VALID_EXAMPLES.Namespace }], { store })).toEqual([
      expect.objectContaining({ code: 'bad-schema', severity: 'error', path: '', kind: 'Namespace' }),
    ]);
  });
  it('uses a store given in the options', () => {
    const store = createSchemaStore({ readFile: () => undefined });
    expect(validateObjects([{ file: 'a.yaml', index: 0, object: VALID_EXAMPLES.Namespace }], { store }).map((v) => v.code)).toEqual(['missing-schema']);
  });
});
