import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/report/format-report.js';
import { buildJsonReport } from '../../src/report/format-json.js';
import { escapeXml } from '../../src/report/xml.js';
import type { StageReport } from '../../src/report/types.js';
import type { Violation } from '../../src/validate/types.js';
import { parseXml, type XmlNode } from '../helpers/xml.js';

const replicaz: Violation = {
  file: 'stages/04-sidecar-injection/apps/carts.yaml',
  index: 0,
  line: 12,
  kind: 'Deployment',
  name: 'carts',
  namespace: 'user1-sockshop',
  apiVersion: 'apps/v1',
  path: 'spec.replicaz',
  message: 'unknown field "replicaz" (did you mean "replicas"?)',
  severity: 'error',
  code: 'schema',
};

const REPORTS: StageReport[] = [
  { stage: '00-baseline', renderer: 'in-process', objects: 27, violations: [] },
  {
    stage: '04-sidecar-injection',
    renderer: 'kubectl kustomize',
    objects: 30,
    violations: [
      replicaz,
      { ...replicaz, line: 12, path: 'spec.template.spec.containers[0].image', message: 'must be string', code: 'schema' },
      { ...replicaz, index: 1, line: 40, kind: 'Service', path: 'spec.ports[0].name', message: 'should start with http-', severity: 'warning', code: 'port-name' },
      { file: 'stages/04-sidecar-injection/apps/broken.yaml', index: 2, line: 7, path: '', message: 'the document is not an object', severity: 'error', code: 'not-an-object' },
    ],
    skipped: [{ file: 'stages/04-sidecar-injection/apps/front-end-route.yaml', kind: 'Route', name: 'front-end', namespace: 'user1-sockshop', reason: 'no schema for route.openshift.io/v1 Route' }],
  },
];

const NASTY = `<&"'> grüße ✓ 🚀 \u0001 end`;

const NASTY_REPORT: StageReport[] = [
  {
    stage: `05-<&"'>`,
    renderer: `a&b`,
    objects: 2,
    violations: [{ ...replicaz, name: `na<&"'>me`, path: `metadata.annotations["a&b"]`, message: NASTY }],
    skipped: [{ file: `x&y.yaml`, kind: 'Route', name: `ü'"` }],
  },
];

function findAll(node: XmlNode, name: string): XmlNode[] {
  return [...(node.name === name ? [node] : []), ...node.children.flatMap((child) => findAll(child, name))];
}

describe('formatReport text', () => {
  it('groups by stage, one violation per line, skipped objects, then the totals', () => {
    expect(formatReport(REPORTS, 'text')).toBe(
      [
        '00-baseline: 27 objects, 0 errors (in-process)',
        '04-sidecar-injection: 30 objects, 3 errors, 1 warning, 1 skipped (kubectl kustomize)',
        '  stages/04-sidecar-injection/apps/carts.yaml:12 Deployment/carts (user1-sockshop) spec.replicaz: unknown field "replicaz" (did you mean "replicas"?)',
        '  stages/04-sidecar-injection/apps/carts.yaml:12 Deployment/carts (user1-sockshop) spec.template.spec.containers[0].image: must be string',
        '  stages/04-sidecar-injection/apps/carts.yaml:40 Service/carts (user1-sockshop) spec.ports[0].name: warning: should start with http-',
        '  stages/04-sidecar-injection/apps/broken.yaml:7: the document is not an object',
        '  skipped: stages/04-sidecar-injection/apps/front-end-route.yaml Route/front-end (user1-sockshop): no schema for route.openshift.io/v1 Route',
        '2 stages, 57 objects, 3 errors, 1 warning, 1 skipped',
        '',
      ].join('\n'),
    );
  });

  it('says so when everything is valid, and keeps non-ASCII text as it is', () => {
    expect(formatReport([{ stage: '00-baseline', objects: 1, violations: [] }])).toBe('00-baseline: 1 object, 0 errors\n1 stage, 1 object, 0 errors\n');
    expect(formatReport(NASTY_REPORT, 'text')).toContain('Deployment/na<&"\'>me (user1-sockshop) metadata.annotations["a&b"]: <&"\'> grüße ✓ 🚀');
  });
});

describe('formatReport json', () => {
  it('has a stable shape with every key present', () => {
    const json = JSON.parse(formatReport(REPORTS, 'json'));
    expect(json).toEqual(buildJsonReport(REPORTS));
    expect(Object.keys(json)).toEqual(['version', 'summary', 'stages']);
    expect(json.summary).toEqual({ stages: 2, objects: 57, errors: 3, warnings: 1, skipped: 1 });
    expect(json.stages[0]).toEqual({ stage: '00-baseline', renderer: 'in-process', objects: 27, errors: 0, warnings: 0, violations: [], skipped: [] });
    expect(Object.keys(json.stages[1].violations[3])).toEqual(['file', 'line', 'index', 'apiVersion', 'kind', 'name', 'namespace', 'path', 'message', 'severity', 'code']);
    expect(json.stages[1].violations[3]).toMatchObject({ kind: null, name: null, namespace: null, apiVersion: null, line: 7 });
    expect(json.stages[1].skipped[0]).toEqual({ file: 'stages/04-sidecar-injection/apps/front-end-route.yaml', kind: 'Route', name: 'front-end', namespace: 'user1-sockshop', reason: 'no schema for route.openshift.io/v1 Route' });
  });

  it('round-trips special and non-ASCII characters', () => {
    const json = JSON.parse(formatReport(NASTY_REPORT, 'json'));
    expect(json.stages[0].stage).toBe(`05-<&"'>`);
    expect(json.stages[0].violations[0].message).toBe(NASTY);
  });
});

