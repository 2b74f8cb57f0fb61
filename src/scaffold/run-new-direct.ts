/**
 * `sockshop-mesh new` when no prompt can fire: the generator's own steps (collectSettings,
 * checkSettings, createRepository through new-steps.ts) run in this process without loading
 * yeoman-environment (≈0.5 s of imports), printing what the generator prints, including Yeoman's
 * line naming the step that failed. Errors propagate to the bin as they do from the Yeoman path.
 */
import { checkSettings } from '../settings/check-settings.js';
import { VALUED_OPTIONS } from '../settings/options.js';
import { checkValues } from '../settings/parse-flags.js';
import { createGeneratorLog } from './generator-log.js';
import { startNew, writeWorkshop } from './new-steps.js';
import { GENERATOR_NAMESPACE, type NewOptions } from './parse-new-args.js';

export async function runNewDirect(options: NewOptions, cwd: string = process.cwd(), args: readonly string[] = []): Promise<number> {
  const log = createGeneratorLog();
  // As yeoman-generator runs each queued method: a failure is announced, then rethrown.
  const step = async <T>(method: string, task: () => T | Promise<T>): Promise<T> => {
    try {
      return await task();
    } catch (error) {
      log.error(`An error occured while running ${GENERATOR_NAMESPACE}#${method}`);
      throw error;
    }
  };
  // The generator's initializing also checks the flags; the bin has already, with a stricter list.
  const { raw } = await step('initializing', () => {
    checkValues(args, VALUED_OPTIONS);
    return startNew(options, cwd, false);
  });
  const settings = await step('configuring', () => checkSettings(raw));
  await step('writing', () => writeWorkshop(settings, options, cwd, log));
  return 0;
}
