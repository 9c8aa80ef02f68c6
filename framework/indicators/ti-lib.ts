import { createRequire } from 'node:module';
import type * as TI from 'technicalindicators';
import { patchTechnicalIndicatorsLeak } from './ti-leak-patch.ts';

let lib: typeof TI | undefined;

/**
 * technicalindicators, loaded on first use (the hot core never needs it) through its CommonJS build:
 * ~1 MB and a few ms, against ~10 MB for its ESM build under tsx, paid by every backtest otherwise.
 * The leak patch (ti-leak-patch.ts) is installed before any instance exists.
 */
export function tiLib(): typeof TI {
  if (lib === undefined) {
    lib = createRequire(import.meta.url)('technicalindicators') as typeof TI;
    patchTechnicalIndicatorsLeak(lib);
  }
  return lib;
}
