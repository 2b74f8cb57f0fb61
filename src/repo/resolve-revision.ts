/**
 * What a user may type to name a stage of a workshop repository: a stage number (`4`, `04`), id
 * (`04-sidecar-injection`) or name (`sidecar-injection`), resolved to that stage's commit; or
 * anything git resolves to a commit (a tag, a branch such as `stage/04-sidecar-injection` or `main`,
 * a SHA). A stage reference wins over a branch of the same name.
 */
import { UserError } from '../errors.js';
import { suggestNearest } from '../settings/rules.js';
import { resolveCommit } from './git-repo.js';
import type { WorkshopRepository } from './open-repository.js';
import { findRepoStage } from './stage-index.js';

export interface ResolvedRevision {
  input: string;
  commit: string;
}

export function describeStages(repo: Pick<WorkshopRepository, 'stages'>): string {
  return [...repo.stages.values()].map((stage) => stage.id).join(', ') || '(none)';
}

export async function resolveRevision(repo: WorkshopRepository, input: string): Promise<ResolvedRevision> {
  const stage = findRepoStage(repo.stages, input);
  if (stage) return { input, commit: stage.commit };
  if (/^\d+$/.test(input.trim())) {
    throw new UserError(`this repository has no stage ${input.trim()}.`, `Its stages: ${describeStages(repo)}.`);
  }
  const commit = input.startsWith('-') ? undefined : await resolveCommit(repo.dir, input);
  if (commit) return { input, commit };

  const stages = [...repo.stages.values()];
  const candidates = [...stages.flatMap((candidate) => [candidate.id, candidate.slug]), ...repo.refs.tags.keys(), ...repo.refs.branches.keys()];
  const near = suggestNearest(input, candidates);
  const example = stages[Math.min(4, stages.length - 1)];
  throw new UserError(
    `unknown stage, tag or branch ${JSON.stringify(input)}${near ? ` (did you mean ${near}?)` : ''}`,
    example
      ? `Give a stage number (${stages[0].number}-${stages[stages.length - 1].number}), a stage id or name (e.g. ${example.id} or ${example.slug}), a tag such as ${example.tag}, a branch or a commit.`
      : 'Give a tag, a branch or a commit.',
  );
}
