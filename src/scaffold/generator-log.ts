/**
 * Yeoman's log lines (@yeoman/adapter's createLogger) for the bin's direct path: the same bytes on
 * stderr as the generator prints through yeoman-environment, without loading it. Colours are decided
 * as the libraries Yeoman uses decide them: status words by chalk (the colour level of stdout, by
 * supports-color's rules), ✔ by log-symbols (yoctocolors: the terminal's colour depth, TTY or
 * not; is-unicode-supported for the symbol itself).
 */
import { release } from 'node:os';
import tty from 'node:tty';
import { format } from 'node:util';
import type { StepLog } from './new-steps.js';

/** has-flag: a flag of this process before any `--`. */
function hasFlag(flag: string, argv: readonly string[] = process.argv): boolean {
  const prefix = flag.startsWith('-') ? '' : flag.length === 1 ? '-' : '--';
  const position = argv.indexOf(prefix + flag);
  const terminator = argv.indexOf('--');
  return position !== -1 && (terminator === -1 || position < terminator);
}

function readForceColor(env: NodeJS.ProcessEnv): number | undefined {
  if (!('FORCE_COLOR' in env)) return undefined;
  if (env.FORCE_COLOR === 'true') return 1;
  if (env.FORCE_COLOR === 'false') return 0;
  return env.FORCE_COLOR!.length === 0 ? 1 : Math.min(Number.parseInt(env.FORCE_COLOR!, 10), 3);
}

/** chalk's colour level: supports-color for a stream that is a TTY or not. */
export function detectChalkLevel(streamIsTTY: boolean, env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): number {
  let forceColor: number | undefined;
  if (['no-color', 'no-colors', 'color=false', 'color=never'].some((flag) => hasFlag(flag, argv))) forceColor = 0;
  else if (['color', 'colors', 'color=true', 'color=always'].some((flag) => hasFlag(flag, argv))) forceColor = 1;
  forceColor = readForceColor(env) ?? forceColor;
  if (forceColor === 0) return 0;
  if (['color=16m', 'color=full', 'color=truecolor'].some((flag) => hasFlag(flag, argv))) return 3;
  if (hasFlag('color=256', argv)) return 2;
  if ('TF_BUILD' in env && 'AGENT_NAME' in env) return 1;
  if (!streamIsTTY && forceColor === undefined) return 0;
  const min = forceColor || 0;
  if (env.TERM === 'dumb') return min;
  if (process.platform === 'win32') {
    const [major, , build] = release().split('.').map(Number);
    if (major >= 10 && build >= 10_586) return build >= 14_931 ? 3 : 2;
    return 1;
  }
  if ('CI' in env) {
    if (['GITHUB_ACTIONS', 'GITEA_ACTIONS', 'CIRCLECI'].some((key) => key in env)) return 3;
    if (['TRAVIS', 'APPVEYOR', 'GITLAB_CI', 'BUILDKITE', 'DRONE'].some((key) => key in env) || env.CI_NAME === 'codeship') return 1;
    return min;
  }
  if ('TEAMCITY_VERSION' in env) return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION!) ? 1 : 0;
  if (env.COLORTERM === 'truecolor' || ['xterm-kitty', 'xterm-ghostty', 'wezterm'].includes(env.TERM ?? '')) return 3;
  if ('TERM_PROGRAM' in env) {
    const version = Number.parseInt((env.TERM_PROGRAM_VERSION ?? '').split('.')[0], 10);
    if (env.TERM_PROGRAM === 'iTerm.app') return version >= 3 ? 3 : 2;
    if (env.TERM_PROGRAM === 'Apple_Terminal') return 2;
  }
  if (/-256(color)?$/i.test(env.TERM ?? '')) return 2;
  if (/^screen|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(env.TERM ?? '')) return 1;
  if ('COLORTERM' in env) return 1;
  return min;
}

/** is-unicode-supported. */
export function supportsUnicode(env: NodeJS.ProcessEnv = process.env): boolean {
  if (process.platform !== 'win32') return env.TERM !== 'linux';
  return (
    Boolean(env.WT_SESSION) ||
    Boolean(env.TERMINUS_SUBLIME) ||
    env.ConEmuTask === '{cmd::Cmder}' ||
    env.TERM_PROGRAM === 'Terminus-Sublime' ||
    env.TERM_PROGRAM === 'vscode' ||
    ['xterm-256color', 'alacritty', 'rxvt-unicode', 'rxvt-unicode-256color'].includes(env.TERM ?? '') ||
    env.TERMINAL_EMULATOR === 'JetBrains-JediTerm'
  );
}

const paint = (on: boolean, open: number, close: number) => (text: string) => (on ? `\u001B[${open}m${text}\u001B[${close}m` : text);

export function createGeneratorLog(stream: NodeJS.WritableStream = process.stderr): StepLog {
  const gray = paint(detectChalkLevel(tty.isatty(1)) > 0, 90, 39);
  // yoctocolors asks the prototype, not a stream: colour depth from the environment alone.
  const symbolColors = (tty.WriteStream.prototype as unknown as { hasColors?: () => boolean }).hasColors?.() ?? false;
  const unicode = supportsUnicode();
  const success = paint(symbolColors, 32, 39)(unicode ? '✔' : '√');
  return {
    // The status word right-aligned to the width of "identical", then the padding (one space).
    info: (text) => stream.write(`${gray('     info')} ${format(text)}\n`),
    ok: (text) => stream.write(`${success} ${format(text)}\n`),
    line: (text) => stream.write(`${format(text)}\n`),
  };
}
