/** The part of minimist's API the bin uses (the parser yeoman-generator parses options with). */
declare module 'minimist' {
  export interface MinimistOptions {
    boolean?: string[];
    string?: string[];
    alias?: Record<string, string>;
    default?: Record<string, unknown>;
  }
  export interface ParsedArgs {
    _: (string | number)[];
    [key: string]: unknown;
  }
  export default function minimist(args: string[], options?: MinimistOptions): ParsedArgs;
}
