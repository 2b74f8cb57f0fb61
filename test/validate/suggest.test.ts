import { describe, expect, it } from 'vitest';
import { measureEditDistance, suggestNearest } from '../../src/validate/suggest.js';

describe('measureEditDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(measureEditDistance('replicas', 'replicas')).toBe(0);
    expect(measureEditDistance('replicaz', 'replicas')).toBe(1);
    expect(measureEditDistance('htttp', 'http')).toBe(1);
    expect(measureEditDistance('hots', 'host')).toBe(1);
    expect(measureEditDistance('', 'abc')).toBe(3);
    expect(measureEditDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('suggestNearest', () => {
  const fields = ['replicas', 'selector', 'template', 'strategy', 'paused'];
  it('suggests the field a typo was meant to be', () => {
    expect(suggestNearest('replicaz', fields)).toBe('replicas');
    expect(suggestNearest('selectr', fields)).toBe('selector');
    expect(suggestNearest('hots', ['host', 'port', 'subset'])).toBe('host');
  });
  it('prefers a difference of case only', () => {
    expect(suggestNearest('strict', ['STRICT', 'PERMISSIVE'])).toBe('STRICT');
  });
  it('suggests the only value a short word abbreviates', () => {
    expect(suggestNearest('Auto', ['Automatic', 'Manual'])).toBe('Automatic');
    expect(suggestNearest('Git', ['GitRepository', 'Bucket'])).toBe('GitRepository');
  });
  it('stays silent when nothing is close', () => {
    expect(suggestNearest('foo', fields)).toBeUndefined();
    expect(suggestNearest('hots', ['hosts', 'hostname'])).toBe('hosts');
  });
  it('stays silent when two candidates are equally close', () => {
    expect(suggestNearest('hots', ['host', 'hosts'])).toBeUndefined();
    expect(suggestNearest('ab', ['abc', 'abd'])).toBeUndefined();
  });
});
