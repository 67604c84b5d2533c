import { describe, it, expect } from 'vitest';
import { addMonths, cadenceShare, cadenceStatus, trainingHeld } from '../../server/domain/training-cadence.ts';
import { defaultConfig } from '../../server/config.ts';

const REGION = { times: 1, everyMonths: 24 };
const CITY = { times: 1, everyMonths: 12 };
const TOWNSHIP = { times: 2, everyMonths: 12 };

describe('addMonths', () => {
  it('keeps the day, or takes the month’s last day when it is shorter', () => {
    expect(addMonths('2024-03-01', 24)).toBe('2026-03-01');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2028-02-29', 48)).toBe('2032-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-12-31', -12)).toBe('2025-12-31');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
});

describe('cadenceStatus (TRN-6, S0:468)', () => {
  it('the region trained exactly two years ago is within the rule that day, overdue the day after', () => {
    expect(cadenceStatus(REGION, ['2024-03-01'], '2026-03-01')).toEqual({ rule: REGION, held: 1, lastHeldOn: '2024-03-01', dueBy: '2026-03-01', overdue: false });
    expect(cadenceStatus(REGION, ['2024-03-01'], '2026-03-02')).toMatchObject({ held: 0, dueBy: '2026-03-01', overdue: true });
  });

  it('a city trained on Dec 31 is overdue on Jan 1 of the year after next; trained on Jan 1, not yet: the calendar year plays no part', () => {
    expect(cadenceStatus(CITY, ['2025-12-31'], '2026-12-31')).toMatchObject({ dueBy: '2026-12-31', overdue: false });
    expect(cadenceStatus(CITY, ['2025-12-31'], '2027-01-01')).toMatchObject({ dueBy: '2026-12-31', overdue: true });
    expect(cadenceStatus(CITY, ['2026-01-01'], '2027-01-01')).toMatchObject({ dueBy: '2027-01-01', overdue: false, held: 1 });
  });

  it('a township’s two sessions in one half both count; due a year after the older; a third moves it on', () => {
    const two = ['2026-02-20', '2026-01-10'];
    expect(cadenceStatus(TOWNSHIP, two, '2026-11-22')).toMatchObject({ held: 2, lastHeldOn: '2026-02-20', dueBy: '2027-01-10', overdue: false });
    expect(cadenceStatus(TOWNSHIP, two, '2027-01-11')).toMatchObject({ held: 1, overdue: true });
    expect(cadenceStatus(TOWNSHIP, [...two, '2026-09-01'], '2027-01-11')).toMatchObject({ held: 2, dueBy: '2027-02-20', overdue: false });
  });

  it('one session where two are asked is overdue at once; never trained is overdue with no due date', () => {
    expect(cadenceStatus(TOWNSHIP, ['2026-06-01'], '2026-06-02')).toMatchObject({ held: 1, dueBy: null, overdue: true });
    expect(cadenceStatus(CITY, [], '2026-06-02')).toEqual({ rule: CITY, held: 0, lastHeldOn: null, dueBy: null, overdue: true });
  });

  it('does not count a record dated after today', () => {
    expect(cadenceStatus(CITY, ['2026-12-01'], '2026-11-22')).toMatchObject({ held: 0, lastHeldOn: null, overdue: true });
  });
});

describe('cadenceShare and the assessment’s training_held', () => {
  it('counts the rule’s window up to the year’s end: the calendar year for a yearly rule, two for the region', () => {
    expect(cadenceShare(TOWNSHIP, ['2025-12-31', '2026-01-01'], '2026-12-31')).toEqual({ held: 1, required: 2, from: '2025-12-31', share: 0.5 });
    expect(cadenceShare(REGION, ['2025-04-01'], '2026-12-31')).toMatchObject({ held: 1, share: 1 });
    expect(cadenceShare(CITY, ['2026-03-01', '2026-09-01'], '2026-12-31')).toMatchObject({ held: 2, share: 1 });
  });

  it('a township with one training and one education session in the year scores 0.5; a village has nothing to measure', () => {
    const rules = defaultConfig.training;
    expect(trainingHeld(rules, 'township', { staff: ['2026-05-01'], education: ['2026-06-01'] }, '2026-12-31')).toEqual({
      value: 0.5,
      inputs: { trainingsHeld: 1, trainingsRequired: 2, trainingsSince: '2025-12-31', educationHeld: 1, educationRequired: 2, educationSince: '2025-12-31', until: '2026-12-31' },
    });
    expect(trainingHeld(rules, 'county', { staff: ['2026-05-01', '2026-06-01'], education: [] }, '2026-12-31').value).toBe(1);
    expect(trainingHeld(rules, 'village', { staff: [], education: [] }, '2026-12-31')).toEqual({ value: null, inputs: { until: '2026-12-31' } });
  });
});
