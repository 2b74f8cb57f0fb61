/**
 * One colour decision for the whole process, made before any library that colours is loaded: no
 * colour codes when stdout is not a terminal or NO_COLOR (https://no-color.org) is set, unless
 * FORCE_COLOR says otherwise. The decision is written as FORCE_COLOR=0, which every library on the
 * way honours (chalk through supports-color, log-symbols through Node's own colour depth), so the
 * bin's direct path and the Yeoman path print alike.
 */
export function decideColour(env: NodeJS.ProcessEnv = process.env, stdoutIsTTY: boolean = Boolean(process.stdout.isTTY)): void {
  if ('FORCE_COLOR' in env) return;
  if ((env.NO_COLOR !== undefined && env.NO_COLOR !== '') || !stdoutIsTTY) env.FORCE_COLOR = '0';
}
