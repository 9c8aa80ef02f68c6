import type { PxtCommand } from './command.ts';

/**
 * Every pxt command: its word, module and export. main.ts imports only the module of the command
 * being run (each pulls in its own dependencies: SignalR, the gateway, Arrow, echarts; loading all of
 * them costs ~45 MB and ~0.5 s), and all of them for `pxt --help` or an unknown word.
 */
const COMMANDS: readonly { readonly word: string; readonly load: () => Promise<PxtCommand<any>> }[] = [
  { word: 'backtest', load: async () => (await import('./backtest-command.ts')).backtestCommand },
  { word: 'data', load: async () => (await import('./data-command.ts')).dataCommand },
  { word: 'download', load: async () => (await import('./download-command.ts')).downloadCommand },
  { word: 'report', load: async () => (await import('./report-command.ts')).reportCommand },
  { word: 'gateway', load: async () => (await import('./gateway-command.ts')).gatewayCommand },
  { word: 'paper', load: async () => (await import('./paper-command.ts')).paperCommand },
  { word: 'live', load: async () => (await import('./live-command.ts')).liveCommand },
  { word: 'parity', load: async () => (await import('./parity-command.ts')).parityCommand },
];

/** The commands to register for these arguments (the one named, or all). */
export async function commandsFor(argv: readonly string[]): Promise<PxtCommand<any>[]> {
  const word = argv.find((a) => !a.startsWith('-'));
  const hit = COMMANDS.filter((c) => c.word === word);
  return Promise.all((hit.length > 0 ? hit : COMMANDS).map((c) => c.load()));
}
