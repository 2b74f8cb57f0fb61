/**
 * The Yeoman adapter: `yo sockshop-mesh [dir]` and `sockshop-mesh new [dir]` in a terminal. Options
 * and prompts are the option table of src/settings/options.ts; the steps are src/scaffold/new-steps.ts,
 * which the bin also runs directly when no prompt can fire. The repository is written by the history
 * writer (git fast-import into a staging folder, then one rename), not by mem-fs: mem-fs would put
 * the files on disk before git could commit them, and a failure then would leave a half-written
 * folder behind.
 */
import Generator, { type BaseOptions } from 'yeoman-generator';
import { formatFlavorTable, formatStageTable } from '../../src/cli/help.js';
import { checkSettings, type RawSettings } from '../../src/settings/check-settings.js';
import { ALL_OPTION_NAMES, FLAG_OPTIONS, VALUED_OPTIONS } from '../../src/settings/options.js';
import { checkFlags, checkOptionKeys, checkValues } from '../../src/settings/parse-flags.js';
import { buildQuestions } from '../../src/settings/questions.js';
import type { Settings } from '../../src/settings/settings.js';
import { startNew, writeWorkshop, type NewOptions } from '../../src/scaffold/new-steps.js';
import { DIRECTORY_ARGUMENT, GENERATOR_OPTIONS, YEOMAN_OPTIONS } from '../../src/scaffold/parse-new-args.js';

type Options = BaseOptions & NewOptions;

/**
 * The generator's logger without `error`. yeoman-generator announces a failing step with
 * `log.error("An error occured while running <namespace>#<method>")` when the logger has that
 * method (and only traces it otherwise) before the error reaches whoever runs the generator; the
 * bin names every error itself (`sockshop-mesh: ...`), so that line would only come first and say
 * nothing a user can act on. Everything else (`log(...)`, `log.info`, `log.ok`) is the adapter's.
 */
function withoutStepFailureLine<T extends object>(log: T): T {
  return new Proxy(log, { get: (target, property) => (property === 'error' ? undefined : Reflect.get(target, property, target)) });
}

export default class SockshopMeshGenerator extends Generator<Record<string, never>, Options> {
  private raw: RawSettings = {};
  private interactive = false;
  private settings: Settings | undefined;

  constructor(args: string[], opts: Options) {
    // No package-manager install: the generated repository is not an npm project.
    super(args, opts, { customInstallTask: true });
    // yeoman-generator sets `log` in its constructor as a plain property (typed readonly); with
    // --help it stops before, and no step runs.
    if (this.log) (this as { log: Generator['log'] }).log = withoutStepFailureLine(this.log);
    this.description = 'Scaffold the Sock Shop service-mesh workshop as a GitOps repository: one Kustomize overlay, one commit and one annotated tag per stage.';
    this.argument(DIRECTORY_ARGUMENT.name, { type: String, required: false, description: DIRECTORY_ARGUMENT.description });
    for (const option of GENERATOR_OPTIONS) {
      this.option(option.name, { type: option.type === 'boolean' ? Boolean : String, alias: option.alias, description: option.description });
    }
  }

  /** Yeoman's help (options, arguments, the USAGE examples), then the flavors and their stages from the registry. */
  override help(): string {
    return [super.help().trimEnd(), '', ...formatFlavorTable(), '', ...formatStageTable(), ''].join('\n');
  }

  initializing(): void {
    const aliases = FLAG_OPTIONS.flatMap((flag) => (flag.alias ? [flag.alias] : []));
    // Yeoman's own options are accepted, never reported as unknown.
    checkFlags(this._args ?? [], [...ALL_OPTION_NAMES, ...aliases, ...YEOMAN_OPTIONS.map((option) => option.name)]);
    checkValues(this._args ?? [], VALUED_OPTIONS);
    // `yo` hands the parsed command line over as options, not as arguments: check those too.
    checkOptionKeys(this.options as Record<string, unknown>, [...ALL_OPTION_NAMES, ...aliases, ...YEOMAN_OPTIONS.map((option) => option.name), DIRECTORY_ARGUMENT.name]);
    ({ raw: this.raw, interactive: this.interactive } = startNew(this.options, this.destinationRoot(), Boolean(process.stdin.isTTY)));
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
    await writeWorkshop(this.settings!, this.options, this.destinationRoot(), {
      info: (text) => this.log.info(text),
      ok: (text) => this.log.ok(text),
      line: (text) => this.log(text),
    });
  }
}
