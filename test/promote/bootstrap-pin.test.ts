import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { DEFAULT_FLAVOR, getFlavor } from '../../src/flavors/registry.js';
import { formatTag, pinFile, TAG_RANGE } from '../../src/layout/layout.js';
import { planStages } from '../../src/plan/plan-stages.js';
import { readPin, setPin } from '../../src/promote/bootstrap-pin.js';
import { checkSettings } from '../../src/settings/check-settings.js';

const STAGES = getFlavor(DEFAULT_FLAVOR).stages;
const [pinned] = planStages(checkSettings({ gitops: 'both', until: '0' }));
const [following] = planStages(checkSettings({ gitops: 'both', until: '0', mode: 'follow' }));
const text = (files: ReadonlyMap<string, string>, engine: 'argocd' | 'flux') => files.get(pinFile(engine))!;

describe('readPin', () => {
  it('reads the pinned stage from both generated bootstraps', () => {
    expect(readPin('argocd', text(pinned.files, 'argocd'))).toEqual({
      engine: 'argocd',
      file: 'bootstrap/argocd/application.yaml',
      field: 'spec.source.targetRevision',
      value: formatTag(STAGES[0]),
      mode: 'pin',
      stage: 0,
    });
    expect(readPin('flux', text(pinned.files, 'flux'))).toMatchObject({ field: 'spec.ref.tag', mode: 'pin', stage: 0 });
  });

  it('reads follow mode from the tag range', () => {
    expect(readPin('argocd', text(following.files, 'argocd'))).toMatchObject({ mode: 'follow', value: TAG_RANGE });
    expect(readPin('flux', text(following.files, 'flux'))).toMatchObject({ mode: 'follow', field: 'spec.ref.semver', value: TAG_RANGE });
  });

  it('refuses a pin that is neither a stage tag nor a range, and broken YAML', () => {
    const branch = text(pinned.files, 'argocd').replace(formatTag(STAGES[0]), 'main');
    expect(() => readPin('argocd', branch)).toThrow(/targetRevision is "main", neither a stage tag/);
    expect(() => readPin('flux', 'kind: [')).toThrow(UserError);
    expect(() => readPin('flux', 'kind: ConfigMap\n')).toThrow(/expected exactly one GitRepository/);
  });
});

describe('setPin', () => {
  it('moves only the pin, for both engines', () => {
    for (const engine of ['argocd', 'flux'] as const) {
      const before = text(pinned.files, engine);
      const after = setPin(before, readPin(engine, before), formatTag(STAGES[4]));
      expect(readPin(engine, after)).toMatchObject({ mode: 'pin', stage: 4, value: formatTag(STAGES[4]) });
      const changed = after.split('\n').filter((line, index) => line !== before.split('\n')[index]);
      expect(changed, engine).toHaveLength(1);
      expect(load(after)).toMatchObject({ metadata: (load(before) as any).metadata });
    }
  });

  it('keeps the user\'s comments, including one on the pin line', () => {
    const before = `# our cluster\n${text(pinned.files, 'argocd').replace(`targetRevision: ${formatTag(STAGES[0])}`, `targetRevision: ${formatTag(STAGES[0])}  # moved by promote`)}`;
    const after = setPin(before, readPin('argocd', before), formatTag(STAGES[1]));
    expect(after).toContain('# our cluster\n');
    expect(after).toContain(`targetRevision: ${formatTag(STAGES[1])}  # moved by promote`);
  });

  it('refuses when the pin line cannot be found exactly once', () => {
    const before = text(pinned.files, 'argocd');
    const pin = readPin('argocd', before);
    const twice = `${before}# targetRevision: ${formatTag(STAGES[0])}\n`.replace(/# targetRevision/, 'targetRevision');
    expect(() => setPin(twice, pin, formatTag(STAGES[1]))).toThrow(/cannot move spec.source.targetRevision safely/);
  });
});
