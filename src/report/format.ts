/**
 * Formatting for people: numbers, percentages, confidence intervals, calendar dates, names and
 * HTML escaping. One place, so the report, the CSV files and the terminal agree.
 * @module
 */

import { longDates, threeDigits, twoDigits, wholeNumbers } from './intl.js';

/**
 * Formats a count or a level for reading: thousands separated, fewer decimals as it grows
 * (`12,345`, `123`, `12.3`, `1.23`, `2.8` — three significant digits, trailing zeros dropped). Non-finite values read as `–`.
 *
 * @example formatNumber(12345.6) // '12,346'
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 100 || Number.isInteger(value)) return wholeNumbers().format(value);
  if (abs < 0.001) return value.toPrecision(2);
  return threeDigits().format(value);
}

/**
 * A duration in days for tables and labels: one decimal below 100 (`0.4`, `32.2`), whole days
 * above (`1,204`), one significant digit for tiny waits (`0.008`) so they do not read as zero.
 * @example
 * ```ts
 * import { formatDays } from 'carepath/report';
 * [formatDays(0.42), formatDays(32.25), formatDays(1204.4), formatDays(0.008)]; // [ '0.4', '32.3', '1,204', '0.008' ]
 * ```
 */
export function formatDays(days: number): string {
  if (!Number.isFinite(days)) return '–';
  if (days !== 0 && Math.abs(days) < 0.05) return days.toPrecision(1);
  return Math.abs(days) >= 100 ? wholeNumbers().format(days) : days.toFixed(1);
}

/**
 * A rough figure for sentences ("about 0.75 a week"): two significant digits, at least whole numbers above 100.
 * @example
 * ```ts
 * import { formatApprox } from 'carepath/report';
 * [formatApprox(0.7512), formatApprox(12.46), formatApprox(1234.5)]; // [ '0.75', '12', '1,235' ]
 * ```
 */
export function formatApprox(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 100) return wholeNumbers().format(Math.round(value));
  return twoDigits().format(value);
}

/**
 * Formats a share (0–1) as a percentage with one decimal.
 *
 * @example formatPercent(0.8512) // '85.1%'
 */
export function formatPercent(share: number, digits = 1): string {
  if (!Number.isFinite(share)) return '–';
  return `${(share * 100).toFixed(digits)}%`;
}

/**
 * A share's confidence interval cut to [0, 1] for display: the t interval of a mean share can
 * pass 100% when runs are few, which reads as nonsense to a planner (the report says so).
 * @example
 * ```ts
 * import { clampShareInterval } from 'carepath/report';
 * clampShareInterval([0.91, 1.04]); // [ 0.91, 1 ]
 * ```
 */
export function clampShareInterval(ci: readonly [number, number]): [number, number] {
  return [Math.max(0, ci[0]), Math.min(1, ci[1])];
}

/**
 * Formats a signed change: `+12`, `−3.4` (a real minus sign, so columns read well).
 * @example
 * ```ts
 * import { formatPercent, formatSigned } from 'carepath/report';
 * [formatSigned(12), formatSigned(-3.4), formatSigned(0)]; // [ '+12', '−3.4', '0' ]
 * formatSigned(0.5, formatPercent); // '+50.0%'
 * ```
 */
export function formatSigned(value: number, format: (v: number) => string = formatNumber): string {
  if (!Number.isFinite(value)) return '–';
  if (value === 0) return format(0);
  return value > 0 ? `+${format(value)}` : `−${format(-value)}`;
}

/**
 * A change in a share, in percentage points: `+12.3 pts`.
 * @example
 * ```ts
 * import { formatPoints } from 'carepath/report';
 * [formatPoints(0.123), formatPoints(-0.05)]; // [ '+12.3 pts', '−5.0 pts' ]
 * ```
 */
export function formatPoints(diff: number): string {
  return `${formatSigned(diff * 100, (v) => v.toFixed(1))} pts`;
}

