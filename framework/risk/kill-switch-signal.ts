import type { RiskManager } from './risk-manager.ts';

/**
 * Paper/live: `kill -USR2 <pid>` flattens everything and halts the risk manager for the rest of the
 * run. Returns the uninstall function (call it at shutdown so the process can exit).
 */
export function installKillSwitchSignal(manager: Pick<RiskManager, 'killSwitch'>, signal: NodeJS.Signals = 'SIGUSR2'): () => void {
  const handler = () => manager.killSwitch(`${signal} received`);
  process.on(signal, handler);
  return () => {
    process.off(signal, handler);
  };
}
