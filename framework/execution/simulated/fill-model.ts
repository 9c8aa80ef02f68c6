/**
 * The simulated fill model (DESIGN.md §5). This text is printed in every results file and report.
 */
export interface FillModelOptions {
  /** Commission in currency per contract per side. */
  readonly commissionPerContract: number;
  /** Slippage in ticks against you on market and stop fills. */
  readonly slippageTicks: number;
  /** Limit orders fill when price trades strictly through the limit ('through', default) or touches it ('touch'). */
  readonly limitFill: 'through' | 'touch';
  /**
   * Intrabar path when several orders of one instrument are reachable in one bar.
   * 'pessimistic' (default): after the open, the extreme adverse to the position goes first (a long's
   * stop before its target); flat, the nearer extreme. 'ohlc-path': open -> nearer extreme -> farther extreme -> close.
   */
  readonly intrabarPath: 'pessimistic' | 'ohlc-path';
  /** Cap fills to this share of a bar's volume per bar (partial fills); 0 = no cap. */
  readonly volumeCapFraction: number;
}

export const DEFAULT_FILL_MODEL: FillModelOptions = {
  commissionPerContract: 0,
  slippageTicks: 0,
  limitFill: 'through',
  intrabarPath: 'pessimistic',
  volumeCapFraction: 0,
};

export const FILL_MODEL_NAME = 'bar-ohlc-path/quote-trade';

export function describeFillModel(o: FillModelOptions): string {
  return [
    'Bar mode (OHLC): an order placed while bar t is processed fills from bar t+1 on.',
    `Market: next bar's open${o.slippageTicks ? ` + ${o.slippageTicks} tick(s) slippage against you` : ''}.`,
    `Limit buy at L: fills when low ${o.limitFill === 'touch' ? '<=' : '<'} L, at min(open, L); sells mirror.`,
    `Stop buy at S: triggers when high >= S, fills at max(open, S)${o.slippageTicks ? ' + slippage' : ''}; sells mirror.`,
    'Stop-limit: triggers as a stop, then rests as a limit. Trailing stop: trails by N ticks, ratchets only in your favour.',
    `Intrabar path: open -> ${o.intrabarPath === 'pessimistic' ? 'the extreme adverse to the open position (stop before target)' : 'nearer extreme'} -> other extreme -> close; bracket exits are live from the entry fill, in the same bar.`,
    `Commission ${o.commissionPerContract} per contract per side${o.volumeCapFraction > 0 ? `; fills capped at ${(o.volumeCapFraction * 100).toFixed(0)}% of bar volume` : ''}.`,
    'Quote/trade mode (paper): market buys fill at the ask, sells at the bid; limits fill when the opposite side trades through; stops trigger on the last trade.',
  ].join(' ');
}
