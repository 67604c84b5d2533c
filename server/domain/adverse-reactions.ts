import { DomainError, type FieldError } from './errors.ts';
import { addDays } from './expiry.ts';
import { SERIOUS_CRITERIA, type AdrOutcome, type AdrStatus, type ConfirmationDecision, type SeriousCriterion } from './adverse-vocabulary.ts';

/**
 * Adverse-reaction reports (不良反应, S0:423-439): the village or township dispenser files form 11;
 * a report meeting any of the five serious criteria (S0:427-432) is confirmed by the county's
 * technical service before its case report (form 13) goes to the region, case by case (S0:438).
 * Dates are calendar dates "YYYY-MM-DD" in the depots' calendar; `today` comes from the caller.
 */

export interface ReportDates {
  /** When the person started using the product. */
  useStartedOn: string;
  /** When the reaction began. */
  onsetOn: string;
  /** When the reporting depot learned of it (获知日期): the due time runs from here. */
  learnedOn: string;
}

/**
 * The dates of a report tell one story: use started, then the reaction, then the depot learned
 * of it, and none of it after today (422 date_in_future, as for the register). Dates out of
 * order are named at once (422 validation_failed).
 */
export function validateReportDates(d: ReportDates, today: string): void {
  for (const key of ['useStartedOn', 'onsetOn', 'learnedOn'] as const) {
    if (d[key] > today) throw new DomainError('date_in_future', `${key} ${d[key]} is after today (${today})`, undefined, [{ path: key, message: 'after today' }]);
  }
  const errors: FieldError[] = [];
  if (d.onsetOn < d.useStartedOn) errors.push({ path: 'onsetOn', message: 'not before use started' });
  if (d.learnedOn < d.onsetOn) errors.push({ path: 'learnedOn', message: 'not before the onset' });
  if (errors.length > 0) throw new DomainError('validation_failed', 'The dates of the report do not fit together', undefined, errors);
}

/**
 * The serious criteria a report carries: those flagged, and death when the outcome is death
 * (a reaction whose outcome is death meets the first criterion, S0:428), in the regulation's order.
 */
export function seriousCriteriaOf(flagged: readonly SeriousCriterion[], outcome: AdrOutcome): SeriousCriterion[] {
  const all = new Set<SeriousCriterion>(flagged);
  if (outcome === 'death') all.add('death');
  return SERIOUS_CRITERIA.filter((c) => all.has(c));
}

export const isSerious = (criteria: readonly SeriousCriterion[]) => criteria.length > 0;

/** Days allowed from learning of a reaction to reporting it (the national ADR rules): death, other serious, the rest. */
export interface DueRule {
  death: number;
  serious: number;
  other: number;
}

/**
 * When the report is due where it goes, counted from the day the depot learned of it. With the
 * national defaults (death 0, serious 15, other 30) and learned on 2026-11-10: a death is due
 * the same day, 2026-11-10; another serious reaction 2026-11-25; any other 2026-12-10.
 */
export function adrDueOn(learnedOn: string, criteria: readonly SeriousCriterion[], rule: DueRule): string {
  const days = criteria.includes('death') ? rule.death : isSerious(criteria) ? rule.serious : rule.other;
  return addDays(learnedOn, days);
}

/** Overdue: not yet where it goes, and today is past the due date (on the due date itself it is still on time). */
export function isAdrOverdue(report: { dueOn: string; doneOn: string | null }, today: string): boolean {
  return report.doneOn === null && today > report.dueOn;
}

