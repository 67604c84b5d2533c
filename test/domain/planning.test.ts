import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { allocationDeadline, assertWithinAvailable, demandYearState, isAllocationLate, proposeAllocation, proposeDemand, usersTrendPct, type DemandInputs } from '../../server/domain/planning.ts';

const township: DemandInputs = {
  lastYearIssued: 0,
  lastYearDispensed: 15_000,
  openingStock: 1_500,
  stockBelow: 900,
  users: 1_200,
  standardAnnualUse: 13,
  turnoverMonths: 3,
  trendPct: 5,
  childrenRequested: 0,
  hasPlanningChildren: false,
};

describe('the demand proposal (S0:346-348)', () => {
  it('follows the worked example: a township of 1,200 pill users asks 18,075, its county 30,000', () => {
    expect(proposeDemand(township)).toBe(18_075);
    expect(proposeDemand({ ...township, openingStock: 5_000, stockBelow: 0, users: null, childrenRequested: 18_075 + 9_925, hasPlanningChildren: true })).toBe(30_000);
  });

  it('falls back on last year’s execution when the users are unknown, and never proposes less than nothing', () => {
    expect(proposeDemand({ ...township, users: null, trendPct: 0, turnoverMonths: 0, openingStock: 0, stockBelow: 0 })).toBe(15_000);
    expect(proposeDemand({ ...township, users: 0, lastYearIssued: 400, lastYearDispensed: 0, trendPct: 0, turnoverMonths: 0, openingStock: 0, stockBelow: 0 })).toBe(400);
    expect(proposeDemand({ ...township, openingStock: 50_000 })).toBe(0);
    expect(proposeDemand({ ...township, childrenRequested: 100, hasPlanningChildren: true, openingStock: 1_000 })).toBe(100);
  });

  it('reads the users’ trend between two half-years', () => {
    expect(usersTrendPct(1_000, 1_050)).toBe(5);
    expect(usersTrendPct(1_200, 1_100)).toBe(-8.3);
    expect(usersTrendPct(null, 1_100)).toBe(0);
    expect(usersTrendPct(0, 10)).toBe(0);
  });
});

describe('the allocation proposal (S0:350-351)', () => {
  const claim = (childId: number, requested: number | null, lastYearUse = 0, forecastChangePct = 0) => ({ childId, requested, lastYearUse, lastYearUsers: 0, forecastChangePct });

  it('follows the worked example: 1,000 among requests of 600 and 300 and a silent child that used 180 (+10 %)', () => {
    expect(Object.fromEntries(proposeAllocation([claim(1, 600), claim(2, 300), claim(3, null, 180, 10)], 1_000))).toEqual({ 1: 547, 2: 273, 3: 180 });
  });

  it('gives every child its target when they fit', () => {
    expect(Object.fromEntries(proposeAllocation([claim(1, 600), claim(2, 300)], 1_000))).toEqual({ 1: 600, 2: 300 });
    expect(Object.fromEntries(proposeAllocation([claim(1, 600)], 0))).toEqual({ 1: 0 });
  });

  it('never allocates more than is available, nor more than a child’s target, and uses all of it when short (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 5_000 })), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 20_000 }), (requests, available) => {
        const claims = requests.map((r, i) => claim(i + 1, r, 100, 0));
        const split = proposeAllocation(claims, available);
        const targets = claims.map((c) => c.requested ?? 100);
        const sum = [...split.values()].reduce((s, q) => s + q, 0);
        expect(sum).toBeLessThanOrEqual(available);
        claims.forEach((c, i) => expect(split.get(c.childId)!).toBeLessThanOrEqual(targets[i]!));
        expect(sum).toBe(Math.min(available, targets.reduce((s, t) => s + t, 0)));
      }),
    );
  });

  it('refuses to allocate more than is available of a product', () => {
    const available = new Map([[7, 100]]);
    expect(() => assertWithinAvailable([{ productId: 7, allocated: 60 }, { productId: 7, allocated: 40 }], available)).not.toThrow();
    expect(() => assertWithinAvailable([{ productId: 7, productCode: 'KJ-0101', allocated: 60 }, { productId: 7, allocated: 41 }], available)).toThrow(expect.objectContaining({ code: 'exceeds_available' }));
  });
});

describe('the planning calendar (S0:348, 351)', () => {
  it('opens the demand plan for a year in the fourth quarter before it and closes it when the year begins', () => {
    expect(demandYearState(2027, '2026-09-30')).toBe('not_open');
    expect(demandYearState(2027, '2026-10-01')).toBe('open');
    expect(demandYearState(2027, '2026-12-31')).toBe('open');
    expect(demandYearState(2027, '2027-01-01')).toBe('closed');
  });

  it('makes the allocation plan late after the end of February', () => {
    expect(allocationDeadline(2027)).toBe('2027-02-28');
    expect(allocationDeadline(2028)).toBe('2028-02-29');
    expect(isAllocationLate(2027, '2027-02-28', '2027-03-10')).toBe(false);
    expect(isAllocationLate(2027, '2027-03-01', '2027-03-10')).toBe(true);
    expect(isAllocationLate(2027, null, '2027-02-28')).toBe(false);
    expect(isAllocationLate(2027, null, '2027-03-01')).toBe(true);
  });
});
