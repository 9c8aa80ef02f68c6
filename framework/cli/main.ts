/**
 * `pxt`: the command line. Every command lives in its own file; this one registers them and turns
 * typed errors into one line `error: <what> (<where>) — <how to fix>` with exit code 2 (usage, input)
 * or 1 (runtime). `--verbose` adds the stack. Secrets never reach this output (errors never carry them).
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { FrameworkError } from '../core/errors.ts';
import type { PxtCommand } from './command.ts';
import { commandsFor } from './command-table.ts';

const INPUT_CODES = new Set(['CONFIG', 'DATA', 'RISK_DENIED']);

export function formatError(err: unknown, verbose = false): { line: string; code: number } {
  if (err instanceof FrameworkError) {
    const where = err.where ? ` (${err.where})` : '';
    const hint = err.hint ? ` — ${err.hint}` : '';
    const stack = verbose && err.stack ? `\n${err.stack}` : '';
    return { line: `error: ${err.message}${where}${hint}${stack}`, code: INPUT_CODES.has(err.code) ? 2 : 1 };
  }
  const msg = err instanceof Error ? err.message : String(err);
  const stack = verbose && err instanceof Error && err.stack ? `\n${err.stack}` : '';
  return { line: `error: ${msg.split('\n')[0]} — rerun with --verbose for details${stack}`, code: 1 };
}

function register(y: Argv, cmd: PxtCommand<any>, state: { exitCode: number }): Argv {
  return y.command(
    cmd.name,
    cmd.describe,
    (b) => cmd.builder(b),
    async (args) => {
      const code = await cmd.run(args as never);
      state.exitCode = typeof code === 'number' ? code : 0;
    },
  );
}

export async function main(argv: string[]): Promise<number> {
  const state = { exitCode: 0 };
  const verbose = argv.includes('--verbose');
  let y: Argv<any> = yargs(argv)
    .scriptName('pxt')
    .usage('$0 <command> [options]')
    .option('verbose', { type: 'boolean', describe: 'print stack traces on errors' })
    .strict()
    .demandCommand(1, 'name a command, e.g. pxt backtest --help')
    .recommendCommands()
    .help()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    });
  const commands: PxtCommand<any>[] = await commandsFor(argv);
  for (const c of commands) y = register(y, c, state);
  try {
    await y.parseAsync();
    return state.exitCode;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message} — see pxt --help\n`);
      return 2;
    }
    const { line, code } = formatError(err, verbose);
    process.stderr.write(`${line}\n`);
    return code;
  }
}

class UsageError extends Error {}

const isMain = process.argv[1] !== undefined && /cli[\\/]main\.ts$|bin[\\/]pxt(\.js)?$/.test(process.argv[1]);
if (isMain || process.env.PXT_MAIN === '1') {
  const code = await main(hideBin(process.argv));
  process.exitCode = code;
}
