import type { Argv } from 'yargs';

/**
 * One CLI command per file (framework/cli/<name>-command.ts), registered in main.ts.
 * `run` throws FrameworkError subclasses (ConfigError, DataError, ...) for expected failures; main.ts
 * prints them as one line `error: <what> (<where>) — <how to fix>` and exits 2 (usage/input) or 1
 * (runtime). Never print secrets. Output files are written to a temp name and renamed.
 */
export interface PxtCommand<A = Record<string, unknown>> {
  readonly name: string;
  readonly describe: string;
  builder(y: Argv): Argv<A>;
  run(args: A): Promise<number | void>;
}
