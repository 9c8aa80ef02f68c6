/**
 * The results file (DESIGN.md §6): the contract between runs, reports and tests. One JSON file per
 * run, the same schema in backtest, paper and live. Everything but `run.timing` is deterministic.
 */
export const RESULTS_SCHEMA = 'projectx-ts/results@1';

export interface ResultsFile {
  readonly schema: typeof RESULTS_SCHEMA;
  readonly run: RunInfo;
  readonly instruments: InstrumentInfo[];
  readonly period: { readonly fromMs: number; readonly toMs: number };
  /** Bars processed per symbol. */
  readonly bars: Record<string, number>;
  readonly orders: OrderRecord[];
  readonly fills: FillRecord[];
  readonly trades: TradeRecord[];
  readonly dailyEquity: DailyEquityPoint[];
  /** Downsampled bar-resolution equity (at most a few thousand points), with drawdown-preserving sampling. */
  readonly equityCurve: EquityPoint[];
  /** Close prices of each instrument, downsampled on the same grid as equityCurve (for benchmark and charts). */
  readonly priceCurves: Record<string, PricePoint[]>;
  /** Session-close price of each instrument per trading date (benchmark, correlation). */
  readonly dailyPrices: Record<string, DailyPricePoint[]>;
  /**
   * OHLC candles per instrument for the price chart, re-aggregated to a coarser timeframe so there are at
   * most a few thousand: rows [tsMs, open, high, low, close].
   */
  readonly candles: Record<string, { readonly timeframe: string; readonly rows: [number, number, number, number, number][] }>;
  /** Risk denials and risk state changes. */
  readonly risk: RiskRecord[];
  /** Exact drawdown on bar-resolution equity (the sampled curve only approximates it). */
  readonly drawdown: {
    readonly maxDrawdownPct: number;
    readonly maxDrawdown: number;
    readonly peakMs: number | null;
    readonly troughMs: number | null;
    readonly recoveryMs: number | null;
  };
  /** Bars seen and bars with an open position (time in market = barsInMarket / barsSeen). */
  readonly exposure: { readonly barsSeen: number; readonly barsInMarket: number };
  readonly metrics: Record<string, unknown>;
  readonly final: FinalState;
  /** Multi-instrument portfolio section (issue 6); absent in single-instrument runs if not computed. */
  readonly portfolio?: Record<string, unknown>;
}

export interface RunInfo {
  readonly mode: 'backtest' | 'paper' | 'live';
  readonly strategy: string;
  readonly params: Record<string, unknown>;
  readonly config: {
    readonly startingCash: number;
    readonly commissionPerContract: number;
    readonly slippageTicks: number;
    readonly closeAtEnd: boolean;
    readonly [k: string]: unknown;
  };
  readonly fillModel: { readonly name: string; readonly description: string; readonly options: Record<string, unknown> };
  /**
   * Errors isolated during the run (issue 6): strategy hook throws and bus handler throws, counted per
   * instrument ('portfolio' for the portfolio level). Absent when there were none.
   */
  readonly errors?: { readonly strategy: Record<string, number>; readonly handlers: Record<string, number> };
  readonly timing: { readonly startedAt?: string; readonly wallSeconds: number; readonly barsPerSec: number; readonly [k: string]: unknown };
}

export interface InstrumentInfo {
  readonly symbol: string;
  readonly contractId: string;
  readonly tickSize: number;
  readonly tickValue: number;
  readonly pointValue: number;
  readonly currency: string;
  readonly timeZone: string;
  readonly timeframe: string;
}

export interface OrderRecord {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly type: string;
  readonly size: number;
  readonly limitPrice: number | null;
  readonly stopPrice: number | null;
  readonly trailTicks: number | null;
  readonly status: string;
  readonly filledSize: number;
  readonly avgFillPrice: number | null;
  readonly createdMs: number;
  readonly parentClientOrderId: string | null;
  readonly ocoGroup: string | null;
  readonly tag: string | null;
  /** Every lifecycle transition with its time and reason. */
  readonly history: { status: string; tsMs: number; reason?: string }[];
}

export interface FillRecord {
  readonly fillId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly size: number;
  readonly price: number;
  readonly tsMs: number;
  readonly fee: number;
}

/** A round trip. pnl is net of fees (both sides); mae/mfe in currency (mae <= 0 <= mfe). */
export interface TradeRecord {
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly size: number;
  readonly entryMs: number;
  readonly entryPrice: number;
  readonly exitMs: number;
  readonly exitPrice: number;
  readonly pnl: number;
  readonly fees: number;
  readonly mae: number;
  readonly mfe: number;
  /** Initial risk in currency where a stop defined it (for R-multiples); null otherwise. */
  readonly riskAmount: number | null;
  readonly pnlTicks: number;
}

export interface DailyEquityPoint {
  /** Trading date (session date, DESIGN.md §4), YYYY-MM-DD. */
  readonly date: string;
  readonly equity: number;
}

export interface DailyPricePoint {
  readonly date: string;
  readonly close: number;
}

export interface EquityPoint {
  readonly tsMs: number;
  readonly equity: number;
}

export interface PricePoint {
  readonly tsMs: number;
  readonly close: number;
}

export interface RiskRecord {
  readonly tsMs: number;
  readonly kind: 'denied' | 'state';
  readonly rule: string;
  readonly message: string;
  readonly symbol: string | null;
  readonly clientOrderId: string | null;
}

export interface OpenPositionRecord {
  readonly symbol: string;
  readonly size: number;
  readonly avgPrice: number;
  readonly markPrice: number;
  readonly unrealizedPnl: number;
}

export interface FinalState {
  readonly equity: number;
  readonly cash: number;
  readonly realizedPnl: number;
  readonly fees: number;
  readonly openPositions: OpenPositionRecord[];
}
