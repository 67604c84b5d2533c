import type { DepotTier } from '../schemas/constants.ts';

/** At least `times` records in every `everyMonths` months. */
export interface CadenceRule {
  times: number;
  everyMonths: number;
}

/**
 * The cadence of the regulation, per organising tier (settings `training` in server/config.ts):
 * staff trainings TRN-6 (S0:468: the region at least once in two years, cities and counties at
 * least once a year, townships at least twice a year), public education TRN-10 (S0:471-472: the
 * township, twice a year or more). null: the tier has no such duty.
 */
export interface CadenceRules {
  staff: Record<DepotTier, CadenceRule | null>;
  education: Record<DepotTier, CadenceRule | null>;
}

export interface CadenceStatus {
  rule: CadenceRule;
  /** Records that still count today. */
  held: number;
  lastHeldOn: string | null;
  /** The last day the depot is within the rule without a further record; null when it never was. */
  dueBy: string | null;
  overdue: boolean;
}

/**
 * The same day `months` later (earlier when negative), on the month's last day when that month
 * is shorter: 2024-02-29 + 12 months is 2025-02-28; 2026-01-31 + 1 month is 2026-02-28.
 */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A record held on `heldOn` counts for `everyMonths` months, the last day included. */
export const countsUntil = (heldOn: string, rule: CadenceRule) => addMonths(heldOn, rule.everyMonths);

/**
 * Where a depot stands against a rule on `today`, from the dates of its records (any order;
 * records dated after today are not counted). A rolling window, not calendar years: the
 * `times`-th most recent record counts until the same date `everyMonths` months later
 * (`dueBy`), and the depot is overdue from the day after. A depot with fewer records than the
 * rule asks, ever, is overdue.
 *
 * Worked examples:
 * - region {1 in 24 months}, trained 2024-03-01: due by 2026-03-01; on 2026-03-01 (exactly two
 *   years) not overdue, on 2026-03-02 overdue.
 * - city {1 in 12}, trained 2025-12-31: due by 2026-12-31, overdue on 2027-01-01; trained a day
 *   later, 2026-01-01, it is still within the rule on 2027-01-01. The calendar year plays no part.
 * - township {2 in 12}, trained 2026-01-10 and 2026-02-20, both in the first half: both count,
 *   due by 2027-01-10 (the older + 12 months); a third on 2026-09-01 moves it to 2027-02-20.
 */
export function cadenceStatus(rule: CadenceRule, heldOn: readonly string[], today: string): CadenceStatus {
  const past = heldOn.filter((d) => d <= today).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const held = past.filter((d) => countsUntil(d, rule) >= today).length;
  const kth = past[rule.times - 1];
  const dueBy = kth === undefined ? null : countsUntil(kth, rule);
  return { rule, held, lastHeldOn: past[0] ?? null, dueBy, overdue: dueBy === null || dueBy < today };
}

/**
 * How far a depot met a rule over the `everyMonths` months up to `until` (the end of an assessed
 * year, or today while it runs), in [0, 1]: each record counts up to `times`. Township {2 in 12}
 * with one session in 2026: 0.5; region {1 in 24} trained in 2025, assessed for 2026: 1.
 */
export function cadenceShare(rule: CadenceRule, heldOn: readonly string[], until: string): { held: number; required: number; from: string; share: number } {
  const from = addMonths(until, -rule.everyMonths);
  const held = heldOn.filter((d) => d > from && d <= until).length;
  return { held, required: rule.times, from, share: Math.min(held, rule.times) / rule.times };
}

/**
 * The assessment's `training_held` for one depot and year (a computed indicator, see
 * services/assessment-indicators.ts): how far it met its rules over each rule's window up to the
 * end of the year (today while the year runs), each record counting up to the rule's times.
 * Township {2 in 12} staff and {2 in 12} education, one of each in the year: (1 + 1) / (2 + 2) = 0.5.
 * null where the tier has no rule (a village).
 */
export function trainingHeld(rules: CadenceRules, tier: DepotTier, dates: { staff: readonly string[]; education: readonly string[] }, until: string) {
  const staff = rules.staff[tier] ? cadenceShare(rules.staff[tier]!, dates.staff, until) : null;
  const education = rules.education[tier] ? cadenceShare(rules.education[tier]!, dates.education, until) : null;
  const parts = [staff, education].filter((p) => p !== null);
  const required = parts.reduce((s, p) => s + p.required, 0);
  const met = parts.reduce((s, p) => s + Math.min(p.held, p.required), 0);
  return {
    value: required === 0 ? null : Math.round((met / required) * 10000) / 10000,
    inputs: {
      ...(staff && { trainingsHeld: staff.held, trainingsRequired: staff.required, trainingsSince: staff.from }),
      ...(education && { educationHeld: education.held, educationRequired: education.required, educationSince: education.from }),
      until,
    },
  };
}
