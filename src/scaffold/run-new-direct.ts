/**
 * `sockshop-mesh new` when no prompt can fire: the generator's own steps (collectSettings,
 * checkSettings, createRepository through new-steps.ts) run in this process without loading
 * yeoman-environment (≈0.5 s of imports), printing what the generator prints. Errors propagate to
 * the bin as they do from the Yeoman path, which names them itself (`sockshop-mesh: ...`): no line
 * about the step that failed comes first, on either path (see quietStepFailures).
 */
import { checkSettings } from '../settings/check-settings.js';
import { VALUED_OPTIONS } from '../settings/options.js';
import { checkValues } from '../settings/parse-flags.js';
import { createGeneratorLog } from './generator-log.js';
import { startNew, writeWorkshop, type NewOptions } from './new-steps.js';

export async function runNewDirect(options: NewOptions, cwd: string = process.cwd(), args: readonly string[] = []): Promise<number> {
  const log = createGeneratorLog();
  // The generator's initializing also checks the flags; the bin has already, with a stricter list.
  checkValues(args, VALUED_OPTIONS);
  const { raw } = startNew(options, cwd, false);
  const settings = checkSettings(raw);
  await writeWorkshop(settings, options, cwd, log);
  return 0;
}
