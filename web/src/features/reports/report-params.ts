import type { z } from '@hono/zod-openapi';
import type { ReportQuerySchema } from '../../../../server/schemas/reports.ts';
import type { ReportRequest } from './reports-api.ts';

/** Today's year and month in the depots' calendar (components/datetime.ts wallClock). */
export type Calendar = { year: number; month: number };

export type PeriodKind = z.infer<typeof ReportQuerySchema>['period'];

/** The server's periods (年报, 半年报, 季报, 月报) in the order of the period select; tsc checks the names. */
export const PERIOD_KINDS = ['year', 'h1', 'h2', 'q1', 'q2', 'q3', 'q4', 'month'] as const satisfies readonly PeriodKind[];

/** The report a depot's Reports tab opens on. */
export const DEFAULT_REPORT = 'pts';

/** The years offered: this year and the four before it, and next year (plans and early sheets). */
export function yearChoices(now: Calendar, shown: number): number[] {
  const year = now.year;
  return [...new Set([year + 1, year, year - 1, year - 2, year - 3, year - 4, shown])].sort((a, b) => b - a);
}

const isPeriod = (text: string | null): text is PeriodKind => (PERIOD_KINDS as readonly string[]).includes(text ?? '');

function yearOf(text: string | null): number | undefined {
  if (!text || !/^\d{4}$/.test(text)) return undefined;
  const year = Number(text);
  return year >= 2000 && year <= 2100 ? year : undefined;
}

function monthOf(text: string | null): number | undefined {
  if (!text || !/^\d{1,2}$/.test(text)) return undefined;
  const month = Number(text);
  return month >= 1 && month <= 12 ? month : undefined;
}

/**
 * The report asked for by the hash (`?report=pts&year=2026&period=month&month=3&scope=summary`),
 * with the defaults the server would apply: this year, the whole year, this month for a month
 * report, own level. A scope is sent only to reports that have one.
 */
export function reportRequest(depotId: number, query: URLSearchParams, now: Calendar, hasScope: boolean): ReportRequest {
  const period = isPeriod(query.get('period')) ? (query.get('period') as PeriodKind) : 'year';
  return {
    report: query.get('report') || DEFAULT_REPORT,
    depotId,
    year: yearOf(query.get('year')) ?? now.year,
    period,
    month: period === 'month' ? (monthOf(query.get('month')) ?? now.month) : undefined,
    scope: hasScope && query.get('scope') === 'summary' ? 'summary' : 'own',
  };
}

/** The hash query of a request: what reload, back and a bookmark keep. */
export const requestQuery = (r: ReportRequest) => ({ report: r.report, year: r.year, period: r.period, month: r.period === 'month' ? r.month : undefined, scope: r.scope });
