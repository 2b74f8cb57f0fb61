/**
 * The Yeoman adapter: `yo sockshop-mesh [dir]` and `sockshop-mesh new [dir]`. Options and prompts
 * are the option table of src/settings/options.ts; the work is done in src/. The repository is
 * written by the history writer (git fast-import into a staging folder, then one rename), not by
 * mem-fs: mem-fs would put the files on disk before git could commit them, and a failure then would
 * leave a half-written folder behind.
 */
import Generator, { type BaseOptions } from 'yeoman-generator';
import { createRepository } from '../../src/history/create-repository.js';
import { formatStageBranch, formatTag } from '../../src/layout/layout.js';
import { checkSettings, type RawSettings } from '../../src/settings/check-settings.js';
import { collectSettings } from '../../src/settings/collect-settings.js';
import { ALL_OPTION_NAMES, ANSWER_OPTIONS, DEFAULT_DIRECTORY, FLAG_OPTIONS } from '../../src/settings/options.js';
import { checkFlags } from '../../src/settings/parse-flags.js';
import { buildQuestions } from '../../src/settings/questions.js';
import type { Settings } from '../../src/settings/settings.js';

/** Options Yeoman itself declares and passes; accepted, never reported as unknown. */
const YEOMAN_OPTIONS = ['skip-cache', 'skip-install', 'force-install', 'ask-answered'];

type Options = BaseOptions & { directory?: string; answers?: string; yes?: boolean; 'move-aside'?: boolean; 'skip-validation'?: boolean };

export default class SockshopMeshGenerator extends Generator<Record<string, never>, Options> {
  private raw: RawSettings = {};
  private interactive = false;
  private settings: Settings | undefined;

  constructor(args: string[], opts: Options) {
    // No package-manager install: the generated repository is not an npm project.
    super(args, opts, { customInstallTask: true });
    this.description = 'Scaffold the Sock Shop service-mesh workshop as a GitOps repository: one Kustomize overlay, one commit and one annotated tag per stage.';
    this.argument('directory', { type: String, required: false, description: `target folder (default ${DEFAULT_DIRECTORY})` });
    for (const option of ANSWER_OPTIONS) {
      const allowed = option.choices ? `${option.choices.join('|')}; ` : '';
      const type = option.type === 'boolean' ? Boolean : String;
      this.option(option.name, { type, description: `${option.description} (${allowed}default ${option.default || '""'})` });
    }
    for (const flag of FLAG_OPTIONS) {
      if (flag.name === 'help') continue;
      this.option(flag.name, { type: flag.type === 'boolean' ? Boolean : String, alias: flag.alias, description: flag.description });
    }
  }

  initializing(): void {
    const aliases = FLAG_OPTIONS.flatMap((flag) => (flag.alias ? [flag.alias] : []));
    checkFlags(this._args ?? [], [...ALL_OPTION_NAMES, ...aliases, ...YEOMAN_OPTIONS]);
    const collected = collectSettings({
      cwd: this.destinationRoot(),
      directory: this.options.directory,
      flags: this.options as Record<string, unknown>,
      answersFile: this.options.answers,
    });
    this.raw = collected.raw;
    this.interactive = collected.nothingGiven && !this.options.yes && Boolean(process.stdin.isTTY);
  }

  async prompting(): Promise<void> {
    if (!this.interactive) return;
    const questions = buildQuestions(this.raw);
    const answers = await this.prompt(questions as Parameters<Generator['prompt']>[0]);
    this.raw = { ...this.raw, ...answers };
  }

  configuring(): void {
    this.settings = checkSettings(this.raw);
  }

  async writing(): Promise<void> {
    const settings = this.settings!;
    const created = await createRepository(settings, {
      cwd: this.destinationRoot(),
      moveAside: Boolean(this.options['move-aside']),
      skipValidation: Boolean(this.options['skip-validation']),
      report: (line) => this.log.info(line),
    });
    if (created.backup) this.log.info(`moved the existing folder aside to ${created.backup}`);
    const first = created.plans[0];
    const last = created.plans[created.plans.length - 1];
    this.log.ok(`created ${created.path}: stages ${formatTag(first.stage)} .. ${formatTag(last.stage)} on ${settings.branch}`);
    if (settings.review) {
      this.log(`Review form: ${settings.branch} holds ${formatTag(first.stage)}; every later stage waits on its branch ${formatStageBranch(created.plans[1]?.stage ?? first.stage)} ...`);
      this.log(`Next: sockshop-mesh publish --dir ${settings.directory} --remote <git URL>, then open one pull request per stage, in the order it prints.`);
    } else {
      this.log(`Next: cd ${settings.directory} and read README.md (push it, then bootstrap ${settings.gitops === 'both' ? 'Argo CD or Flux' : settings.gitops}).`);
    }
  }
}
