/**
 * `sockshop-mesh diff <from> <to>`: resolve both sides in a workshop repository, render each (a
 * build of the revision itself, see render-revision.ts), and compare the objects. The renderer is
 * a parameter; the comparison only sees object lists.
 */
import { formatTag } from '../layout/layout.js';
import { openRepository, type WorkshopRepository } from '../repo/open-repository.js';
import { renderRevision, type RenderedRevision, type RenderView, type RevisionRenderer } from '../repo/render-revision.js';
import { resolveRevision } from '../repo/resolve-revision.js';
import { diffObjects } from './diff-objects.js';
import type { DiffReport, DiffSide } from './format-diff.js';

export interface RenderedSide {
  side: DiffSide;
  rendered: RenderedRevision;
}

export async function renderSide(repo: WorkshopRepository, input: string, render: RevisionRenderer = renderRevision, view: RenderView = {}): Promise<RenderedSide> {
  const { commit } = await resolveRevision(repo, input);
  const rendered = await render(repo.dir, commit, input, view);
  const tag = repo.stages.get(rendered.stage.number)?.tag ?? formatTag(rendered.stage);
  return { side: { input, commit, stageId: rendered.stage.id, tag }, rendered };
}

export function compareSides(from: RenderedSide, to: RenderedSide): DiffReport {
  return {
    from: from.side,
    to: to.side,
    objects: diffObjects(from.rendered.objects, to.rendered.objects),
    notes: [...from.rendered.notes, ...to.rendered.notes],
  };
}

export async function diffRevisions(dir: string, fromInput: string, toInput: string, render: RevisionRenderer = renderRevision, view: RenderView = {}): Promise<DiffReport> {
  const repo = await openRepository(dir);
  const from = await renderSide(repo, fromInput, render, view);
  const to = await renderSide(repo, toInput, render, view);
  return compareSides(from, to);
}
