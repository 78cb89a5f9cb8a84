// Issue 16's targets, judged from one `npm run bench` sitting: each figure beside the reference
// it is compared with, both taken from the same run's case lines (bench/out/latest.jsonl), so a
// slow or busy host moves both. bench/run.mjs prints this table after the cases (on stderr, so
// stdout stays one JSON line per case) and writes it to bench/out/targets.json.
//
// A target whose cases did not run in this sitting (`--case`, `--quick`, no Chromium) reads
// "not run": it is never judged from figures of another sitting.
//
// Usage on its own: node bench/targets.mjs [bench/out/latest.jsonl]

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * One row per target: `met` is true or false when this sitting measured it, null when it did not
 * (or, with `stated`, when the target asks for a figure to be stated rather than reached).
 * @param {object[]} lines the case lines of one sitting (as run.mjs prints them)
 * @returns {{ target: string, figure: string, reference: string, goal: string, met: boolean | null, stated?: true }[]}
 */
export function judgeTargets(lines) {
  const byCase = new Map();
  for (const l of lines) if (l && typeof l.case === 'string' && !l.quick) byCase.set(l.run ? `${l.case}/${l.run}` : l.case, l);
  const c = (name) => byCase.get(name);
  const rows = [];
  const row = (target, goal, need, judge) => {
    const got = need.map(c);
    if (got.some((l) => l === undefined)) rows.push({ target, figure: 'not run', reference: `needs ${need.filter((n, i) => !got[i]).join(', ')}`, goal, met: null });
    else rows.push({ target, goal, ...judge(...got) });
  };

  // 1. Linear in patients: CPU µs per patient at 208 weeks within 1.3× of 13 weeks.
  row('England, µs per patient 208 w against 13 w', '≤ 1.3×', ['england-13w', 'england-208w'], (q, four) => {
    const ratio = four.usPerPatient / q.usPerPatient;
    return { figure: `${four.usPerPatient} µs at 208 w (${round(ratio)}×)`, reference: `${q.usPerPatient} µs at 13 w`, met: ratio <= 1.3 };
  });
  row('England, one year', '< 8 CPU s and < 600 MB', ['england'], (y) => ({
    figure: `${y.cpuSeconds} CPU s (${y.wallSeconds} s wall), ${y.peakRssMB} MB`,
    reference: `${round(y.patients / 1e6, 1)} M patients, ${round(y.initial / 1e6, 1)} M waiting at the start`,
    met: y.cpuSeconds < 8 && y.peakRssMB < 600,
  }));
  // Whole-process peak over the patients waiting at the start: an upper bound per waiting patient.
  row('England, memory per waiting patient (13 w)', 'stated', ['england-13w'], (q) => ({
    figure: `≤ ${Math.round((q.peakRssMB * 2 ** 20) / q.initial)} bytes (process peak ${q.peakRssMB} MB)`,
    reference: `${round(q.initial / 1e6, 1)} M waiting at the start`,
    met: null,
    stated: true,
  }));

  // 2. Closer to the limit: tandem against the bare-JS loop run right after it.
  for (const n of ['1e6', '1e7']) {
    row(`Tandem ${n} against the bare-JS loop`, '≥ 0.5× (CPU time)', [`tandem-${n}`], (t) =>
      t.cpuRatioToReference === undefined
        ? { figure: `${t.cpuSeconds} CPU s`, reference: t.reference ?? 'no reference ran', met: null }
        : {
            figure: `${t.cpuSeconds} CPU s: ${t.cpuRatioToReference}× (wall ${t.ratioToReference}×)`,
            reference: `${t.referenceCpuSeconds} CPU s (${t.reference.startsWith('bench/') ? 'bench/tandem-limit.mjs' : t.reference})`,
            met: t.cpuRatioToReference >= 0.5,
          },
    );
  }

  // 3. Fast start.
  row('Import over bare Node, ESM / CJS', '< 100 ms each', ['import'], (i) => ({
    figure: `${i.esmOverBareMs} / ${i.cjsOverBareMs ?? '–'} ms`,
    reference: `bare node -e 0: ${i.bareCpuMs} ms (CPU, medians of ${i.rounds})`,
    met: i.esmOverBareMs < 100 && (i.cjsOverBareMs ?? 0) < 100,
  }));
  row('carepath validate (lung)', '< 300 ms', ['import'], (i) => ({
    figure: `${i.validateCpuMs} ms CPU`,
    reference: `bare node -e 0: ${i.bareCpuMs} ms`,
    met: i.validateCpuMs < 300,
  }));

  // 4. Parallel that pays: wall time with 1 worker over wall time with 2.
  for (const reps of ['100', '20']) {
    row(`Lung ${reps} replications, 2 workers against 1`, '≥ 1.8×', [`lung-${reps}-w1`, `lung-${reps}-w2`], (one, two) => {
      const speedup = one.wallSeconds / two.wallSeconds;
      return { figure: `${two.wallSeconds} s wall (${two.cpuSeconds} CPU s): ${round(speedup)}×`, reference: `1 worker: ${one.wallSeconds} s wall (${one.cpuSeconds} CPU s)`, met: speedup >= 1.8 };
    });
  }

  // 5. In the browser: the what-if page (bench/browser-app.mjs), re-run and fresh.
  row('What-if page, re-run after a change', '< 3 s', ['page'], (p) =>
    p.skipped ? { figure: 'not run', reference: p.skipped, met: null } : { figure: `${p.rerunSeconds} s (median of ${p.reruns})`, reference: `${p.rerunRuns} runs simulated per re-run on 2 Web Workers`, met: p.rerunSeconds < 3 },
  );
  row('What-if page, 3 variants × 20 replications afresh', '< 3 s', ['page'], (p) =>
    p.skipped ? { figure: 'not run', reference: p.skipped, met: null } : { figure: `${p.freshSeconds} s (${p.freshCpuSeconds} CPU s)`, reference: 'a new page: 60 runs, none reused', met: p.freshSeconds < 3 },
  );

  // 6. Patient records: speed at 1e7, and memory that does not grow from 1e6 to 1e7.
  row('Patient records to Arrow, 1e7', '≥ 1 M records/s', ['records-arrow-1e7'], (r) => ({
    figure: `${round(r.recordsPerSecond / 1e6)} M/s wall, ${round(r.recordsPerCpuSecond / 1e6)} M per CPU s`,
    reference: `the same run without records: ${r.simSecondsWithout} s`,
    met: r.recordsPerSecond >= 1e6,
  }));
  // What the records add: peak RSS over the same tandem run without records (the tandem case's
  // own process), at 1e6 and 1e7 patients. The run's own result grows with its horizon (time
  // series), with records or without, so the records' share is the difference; flat = within 1.25×.
  row('Patient records, memory 1e6 → 1e7', 'records add no more at 1e7 (≤ 1.25×)', ['tandem-1e6', 'tandem-1e7', 'records-arrow-1e6', 'records-arrow-1e7'], (t6, t7, a, b) => {
    const small = a.peakRssMB - t6.peakRssMB;
    const large = b.peakRssMB - t7.peakRssMB;
    return {
      figure: `+${round(large, 1)} MB at 1e7 (RSS ${b.peakRssMB} MB against ${t7.peakRssMB} MB without records)`,
      reference: `+${round(small, 1)} MB at 1e6 (${a.peakRssMB} against ${t6.peakRssMB} MB)`,
      met: large <= 1.25 * Math.max(small, 1),
    };
  });
  return rows;
}

