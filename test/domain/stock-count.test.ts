import { describe, it, expect } from 'vitest';
import {
  COUNT_INTERVAL_MONTHS,
  addMonths,
  assertAllCounted,
  assertCountCancellable,
  assertCountOpen,
  assertCountSubmitted,
  countDueOn,
  countNumber,
  countTotals,
  countedAfter,
  isCountOverdue,
  isExpectedHidden,
  lineVariance,
  normaliseZones,
  planCountAdjustment,
  varianceValueFen,
  viewLine,
  type CountLine,
  type StockCountStatus,
} from '../../server/domain/stock-count.ts';
import { DomainError } from '../../server/domain/errors.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
};

/** The worked example of the doc comments: lot A short 3, lot B right, lot C found. */
const sheet: CountLine[] = [
  { zone: 'qualified', batchId: 1, expected: 100, counted: 97, unitPriceFen: 250 },
  { zone: 'qualified', batchId: 2, expected: 40, counted: 40, unitPriceFen: 300 },
  { zone: 'pending', batchId: 3, expected: 0, counted: 12, unitPriceFen: 180 },
];

describe('a line’s variance (盘盈/盘亏, S0:384)', () => {
  it('is counted minus expected, valued at the line’s price; null until counted', () => {
    expect(lineVariance(sheet[0])).toBe(-3);
    expect(varianceValueFen(sheet[0])).toBe(-750);
    expect(lineVariance(sheet[2])).toBe(12);
    expect(varianceValueFen(sheet[2])).toBe(2160);
    expect(lineVariance({ expected: 5, counted: null })).toBeNull();
    expect(varianceValueFen({ expected: 5, counted: null, unitPriceFen: 100 })).toBeNull();
  });

  it('a scan adds to the line, a typed figure replaces it', () => {
    expect(countedAfter(null, 1, 'add')).toBe(1);
    expect(countedAfter(20, 10, 'add')).toBe(30);
    expect(countedAfter(20, 28, 'set')).toBe(28);
    expect(countedAfter(20, 0, 'set')).toBe(0);
  });
});

describe('what an approved count posts (SC-4 账物相符)', () => {
  it('posts one line per non-zero variance, at its zone and batch and price', () => {
    expect(planCountAdjustment(3, sheet)).toEqual([
      { depotId: 3, location: 'qualified', batchId: 1, quantity: -3, unitPriceFen: 250 },
      { depotId: 3, location: 'pending', batchId: 3, quantity: 12, unitPriceFen: 180 },
    ]);
  });
  it('posts nothing when the goods match the books', () => {
    expect(planCountAdjustment(3, [sheet[1]])).toEqual([]);
  });
  it('refuses a sheet with a line not counted (lines_not_counted)', () => {
    expect(codeOf(() => planCountAdjustment(3, [...sheet, { zone: 'qualified', batchId: 9, expected: 5, counted: null, unitPriceFen: 1 }]))).toBe('lines_not_counted');
  });
});

describe('the variance report to the leader (SC-1)', () => {
  /** The sheet with its units: lots A and B in 板, lot C (found) in 盒. */
  const units = (['板', '板', '盒'] as const).map((unitZh, i) => ({ ...sheet[i]!, unitZh, unitEn: unitZh === '板' ? 'blister' : 'box' }));

  it('totals each unit apart, surplus and shortage as magnitudes, and the values across units into the net value', () => {
    expect(countTotals(units, false)).toEqual({
      lines: 3,
      countedLines: 3,
      byUnit: [
        { unitZh: '板', unitEn: 'blister', lines: 2, countedLines: 2, expected: 140, counted: 137, over: 0, short: 3, overValueFen: 0, shortValueFen: 750 },
        { unitZh: '盒', unitEn: 'box', lines: 1, countedLines: 1, expected: 0, counted: 12, over: 12, short: 0, overValueFen: 2160, shortValueFen: 0 },
      ],
      overValueFen: 2160,
      shortValueFen: 750,
      netValueFen: 1410,
    });
  });
  it('never adds quantities of different units into one figure', () => {
    const t = countTotals(units, false);
    expect(Object.keys(t).filter((k) => /quantity/i.test(k))).toEqual([]);
    expect(t.byUnit.map((u) => u.unitZh)).toEqual(['板', '盒']);
  });
  it('leaves uncounted lines out of the variances', () => {
    const t = countTotals([{ expected: 10, counted: null, unitPriceFen: 5, unitZh: '盒', unitEn: 'box' }, { expected: 4, counted: 5, unitPriceFen: 5, unitZh: '盒', unitEn: 'box' }], false);
    expect(t).toMatchObject({ lines: 2, countedLines: 1, byUnit: [{ unitZh: '盒', expected: 14, counted: 5, over: 1, short: 0 }], netValueFen: 5 });
  });
  it('hides everything derived from the books in a blind count, keeping what was counted', () => {
    expect(countTotals(units, true)).toEqual({
      lines: 3,
      countedLines: 3,
      byUnit: [
        { unitZh: '板', unitEn: 'blister', lines: 2, countedLines: 2, expected: null, counted: 137, over: null, short: null, overValueFen: null, shortValueFen: null },
        { unitZh: '盒', unitEn: 'box', lines: 1, countedLines: 1, expected: null, counted: 12, over: null, short: null, overValueFen: null, shortValueFen: null },
      ],
      overValueFen: null,
      shortValueFen: null,
      netValueFen: null,
    });
  });
});