/**
 * Formats a 95% confidence interval as `low–high` with the given formatter; a degenerate interval
 * (one replication) reads as `n/a`, because it says nothing about uncertainty.
 * @example
 * ```ts
 * import { formatInterval, formatPercent } from 'carepath/report';
 * formatInterval([12.3, 15.8]); // '12.3 to 15.8'
 * formatInterval([0.81, 0.86], formatPercent); // '81.0% to 86.0%'
 * formatInterval([4, 4]); // 'n/a'
 * ```
 */
export function formatInterval(ci: readonly [number, number], format: (v: number) => string = formatNumber): string {
  const [lo, hi] = ci;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return 'n/a';
  if (lo === hi) return 'n/a';
  return `${format(lo)} to ${format(hi)}`;
}

/** Parses `YYYY-MM-DD` (or a Date) into a UTC time in ms, or undefined when it is not a date. @internal */
export function parseIsoDate(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) ? undefined : t;
}

/** Normalises a start date (ISO string or Date) to `YYYY-MM-DD`, or undefined. @internal */
export function isoStartDate(value: unknown): string | undefined {
  const t = parseIsoDate(value);
  return t === undefined ? undefined : new Date(t).toISOString().slice(0, 10);
}

/**
 * Calendar date of simulation day `day` (fractional days round down), as `YYYY-MM-DD`.
 *
 * @example dayToDate('2026-01-05', 7) // '2026-01-12'
 */
export function dayToDate(startDate: string, day: number): string {
  const t = parseIsoDate(startDate);
  if (t === undefined) throw new RangeError(`startDate: expected YYYY-MM-DD, got ${JSON.stringify(startDate)}`);
  return new Date(t + Math.floor(day) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `2026-01-05` → `5 Jan 2026`; text that is not a `YYYY-MM-DD` date is returned unchanged.
 * @example
 * ```ts
 * import { formatDate } from 'carepath/report';
 * formatDate('2026-01-05'); // '5 Jan 2026'
 * ```
 */
export function formatDate(iso: string): string {
  const t = parseIsoDate(iso);
  return t === undefined ? iso : longDates().format(new Date(t));
}

/**
 * A period in days for reading: `104 weeks`, `30 days`, `2.5 days` (unlike the kernel's
 * `formatDuration`, whose output parses back as scenario input).
 * @example
 * ```ts
 * import { formatPeriod } from 'carepath/report';
 * formatPeriod(728); // '104 weeks'
 * formatPeriod(2.5); // '2.5 days'
 * ```
 */
export function formatPeriod(days: number): string {
  if (!Number.isFinite(days)) return '–';
  if (days >= 14 && days % 7 === 0 && days <= 7 * 520) return `${days / 7} weeks`;
  if (days >= 730) return `about ${formatApprox(days / 365)} years`;
  return `${formatNumber(days)} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * Escapes text for HTML element content and attribute values.
 * @example
 * ```ts
 * import { escapeHtml } from 'carepath/report';
 * escapeHtml(`<b>"A&E" & 'GP'</b>`); // '&lt;b&gt;&quot;A&amp;E&quot; &amp; &#39;GP&#39;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A readable label from an id: `treatment-62d` → `Treatment 62d`, `faster_diagnosis` →
 * `Faster diagnosis`.
 * @example
 * ```ts
 * import { humanise } from 'carepath/report';
 * [humanise('treatment-62d'), humanise('faster_diagnosis')]; // [ 'Treatment 62d', 'Faster diagnosis' ]
 * ```
 */
export function humanise(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.length === 0 ? id : words[0]!.toUpperCase() + words.slice(1);
}

/**
 * A file-system friendly name: lower case ASCII letters, digits and single hyphens, at most
 * `max` characters (cut at a hyphen where possible); `scenario` when nothing is left.
 *
 * @example slugify('Lung cancer — AI chest X-ray') // 'lung-cancer-ai-chest-x-ray'
 */
export function slugify(name: string, max = 60): string {
  let slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > max) {
    const cut = slug.slice(0, max);
    const at = cut.lastIndexOf('-');
    slug = (at > max / 2 ? cut.slice(0, at) : cut).replace(/-+$/, '');
  }
  return slug || 'scenario';
}
