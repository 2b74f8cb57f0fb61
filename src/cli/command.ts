/** One subcommand of the `sockshop-mesh` bin. Each lives in its own module under src/cli/commands/. */
export interface Command {
  name: string;
  /** `[dir]`, `<from> <to>`, … */
  usage: string;
  summary: string;
  /** The full `--help` text of the command. */
  help: () => string;
  /** Runs the command; returns the exit code. Throw a UserError for bad input. */
  run: (args: string[]) => Promise<number>;
}
