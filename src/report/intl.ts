/**
 * The report's Intl formatters, each built on first use. Building them loads ICU's locale data
 * (about 7 ms of CPU for the four, most of what the report's code cost at import), which a
 * program that imports carepath to simulate, and formats nothing, should not pay.
 * @module
 */

let whole: Intl.NumberFormat | undefined;
let three: Intl.NumberFormat | undefined;
let two: Intl.NumberFormat | undefined;
let dates: Intl.DateTimeFormat | undefined;

/**
 * Whole numbers with thousands separated (en-GB).
 * @internal
 * @example
 * ```ts
 * import { wholeNumbers } from './intl.js';
 * wholeNumbers().format(12345.6); // '12,346'
 * ```
 */
export function wholeNumbers(): Intl.NumberFormat {
  return (whole ??= new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }));
}

/**
 * Three significant digits (en-GB).
 * @internal
 * @example
 * ```ts
 * import { threeDigits } from './intl.js';
 * threeDigits().format(1.23456); // '1.23'
 * ```
 */
export function threeDigits(): Intl.NumberFormat {
  return (three ??= new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 3 }));
}

/**
 * Two significant digits (en-GB).
 * @internal
 * @example
 * ```ts
 * import { twoDigits } from './intl.js';
 * twoDigits().format(1.23456); // '1.2'
 * ```
 */
export function twoDigits(): Intl.NumberFormat {
  return (two ??= new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 2 }));
}

/**
 * Dates as `6 Apr 2026` (en-GB, UTC).
 * @internal
 * @example
 * ```ts
 * import { longDates } from './intl.js';
 * longDates().format(new Date(Date.UTC(2026, 3, 6))); // '6 Apr 2026'
 * ```
 */
export function longDates(): Intl.DateTimeFormat {
  return (dates ??= new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }));
}
