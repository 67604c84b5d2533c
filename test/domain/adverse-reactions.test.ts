import { describe, it, expect } from 'vitest';
import {
  adrDueOn,
  ageAtOnset,
  assertConfirmable,
  assertSubmittable,
  daysOverdue,
  doneOn,
  isAdrOverdue,
  planConfirmation,
  reportsFor,
  seriousCriteriaOf,
  signalDecision,
  signalWindowFrom,
  validateReportDates,
} from '../../server/domain/adverse-reactions.ts';
import { DomainError } from '../../server/domain/errors.ts';
import { defaultConfig } from '../../server/config.ts';

const DUE = defaultConfig.adverseReactions.dueDays;
const SIGNAL = { threshold: 3, windowDays: 30 };

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, paths: (e.errors ?? []).map((f) => f.path) };
    throw e;
  }
  return null;
};

describe('due times (the national ADR rules: death at once, other serious 15 days, others 30)', () => {
  it('ships death 0, serious 15, other 30 days', () => {
    expect(DUE).toEqual({ death: 0, serious: 15, other: 30 });
  });

  it('counts from the day the depot learned of it (the worked example)', () => {
    expect(adrDueOn('2026-11-10', ['death'], DUE)).toBe('2026-11-10');
    expect(adrDueOn('2026-11-10', ['death', 'hospitalisation'], DUE)).toBe('2026-11-10');
    expect(adrDueOn('2026-11-10', ['hospitalisation'], DUE)).toBe('2026-11-25');
    expect(adrDueOn('2026-11-10', [], DUE)).toBe('2026-12-10');
  });

  it('crosses month, year and leap-day boundaries by calendar days', () => {
    expect(adrDueOn('2027-12-20', ['permanent_organ_damage'], DUE)).toBe('2028-01-04');
    expect(adrDueOn('2028-02-14', ['hospitalisation'], DUE)).toBe('2028-02-29');
    expect(adrDueOn('2028-02-14', [], DUE)).toBe('2028-03-15');
    expect(adrDueOn('2027-02-14', [], DUE)).toBe('2027-03-16');
  });

  it('follows the configured days', () => {
    expect(adrDueOn('2026-11-10', ['death'], { death: 1, serious: 7, other: 20 })).toBe('2026-11-11');
  });

  it('is on time on the due date itself and overdue from the next day, until it is where it goes', () => {
    expect(isAdrOverdue({ dueOn: '2026-11-25', doneOn: null }, '2026-11-25')).toBe(false);
    expect(isAdrOverdue({ dueOn: '2026-11-25', doneOn: null }, '2026-11-26')).toBe(true);
    expect(isAdrOverdue({ dueOn: '2026-11-25', doneOn: '2026-11-27' }, '2026-11-30')).toBe(false);
    // A death learned of today is due today: overdue tomorrow if not sent.
    expect(isAdrOverdue({ dueOn: adrDueOn('2026-11-10', ['death'], DUE), doneOn: null }, '2026-11-10')).toBe(false);
    expect(isAdrOverdue({ dueOn: adrDueOn('2026-11-10', ['death'], DUE), doneOn: null }, '2026-11-11')).toBe(true);
    expect(daysOverdue('2026-11-25', '2026-11-27')).toBe(2);
    expect(daysOverdue('2026-11-25', '2026-11-24')).toBe(0);
  });

  it('takes form 11 as done when filed, a serious case when its form 13 went to the region', () => {
    expect(doneOn({ status: 'filed', filedOn: '2026-11-03', submittedOn: null })).toBe('2026-11-03');
    expect(doneOn({ status: 'awaiting_confirmation', filedOn: '2026-11-03', submittedOn: null })).toBeNull();
    expect(doneOn({ status: 'confirmed', filedOn: '2026-11-03', submittedOn: null })).toBeNull();
    expect(doneOn({ status: 'submitted', filedOn: '2026-11-03', submittedOn: '2026-11-09' })).toBe('2026-11-09');
  });
});

describe('signal window (threshold reports on one lot within windowDays)', () => {
  it('opens the window windowDays - 1 days back: 30 days ending 2026-11-30 start 2026-11-01', () => {
    expect(signalWindowFrom('2026-11-30', SIGNAL)).toBe('2026-11-01');
    // Across February: 29 days of it in a leap year, 28 otherwise.
    expect(signalWindowFrom('2028-03-01', SIGNAL)).toBe('2028-02-01');
    expect(signalWindowFrom('2027-03-01', SIGNAL)).toBe('2027-01-31');
  });

  it('raises at the threshold with the first report on the window’s first day, not one day earlier', () => {
    expect(signalDecision(['2026-11-01', '2026-11-15', '2026-11-30'], null, '2026-11-30', SIGNAL)).toBe('raise');
    expect(signalDecision(['2026-10-31', '2026-11-15', '2026-11-30'], null, '2026-11-30', SIGNAL)).toBe('none');
    expect(signalDecision(['2026-11-15', '2026-11-30'], null, '2026-11-30', SIGNAL)).toBe('none');
    expect(signalDecision(['2026-11-30', '2026-11-30', '2026-11-30'], null, '2026-11-30', SIGNAL)).toBe('raise');
  });

  it('joins a signal raised within the window instead of raising a second one', () => {
    expect(signalDecision(['2026-11-01', '2026-11-15', '2026-11-30', '2026-12-05'], '2026-11-30', '2026-12-05', SIGNAL)).toBe('join');
    // The signal's own last day in the window: raised 2026-11-30, window of 2026-12-29 starts 2026-11-30.
    expect(signalDecision(['2026-12-29'], '2026-11-30', '2026-12-29', SIGNAL)).toBe('join');
    // One day later the signal has left the window: the lot counts anew.
    expect(signalDecision(['2026-12-05', '2026-12-30'], '2026-11-30', '2026-12-30', SIGNAL)).toBe('none');
    expect(signalDecision(['2026-12-05', '2026-12-20', '2026-12-30'], '2026-11-30', '2026-12-30', SIGNAL)).toBe('raise');
  });

  it('follows the configured threshold and window', () => {
    expect(signalDecision(['2026-11-29', '2026-11-30'], null, '2026-11-30', { threshold: 2, windowDays: 2 })).toBe('raise');
    expect(signalDecision(['2026-11-28', '2026-11-30'], null, '2026-11-30', { threshold: 2, windowDays: 2 })).toBe('none');
  });
});

