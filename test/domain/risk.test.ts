import { describe, it, expect } from 'vitest';
import {
  addMonths,
  coveredMinutes,
  cypOf,
  expiryBucketsOf,
  expiryHorizons,
  groupReasons,
  lastFullMonths,
  monthsOfStock,
  share,
  shiftMonth,
  stockRisk,
} from '../../server/domain/risk.ts';

describe('calendar arithmetic of the risk reports', () => {
  it('adds months to a date, keeping the day or taking the month’s last', () => {
    expect(addMonths('2026-11-22', 3)).toBe('2027-02-22');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2027-08-31', -6)).toBe('2027-02-28');
    expect(addMonths('2026-11-22', 12)).toBe('2027-11-22');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
  });

  it('shifts months and takes the last whole months before today’s', () => {
    expect(shiftMonth('2026-11', -12)).toBe('2025-11');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(lastFullMonths('2026-11-22', 12)).toEqual({ from: '2025-11', to: '2026-10' });
    expect(lastFullMonths('2026-01-01', 12)).toEqual({ from: '2025-01', to: '2025-12' });
  });
});

describe('expiry buckets (expiring report)', () => {
  const byDefault = expiryHorizons('2026-11-22', '2026-11-23');

  it('counts a batch as expired on its expiry date, and the windows cumulatively from the day after', () => {
    expect(byDefault).toEqual({ firstUsable: '2026-11-23', within3: '2027-02-22', within6: '2027-05-22', within12: '2027-11-22' });
    expect(expiryBucketsOf('2026-11-21', byDefault)).toEqual(['expired']);
    expect(expiryBucketsOf('2026-11-22', byDefault)).toEqual(['expired']);
    expect(expiryBucketsOf('2026-11-23', byDefault)).toEqual(['within3', 'within6', 'within12']);
    expect(expiryBucketsOf('2027-02-22', byDefault)).toEqual(['within3', 'within6', 'within12']);
    expect(expiryBucketsOf('2027-02-23', byDefault)).toEqual(['within6', 'within12']);
    expect(expiryBucketsOf('2027-05-23', byDefault)).toEqual(['within12']);
    expect(expiryBucketsOf('2027-11-22', byDefault)).toEqual(['within12']);
    expect(expiryBucketsOf('2027-11-23', byDefault)).toEqual([]);
  });

  it('keeps the expiry date usable when expiry counts from the day after', () => {
    const dayAfter = expiryHorizons('2026-11-22', '2026-11-22');
    expect(expiryBucketsOf('2026-11-22', dayAfter)).toEqual(['within3', 'within6', 'within12']);
    expect(expiryBucketsOf('2026-11-21', dayAfter)).toEqual(['expired']);
  });
});

describe('months of stock and its risk', () => {
  const t = { lowStockMonths: 2, overStockMonths: 12 };

  it('divides usable stock by average monthly use, empty without use', () => {
    expect(monthsOfStock(8, 5)).toBe(1.6);
    expect(monthsOfStock(10, 3)).toBe(3.33);
    expect(monthsOfStock(0, 5)).toBe(0);
    expect(monthsOfStock(7, 0)).toBeNull();
  });

  it('is stocked out with nothing usable, low under the threshold, over beyond it or without use', () => {
    expect(stockRisk(0, 5, t)).toBe('stocked_out');
    expect(stockRisk(0, 0, t)).toBe('stocked_out');
    expect(stockRisk(8, 5, t)).toBe('low');
    expect(stockRisk(40, 20, t)).toBe('ok'); // exactly 2 months is not low
    expect(stockRisk(39, 20, t)).toBe('low');
    expect(stockRisk(60, 5, t)).toBe('ok'); // exactly 12 is not over
    expect(stockRisk(61, 5, t)).toBe('over');
    expect(stockRisk(7, 0, t)).toBe('over');
    expect(stockRisk(30, 5, { lowStockMonths: 7, overStockMonths: 12 })).toBe('low');
  });

  it('rounds shares to four places and refuses to divide by nothing', () => {
    expect(share(19, 21)).toBe(0.9048);
    expect(share(0, 5)).toBe(0);
    expect(share(3, 0)).toBeNull();
  });
});

describe('time out of compliance', () => {
  const MIN = 60_000;
  it('counts the union of intervals inside the window once, an open one up to the window’s end', () => {
    expect(coveredMinutes([{ start: 10 * MIN, end: 30 * MIN }, { start: 20 * MIN, end: 40 * MIN }, { start: 90 * MIN, end: null }], 0, 100 * MIN)).toBe(40);
    expect(coveredMinutes([{ start: -50 * MIN, end: 5 * MIN }, { start: 95 * MIN, end: 200 * MIN }], 0, 100 * MIN)).toBe(10);
    expect(coveredMinutes([{ start: 10 * MIN, end: 20 * MIN }, { start: 20 * MIN, end: 25 * MIN }], 0, 100 * MIN)).toBe(15);
    expect(coveredMinutes([{ start: 200 * MIN, end: 300 * MIN }], 0, 100 * MIN)).toBe(0);
    expect(coveredMinutes([], 0, 100 * MIN)).toBe(0);
  });
});

describe('FEFO override reasons and couple-years of protection', () => {
  it('groups reasons by their trimmed text, most frequent first', () => {
    expect(groupReasons([' 整箱发货', '客户要求', '整箱发货 ', 'b', 'a'])).toEqual([
      { reason: '整箱发货', count: 2 },
      { reason: 'a', count: 1 },
      { reason: 'b', count: 1 },
      { reason: '客户要求', count: 1 },
    ]);
  });

  it('multiplies by the factor, to two places, and gives nothing without one', () => {
    expect(cypOf(30, 1 / 15)).toBe(2);
    expect(cypOf(12, 10 / 120)).toBe(1);
    expect(cypOf(2, 4.6)).toBe(9.2);
    expect(cypOf(7, 1 / 120)).toBe(0.06);
    expect(cypOf(5, null)).toBeNull();
  });
});
