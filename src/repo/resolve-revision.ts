/**
 * What a user may type to name a stage of a workshop repository: a stage number (`4`, `04`), id
 * (`04-sidecar-injection`) or name (`sidecar-injection`), resolved to that stage's tag; or anything
 * git resolves to a commit (a tag, a branch such as `stage/04-sidecar-injection` or `main`, a SHA).
 * A stage reference wins over a branch of the same name.
 */
import { UserError } from '../errors.js';
import { formatStageId, formatTag } from '../layout/layout.js';
import { STAGES } from '../scenario/stages.js';
import { findStage } from '../settings/check-settings.js';
import { suggestNearest } from '../settings/rules.js';
import { resolveCommit } from './git-repo.js';
import type { WorkshopRepository } from './open-repository.js';

export interface ResolvedRevision {
  input: string;
  commit: string;
}

export async function resolveRevision(repo: WorkshopRepository, input: string): Promise<ResolvedRevision> {
  const stage = findStage(input);
  if (stage) {
    const tag = repo.stageTags.get(stage.number);
    if (!tag) {
      throw new UserError(
        `stage ${formatStageId(stage)} has no tag (${formatTag(stage)}) in this repository.`,
        `This repository holds stages ${[...repo.stageTags.keys()].sort((a, b) => a - b).map((number) => formatStageId(STAGES[number])).join(', ') || '(none)'}; it was generated with --until ${formatStageId(STAGES[repo.settings.until])}.`,
      );
    }
    return { input, commit: tag.commit };
  }
  const commit = input.startsWith('-') ? undefined : await resolveCommit(repo.dir, input);
  if (commit) return { input, commit };

  const candidates = [
    ...STAGES.flatMap((candidate) => [formatStageId(candidate), candidate.slug]),
    ...repo.refs.tags.keys(),
    ...repo.refs.branches.keys(),
  ];
  const near = suggestNearest(input, candidates);
  throw new UserError(
    `unknown stage, tag or branch ${JSON.stringify(input)}${near ? ` (did you mean ${near}?)` : ''}`,
    `Give a stage number 0-${STAGES.length - 1}, a stage id or name (e.g. ${formatStageId(STAGES[4])} or ${STAGES[4].slug}), a tag such as ${formatTag(STAGES[4])}, a branch or a commit.`,
  );
}
