import { describe, expect, it } from 'vitest';
import { FLAVORS, getFlavor } from '../../src/flavors/registry.js';
import { formatStageBranch, formatStageId, formatTag, parseStageId, parseTag, relativeDir, TAG_RANGE } from '../../src/layout/layout.js';
import { deriveParticipantNames, deriveRepositoryNames } from '../../src/layout/names.js';

/** Semantic Versioning 2.0.0, with the leading `v` that Argo CD and Flux accept. */
const SEMVER = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

describe.each(FLAVORS.map((flavor) => [flavor.id, flavor.stages] as const))('stage tags (%s)', (_id, STAGES) => {
  it('are semantic versions whose minor number is the stage and whose build metadata is its name', () => {
    for (const stage of STAGES) {
      const match = SEMVER.exec(formatTag(stage));
      expect(match, formatTag(stage)).not.toBeNull();
      expect(Number(match![2])).toBe(stage.number);
      expect(match![4]).toBe(stage.slug);
    }
  });
  it('all fall inside the documented range', () => {
    const [low, high] = TAG_RANGE.match(/\d+\.\d+\.\d+/g)!.map((version) => Number(version.split('.')[0]));
    for (const stage of STAGES) {
      const major = Number(SEMVER.exec(formatTag(stage))![1]);
      expect(major >= low && major < high).toBe(true);
    }
  });
});

describe('parseTag', () => {
  it('reads back every stage tag of every flavor', () => {
    for (const { stages } of FLAVORS) for (const stage of stages) expect(parseTag(formatTag(stage))).toEqual({ number: stage.number, patch: 0, slug: stage.slug });
  });
  it('reads a patch release of a stage, and nothing outside the scheme', () => {
    expect(parseTag('v1.4.2+sidecar-injection')).toEqual({ number: 4, patch: 2, slug: 'sidecar-injection' });
    for (const other of ['v2.4.0+sidecar-injection', 'v1.4.0', '1.4.0+x', 'v1.04.0+x', 'v1.4.0+X', 'stage/04-x']) expect(parseTag(other), other).toBeUndefined();
  });
});

describe.each(FLAVORS.map((flavor) => [flavor.id, flavor.stages] as const))('stage branches and folders (%s)', (_id, STAGES) => {
  it('are stage/<id>, valid git branch names that sort in stage order', () => {
    const branches = STAGES.map(formatStageBranch);
    expect(branches[4]).toBe(`stage/${formatStageId(STAGES[4])}`);
    expect([...branches].sort()).toEqual(branches);
    for (const branch of branches) expect(branch).toMatch(/^stage\/[0-9]{2}-[a-z0-9-]+$/);
  });
  it('have folder ids that read back as their stage, numbered from 0 without gaps', () => {
    expect(STAGES.map((stage) => stage.number)).toEqual(STAGES.map((_stage, index) => index));
    for (const stage of STAGES) expect(parseStageId(formatStageId(stage))).toEqual({ number: stage.number, slug: stage.slug });
  });
});

describe('names', () => {
  const repository = (id: 'ossm3' | 'istio' | 'ossm2', tenant: string, domain: string) => deriveRepositoryNames(getFlavor(id), { tenant, tenants: [], domain });
  it('follow the workshop on OpenShift: userX-sockshop, userX-istio-system, OpenShift route hosts', () => {
    for (const id of ['ossm3', 'ossm2'] as const) {
      expect(deriveParticipantNames(getFlavor(id), 'user1', 'apps.example.com'), id).toMatchObject({
        appNamespace: 'user1-sockshop',
        meshNamespace: 'user1-istio-system',
        frontEndHost: 'front-end-user1-sockshop.apps.example.com',
        gitopsName: 'sockshop-mesh-user1',
      });
      expect(repository(id, 'user1', 'apps.example.com')).toMatchObject({ gitopsName: 'sockshop-mesh-user1', gatewayHosts: '*.apps.example.com' });
    }
  });
  it('use port-forward on plain Kubernetes: localhost, any gateway host', () => {
    expect(deriveParticipantNames(getFlavor('istio'), 'user1', 'apps.example.com')).toMatchObject({ appNamespace: 'user1-sockshop', meshNamespace: 'user1-istio-system', frontEndHost: 'localhost' });
    expect(repository('istio', 'user1', 'apps.example.com').gatewayHosts).toBe('*');
  });
  it('name the control plane the way each flavor does: the SMCP basic-install, or a Sail Istio per participant', () => {
    expect(deriveParticipantNames(getFlavor('ossm2'), 'user1', 'a.b').controlPlane).toBe('basic-install');
    for (const id of ['ossm3', 'istio'] as const) {
      expect(deriveParticipantNames(getFlavor(id), 'user1', 'a.b')).toMatchObject({ controlPlane: 'user1', discovery: 'user1' });
      expect(deriveParticipantNames(getFlavor(id), '', 'a.b')).toMatchObject({ controlPlane: 'default', discovery: 'default' });
    }
  });
  it('fall back to the plain namespaces without a tenant', () => {
    for (const flavor of FLAVORS) {
      expect(deriveParticipantNames(flavor, '', 'a.b'), flavor.id).toMatchObject({ appNamespace: 'sock-shop', meshNamespace: 'istio-system', gitopsName: 'sockshop-mesh' });
      expect(repository(flavor.id, '', 'a.b').gitopsName).toBe('sockshop-mesh');
    }
  });
  it('give a class one cluster-wide GitOps name, whatever the one-participant answer', () => {
    for (const flavor of FLAVORS) expect(deriveRepositoryNames(flavor, { tenant: '', tenants: ['user1', 'user2'], domain: 'a.b' }).gitopsName).toBe('sockshop-mesh');
  });
});

describe('relativeDir', () => {
  it.each([
    ['stages/04-x/apps', 'stages/00-baseline/apps', '../../00-baseline/apps'],
    ['cluster/apps', 'stages/04-x/apps', '../../stages/04-x/apps'],
    ['stages/04-x', 'stages/04-x/apps', 'apps'],
  ])('%s -> %s', (from, to, expected) => expect(relativeDir(from, to)).toBe(expected));
});