/** The rows as a plain-text table. */
export function formatTargets(rows) {
  const cells = rows.map((r) => [r.stated ? 'stated' : r.met === null ? '·' : r.met ? 'met' : 'NOT MET', r.target, r.goal, r.figure, r.reference]);
  const head = ['', 'target', 'goal', 'this run', 'reference, same run'];
  const width = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => x.padEnd(width[i])).join('  ').trimEnd();
  const met = rows.filter((r) => r.met === true).length;
  const judged = rows.filter((r) => r.met !== null).length;
  const notRun = rows.filter((r) => r.met === null && !r.stated).length;
  return [`Issue 16 targets: ${met} of ${judged} judged met${notRun ? ` (${notRun} not run in this sitting)` : ''}`, line(head), ...cells.map(line)].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2] ?? fileURLToPath(new URL('./out/latest.jsonl', import.meta.url));
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .map((text, i) => {
      if (text.trim() === '') return null;
      try {
        return JSON.parse(text);
      } catch (e) {
        throw new Error(`${file}, line ${i + 1}: expected one JSON object per line (a bench case), got ${JSON.stringify(text.slice(0, 60))}: ${e.message}`);
      }
    })
    .filter((l) => l !== null);
  console.log(formatTargets(judgeTargets(lines)));
}
