import { allocationDeadline, demandYearState } from './planning.ts';
import { daysBetween } from './transfers.ts';

/**
 * Dashboard rules (issue 10, item 6): the state of a depot (and what lies below it) at a
 * glance, and the planning calendar a planner or leader works to. Pure: dates come in as the
 * depots' calendar dates "YYYY-MM-DD".
 */

export type DepotState = 'ok' | 'attention' | 'alert';
export type DemandPlanStatus = 'none' | 'draft' | 'signed' | 'returned' | 'submitted';
export type DemandWindow = 'not_open' | 'open' | 'closed';

/** What the tree shows of a depot, summed over the depot and every depot below it. */
export interface GlanceFigures {
  stockValueFen: number;
  expiredQuantity: number;
  /** Of the expired stock, what still stands in the qualified zone (it belongs in the red zone, Z-R3). */
  expiredInQualified: number;
  nearExpiryQuantity: number;
  /** Temperature and humidity excursions not yet acknowledged (S0:380). */
  openExcursions: number;
  /** Open missing-log gaps, and depots that keep a store log without any storage area. */
  missingLogs: number;
  /** Depots whose yearly count (SC-1, S0:384) is overdue. */
  countsOverdue: number;
  /** Write-off requests submitted, returned or approved and not yet disposed of. */
  openWriteOffs: number;
  /** The depot's own demand plan for the plan year; null where the tier makes none (villages). */
  demandPlan: DemandPlanStatus | null;
}

/**
 * The single worst state of a row of the tree.
 *
 * - `alert`: something wrong with the goods now: an unacknowledged excursion (S0:380), or
 *   expired stock still in the qualified zone, from which it could be issued by mistake.
 * - `attention`: work that is due: a missing log, an overdue count, expired stock in the red
 *   zone waiting for its write-off, an open write-off request, or a demand plan not yet
 *   submitted while the window is open (DP-3).
 * - `ok` otherwise. Near-expiry stock alone is not a fault: first-expiry-first-out issues it
 *   first, so it shows as a figure but does not colour the row.
 *
 * Example: { openExcursions: 0, expiredInQualified: 0, expiredQuantity: 48 (in the red zone),
 * countsOverdue: 0, openWriteOffs: 1, … } is `attention`; the same with one open excursion is
 * `alert`; 0 everywhere, 900 near expiry and the plan submitted is `ok`.
 */
export function depotState(g: GlanceFigures, window: DemandWindow): DepotState {
  if (g.openExcursions > 0 || g.expiredInQualified > 0) return 'alert';
  const planDue = window === 'open' && g.demandPlan !== null && g.demandPlan !== 'submitted';
  if (g.missingLogs > 0 || g.countsOverdue > 0 || g.expiredQuantity > 0 || g.openWriteOffs > 0 || planDue) return 'attention';
  return 'ok';
}

/** How far a demand plan has got (none without one): a draft the leader has signed is `signed`. */
export function demandPlanStatus(plan: { status: 'draft' | 'submitted' | 'returned'; signed: boolean } | undefined): DemandPlanStatus {
  if (!plan) return 'none';
  if (plan.status === 'draft' && plan.signed) return 'signed';
  return plan.status;
}

export interface PlanCalendar {
  demand: { year: number; state: DemandWindow; opensOn: string; closesOn: string; daysToOpen: number | null; daysLeft: number | null };
  allocation: { year: number; dueOn: string; daysLeft: number };
}

/**
 * The planning dates a planner and a leader work to (DP-3, AP-3). The demand plan shown is the
 * one for next year: its window opens on the first of `opensMonth` (October) and its last day
 * is 31 December. The allocation plan shown is this year's until it is due (end of February)
 * and again until next year's window opens; from then on, next year's.
 *
 * Example on 2026-11-22 with October: demand 2027 open from 2026-10-01 to 2026-12-31, 39 days
 * left; allocation 2027 due 2027-02-28, 98 days left. On 2026-05-10: demand 2027 opens in 144
 * days; allocation 2026 was due 2026-02-28 (-71 days).
 */
export function planCalendar(today: string, opensMonth: number): PlanCalendar {
  const year = Number(today.slice(0, 4));
  const demandYear = year + 1;
  const opensOn = `${year}-${String(opensMonth).padStart(2, '0')}-01`;
  const closesOn = `${year}-12-31`;
  const state = demandYearState(demandYear, today, opensMonth);
  const allocationYear = today > allocationDeadline(year) && today >= opensOn ? year + 1 : year;
  const dueOn = allocationDeadline(allocationYear);
  return {
    demand: {
      year: demandYear,
      state,
      opensOn,
      closesOn,
      daysToOpen: state === 'not_open' ? daysBetween(today, opensOn) : null,
      daysLeft: state === 'open' ? daysBetween(today, closesOn) : null,
    },
    allocation: { year: allocationYear, dueOn, daysLeft: daysBetween(today, dueOn) },
  };
}

/**
 * The last half-year that is over, for which townships report their users by method
 * (使用人数, S0:372). Example: on 2026-11-22 it is 2026 H1; on 2027-03-01, 2026 H2.
 */
export function lastCompletedHalf(today: string): { year: number; half: 1 | 2 } {
  const year = Number(today.slice(0, 4));
  return today >= `${year}-07-01` ? { year, half: 1 } : { year: year - 1, half: 2 };
}

