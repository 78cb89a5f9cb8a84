/**
 * Parsers for option values: each rejects a bad value with commander's InvalidArgumentError,
 * which the program turns into exit code 2 and a message naming the option.
 * @module
 */
import { InvalidArgumentError } from 'commander';

/** A positive integer (`--replications 20`). */
export function positiveInt(value: string): number {
  const n = Number(value.trim());
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a positive integer');
  }
  return n;
}

/** A positive whole count, also in exponent form (`--max-patients 1e9`). */
export function positiveCount(value: string): number {
  const n = Number(value.trim());
  if (!/^\s*[0-9.eE+_]+\s*$/.test(value) || !Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a positive whole number such as 500000000 or 5e8');
  }
  return n;
}

/** An integer, possibly negative (`--seed 2026`). */
export function integer(value: string): number {
  const n = Number(value.trim());
  if (!/^\s*-?\d+\s*$/.test(value) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError('expected an integer');
  }
  return n;
}

/** A number in [0, 1] (`--goal 0.85`); also accepts a percentage (`85%`). */
export function share(value: string): number {
  const v = value.trim();
  const n = v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v);
  if (v === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InvalidArgumentError('expected a share between 0 and 1 (or a percentage)');
  }
  return n;
}

/** `I/N` → `{ index: I, count: N }`, 0-based index (`--shard 0/4` … `--shard 3/4`). */
export function shard(value: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!m) throw new InvalidArgumentError('expected INDEX/COUNT such as 0/4');
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw new InvalidArgumentError('expected a shard count of 1 or more');
  if (index >= count) throw new InvalidArgumentError(`expected a shard index from 0 to ${count - 1} (0-based)`);
  return { index, count };
}

/** Collects a repeatable option; commas also separate values (`--variant a,b --variant c`). */
export function collectList(value: string, previous: string[] = []): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new InvalidArgumentError('expected a name');
  return [...previous, ...items];
}

/** Splits on commas that are not inside brackets, braces or quotes. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/**
 * A sweep value: a number, `true`/`false`, `null`, JSON (`{"slots":9}`, `[1,2]`, `"text"`), or
 * else the text itself (`unlimited`, `12w`).
 */
export function sweepValue(text: string): unknown {
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return Number(text);
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^[[{"]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      throw new InvalidArgumentError(`could not read ${text} as JSON`);
    }
  }
  return text;
}

/** Collects `--set PATH=v1,v2,...` into `{ PATH: [v1, v2, ...] }`. */
export function collectSet(value: string, previous: Record<string, unknown[]> = {}): Record<string, unknown[]> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError('expected PATH=v1,v2,... such as stages.surgery.capacity.slots=7,9,11');
  const path = value.slice(0, at).trim();
  const raw = value.slice(at + 1);
  const values = splitTopLevel(raw).filter((s) => s !== '');
  if (values.length === 0) throw new InvalidArgumentError(`expected at least one value after "${path}="`);
  if (Object.prototype.hasOwnProperty.call(previous, path)) throw new InvalidArgumentError(`${path} is set twice`);
  return { ...previous, [path]: values.map(sweepValue) };
}
