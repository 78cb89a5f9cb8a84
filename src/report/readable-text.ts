/**
 * Numbers in free text (run warnings, analysis notes) made readable for the report: thousands
 * separators, long decimals rounded, utilisations as percentages. The texts come from the
 * engine and the analysis, which write raw numbers for logs and analysts.
 * @module
 */
import { formatApprox, formatPercent } from './format.js';
import { wholeNumbers } from './intl.js';

/**
 * Rewrites the numbers of a sentence: `utilisation 1.047` → `utilisation 105%`; integers of four
 * or more digits get separators (`33561` → `33,561`); decimals with three or more places are
 * rounded (`0.7506` → `0.75`, `7.332` → `7.3`). Numbers inside dates, ids or versions (next to a
 * letter, `-`, `/`, `:`, `_` or `.`) are left alone.
 * @example
 * ```ts
 * import { readableNumbers } from 'carepath/report';
 * readableNumbers('grew from 3000 to 33561 (293.9 a week); utilisation 1.047'); // 'grew from 3,000 to 33,561 (293.9 a week); utilisation 105%'
 * ```
 */
export function readableNumbers(text: string): string {
  return text
    .replace(/\butilisation (\d+(?:\.\d+)?)(?![\d%])/g, (_, x: string) => `utilisation ${formatPercent(Number(x), 0)}`)
    .replace(/(?<![\w\-/:.,])(\d+)(\.\d+)?(?![\w\-/:%]|\.\d)/g, (m, int: string, frac: string | undefined) => {
      if (frac === undefined) return int.length >= 4 ? wholeNumbers().format(Number(int)) : m;
      if (frac.length - 1 >= 3) return formatApprox(Number(m));
      return int.length >= 4 ? `${wholeNumbers().format(Number(int))}${frac}` : m;
    });
}
