import type { DepotTier } from '../schemas/constants.ts';
import { reportPeriod, type PeriodKind } from './report-period.ts';
import type { Text } from './report-sheet.ts';
import { addDays } from './follow-ups.ts';

/**
 * The periodic reports that go up level by level (逐级上报, S0:370-374, 437), as submissions: who
 * starts each (起报点), for which periods, and how late it is due. Pure rules over plain data.
 */
export const SUBMISSION_KINDS = ['users', 'usage', 'pts', 'follow_up_summary'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

export interface KindRule {
  title: Text;
  /** The tiers that submit it, the starting one (起报点) first; the region receives and submits nothing. */
  tiers: readonly DepotTier[];
  periods: readonly PeriodKind[];
}

/**
 * 使用人数 and 使用情况 half-year and full-year from the township (S0:372-373: 「半年、全年」),
 * 购调存 yearly from the county (S0:371), the 随访汇总表 quarterly from the township (S0:437);
 * each level above the start consolidates and sends it on to the one above it.
 */
export const KIND_RULES: Record<SubmissionKind, KindRule> = {
  users: { title: { zh: '计划生育药具使用人数报表', en: 'Number of users report' }, tiers: ['township', 'county', 'city'], periods: ['h1', 'year'] },
  usage: { title: { zh: '计划生育药具使用情况统计表', en: 'Usage statistics' }, tiers: ['township', 'county', 'city'], periods: ['h1', 'year'] },
  pts: { title: { zh: '计划生育药具购调存报表', en: 'Purchase–transfer–stock report' }, tiers: ['county', 'city'], periods: ['year'] },
  follow_up_summary: { title: { zh: '育龄妇女使用避孕药具随访汇总表', en: 'Follow-up summary of women using contraceptives' }, tiers: ['township', 'county', 'city'], periods: ['q1', 'q2', 'q3', 'q4'] },
};

export const submitsKind = (kind: SubmissionKind, tier: DepotTier) => KIND_RULES[kind].tiers.includes(tier);
export const isPeriodOfKind = (kind: SubmissionKind, period: PeriodKind) => KIND_RULES[kind].periods.includes(period);
/** Whether a depot of this tier starts the report from its own data, rather than consolidating what came up. */
export const startsKind = (kind: SubmissionKind, tier: DepotTier) => KIND_RULES[kind].tiers[0] === tier;

/** The last day of a period. Example: (2026, 'h1') → 2026-06-30; (2026, 'q4') → 2026-12-31. */
export function periodEnd(year: number, period: PeriodKind): string {
  const to = reportPeriod(year, period).to;
  const [y, m] = to.split('-').map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}

export interface DueRule {
  /** Days after the period's last day by which the starting tier's report is due. */
  dueDays: Record<SubmissionKind, number>;
  /** Days added for each level above the start: it waits for what comes up from below. */
  daysPerLevel: number;
}

/**
 * When a depot's report for a period is due: the starting tier `dueDays` after the period ends,
 * each level above it `daysPerLevel` later. Example with users 10 and 10 per level: the 2026
 * full-year report is due from a township on 2027-01-10, a county 2027-01-20, a city 2027-01-30.
 */
export function dueOn(kind: SubmissionKind, year: number, period: PeriodKind, tier: DepotTier, rule: DueRule): string {
  const levels = Math.max(0, KIND_RULES[kind].tiers.indexOf(tier));
  return addDays(periodEnd(year, period), rule.dueDays[kind] + levels * rule.daysPerLevel);
}

export interface FigureColumn {
  key: string;
  header: Text;
}

/** One row of figures: a product (by code), a method, or the whole depot; only numbers, summable. */
export interface FigureLine {
  key: string;
  label: Text;
  unit?: Text;
  values: Record<string, number>;
}

export interface Figures {
  columns: FigureColumn[];
  lines: FigureLine[];
}

export interface SubmissionSnapshot extends Figures {
  title: Text;
  period: { year: number; kind: PeriodKind; from: string; to: string; label: Text };
  depot: { id: number; code: string; name: string; tier: string };
  /** A level above the start: the accepted reports of the depots below it consolidated here, and those missing. */
  children: { included: ChildIncluded[]; missing: ChildMissing[] } | null;
  /** For a consolidating depot with figures of its own (a city's 本级 购调存): those, already in `lines`. */
  own: FigureLine[] | null;
}

export interface ChildIncluded {
  depotId: number;
  code: string;
  name: string;
  submissionId: number;
  version: number;
}

export interface ChildMissing {
  depotId: number;
  code: string;
  name: string;
  /** none: nothing sent; submitted: waiting for this depot's decision; returned: sent back, not corrected yet. */
  status: 'none' | 'submitted' | 'returned';
}

export interface FigureDiff {
  line: string;
  label: Text;
  column: string;
  before: number;
  after: number;
}

/**
 * Sums figures line by line (by key) and column by column; lines keep the order they first
 * appear in. Example: townships with oral 40 and oral 25, condom 10 sum to oral 65, condom 10.
 */
export function sumFigures(columns: FigureColumn[], parts: readonly (readonly FigureLine[])[]): FigureLine[] {
  const out = new Map<string, FigureLine>();
  for (const lines of parts) {
    for (const line of lines) {
      const into = out.get(line.key) ?? { key: line.key, label: line.label, ...(line.unit && { unit: line.unit }), values: Object.fromEntries(columns.map((c) => [c.key, 0])) };
      for (const c of columns) into.values[c.key] = (into.values[c.key] ?? 0) + (line.values[c.key] ?? 0);
      out.set(line.key, into);
    }
  }
  return [...out.values()];
}

/**
 * What changed between two versions, cell by cell; a line present in one only counts as 0 in the
 * other. Example: oral 40 → 42 and a new condom line of 5 give two changes.
 */
export function diffFigures(before: Figures, after: Figures): FigureDiff[] {
  const columns = [...new Map([...before.columns, ...after.columns].map((c) => [c.key, c])).values()];
  const keys = [...new Set([...before.lines.map((l) => l.key), ...after.lines.map((l) => l.key)])];
  const find = (f: Figures, key: string) => f.lines.find((l) => l.key === key);
  const changes: FigureDiff[] = [];
  for (const key of keys) {
    const a = find(before, key);
    const b = find(after, key);
    for (const c of columns) {
      const was = a?.values[c.key] ?? 0;
      const now = b?.values[c.key] ?? 0;
      if (was !== now) changes.push({ line: key, label: (b ?? a)!.label, column: c.key, before: was, after: now });
    }
  }
  return changes;
}

export type PeriodState = 'upcoming' | 'due' | 'late' | 'submitted' | 'returned' | 'accepted';

/**
 * Where a depot stands on one report for one period on `today`: not ended yet (upcoming), ended
 * and not sent (due, or late after the due date), or the state of its newest version.
 */
export function periodState(latest: { status: 'submitted' | 'accepted' | 'returned' } | null, end: string, due: string, today: string): PeriodState {
  if (latest) return latest.status;
  if (today <= end) return 'upcoming';
  return today > due ? 'late' : 'due';
}
