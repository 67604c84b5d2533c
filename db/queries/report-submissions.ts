import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { reportSubmissions } from '../schema/index.ts';

export type ReportSubmissionRow = typeof reportSubmissions.$inferSelect;
export type NewReportSubmission = typeof reportSubmissions.$inferInsert;

export function insertSubmission(db: DbOrTx, row: NewReportSubmission): ReportSubmissionRow {
  return db.insert(reportSubmissions).values(row).returning().get();
}

export function findSubmission(db: DbOrTx, id: number): ReportSubmissionRow | undefined {
  return db.select().from(reportSubmissions).where(eq(reportSubmissions.id, id)).get();
}

/** The newest version a depot sent for a report and period, if any. */
export function latestSubmission(db: DbOrTx, depotId: number, kind: ReportSubmissionRow['kind'], year: number, period: string): ReportSubmissionRow | undefined {
  return db
    .select()
    .from(reportSubmissions)
    .where(and(eq(reportSubmissions.depotId, depotId), eq(reportSubmissions.kind, kind), eq(reportSubmissions.year, year), eq(reportSubmissions.period, period)))
    .orderBy(desc(reportSubmissions.version))
    .limit(1)
    .get();
}

/** Every version of the depots' reports of a year, oldest first (the newest of each wins when read in order). */
export function submissionsOf(db: DbOrTx, depotIds: readonly number[], year: number, kind?: ReportSubmissionRow['kind']): ReportSubmissionRow[] {
  if (depotIds.length === 0) return [];
  return db
    .select()
    .from(reportSubmissions)
    .where(and(inArray(reportSubmissions.depotId, [...depotIds]), eq(reportSubmissions.year, year), ...(kind ? [eq(reportSubmissions.kind, kind)] : [])))
    .orderBy(asc(reportSubmissions.version), asc(reportSubmissions.id))
    .all();
}

/** The decision of the depot above; the signed figures themselves never change (a trigger refuses it). */
export function decideSubmission(db: DbOrTx, id: number, set: { status: 'accepted' | 'returned'; decidedBy: number; decidedAt: string; returnReason?: string }) {
  db.update(reportSubmissions).set(set).where(eq(reportSubmissions.id, id)).run();
}
