import { describe, expect, it } from 'vitest';
import { deriveNames, formatStageBranch, formatStageId, formatTag, parseTag, relativeDir, TAG_RANGE } from '../../src/layout/layout.js';
import { STAGES } from '../../src/scenario/stages.js';

/** Semantic Versioning 2.0.0, with the leading `v` that Argo CD and Flux accept. */
const SEMVER = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

describe('stage tags', () => {
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
  it('reads back every stage tag', () => {
    for (const stage of STAGES) expect(parseTag(formatTag(stage))).toEqual({ number: stage.number, patch: 0, slug: stage.slug });
  });
  it('reads a patch release of a stage, and nothing outside the scheme', () => {
    expect(parseTag('v1.4.2+sidecar-injection')).toEqual({ number: 4, patch: 2, slug: 'sidecar-injection' });
    for (const other of ['v2.4.0+sidecar-injection', 'v1.4.0', '1.4.0+x', 'v1.04.0+x', 'v1.4.0+X', 'stage/04-x']) expect(parseTag(other), other).toBeUndefined();
  });
});

describe('stage branches', () => {
  it('are stage/<id>, valid git branch names that sort in stage order', () => {
    const branches = STAGES.map(formatStageBranch);
    expect(branches[4]).toBe(`stage/${formatStageId(STAGES[4])}`);
    expect([...branches].sort()).toEqual(branches);
  });
});

describe('names', () => {
  it('follow the workshop: userX-sockshop, userX-istio-system, OpenShift route hosts', () => {
    expect(deriveNames({ tenant: 'user1', domain: 'apps.example.com' })).toMatchObject({
      appNamespace: 'user1-sockshop',
      meshNamespace: 'user1-istio-system',
      frontEndHost: 'front-end-user1-sockshop.apps.example.com',
      gatewayHost: '*.apps.example.com',
      gitopsName: 'sockshop-mesh-user1',
    });
  });
  it('fall back to the plain namespaces without a tenant', () => {
    expect(deriveNames({ tenant: '', domain: 'a.b' })).toMatchObject({ appNamespace: 'sock-shop', meshNamespace: 'istio-system', gitopsName: 'sockshop-mesh' });
  });
});

describe('relativeDir', () => {
  it.each([
    ['stages/04-x/apps', 'stages/00-baseline/apps', '../../00-baseline/apps'],
    ['cluster/apps', 'stages/04-x/apps', '../../stages/04-x/apps'],
    ['stages/04-x', 'stages/04-x/apps', 'apps'],
  ])('%s -> %s', (from, to, expected) => expect(relativeDir(from, to)).toBe(expected));
});