describe('report dates', () => {
  it('takes use started ≤ onset ≤ learned of it ≤ today, the same day throughout included', () => {
    expect(refusal(() => validateReportDates({ useStartedOn: '2026-11-22', onsetOn: '2026-11-22', learnedOn: '2026-11-22' }, '2026-11-22'))).toBeNull();
  });

  it('refuses an onset before use started and a learning before the onset, naming each field', () => {
    expect(refusal(() => validateReportDates({ useStartedOn: '2026-11-02', onsetOn: '2026-11-01', learnedOn: '2026-11-03' }, '2026-11-22'))).toEqual({ code: 'validation_failed', paths: ['onsetOn'] });
    expect(refusal(() => validateReportDates({ useStartedOn: '2026-11-01', onsetOn: '2026-11-05', learnedOn: '2026-11-04' }, '2026-11-22'))).toEqual({ code: 'validation_failed', paths: ['learnedOn'] });
    expect(refusal(() => validateReportDates({ useStartedOn: '2026-11-06', onsetOn: '2026-11-05', learnedOn: '2026-11-04' }, '2026-11-22'))).toEqual({ code: 'validation_failed', paths: ['onsetOn', 'learnedOn'] });
  });

  it('refuses any date after today, today itself being fine (date_in_future, as the register)', () => {
    expect(refusal(() => validateReportDates({ useStartedOn: '2026-11-01', onsetOn: '2026-11-23', learnedOn: '2026-11-23' }, '2026-11-22'))).toEqual({ code: 'date_in_future', paths: ['onsetOn'] });
    expect(refusal(() => validateReportDates({ useStartedOn: '2026-11-23', onsetOn: '2026-11-23', learnedOn: '2026-11-23' }, '2026-11-22'))).toEqual({ code: 'date_in_future', paths: ['useStartedOn'] });
  });
});

describe('serious criteria (S0:427-432) and the county’s decision (S0:438)', () => {
  it('counts a death outcome as the first criterion, in the regulation’s order', () => {
    expect(seriousCriteriaOf(['hospitalisation'], 'death')).toEqual(['death', 'hospitalisation']);
    expect(seriousCriteriaOf([], 'recovered')).toEqual([]);
  });

  it('confirms with the reporter’s criteria unless it names others, and recomputes the due date', () => {
    const report = { learnedOn: '2026-11-10', criteria: ['hospitalisation' as const] };
    expect(planConfirmation(report, { decision: 'confirmed' }, DUE)).toEqual({ status: 'confirmed', criteria: ['hospitalisation'], dueOn: '2026-11-25' });
    expect(planConfirmation(report, { decision: 'confirmed', criteria: ['death'] }, DUE)).toEqual({ status: 'confirmed', criteria: ['death'], dueOn: '2026-11-10' });
    expect(planConfirmation(report, { decision: 'not_serious' }, DUE)).toEqual({ status: 'filed', criteria: [], dueOn: '2026-12-10' });
    expect(refusal(() => planConfirmation(report, { decision: 'not_serious', criteria: ['death'] }, DUE))).toEqual({ code: 'validation_failed', paths: ['criteria'] });
  });

  it('confirms only a report awaiting confirmation, and submits only a confirmed one, once', () => {
    expect(refusal(() => assertConfirmable({ status: 'filed' }))?.code).toBe('not_serious');
    expect(refusal(() => assertConfirmable({ status: 'confirmed' }))?.code).toBe('already_confirmed');
    expect(refusal(() => assertConfirmable({ status: 'awaiting_confirmation' }))).toBeNull();
    expect(refusal(() => assertSubmittable({ status: 'awaiting_confirmation' }))?.code).toBe('confirmation_required');
    expect(refusal(() => assertSubmittable({ status: 'filed' }))?.code).toBe('not_serious');
    expect(refusal(() => assertSubmittable({ status: 'submitted' }))?.code).toBe('case_already_submitted');
    expect(refusal(() => assertSubmittable({ status: 'confirmed' }))).toBeNull();
  });
});

describe('whom a depot reports for', () => {
  const village = { id: 7, parentId: 5 };
  it('its own people and, a township, those of the villages directly below it', () => {
    expect(reportsFor({ id: 7, tier: 'village' }, village)).toBe(true);
    expect(reportsFor({ id: 5, tier: 'township' }, village)).toBe(true);
    expect(reportsFor({ id: 6, tier: 'township' }, village)).toBe(false);
    expect(reportsFor({ id: 4, tier: 'county' }, { id: 5, parentId: 4 })).toBe(false);
  });

  it('gives the age in the onset year', () => {
    expect(ageAtOnset(1990, '2026-11-03')).toBe(36);
    expect(ageAtOnset(null, '2026-11-03')).toBeNull();
  });
});
