import { tiLib } from './ti-lib.ts';
import type { CandlePatternFn } from './candle-pattern.ts';

/** A detector resolved from technicalindicators on first call (the library loads lazily). */
function lazy(name: string): CandlePatternFn {
  return (input) => (tiLib() as unknown as Record<string, CandlePatternFn>)[name](input);
}

/**
 * Candlestick patterns from technicalindicators: catalogue name -> [bars looked at, detector].
 * The bar counts are technicalindicators' `requiredCount`; the 5-bar ones (hammer, hanging-man,
 * shooting-star, tweezers) include the preceding trend and a confirmation candle.
 */
export const CANDLE_PATTERNS: Readonly<Record<string, readonly [number, CandlePatternFn]>> = {
  'bullish-engulfing': [2, lazy('bullishengulfingpattern')],
  'bearish-engulfing': [2, lazy('bearishengulfingpattern')],
  'bullish-harami': [2, lazy('bullishharami')],
  'bearish-harami': [2, lazy('bearishharami')],
  'piercing-line': [2, lazy('piercingline')],
  'dark-cloud-cover': [2, lazy('darkcloudcover')],
  doji: [1, lazy('doji')],
  'dragonfly-doji': [1, lazy('dragonflydoji')],
  'gravestone-doji': [1, lazy('gravestonedoji')],
  'bullish-marubozu': [1, lazy('bullishmarubozu')],
  'bearish-marubozu': [1, lazy('bearishmarubozu')],
  'morning-star': [3, lazy('morningstar')],
  'evening-star': [3, lazy('eveningstar')],
  'morning-doji-star': [3, lazy('morningdojistar')],
  'evening-doji-star': [3, lazy('eveningdojistar')],
  'abandoned-baby': [3, lazy('abandonedbaby')],
  'three-white-soldiers': [3, lazy('threewhitesoldiers')],
  'three-black-crows': [3, lazy('threeblackcrows')],
  hammer: [5, lazy('hammerpattern')],
  'hanging-man': [5, lazy('hangingman')],
  'shooting-star': [5, lazy('shootingstar')],
  'tweezer-top': [5, lazy('tweezertop')],
  'tweezer-bottom': [5, lazy('tweezerbottom')],
};
