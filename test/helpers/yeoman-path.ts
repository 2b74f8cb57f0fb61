/**
 * `sockshop-mesh new` through yeoman-environment (the path `yo sockshop-mesh` and the prompts take),
 * wrapped as the bin wraps every command (src/cli/main.ts): a script for `node --input-type=module -e`.
 * Its flags check has passed, as it has when the bin chooses this path.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const distUrl = (path: string) => JSON.stringify(pathToFileURL(join(process.cwd(), 'dist/src', path)).href);

export const VIA_YEOMAN = `
const { runNewWithYeoman } = await import(${distUrl('cli/commands/new.js')});
const { describeError, UserError } = await import(${distUrl('errors.js')});
try {
  process.exitCode = await runNewWithYeoman(process.argv.slice(1));
} catch (error) {
  process.stderr.write('sockshop-mesh: ' + describeError(error) + '\\n');
  process.exitCode = error instanceof UserError ? 2 : 1;
}`;
