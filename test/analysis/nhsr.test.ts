/**
 * The published unit-test values of the R package NHSRwaitinglist (tests/testthat/test-calc_*.R,
 * CRAN version), reproduced with R's `expect_equal` tolerance: relative difference below
 * sqrt(double epsilon) ≈ 1.49e-8.
 */
import { describe, expect, it } from 'vitest';
import {
  queueLoad,
  reliefCapacity,
  targetCapacity,
  targetMeanWait,
  targetQueueSize,
  waitingListPressure,
} from '../../src/analysis/nhsr.js';

const R_TOLERANCE = Math.sqrt(2 ** -52);

function expectREqual(actual: number, expected: number): void {
  const rel = Math.abs(actual - expected) / Math.abs(expected);
  expect(rel, `${actual} vs ${expected}`).toBeLessThan(R_TOLERANCE);
}

describe('NHSRwaitinglist formulas', () => {
  it('queueLoad (calc_queue_load)', () => {
    expectREqual(queueLoad(30, 27), 30 / 27);
    expectREqual(queueLoad(30, 27), 1.11111111);
    expectREqual(queueLoad(35, 27), 1.2962963);
    expectREqual(queueLoad(30, 25), 1.2);
    expectREqual(queueLoad(52, 42), 1.23809524);
  });

  it('targetMeanWait (calc_target_mean_wait)', () => {
    expectREqual(targetMeanWait(52, 4), 13);
    expectREqual(targetMeanWait(52), 13);
    expectREqual(targetMeanWait(35, 4), 8.75);
    expectREqual(targetMeanWait(30, 4), 7.5);
    expectREqual(targetMeanWait(52, 6), 8.6666667);
  });

  it('targetQueueSize (calc_target_queue_size)', () => {
    expectREqual(targetQueueSize(30, 52), 390);
    expectREqual(targetQueueSize(30, 50), 375);
    expectREqual(targetQueueSize(30, 50, 6), 250);
  });

  it('waitingListPressure (calc_waiting_list_pressure)', () => {
    expectREqual(waitingListPressure(63, 52), (2 * 63) / 52);
    expectREqual(waitingListPressure(63, 52), 2.42307692);
    expectREqual(waitingListPressure(42, 24), 3.5);
    expectREqual(waitingListPressure(55, 50), 2.2);
  });

  it('reliefCapacity (calc_relief_capacity)', () => {
    expectREqual(reliefCapacity(30, 1200, 390, 26), 30 + (1200 - 390) / 26);
    expectREqual(reliefCapacity(30, 1200, 390, 26), 61.153846);
    expectREqual(reliefCapacity(33, 800, 200, 30), 53);
    expectREqual(reliefCapacity(35, 250, 100, 15), 45);
    expectREqual(reliefCapacity(30, 1200, 390), 61.153846); // time_to_target defaults to 26
  });

  it('reliefCapacity inflates an estimated demand by two standard errors, as the package does', () => {
    // 2·30·0.5/√100 = 3 ≥ 1: the package leaves the demand alone.
    expectREqual(reliefCapacity(30, 1200, 390, 26, 100, 0.5), 61.153846);
    // 2·30·0.1/√3600 = 0.1 < 1: demand becomes 30 / 0.9.
    expectREqual(reliefCapacity(30, 1200, 390, 26, 3600, 0.1), 30 / 0.9 + 810 / 26);
  });

  it('targetCapacity (calc_target_capacity, Kingman form)', () => {
    expectREqual(targetCapacity(30, 52, 3, 1.1, 1.2), 30 + ((1.1 ** 2 + 1.2 ** 2) / 2) * (3 / 52));
    expectREqual(targetCapacity(30, 52, 3, 1.1, 1.2), 30.076442);
    // The package's (now commented-out) vector test values.
    expectREqual(targetCapacity(30, 52, 3, 1.1, 1.4), 30.0914423);
    expectREqual(targetCapacity(42, 65, 2, 1.2, 1.5), 42.0567692);
    expectREqual(targetCapacity(35, 50, 1, 1.3, 1.6), 35.0425);
    expectREqual(targetCapacity(4, 52), 4 + 4 / 52); // defaults: factor 4, cv 1 and 1
  });

  it('reject non-numeric input naming the argument, like the package’s check_class', () => {
    expect(() => queueLoad('x' as unknown as number, 1)).toThrow('demand: expected a finite number, got "x"');
    expect(() => targetQueueSize(30, 0)).toThrow('target_wait: expected a positive number, got 0');
    expect(() => reliefCapacity(30, 1200, 390, -1)).toThrow('time_to_target');
  });
});
