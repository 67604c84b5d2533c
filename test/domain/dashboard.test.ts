import { describe, it, expect } from 'vitest';
import { demandPlanStatus, depotState, lastCompletedHalf, planCalendar, type GlanceFigures } from '../../server/domain/dashboard.ts';

const calm: GlanceFigures = {
  stockValueFen: 1_000_000,
  expiredQuantity: 0,
  expiredInQualified: 0,
  nearExpiryQuantity: 0,
  openExcursions: 0,
  missingLogs: 0,
  countsOverdue: 0,
  openWriteOffs: 0,
  demandPlan: 'submitted',
};

describe('depotState: one worst state per row of the tree', () => {
  it('is ok with nothing to do, near-expiry stock alone (FEFO issues it first) and no plan where the tier makes none', () => {
    expect(depotState(calm, 'open')).toBe('ok');
    expect(depotState({ ...calm, nearExpiryQuantity: 900 }, 'open')).toBe('ok');
    expect(depotState({ ...calm, demandPlan: null }, 'open')).toBe('ok');
    expect(depotState({ ...calm, stockValueFen: 0 }, 'closed')).toBe('ok');
  });

  it('is attention for work due: a missing log, an overdue count, expired stock in the red zone, an open write-off', () => {
    for (const change of [{ missingLogs: 1 }, { countsOverdue: 1 }, { expiredQuantity: 48 }, { openWriteOffs: 1 }]) {
      expect(depotState({ ...calm, ...change }, 'open'), JSON.stringify(change)).toBe('attention');
    }
  });

  it('is attention for a demand plan not submitted only while the window is open (DP-3)', () => {
    for (const plan of ['none', 'draft', 'signed', 'returned'] as const) {
      expect(depotState({ ...calm, demandPlan: plan }, 'open'), plan).toBe('attention');
      expect(depotState({ ...calm, demandPlan: plan }, 'not_open'), plan).toBe('ok');
      expect(depotState({ ...calm, demandPlan: plan }, 'closed'), plan).toBe('ok');
    }
  });

  it('is alert for an open excursion (S0:380) or expired stock still in the qualified zone, whatever else', () => {
    expect(depotState({ ...calm, openExcursions: 1 }, 'closed')).toBe('alert');
    expect(depotState({ ...calm, expiredQuantity: 30, expiredInQualified: 30 }, 'closed')).toBe('alert');
    expect(depotState({ ...calm, openExcursions: 2, missingLogs: 3, countsOverdue: 5, demandPlan: 'none' }, 'open')).toBe('alert');
  });
});

describe('demandPlanStatus', () => {
  it('tells a signed draft from an unsigned one, and none from a plan', () => {
    expect(demandPlanStatus(undefined)).toBe('none');
    expect(demandPlanStatus({ status: 'draft', signed: false })).toBe('draft');
    expect(demandPlanStatus({ status: 'draft', signed: true })).toBe('signed');
    expect(demandPlanStatus({ status: 'returned', signed: false })).toBe('returned');
    expect(demandPlanStatus({ status: 'submitted', signed: true })).toBe('submitted');
  });
});

describe('planCalendar (DP-3: the fourth quarter; AP-3: by the end of February)', () => {
  it('in the window: next year’s demand plan with the days to 31 December, next year’s allocation', () => {
    expect(planCalendar('2026-11-22', 10)).toEqual({
      demand: { year: 2027, state: 'open', opensOn: '2026-10-01', closesOn: '2026-12-31', daysToOpen: null, daysLeft: 39 },
      allocation: { year: 2027, dueOn: '2027-02-28', daysLeft: 98 },
    });
  });

  it('on the window’s first and last days', () => {
    expect(planCalendar('2026-10-01', 10).demand).toMatchObject({ state: 'open', daysLeft: 91 });
    expect(planCalendar('2026-12-31', 10).demand).toMatchObject({ state: 'open', daysLeft: 0 });
    expect(planCalendar('2026-09-30', 10).demand).toMatchObject({ year: 2027, state: 'not_open', daysToOpen: 1, daysLeft: null });
  });

  it('after New Year: the next window, and this year’s allocation due on the last day of February (29 in a leap year)', () => {
    expect(planCalendar('2027-01-01', 10)).toEqual({
      demand: { year: 2028, state: 'not_open', opensOn: '2027-10-01', closesOn: '2027-12-31', daysToOpen: 273, daysLeft: null },
      allocation: { year: 2027, dueOn: '2027-02-28', daysLeft: 58 },
    });
    expect(planCalendar('2028-02-29', 10).allocation).toEqual({ year: 2028, dueOn: '2028-02-29', daysLeft: 0 });
  });

  it('from March to September: this year’s allocation, past due (negative days)', () => {
    expect(planCalendar('2026-05-10', 10)).toEqual({
      demand: { year: 2027, state: 'not_open', opensOn: '2026-10-01', closesOn: '2026-12-31', daysToOpen: 144, daysLeft: null },
      allocation: { year: 2026, dueOn: '2026-02-28', daysLeft: -71 },
    });
  });

  it('follows a configured opening month', () => {
    expect(planCalendar('2026-09-15', 9).demand).toMatchObject({ state: 'open', opensOn: '2026-09-01', daysLeft: 107 });
    expect(planCalendar('2026-09-15', 9).allocation.year).toBe(2027);
  });
});

describe('lastCompletedHalf (使用人数, S0:372)', () => {
  it('is the first half from 1 July and the second half of last year before it', () => {
    expect(lastCompletedHalf('2026-11-22')).toEqual({ year: 2026, half: 1 });
    expect(lastCompletedHalf('2026-07-01')).toEqual({ year: 2026, half: 1 });
    expect(lastCompletedHalf('2026-06-30')).toEqual({ year: 2025, half: 2 });
    expect(lastCompletedHalf('2027-01-01')).toEqual({ year: 2026, half: 2 });
  });
});