describe('the blind view', () => {
  it('hides the book figures only while a blind count is counting', () => {
    const statuses: StockCountStatus[] = ['counting', 'submitted', 'posted', 'cancelled'];
    expect(statuses.map((status) => isExpectedHidden({ blind: true, status }))).toEqual([true, false, false, false]);
    expect(statuses.map((status) => isExpectedHidden({ blind: false, status }))).toEqual([false, false, false, false]);
  });
  it('nulls expected, variance and variance value of a hidden line', () => {
    expect(viewLine({ id: 1, ...sheet[0] }, true)).toEqual({ id: 1, zone: 'qualified', batchId: 1, expected: null, counted: 97, unitPriceFen: 250, variance: null, varianceValueFen: null });
    expect(viewLine({ id: 1, ...sheet[0] }, false)).toMatchObject({ expected: 100, counted: 97, variance: -3, varianceValueFen: -750 });
  });
});

describe('the count’s states', () => {
  const at = (status: StockCountStatus) => ({ number: 'PD-640121-0001', status });
  it('counts only while counting', () => {
    expect(codeOf(() => assertCountOpen(at('counting')))).toBeUndefined();
    expect(['submitted', 'posted', 'cancelled'].map((s) => codeOf(() => assertCountOpen(at(s as StockCountStatus))))).toEqual(['count_not_open', 'count_not_open', 'count_not_open']);
  });
  it('is decided only when submitted; a posted count is final', () => {
    expect(codeOf(() => assertCountSubmitted(at('submitted')))).toBeUndefined();
    expect(codeOf(() => assertCountSubmitted(at('posted')))).toBe('count_already_posted');
    expect(codeOf(() => assertCountSubmitted(at('counting')))).toBe('count_not_submitted');
    expect(codeOf(() => assertCountSubmitted(at('cancelled')))).toBe('count_not_submitted');
  });
  it('is cancelled while counting or submitted', () => {
    expect(codeOf(() => assertCountCancellable(at('counting')))).toBeUndefined();
    expect(codeOf(() => assertCountCancellable(at('submitted')))).toBeUndefined();
    expect(codeOf(() => assertCountCancellable(at('posted')))).toBe('count_already_posted');
    expect(codeOf(() => assertCountCancellable(at('cancelled')))).toBe('count_not_open');
  });
  it('the storekeeper signs only a sheet with every line counted (S0:415), naming the lines missing', () => {
    const lines = [
      { id: 1, lot: 'A', zone: 'qualified', counted: 3 },
      { id: 2, lot: 'B', zone: 'pending', counted: null },
    ];
    expect(codeOf(() => assertAllCounted(lines.slice(0, 1)))).toBeUndefined();
    try {
      assertAllCounted(lines);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'lines_not_counted', data: { lines: [{ id: 2, lot: 'B', zone: 'pending' }] } });
    }
  });
  it('covers the zones named, once each, in yellow-green-red order; all three by default', () => {
    expect(normaliseZones()).toEqual(['pending', 'qualified', 'nonconforming']);
    expect(normaliseZones([])).toEqual(['pending', 'qualified', 'nonconforming']);
    expect(normaliseZones(['nonconforming', 'qualified', 'nonconforming'])).toEqual(['qualified', 'nonconforming']);
  });
  it('numbers counts per depot', () => {
    expect(countNumber('640121', 3)).toBe('PD-640121-0003');
  });
});

describe('the yearly count (SC-1, S0:384: 每年要对库存药具进行定期盘库)', () => {
  it('is every 12 months', () => {
    expect(COUNT_INTERVAL_MONTHS).toBe(12);
  });
  it('adds calendar months, clamping to the month’s end', () => {
    expect(addMonths('2025-11-20', 12)).toBe('2026-11-20');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });
  it('a depot that never counted is overdue', () => {
    expect(isCountOverdue(null, new Date('2026-11-22T04:00:00Z'), 'Asia/Shanghai')).toBe(true);
  });
  it('is due 12 months after the day of the last count, in the depots’ calendar', () => {
    const last = '2025-11-20T02:00:00Z';
    expect(countDueOn(last, 'Asia/Shanghai')).toBe('2026-11-20');
    expect(isCountOverdue(last, new Date('2026-11-20T15:59:00Z'), 'Asia/Shanghai')).toBe(false); // 23:59 on the 20th in Beijing
    expect(isCountOverdue(last, new Date('2026-11-20T16:00:00Z'), 'Asia/Shanghai')).toBe(true); // 00:00 on the 21st
  });
  it('11 months ago is on time, 13 months ago overdue', () => {
    const now = new Date('2026-11-22T04:00:00Z');
    expect(isCountOverdue('2025-12-22T04:00:00Z', now, 'Asia/Shanghai')).toBe(false);
    expect(isCountOverdue('2025-10-22T04:00:00Z', now, 'Asia/Shanghai')).toBe(true);
  });
  it('takes the interval as a parameter (SC-R3: the schedule is configurable)', () => {
    expect(isCountOverdue('2026-04-01T04:00:00Z', new Date('2026-11-22T04:00:00Z'), 'UTC', 6)).toBe(true);
  });
});
