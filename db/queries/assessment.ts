import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { prepared } from './statements.ts';
import { assessmentResults, assessmentRounds, assessmentRubrics, assessmentScores, depots } from '../schema/index.ts';
import { subtreeRange } from './depots.ts';

export type RubricRow = typeof assessmentRubrics.$inferSelect;
export type RoundRow = typeof assessmentRounds.$inferSelect;
export type ScoreRow = typeof assessmentScores.$inferSelect;
export type ResultRow = typeof assessmentResults.$inferSelect;

export const listRubrics = (db: DbOrTx): RubricRow[] => db.select().from(assessmentRubrics).orderBy(desc(assessmentRubrics.version)).all();
export const findRubricByVersion = (db: DbOrTx, version: number) => db.select().from(assessmentRubrics).where(eq(assessmentRubrics.version, version)).get();
export const findRubric = (db: DbOrTx, id: number) => db.select().from(assessmentRubrics).where(eq(assessmentRubrics.id, id)).get();
export const insertRubric = (db: DbOrTx, row: typeof assessmentRubrics.$inferInsert): RubricRow => db.insert(assessmentRubrics).values(row).returning().get();
export const nextRubricVersion = (db: DbOrTx): number => (prepared(db, 'select coalesce(max(version), 0) + 1 from assessment_rubrics').pluck().get() as number);

export const insertRound = (db: DbOrTx, row: typeof assessmentRounds.$inferInsert): RoundRow => db.insert(assessmentRounds).values(row).returning().get();
export const findRound = (db: DbOrTx, id: number) => db.select().from(assessmentRounds).where(eq(assessmentRounds.id, id)).get();
export const updateRound = (db: DbOrTx, id: number, set: Partial<typeof assessmentRounds.$inferInsert>) => void db.update(assessmentRounds).set(set).where(eq(assessmentRounds.id, id)).run();

/** Rounds organised by any of the depots given (the reader's depot and its ancestors see them). */
/** Rounds organised by the depots strictly below the one at `path` (a city's, a county's...). */
export function roundsOrganisedBelow(db: DbOrTx, path: string): RoundRow[] {
  return db
    .select({ round: assessmentRounds })
    .from(assessmentRounds)
    .innerJoin(depots, eq(depots.id, assessmentRounds.depotId))
    .where(and(ne(depots.path, path), subtreeRange(depots.path, path)))
    .orderBy(desc(assessmentRounds.year), desc(assessmentRounds.id))
    .all()
    .map((r) => r.round);
}

export function roundsOf(db: DbOrTx, depotIds: readonly number[]): RoundRow[] {
  if (depotIds.length === 0) return [];
  return db
    .select()
    .from(assessmentRounds)
    .where(inArray(assessmentRounds.depotId, [...depotIds]))
    .orderBy(desc(assessmentRounds.year), desc(assessmentRounds.id))
    .all();
}

export const scoresOf = (db: DbOrTx, roundId: number): ScoreRow[] => db.select().from(assessmentScores).where(eq(assessmentScores.roundId, roundId)).orderBy(asc(assessmentScores.id)).all();

/** One assessor score per (round, depot, item): scoring again replaces it. */
export function upsertScore(db: DbOrTx, row: typeof assessmentScores.$inferInsert) {
  return db
    .insert(assessmentScores)
    .values(row)
    .onConflictDoUpdate({ target: [assessmentScores.roundId, assessmentScores.depotId, assessmentScores.itemKey], set: { score: row.score, note: row.note, scoredBy: row.scoredBy, scoredAt: row.scoredAt } })
    .returning()
    .get();
}

export const resultsOf = (db: DbOrTx, roundId: number): ResultRow[] => db.select().from(assessmentResults).where(eq(assessmentResults.roundId, roundId)).all();
export const findResult = (db: DbOrTx, roundId: number, depotId: number) => db.select().from(assessmentResults).where(and(eq(assessmentResults.roundId, roundId), eq(assessmentResults.depotId, depotId))).get();

/** A round's results are written afresh each time it is computed (until it is finalised). */
export function replaceResults(db: DbOrTx, roundId: number, rows: (typeof assessmentResults.$inferInsert)[]) {
  db.delete(assessmentResults).where(eq(assessmentResults.roundId, roundId)).run();
  for (let i = 0; i < rows.length; i += 500) db.insert(assessmentResults).values(rows.slice(i, i + 500)).run();
}

// ---- the computed indicators, for every depot of a subtree at once ----

/** The first signature of each report and period the subtree's depots sent for a year. */
export function firstSubmissions(db: DbOrTx, prefix: string, end: string, year: number) {
  return prepared(
    db,
    `select s.depot_id as depotId, s.kind, s.period, min(s.signed_at) as signedAt
     from report_submissions s join depots d on d.id = s.depot_id
     where d.path >= ? and d.path < ? and s.year = ?
     group by s.depot_id, s.kind, s.period`,
  ).all(prefix, end, year) as { depotId: number; kind: string; period: string; signedAt: string }[];
}

/** Stock counts of the subtree posted in [from, to) (ISO instants), per depot. */
export function postedCounts(db: DbOrTx, prefix: string, end: string, from: string, to: string) {
  return prepared(
    db,
    `select c.depot_id as depotId, count(*) as counts, max(c.approved_at) as lastAt
     from stock_counts c join depots d on d.id = c.depot_id
     where d.path >= ? and d.path < ? and c.status = 'posted' and c.approved_at >= ? and c.approved_at < ?
     group by c.depot_id`,
  ).all(prefix, end, from, to) as { depotId: number; counts: number; lastAt: string }[];
}

/** Quantities written off as expired on requests made in [from, to), approved or disposed of, per depot. */
export function expiredWriteOffs(db: DbOrTx, prefix: string, end: string, from: string, to: string) {
  return prepared(
    db,
    `select r.depot_id as depotId, sum(l.quantity) as quantity
     from write_off_requests r join write_off_lines l on l.request_id = r.id join depots d on d.id = r.depot_id
     where d.path >= ? and d.path < ? and l.kind = 'expired' and r.status in ('approved', 'disposed') and r.requested_at >= ? and r.requested_at < ?
     group by r.depot_id`,
  ).all(prefix, end, from, to) as { depotId: number; quantity: number }[];
}

/** What came into each depot's own stock in the months [fromMonth, toMonth] (opening, receipts, transfers in), from the month totals. */
export function stockIn(db: DbOrTx, prefix: string, end: string, fromMonth: string, toMonth: string) {
  return prepared(
    db,
    `select t.depot_id as depotId, sum(t.in_qty) as quantity
     from stock_period_totals t join depots d on d.id = t.depot_id
     where d.path >= ? and d.path < ? and t.scope = 'own' and t.month >= ? and t.month <= ? and t.flow in ('opening_balance', 'receipt', 'transfer_in')
     group by t.depot_id`,
  ).all(prefix, end, fromMonth, toMonth) as { depotId: number; quantity: number }[];
}

/** Adverse-reaction reports filed in [fromDate, toDate] by the subtree's depots: how many, and how many by their due date. */
export function adverseFiled(db: DbOrTx, prefix: string, end: string, fromDate: string, toDate: string) {
  return prepared(
    db,
    `select a.depot_id as depotId, count(*) as filed, sum(a.filed_on <= a.due_on) as onTime
     from adverse_reactions a join depots d on d.id = a.depot_id
     where d.path >= ? and d.path < ? and a.filed_on >= ? and a.filed_on <= ?
     group by a.depot_id`,
  ).all(prefix, end, fromDate, toDate) as { depotId: number; filed: number; onTime: number }[];
}
