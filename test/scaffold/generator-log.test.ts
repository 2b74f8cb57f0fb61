import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createGeneratorLog, detectChalkLevel, supportsUnicode } from '../../src/scaffold/generator-log.js';

describe('detectChalkLevel (supports-color, as chalk decides for stdout)', () => {
  it('has no colour when stdout is not a terminal, unless forced', () => {
    expect(detectChalkLevel(false, { TERM: 'xterm-256color' }, [])).toBe(0);
    expect(detectChalkLevel(false, { FORCE_COLOR: '1' }, [])).toBe(1);
    expect(detectChalkLevel(false, { FORCE_COLOR: '' }, [])).toBe(1);
  });

  it('reads the terminal type in a terminal', () => {
    expect(detectChalkLevel(true, { TERM: 'xterm-256color' }, [])).toBe(2);
    expect(detectChalkLevel(true, { TERM: 'dumb' }, [])).toBe(0);
    expect(detectChalkLevel(true, { TERM: 'xterm', COLORTERM: 'truecolor' }, [])).toBe(3);
    expect(detectChalkLevel(true, { FORCE_COLOR: '0', TERM: 'xterm' }, [])).toBe(0);
    expect(detectChalkLevel(true, { CI: 'true', GITHUB_ACTIONS: 'true' }, [])).toBe(3);
  });

  it('honours colour flags before `--` only', () => {
    expect(detectChalkLevel(true, { TERM: 'xterm' }, ['node', 'bin', '--no-color'])).toBe(0);
    expect(detectChalkLevel(true, { TERM: 'xterm' }, ['node', 'bin', '--', '--no-color'])).toBe(1);
  });
});

describe('createGeneratorLog', () => {
  it('writes Yeoman\'s shapes: a right-aligned status word, ✔ / ✖, plain lines', () => {
    const stream = new PassThrough();
    const log = createGeneratorLog(stream);
    log.info('planned 9 stages');
    log.line('Next: cd ws');
    const text = stream.read().toString().replace(/\u001B\[\d+m/g, '');
    expect(text).toBe('     info planned 9 stages\nNext: cd ws\n');
  });

  it('uses ASCII symbols on the Linux console', () => {
    expect(supportsUnicode({ TERM: 'linux' })).toBe(process.platform === 'win32');
  });
});
