import { and, asc, count, desc, eq, gte, inArray, lte, lt, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { adverseReactions, adverseSignals, batchHolds, batches, depots, dispensings, people, products, users } from '../schema/index.ts';
import { subtreeRange } from './depots.ts';
import type { AdrStatus } from '../../server/domain/adverse-vocabulary.ts';

export type AdverseReaction = typeof adverseReactions.$inferSelect;
export type AdverseSignal = typeof adverseSignals.$inferSelect;

export function insertReport(db: DbOrTx, row: typeof adverseReactions.$inferInsert) {
  return db.insert(adverseReactions).values(row).returning().get();
}

export function updateReport(db: DbOrTx, id: number, patch: Partial<typeof adverseReactions.$inferInsert>) {
  db.update(adverseReactions).set(patch).where(eq(adverseReactions.id, id)).run();
}

export function findReport(db: DbOrTx, id: number) {
  return db.select().from(adverseReactions).where(eq(adverseReactions.id, id)).get();
}

export function countReportsAt(db: DbOrTx, depotId: number): number {
  return db.select({ n: count() }).from(adverseReactions).where(eq(adverseReactions.depotId, depotId)).get()!.n;
}

/** The filing dates of the reports on a lot since a date: the signal window. */
export function reportsOnBatchSince(db: DbOrTx, batchId: number, from: string) {
  return db
    .select({ id: adverseReactions.id, filedOn: adverseReactions.filedOn, signalId: adverseReactions.signalId })
    .from(adverseReactions)
    .where(and(eq(adverseReactions.batchId, batchId), gte(adverseReactions.filedOn, from)))
    .all();
}

export function setReportsSignal(db: DbOrTx, ids: readonly number[], signalId: number) {
  if (ids.length > 0) db.update(adverseReactions).set({ signalId }).where(inArray(adverseReactions.id, [...ids])).run();
}

/** The details a report is shown with: its depot, lot, product, reporter and registered person. */
const detailColumns = {
  report: adverseReactions,
  depot: { id: depots.id, code: depots.code, name: depots.name, tier: depots.tier, parentId: depots.parentId, path: depots.path },
  batch: { id: batches.id, lot: batches.lot, expiresOn: batches.expiresOn, manufacturer: batches.manufacturer },
  product: { id: products.id, code: products.code, nameZh: products.nameZh, nameEn: products.nameEn, specZh: products.specZh, specEn: products.specEn },
  reporterName: users.displayName,
  person: { caseNumber: people.caseNumber, name: people.name, birthYearMonth: people.birthYearMonth, community: people.community },
};

const detailed = (db: DbOrTx) =>
  db
    .select(detailColumns)
    .from(adverseReactions)
    .innerJoin(depots, eq(depots.id, adverseReactions.depotId))
    .innerJoin(batches, eq(batches.id, adverseReactions.batchId))
    .innerJoin(products, eq(products.id, batches.productId))
    .innerJoin(users, eq(users.id, adverseReactions.filedBy))
    .leftJoin(people, eq(people.id, adverseReactions.personId));

export type ReportDetail = NonNullable<ReturnType<typeof findReportDetail>>;

export function findReportDetail(db: DbOrTx, id: number) {
  return detailed(db).where(eq(adverseReactions.id, id)).get();
}

export interface ReportFilter {
  /** Reports filed at depots of this subtree. */
  path: string;
  status?: AdrStatus;
  serious?: boolean;
  batchId?: number;
  countyId?: number;
  signalId?: number;
  /** Filed on or after / on or before, "YYYY-MM-DD". */
  filedFrom?: string;
  filedTo?: string;
}

function filterOf(f: ReportFilter): SQL | undefined {
  return and(
    subtreeRange(depots.path, f.path),
    f.status === undefined ? undefined : eq(adverseReactions.status, f.status),
    f.serious === undefined ? undefined : eq(adverseReactions.serious, f.serious),
    f.batchId === undefined ? undefined : eq(adverseReactions.batchId, f.batchId),
    f.countyId === undefined ? undefined : eq(adverseReactions.countyId, f.countyId),
    f.signalId === undefined ? undefined : eq(adverseReactions.signalId, f.signalId),
    f.filedFrom === undefined ? undefined : gte(adverseReactions.filedOn, f.filedFrom),
    f.filedTo === undefined ? undefined : lte(adverseReactions.filedOn, f.filedTo),
  );
}

/** Reports of a subtree, newest first, a page at a time. */
export function listReports(db: DbOrTx, filter: ReportFilter, page: { limit: number; offset: number }) {
  const where = filterOf(filter);
  const items = detailed(db).where(where).orderBy(desc(adverseReactions.id)).limit(page.limit).offset(page.offset).all();
  const total = db
    .select({ n: count() })
    .from(adverseReactions)
    .innerJoin(depots, eq(depots.id, adverseReactions.depotId))
    .where(where)
    .get()!.n;
  return { items, total };
}

/** Every report of a filter in the order the form lists them (filing date, then number). */
export function allReports(db: DbOrTx, filter: ReportFilter) {
  return detailed(db).where(filterOf(filter)).orderBy(asc(adverseReactions.filedOn), asc(adverseReactions.id)).all();
}

/** Serious reports of a subtree not yet at the region whose due date is before `today`, the longest overdue first. */
export function overdueReports(db: DbOrTx, path: string, today: string) {
  return detailed(db)
    .where(and(subtreeRange(depots.path, path), inArray(adverseReactions.status, ['awaiting_confirmation', 'confirmed']), lt(adverseReactions.dueOn, today)))
    .orderBy(asc(adverseReactions.dueOn), asc(adverseReactions.id))
    .all();
}

export function insertSignal(db: DbOrTx, row: typeof adverseSignals.$inferInsert) {
  return db.insert(adverseSignals).values(row).returning().get();
}

export function updateSignal(db: DbOrTx, id: number, patch: Partial<typeof adverseSignals.$inferInsert>) {
  db.update(adverseSignals).set(patch).where(eq(adverseSignals.id, id)).run();
}

export function findSignal(db: DbOrTx, id: number) {
  return db.select().from(adverseSignals).where(eq(adverseSignals.id, id)).get();
}

/** The newest signal on a lot. */
export function lastSignalOf(db: DbOrTx, batchId: number) {
  return db.select().from(adverseSignals).where(eq(adverseSignals.batchId, batchId)).orderBy(desc(adverseSignals.raisedOn), desc(adverseSignals.id)).limit(1).get();
}

const signalRows = (db: DbOrTx) =>
  db
    .select({
      signal: adverseSignals,
      lot: batches.lot,
      expiresOn: batches.expiresOn,
      productCode: products.code,
      productNameZh: products.nameZh,
      productNameEn: products.nameEn,
      depotName: depots.name,
      depotPath: depots.path,
      holdReleasedAt: batchHolds.releasedAt,
    })
    .from(adverseSignals)
    .innerJoin(depots, eq(depots.id, adverseSignals.depotId))
    .leftJoin(batchHolds, eq(batchHolds.id, adverseSignals.holdId))
    .innerJoin(batches, eq(batches.id, adverseSignals.batchId))
    .innerJoin(products, eq(products.id, batches.productId));

export type SignalRow = NonNullable<ReturnType<typeof findSignalRow>>;

/** Signals raised at depots of a subtree, newest first, with the lot and product. */
export function listSignals(db: DbOrTx, path: string) {
  return signalRows(db).where(subtreeRange(depots.path, path)).orderBy(desc(adverseSignals.id)).limit(200).all();
}

export function findSignalRow(db: DbOrTx, id: number) {
  return signalRows(db).where(eq(adverseSignals.id, id)).get();
}

export function bumpSignalCount(db: DbOrTx, id: number) {
  db.update(adverseSignals).set({ reportCount: sql`${adverseSignals.reportCount} + 1` }).where(eq(adverseSignals.id, id)).run();
}

/** A registered person's place, to check that a report may name them (the register's own reads are in people queries). */
export function findPersonPlace(db: DbOrTx, id: number) {
  return db
    .select({ id: people.id, depotId: people.depotId, caseNumber: people.caseNumber, depotParentId: depots.parentId })
    .from(people)
    .innerJoin(depots, eq(depots.id, people.depotId))
    .where(eq(people.id, id))
    .get();
}

export function findDispensingOf(db: DbOrTx, id: number) {
  return db.select({ id: dispensings.id, depotId: dispensings.depotId, batchId: dispensings.batchId, personId: dispensings.personId }).from(dispensings).where(eq(dispensings.id, id)).get();
}

/** The adverse-reaction figures of a dashboard: overdue serious cases, reports awaiting the county, signals whose lot is not held. */
export function adverseCounts(db: DbOrTx, path: string, today: string, signalsSince: string) {
  const reports = db
    .select({
      overdue: sql<number>`coalesce(sum(${adverseReactions.dueOn} < ${today}), 0)`.mapWith(Number),
      awaitingConfirmation: sql<number>`coalesce(sum(${adverseReactions.status} = 'awaiting_confirmation'), 0)`.mapWith(Number),
    })
    .from(adverseReactions)
    .innerJoin(depots, eq(depots.id, adverseReactions.depotId))
    .where(and(subtreeRange(depots.path, path), inArray(adverseReactions.status, ['awaiting_confirmation', 'confirmed'])))
    .get()!;
  const signals = db
    .select({ n: count() })
    .from(adverseSignals)
    .innerJoin(depots, eq(depots.id, adverseSignals.depotId))
    .where(and(subtreeRange(depots.path, path), gte(adverseSignals.raisedOn, signalsSince), sql`${adverseSignals.holdId} is null`))
    .get()!.n;
  return { ...reports, openSignals: signals };
}
