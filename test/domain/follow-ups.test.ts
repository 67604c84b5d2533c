import { describe, it, expect } from 'vitest';
import { addMonths, nextFollowUpDue, scheduledBetween, scheduledOn, isOverdue, type FollowUpSchedule } from '../../server/domain/follow-ups.ts';
import { defaultConfig } from '../../server/config.ts';

const { iud, oral, injectable, implant, condom } = defaultConfig.people.followUps;
const EARLY = defaultConfig.people.followUpEarlyDays;

describe('addMonths keeps the day, or the month’s last day', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-08-31', 3, '2026-11-30'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-03-31', 6, '2026-09-30'],
    ['2099-12-31', 1, '2100-01-31'],
    ['2100-01-29', 1, '2100-02-28'],
  ] as const)('%s + %i months = %s', (from, months, want) => {
    expect(addMonths(from, months)).toBe(want);
  });
});

describe('the default schedules (issue 20 item 5)', () => {
  it('an IUD at 1, 3, 6 and 12 months after insertion, then yearly, always counted from the insertion (no drift at month ends)', () => {
    const dates = Array.from({ length: 7 }, (_, k) => scheduledOn(iud!, '2026-01-31', k));
    expect(dates).toEqual(['2026-02-28', '2026-04-30', '2026-07-31', '2027-01-31', '2028-01-31', '2029-01-31', '2030-01-31']);
  });

  it('an IUD inserted on 29 February 2024: 29 March, 29 May, 29 August, then 28 February in common years and 29 in leap years', () => {
    const dates = Array.from({ length: 8 }, (_, k) => scheduledOn(iud!, '2024-02-29', k));
    expect(dates).toEqual(['2024-03-29', '2024-05-29', '2024-08-29', '2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29', '2029-02-28']);
  });

  it('pills and injections each quarter, implants yearly, condoms none', () => {
    expect([0, 1, 2, 3].map((k) => scheduledOn(oral!, '2026-11-30', k))).toEqual(['2027-02-28', '2027-05-30', '2027-08-30', '2027-11-30']);
    expect(scheduledOn(injectable!, '2026-08-31', 0)).toBe('2026-11-30');
    expect([0, 1].map((k) => scheduledOn(implant!, '2024-02-29', k))).toEqual(['2025-02-28', '2026-02-28']);
    expect(condom).toBeNull();
    expect(nextFollowUpDue(condom, '2026-01-01', null, EARLY)).toBeNull();
  });

  it('a schedule without `thenEvery` ends after its listed months', () => {
    const once: FollowUpSchedule = { months: [1, 3] };
    expect([0, 1, 2].map((k) => scheduledOn(once, '2026-01-10', k))).toEqual(['2026-02-10', '2026-04-10', null]);
    expect(nextFollowUpDue(once, '2026-01-10', '2026-04-10', EARLY)).toBeNull();
  });
});

describe('nextFollowUpDue: the worked example of an IUD inserted 2026-01-31, 15 days early allowed', () => {
  it.each([
    [null, '2026-02-28', 'no visit yet: the first date'],
    ['2026-02-20', '2026-04-30', '8 days early counts for 28 February'],
    ['2026-02-13', '2026-04-30', 'exactly 15 days early still counts'],
    ['2026-02-12', '2026-02-28', '16 days early does not'],
    ['2026-02-28', '2026-04-30', 'on the day'],
    ['2026-03-15', '2026-04-30', 'late, before the next date'],
    ['2026-05-20', '2026-07-31', 'after 30 April was missed: the missed date is not carried over'],
    ['2026-12-31', '2027-01-31', 'a visit 31 days before the 12-month date does not count for it'],
    ['2027-01-20', '2028-01-31', 'the 12-month visit, 11 days early; then yearly'],
    ['2025-12-01', '2026-02-28', 'a visit before the insertion (of an earlier method) does not count'],
  ] as [string | null, string, string][])('last visit %s → next %s (%s)', (last, want) => {
    expect(nextFollowUpDue(iud!, '2026-01-31', last, EARLY)).toBe(want);
  });

  it('pills started on 30 November: due 28 February; a visit on 20 February counts, next 30 May', () => {
    expect(nextFollowUpDue(oral!, '2026-11-30', null, EARLY)).toBe('2027-02-28');
    expect(nextFollowUpDue(oral!, '2026-11-30', '2027-02-20', EARLY)).toBe('2027-05-30');
  });
});

describe('overdue and the quarter’s due dates', () => {
  it('is overdue from the day after its date', () => {
    expect(isOverdue('2026-11-20', '2026-11-20')).toBe(false);
    expect(isOverdue('2026-11-20', '2026-11-21')).toBe(true);
  });

  it('lists the scheduled dates within a quarter, inclusive at both ends', () => {
    expect(scheduledBetween(oral!, '2026-01-15', '2026-04-01', '2026-06-30')).toEqual(['2026-04-15']);
    expect(scheduledBetween(iud!, '2026-03-10', '2026-04-01', '2026-06-30')).toEqual(['2026-04-10', '2026-06-10']);
    expect(scheduledBetween(iud!, '2025-12-31', '2026-01-01', '2026-03-31')).toEqual(['2026-01-31', '2026-03-31']);
    expect(scheduledBetween(condom, '2026-01-01', '2026-01-01', '2026-12-31')).toEqual([]);
  });
});
