/**
 * The pin: the one field of the bootstrap that says which stage the engine syncs. Argo CD reads
 * `spec.source.targetRevision` of the Application, Flux `spec.ref` of the GitRepository. A stage tag
 * there is pin mode; the stage tag range (a semver range) is follow mode.
 *
 * Editing changes that one line and nothing else (comments and layout stay as the user left them),
 * and the result is parsed back to prove that only the pin moved. Pure.
 */
import { isDeepStrictEqual } from 'node:util';
import { dump, loadAll } from 'js-yaml';
import { UserError } from '../errors.js';
import { parseTag, pinFile, TAG_RANGE } from '../layout/layout.js';
import type { GitOpsEngine, PromotionMode } from '../settings/settings.js';

export interface Pin {
  engine: GitOpsEngine;
  file: string;
  /** The field, as a reader finds it: `spec.source.targetRevision`, `spec.ref.tag`. */
  field: string;
  value: string;
  mode: PromotionMode;
  /** Pin mode: the stage number of the pinned tag. */
  stage?: number;
}

const FIELDS: Record<GitOpsEngine, { kind: string; key: string; path: (mode: PromotionMode) => string[] }> = {
  argocd: { kind: 'Application', key: 'targetRevision', path: () => ['spec', 'source', 'targetRevision'] },
  flux: { kind: 'GitRepository', key: 'tag', path: (mode) => ['spec', 'ref', mode === 'follow' ? 'semver' : 'tag'] },
};

/** A semver range as Argo CD and Flux take it, as opposed to a tag, branch or commit. */
const RANGE = /[<>=^~*|xX ]|^\d+(\.\d+)?$/;

function parseSingle(text: string, file: string, kind: string): Record<string, any> {
  let documents: unknown[];
  try {
    documents = (loadAll(text) as unknown[]).filter((document) => document !== null && document !== undefined);
  } catch (error) {
    throw new UserError(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`, `Fix ${file} (or restore it with git checkout -- ${file}) and run the command again.`);
  }
  const matching = documents.filter((document) => (document as { kind?: string })?.kind === kind);
  if (matching.length !== 1) throw new UserError(`${file}: expected exactly one ${kind}, found ${matching.length}.`, `Restore the generated file (git checkout -- ${file}) or fix it by hand.`);
  return matching[0] as Record<string, any>;
}

function describeField(path: readonly string[]): string {
  return path.join('.');
}

export function readPin(engine: GitOpsEngine, text: string, file: string = pinFile(engine)): Pin {
  const { kind } = FIELDS[engine];
  const document = parseSingle(text, file, kind);
  let value: unknown;
  let mode: PromotionMode;
  if (engine === 'argocd') {
    value = document.spec?.source?.targetRevision;
    mode = typeof value === 'string' && parseTag(value) ? 'pin' : 'follow';
  } else {
    const ref = document.spec?.ref ?? {};
    mode = ref.semver !== undefined ? 'follow' : 'pin';
    value = mode === 'follow' ? ref.semver : ref.tag;
  }
  const field = describeField(FIELDS[engine].path(mode));
  if (typeof value !== 'string' || (mode === 'pin' && !parseTag(value)) || (mode === 'follow' && !RANGE.test(value))) {
    throw new UserError(
      `${file}: ${field} is ${JSON.stringify(value)}, neither a stage tag (such as v1.0.0+baseline) nor a stage tag range (${TAG_RANGE}).`,
      `Set it back to a stage tag (pin mode) or to "${TAG_RANGE}" (follow mode), commit, and run the command again.`,
    );
  }
  return { engine, file, field, value, mode, ...(mode === 'pin' ? { stage: parseTag(value)!.number } : {}) };
}

/** The file with the pin moved to `tag`; only pin mode has a tag to move. */
export function setPin(text: string, pin: Pin, tag: string): string {
  const { kind, key } = FIELDS[pin.engine];
  const line = new RegExp(`^(\\s*${key}:[ \\t]*)(\\S.*?)([ \\t]+#.*)?$`);
  const matches = text.split('\n').map((candidate, index) => ({ index, match: line.exec(candidate) })).filter((entry) => entry.match);
  const current = matches.filter(({ match }) => {
    try {
      return loadAll(match![2])[0] === pin.value;
    } catch {
      return false;
    }
  });
  const refuse = (why: string) =>
    new UserError(`${pin.file}: cannot move ${pin.field} safely (${why}).`, `Set ${pin.field} to ${tag} by hand, commit, and run the command again (or restore the generated file).`);
  if (current.length !== 1) throw refuse(`expected one "${key}: ${pin.value}" line, found ${current.length}`);

  const lines = text.split('\n');
  const { index, match } = current[0];
  lines[index] = `${match![1]}${dump(tag).trim()}${match![3] ?? ''}`;
  const edited = lines.join('\n');

  const before = parseSingle(text, pin.file, kind);
  const after = parseSingle(edited, pin.file, kind);
  const path = FIELDS[pin.engine].path(pin.mode);
  const expected = structuredClone(before);
  path.reduce((node: Record<string, any>, part, position) => {
    if (position === path.length - 1) node[part] = tag;
    return node[part];
  }, expected);
  if (!isDeepStrictEqual(after, expected)) throw refuse('the edit would change more than that field');
  return edited;
}
