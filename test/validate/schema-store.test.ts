import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSchemaStore, getSchemaStore, locateBundledSchemaDir, readSchemaFolder, schemaSetDir } from '../../src/validate/index.js';

const PACKAGE_ROOT = resolve(import.meta.dirname, '..', '..');

describe('the bundled schema folder', () => {
  it('is found from the source tree and from the compiled dist/ tree', () => {
    expect(locateBundledSchemaDir()).toBe(join(PACKAGE_ROOT, 'schemas'));
    const compiled = pathToFileURL(join(PACKAGE_ROOT, 'dist', 'src', 'validate', 'schema-loader.js')).href;
    expect(locateBundledSchemaDir(compiled)).toBe(join(PACKAGE_ROOT, 'schemas'));
  });
  it('says so when there is none', () => {
    expect(() => locateBundledSchemaDir(pathToFileURL(join(tmpdir(), 'nowhere', 'x.js')).href)).toThrow(/cannot find the bundled schemas\/ folder/);
  });
});

describe('createSchemaStore', () => {
  it('finds core kinds in the core layout and custom resources in the group layout', () => {
    const store = getSchemaStore('maistra-2.5');
    expect(store.findSchema('apps/v1', 'Deployment')).toMatchObject({ status: 'found', file: 'deployment-apps-v1.json' });
    expect(store.findSchema('networking.istio.io/v1beta1', 'VirtualService')).toMatchObject({ status: 'found', file: 'networking.istio.io/virtualservice_v1beta1.json' });
    expect(store.findSchema('maistra.io/v2', 'ServiceMeshControlPlane')).toMatchObject({ status: 'found', file: 'maistra.io/servicemeshcontrolplane_v2.json' });
  });
  it('serves each schema set only the kinds and versions its product serves, over the shared schemas', () => {
    const maistra = getSchemaStore('maistra-2.5');
    const istio = getSchemaStore('istio-1.30');
    // OpenShift Service Mesh 2.5/2.6 serves no networking.istio.io/v1 and no Sail operator kinds.
    expect(maistra.findSchema('networking.istio.io/v1', 'VirtualService').status).toBe('missing');
    expect(maistra.findSchema('sailoperator.io/v1', 'Istio').status).toBe('missing');
    expect(istio.findSchema('networking.istio.io/v1', 'VirtualService')).toMatchObject({ status: 'found', file: 'networking.istio.io/virtualservice_v1.json' });
    expect(istio.findSchema('sailoperator.io/v1', 'Istio')).toMatchObject({ status: 'found', file: 'sailoperator.io/istio_v1.json' });
    expect(istio.findSchema('maistra.io/v2', 'ServiceMeshControlPlane').status).toBe('missing');
    // Both still read the shared schemas, and the shared store alone has no Istio API at all.
    for (const store of [maistra, istio]) expect(store.findSchema('route.openshift.io/v1', 'Route').status).toBe('found');
    expect(getSchemaStore().findSchema('networking.istio.io/v1beta1', 'VirtualService').status).toBe('missing');
    expect(istio.location).toContain(schemaSetDir('istio-1.30'));
    expect(istio.listKinds()).toContainEqual({ apiVersion: 'sailoperator.io/v1', kind: 'IstioCNI', file: 'sailoperator.io/istiocni_v1.json' });
    expect(istio.listKinds()).toContainEqual({ apiVersion: 'route.openshift.io/v1', kind: 'Route', file: 'route.openshift.io/route_v1.json' });
  });
  it('compiles each schema once', () => {
    const store = createSchemaStore();
    const first = store.findSchema('v1', 'Service');
    const second = store.findSchema('v1', 'Service');
    expect(first.status === 'found' && second.status === 'found' && first.validate === second.validate).toBe(true);
  });
  it('reports what it tried when there is no schema', () => {
    expect(getSchemaStore().findSchema('example.com/v1', 'Widget')).toEqual({ status: 'missing', tried: ['widget-example-v1.json', 'example.com/widget_v1.json'] });
  });
  it('does not look up names that cannot be apiVersions or kinds', () => {
    expect(getSchemaStore().findSchema('../../x/v1', 'Service')).toEqual({ status: 'missing', tried: [] });
    expect(getSchemaStore().findSchema('v1', 'Service/../../x')).toEqual({ status: 'missing', tried: [] });
  });
  it('lists the kinds of index.json', () => {
    const kinds = getSchemaStore().listKinds();
    expect(kinds).toContainEqual({ apiVersion: 'route.openshift.io/v1', kind: 'Route', file: 'route.openshift.io/route_v1.json' });
  });
  it('reads schemas from any reader, and skips a file pinned to another kind like kubeconform does', () => {
    const files: Record<string, string> = {
      'widget-example-v1.json': JSON.stringify({ properties: { kind: { enum: ['Gadget'] } } }),
      'example.com/widget_v1.json': JSON.stringify({ type: 'object', properties: { kind: { enum: ['Widget'] }, size: { type: 'integer' } } }),
    };
    const store = createSchemaStore({ readFile: (file) => files[file] });
    const lookup = store.findSchema('example.com/v1', 'Widget');
    expect(lookup).toMatchObject({ status: 'found', file: 'example.com/widget_v1.json' });
    expect(lookup.status === 'found' && lookup.validate({ kind: 'Widget', size: 'big' })).toBe(false);
    expect(store.location).toBe('(in memory)');
    expect(store.listKinds()).toEqual([]);
  });
  it('reports a schema file that is not JSON as invalid', () => {
    const store = createSchemaStore({ readFile: (file) => (file === 'widget-example-v1.json' ? '{ not json' : undefined) });
    expect(store.findSchema('example.com/v1', 'Widget')).toMatchObject({ status: 'invalid', file: 'widget-example-v1.json' });
  });
  it('reads a schema folder given as schemaDir', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schemas-'));
    writeFileSync(join(dir, 'thing-v1.json'), JSON.stringify({ type: 'object', required: ['spec'] }));
    const store = createSchemaStore({ schemaDir: dir });
    expect(store.location).toBe(dir);
    expect(store.findSchema('v1', 'Thing')).toMatchObject({ status: 'found', file: 'thing-v1.json' });
  });
});

describe('readSchemaFolder', () => {
  it('reads files inside the folder and nothing outside it', () => {
    const read = readSchemaFolder(join(PACKAGE_ROOT, 'schemas'));
    expect(read('service-v1.json')).toMatch(/^\{/);
    expect(read('no-such-file.json')).toBeUndefined();
    expect(read('../package.json')).toBeUndefined();
    expect(read('/etc/hostname')).toBeUndefined();
  });
});