describe('formatReport junit', () => {
  it('writes one suite per stage, a testcase per object with a failure per error', () => {
    const root = parseXml(formatReport(REPORTS, 'junit'));
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '6', failures: '2', errors: '0', skipped: '1' });
    const [baseline, sidecar] = findAll(root, 'testsuite');
    expect(baseline.attributes).toMatchObject({ name: '00-baseline', tests: '1', failures: '0' });
    expect(baseline.children.map((child) => child.name)).toEqual(['properties', 'testcase']);
    expect(findAll(baseline, 'testcase')[0].attributes.name).toBe('27 objects without violations');
    expect(sidecar.attributes).toMatchObject({ name: '04-sidecar-injection', tests: '5', failures: '2', skipped: '1' });
    const cases = findAll(sidecar, 'testcase');
    expect(cases.map((testcase) => testcase.attributes.name)).toEqual([
      'Deployment/carts (user1-sockshop)',
      'Service/carts (user1-sockshop)',
      'stages/04-sidecar-injection/apps/broken.yaml:7',
      'Route/front-end (user1-sockshop)',
      '26 objects without violations',
    ]);
    expect(findAll(cases[2], 'failure')[0].attributes).toEqual({ message: 'the document is not an object', type: 'not-an-object' });
    expect(findAll(cases[0], 'failure').map((failure) => failure.attributes.message)).toEqual([
      'spec.replicaz: unknown field "replicaz" (did you mean "replicas"?)',
      'spec.template.spec.containers[0].image: must be string',
    ]);
    expect(findAll(cases[1], 'failure')).toEqual([]);
    expect(findAll(cases[1], 'system-out')[0].text).toContain('warning: stages/04-sidecar-injection/apps/carts.yaml:40 Service/carts (user1-sockshop) spec.ports[0].name');
    expect(findAll(cases[3], 'skipped')[0].attributes.message).toBe('no schema for route.openshift.io/v1 Route');
    expect(findAll(sidecar, 'property')[0].attributes).toEqual({ name: 'renderer', value: 'kubectl kustomize' });
  });

  it('escapes <&"\' and keeps non-ASCII, in attributes and text', () => {
    const xml = formatReport(NASTY_REPORT, 'junit');
    const root = parseXml(xml);
    const [suite] = findAll(root, 'testsuite');
    expect(suite.attributes.name).toBe(`05-<&"'>`);
    const [failure] = findAll(suite, 'failure');
    expect(failure.attributes.message).toBe(`metadata.annotations["a&b"]: <&"'> grüße ✓ 🚀 \ufffd end`);
    expect(failure.text).toContain(`Deployment/na<&"'>me (user1-sockshop) metadata.annotations["a&b"]: <&"'> grüße ✓ 🚀 \ufffd end`);
    expect(findAll(suite, 'testcase').map((testcase) => testcase.attributes.file)).toContain('x&y.yaml');
    expect(findAll(suite, 'testcase').map((testcase) => testcase.attributes.name)).toContain(`Route/ü'"`);
  });

  it('writes valid XML for an empty report', () => {
    expect(parseXml(formatReport([], 'junit')).attributes).toMatchObject({ tests: '0', failures: '0' });
  });
});

describe('escapeXml and the checker', () => {
  it('escapes the five special characters and keeps newlines in attributes', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;');
    expect(escapeXml('a\nb', true)).toBe('a&#10;b');
    expect(parseXml(`<r a="${escapeXml('x\ny\tz', true)}"/>`).attributes.a).toBe('x\ny\tz');
  });

  it.each([
    ['an unescaped &', '<r>a & b</r>'],
    ['a < in an attribute', '<r a="<"/>'],
    ['mismatched tags', '<r><s></r></s>'],
    ['two roots', '<r/><s/>'],
    ['an unknown entity', '<r>&nbsp;</r>'],
    ['a duplicate attribute', '<r a="1" a="2"/>'],
    ['an unquoted attribute', '<r a=1/>'],
    ['a control character', '<r>\u0001</r>'],
    ['an unclosed element', '<r><s></s>'],
  ])('the checker refuses %s', (_, xml) => {
    expect(() => parseXml(xml)).toThrow(/not well-formed XML/);
  });
});
