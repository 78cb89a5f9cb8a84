/**
 * England and Wales bank holidays, 2024–2030, as data.
 *
 * Source: GOV.UK, "UK bank holidays" (https://www.gov.uk/bank-holidays, and its JSON feed
 * https://www.gov.uk/bank-holidays.json, division `england-and-wales`). The rules: New Year's Day,
 * Good Friday, Easter Monday, the early May bank holiday (first Monday of May), the spring bank
 * holiday (last Monday of May), the summer bank holiday (last Monday of August), Christmas Day
 * and Boxing Day, each moved to the next weekday(s) when it falls on a weekend ("substitute
 * days"). Easter is computed with the Anonymous Gregorian algorithm (Meeus/Jones/Butcher) and
 * checked in the tests against the dates GOV.UK publishes for 2024–2026. Years after 2030 are
 * not built in (one-off holidays such as coronations are announced case by case); add them as
 * `calendar.closures`.
 * @module
 */

/** First and last year with built-in bank holidays. */
export const BANK_HOLIDAY_YEARS = [2024, 2030] as const;

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/**
 * Easter Sunday of a Gregorian year (Anonymous Gregorian algorithm), as an ISO date.
 * @internal
 * @example
 * ```ts
 * import { easterSunday } from './bank-holidays.js';
 * easterSunday(2025); // '2025-04-20'
 * ```
 */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/** Day of the week, 0 = Sunday (as `Date.getUTCDay`). */
const dow = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/** The first (n = 1) or last (n = -1) Monday of a month. */
function monday(y: number, m: number, n: 1 | -1): string {
  if (n === 1) {
    for (let d = 1; ; d++) if (dow(y, m, d) === 1) return iso(y, m, d);
  }
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  for (let d = last; ; d--) if (dow(y, m, d) === 1) return iso(y, m, d);
}

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The England and Wales bank holidays of one year, in date order (substitute days included).
 * @internal
 * @example
 * ```ts
 * import { englandAndWalesBankHolidays } from './bank-holidays.js';
 * englandAndWalesBankHolidays(2026)[0]; // '2026-01-01'
 * ```
 */
export function englandAndWalesBankHolidays(year: number): string[] {
  const out: string[] = [];
  // New Year's Day: Saturday or Sunday → the following Monday.
  const ny = dow(year, 1, 1);
  out.push(iso(year, 1, ny === 6 ? 3 : ny === 0 ? 2 : 1));
  const easter = easterSunday(year);
  out.push(shift(easter, -2), shift(easter, 1));
  // Early May bank holiday; 2020 (VE day) is the only move so far and lies outside 2024–2030.
  out.push(monday(year, 5, 1), monday(year, 5, -1), monday(year, 8, -1));
  // Christmas and Boxing Day: a weekend day moves to the next weekday not already taken.
  const xmas = dow(year, 12, 25);
  if (xmas === 6) out.push(iso(year, 12, 27), iso(year, 12, 28)); // Sat, Sun → Mon, Tue
  else if (xmas === 0) out.push(iso(year, 12, 27), iso(year, 12, 26)); // Sun → Tue; Boxing Day Mon
  else if (xmas === 5) out.push(iso(year, 12, 25), iso(year, 12, 28)); // Boxing Day Sat → Mon
  else out.push(iso(year, 12, 25), iso(year, 12, 26));
  return out.sort();
}

/**
 * Every built-in England and Wales bank holiday, 2024–2030, as ISO dates in order.
 * @internal
 * @example
 * ```ts
 * import { ENGLAND_AND_WALES } from './bank-holidays.js';
 * ENGLAND_AND_WALES.length; // 56
 * ```
 */
export const ENGLAND_AND_WALES: readonly string[] = Object.freeze(
  Array.from({ length: BANK_HOLIDAY_YEARS[1] - BANK_HOLIDAY_YEARS[0] + 1 }, (_, i) =>
    englandAndWalesBankHolidays(BANK_HOLIDAY_YEARS[0] + i),
  ).flat(),
);
