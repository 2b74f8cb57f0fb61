import { describe, expect, it } from 'vitest';
import { computeTemplateValues, listSchemaFileCandidates, nameCoreSchemaFile, nameGroupSchemaFile, SCHEMA_LOCATION_TEMPLATES } from '../../src/validate/schema-names.js';

describe('schema file names follow kubeconform', () => {
  it('computes the template values kubeconform computes', () => {
    expect(computeTemplateValues('v1', 'Service')).toEqual({ resourceKind: 'service', resourceApiVersion: 'v1', group: 'v1', kindSuffix: '-v1' });
    expect(computeTemplateValues('apps/v1', 'Deployment')).toEqual({ resourceKind: 'deployment', resourceApiVersion: 'v1', group: 'apps', kindSuffix: '-apps-v1' });
    expect(computeTemplateValues('networking.istio.io/v1beta1', 'VirtualService')).toEqual({
      resourceKind: 'virtualservice',
      resourceApiVersion: 'v1beta1',
      group: 'networking.istio.io',
      kindSuffix: '-networking-v1beta1',
    });
  });
  it('names core kinds {kind}-{first group segment}-{version}.json', () => {
    expect(nameCoreSchemaFile('apps/v1', 'Deployment')).toBe('deployment-apps-v1.json');
    expect(nameCoreSchemaFile('v1', 'Service')).toBe('service-v1.json');
    expect(nameCoreSchemaFile('v1', 'ConfigMap')).toBe('configmap-v1.json');
    expect(nameCoreSchemaFile('networking.k8s.io/v1', 'Ingress')).toBe('ingress-networking-v1.json');
  });
  it('names custom resources {group}/{kind}_{version}.json', () => {
    expect(nameGroupSchemaFile('networking.istio.io/v1beta1', 'VirtualService')).toBe('networking.istio.io/virtualservice_v1beta1.json');
    expect(nameGroupSchemaFile('maistra.io/v2', 'ServiceMeshControlPlane')).toBe('maistra.io/servicemeshcontrolplane_v2.json');
  });
  it('tries the core layout first, as the documented -schema-location order does', () => {
    expect(SCHEMA_LOCATION_TEMPLATES[0]).toBe('{{ .ResourceKind }}{{ .KindSuffix }}.json');
    expect(listSchemaFileCandidates('route.openshift.io/v1', 'Route')).toEqual(['route-route-v1.json', 'route.openshift.io/route_v1.json']);
  });
  it('shows why custom resources cannot use the core layout: groups collide', () => {
    expect(nameCoreSchemaFile('networking.istio.io/v1beta1', 'Gateway')).toBe(nameCoreSchemaFile('networking.k8s.io/v1beta1', 'Gateway'));
  });
});
