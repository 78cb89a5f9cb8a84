/**
 * User text (scenario names, ids, descriptions) made safe for where it ends up: a terminal,
 * where escape sequences could retitle or clear the screen, and a spreadsheet, where a cell
 * starting with `=` is run as a formula.
 * @module
 */

/**
 * C0 and C1 control characters except newline and tab, and the Unicode bidirectional
 * overrides and isolates (which reorder what the reader sees).
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text with every control character written out as a visible `\uXXXX` escape, so printing it
 * can never move the cursor, change colours, retitle or clear a terminal. Newlines and tabs are
 * kept. Inside a JSON string the escape means the same character, so JSON stays equivalent.
 * @example
 * ```ts
 * import { terminalSafe } from 'carepath/report';
 * terminalSafe('ward\u001b[2J'); // 'ward\\u001b[2J'
 * terminalSafe('line 1\nline 2'); // unchanged
 * ```
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A number as a spreadsheet reads one: `-1.5`, `+3`, `2e-3` (these stay numbers). */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A text cell a spreadsheet will not run as a formula: a cell starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return gets a leading `'` (shown by spreadsheets as plain text), unless
 * it is a plain number such as `-1.5`.
 * @example
 * ```ts
 * import { spreadsheetSafe } from 'carepath/report';
 * spreadsheetSafe('=HYPERLINK("http://x")'); // '\'=HYPERLINK("http://x")'
 * spreadsheetSafe('-A1-B1'); // "'-A1-B1"
 * spreadsheetSafe('-1.5'); // '-1.5'
 * ```
 */
export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}
