/**
 * The steps of `new`, shared by the Yeoman adapter (generators/app) and the bin's direct path
 * (run-new-direct.ts), so that both collect, check and write exactly alike and print the same lines.
 */
export type { NewOptions } from './parse-new-args.js';
import { createRepository } from '../history/create-repository.js';
import { formatStageBranch, formatTag } from '../layout/layout.js';
import type { RawSettings } from '../settings/check-settings.js';
import { collectSettings } from '../settings/collect-settings.js';
import type { Settings } from '../settings/settings.js';
import { mayPrompt, type NewOptions } from './parse-new-args.js';

/** Where the steps print: Yeoman's `log.info`, `log.ok` and plain `log(...)`. */
export interface StepLog {
  info: (text: string) => void;
  ok: (text: string) => void;
  line: (text: string) => void;
}

export function startNew(options: NewOptions, cwd: string, stdinIsTTY: boolean): { raw: RawSettings; interactive: boolean } {
  const collected = collectSettings({ cwd, directory: options.directory, flags: options, answersFile: options.answers });
  return { raw: collected.raw, interactive: mayPrompt(options, stdinIsTTY) };
}

export async function writeWorkshop(settings: Settings, options: NewOptions, cwd: string, log: StepLog): Promise<void> {
  const created = await createRepository(settings, {
    cwd,
    moveAside: Boolean(options['move-aside']),
    skipValidation: Boolean(options['skip-validation']),
    report: (line) => log.info(line),
  });
  if (created.backup) log.info(`moved the existing folder aside to ${created.backup}`);
  const first = created.plans[0];
  const last = created.plans[created.plans.length - 1];
  log.ok(`created ${created.path}: stages ${formatTag(first.stage)} .. ${formatTag(last.stage)} on ${settings.branch}`);
  if (settings.review) {
    log.line(`Review form: ${settings.branch} holds ${formatTag(first.stage)}; every later stage waits on its branch ${formatStageBranch(created.plans[1]?.stage ?? first.stage)} ...`);
    log.line(`Next: sockshop-mesh publish --dir ${settings.directory} --remote <git URL>, then open one pull request per stage, in the order it prints.`);
  } else {
    log.line(`Next: cd ${settings.directory} and read README.md (push it, then bootstrap ${settings.gitops === 'both' ? 'Argo CD or Flux' : settings.gitops}).`);
  }
}
