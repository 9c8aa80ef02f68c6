import type { PxtCommand } from './command.ts';

/**
 * Commands registered when their module is present. Keeps main.ts loading fast (each command pulls
 * in its own dependencies: signalr, arrow, echarts) and lets commands land independently.
 */
const OPTIONAL: readonly { file: string; exportName: string }[] = [
  { file: './report-command.ts', exportName: 'reportCommand' },
  { file: './download-command.ts', exportName: 'downloadCommand' },
  { file: './gateway-command.ts', exportName: 'gatewayCommand' },
  { file: './paper-command.ts', exportName: 'paperCommand' },
  { file: './live-command.ts', exportName: 'liveCommand' },
  { file: './parity-command.ts', exportName: 'parityCommand' },
];

export async function loadOptionalCommands(): Promise<PxtCommand<any>[]> {
  const out: PxtCommand<any>[] = [];
  for (const { file, exportName } of OPTIONAL) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(file)) as Record<string, unknown>;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(file.slice(2))) continue;
      throw err;
    }
    const cmd = mod[exportName] as PxtCommand<any> | undefined;
    if (cmd !== undefined) out.push(cmd);
  }
  return out;
}