/** Whole days past the due date: due 2026-11-25, on 2026-11-27 it is 2 days overdue. */
export function daysOverdue(dueOn: string, today: string): number {
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueOn}T00:00:00Z`)) / 86_400_000));
}

/**
 * The day a report reached where it goes: form 11 on filing (it goes to the township), a
 * serious case when its form 13 went to the region; null while it has not.
 */
export function doneOn(report: { status: AdrStatus; filedOn: string; submittedOn: string | null }): string | null {
  if (report.status === 'filed') return report.filedOn;
  return report.status === 'submitted' ? report.submittedOn : null;
}

/** The county decides a report flagged serious, once (409 not_serious, already_confirmed). */
export function assertConfirmable(report: { status: AdrStatus }): void {
  if (report.status === 'filed') throw new DomainError('not_serious', 'This report meets none of the serious criteria: it needs no confirmation');
  if (report.status !== 'awaiting_confirmation') throw new DomainError('already_confirmed', 'This report has been confirmed already');
}

/**
 * Form 13 goes to the region only for a serious reaction the county has confirmed (S0:438
 * 必须经过县级计划生育技术服务机构或同级卫生医疗部门诊断确认), once, one report per case.
 */
export function assertSubmittable(report: { status: AdrStatus }): void {
  if (report.status === 'filed') throw new DomainError('not_serious', 'Only a serious reaction has a case report for the region');
  if (report.status === 'awaiting_confirmation') throw new DomainError('confirmation_required', 'The county’s technical service must confirm the serious reaction before its case report goes to the region (S0:438)');
  if (report.status === 'submitted') throw new DomainError('case_already_submitted', 'This case report has gone to the region already');
}

/**
 * What the county's decision makes of a report: confirmed with the criteria it found (those the
 * reporter flagged unless it names others), or not serious, which leaves an ordinary form 11
 * report, on time if filed within the ordinary due time.
 */
export function planConfirmation(
  report: { learnedOn: string; criteria: readonly SeriousCriterion[] },
  decision: { decision: ConfirmationDecision; criteria?: readonly SeriousCriterion[] },
  rule: DueRule,
): { status: AdrStatus; criteria: SeriousCriterion[]; dueOn: string } {
  if (decision.decision === 'not_serious') {
    if (decision.criteria && decision.criteria.length > 0) {
      throw new DomainError('validation_failed', 'A reaction found not serious meets none of the criteria', undefined, [{ path: 'criteria', message: 'leave empty when not serious' }]);
    }
    return { status: 'filed', criteria: [], dueOn: adrDueOn(report.learnedOn, [], rule) };
  }
  const criteria = [...(decision.criteria && decision.criteria.length > 0 ? decision.criteria : report.criteria)];
  return { status: 'confirmed', criteria, dueOn: adrDueOn(report.learnedOn, criteria, rule) };
}

/** When reports on one lot make a signal: `threshold` reports filed within `windowDays` days. */
export interface SignalRule {
  threshold: number;
  windowDays: number;
}

/** The first day of the window that ends today: 30 days ending 2026-11-30 start 2026-11-01. */
export function signalWindowFrom(today: string, rule: SignalRule): string {
  return addDays(today, -(rule.windowDays - 1));
}

/**
 * What a new report on a lot does (the lot's reports filed so far, this one included):
 * - `join`: a signal on this lot was raised within the window; the report joins it, nobody is told again;
 * - `raise`: `threshold` or more reports filed within the window: a new signal, the region is told;
 * - `none`: not (yet) a signal.
 * Example with 3 in 30 days on 2026-11-30: reports filed 2026-11-01, 11-15 and 11-30 raise one;
 * filed 2026-10-31, 11-15 and 11-30 do not (10-31 is 31 days back). A fourth on 12-05 joins the
 * signal raised 11-30; one on 2026-12-30 no longer does (the signal is 31 days old) and counts anew.
 */
export function signalDecision(filedOn: readonly string[], lastSignalOn: string | null, today: string, rule: SignalRule): 'raise' | 'join' | 'none' {
  const from = signalWindowFrom(today, rule);
  if (lastSignalOn !== null && lastSignalOn >= from) return 'join';
  const inWindow = filedOn.filter((d) => d >= from && d <= today).length;
  return inWindow >= rule.threshold ? 'raise' : 'none';
}

/**
 * Whose reactions a depot reports: its own people and dispensings and, at a township, those of
 * the villages directly below it (the depots whose names it sees, server/domain/people.ts).
 */
export function reportsFor(depot: { id: number; tier: string }, place: { id: number; parentId: number | null }): boolean {
  return place.id === depot.id || (depot.tier === 'township' && place.parentId === depot.id);
}

/** Age in whole years in the onset year, from a birth year: born 1990, onset 2026-11-03 → 36. */
export function ageAtOnset(birthYear: number | null, onsetOn: string): number | null {
  return birthYear === null ? null : Number(onsetOn.slice(0, 4)) - birthYear;
}
