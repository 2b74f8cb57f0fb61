/**
 * Ctrl-C (SIGINT to the process group), SIGTERM and SIGHUP while something must not be left half
 * done: run the cleanup, then exit as a shell expects of a process killed by that signal (128 + its
 * number). Node's default would exit at once and leave the half-done work behind.
 */
import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Runs `cleanup` on an interrupt until the returned function is called. */
export function onInterrupt(cleanup: (signal: NodeJS.Signals) => void | Promise<void>): () => void {
  let started = false;
  const handler = (signal: NodeJS.Signals) => {
    // A second Ctrl-C while cleaning up must not cut the cleanup short.
    if (started) return;
    started = true;
    void (async () => {
      try {
        await cleanup(signal);
      } finally {
        process.exit(128 + constants.signals[signal]);
      }
    })();
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
}
