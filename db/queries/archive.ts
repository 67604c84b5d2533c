import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import {
  adverseReactions,
  allocationPlans,
  archiveAttachments,
  archiveFiles,
  archiveRetentionDecisions,
  assessmentRounds,
  demandPlans,
  depots,
  openingBalances,
  receipts,
  reportSubmissions,
  stockCounts,
  supervisionVisits,
  transferOrders,
  writeOffRequests,
} from '../schema/index.ts';

export type AttachmentRow = typeof archiveAttachments.$inferSelect;
export type RetentionDecisionRow = typeof archiveRetentionDecisions.$inferSelect;

// ---- the documents of each kind, for server/services/archive-sources.ts ----

export const receiptsOf = (db: DbOrTx, depotId: number) =>
  db
    .select({ id: receipts.id, number: receipts.number, source: receipts.source, supplierName: receipts.supplierName, deliveryNote: receipts.deliveryNote, date: receipts.arrivedOn })
    .from(receipts)
    .where(and(eq(receipts.depotId, depotId), ne(receipts.status, 'cancelled')))
    .all();
export const receiptDepot = (db: DbOrTx, id: number) => db.select({ depotId: receipts.depotId }).from(receipts).where(and(eq(receipts.id, id), ne(receipts.status, 'cancelled'))).get()?.depotId;

/** Issue notes (出库单): the orders a depot dispatched, or approved and not yet dispatched. */
const ISSUED = ['approved', 'dispatched', 'received'] as const;
export const issueNotesOf = (db: DbOrTx, depotId: number) =>
  db
    .select({ id: transferOrders.id, number: transferOrders.number, toName: depots.name, date: sql<string>`coalesce(${transferOrders.dispatchedAt}, ${transferOrders.createdAt})` })
    .from(transferOrders)
    .innerJoin(depots, eq(depots.id, transferOrders.toDepotId))
    .where(and(eq(transferOrders.fromDepotId, depotId), inArray(transferOrders.status, ISSUED)))
    .all();
export const issueNoteDepot = (db: DbOrTx, id: number) =>
  db.select({ depotId: transferOrders.fromDepotId }).from(transferOrders).where(and(eq(transferOrders.id, id), inArray(transferOrders.status, ISSUED))).get()?.depotId;

export const openingBalancesOf = (db: DbOrTx, depotId: number) =>
  db.select({ id: openingBalances.id, number: openingBalances.number, date: openingBalances.createdAt }).from(openingBalances).where(eq(openingBalances.depotId, depotId)).all();
export const openingBalanceDepot = (db: DbOrTx, id: number) => db.select({ depotId: openingBalances.depotId }).from(openingBalances).where(eq(openingBalances.id, id)).get()?.depotId;

export const writeOffsOf = (db: DbOrTx, depotId: number) =>
  db
    .select({ id: writeOffRequests.id, number: writeOffRequests.number, status: writeOffRequests.status, date: writeOffRequests.requestedAt })
    .from(writeOffRequests)
    .where(and(eq(writeOffRequests.depotId, depotId), ne(writeOffRequests.status, 'withdrawn')))
    .all();
export const writeOffDepot = (db: DbOrTx, id: number) =>
  db.select({ depotId: writeOffRequests.depotId }).from(writeOffRequests).where(and(eq(writeOffRequests.id, id), ne(writeOffRequests.status, 'withdrawn'))).get()?.depotId;

export const stockCountsOf = (db: DbOrTx, depotId: number) =>
  db
    .select({ id: stockCounts.id, number: stockCounts.number, date: stockCounts.startedAt })
    .from(stockCounts)
    .where(and(eq(stockCounts.depotId, depotId), ne(stockCounts.status, 'cancelled')))
    .all();
export const stockCountDepot = (db: DbOrTx, id: number) =>
  db.select({ depotId: stockCounts.depotId }).from(stockCounts).where(and(eq(stockCounts.id, id), ne(stockCounts.status, 'cancelled'))).get()?.depotId;

export const demandPlansOf = (db: DbOrTx, depotId: number) =>
  db.select({ id: demandPlans.id, year: demandPlans.year, date: demandPlans.createdAt }).from(demandPlans).where(eq(demandPlans.depotId, depotId)).all();
export const demandPlanDepot = (db: DbOrTx, id: number) => db.select({ depotId: demandPlans.depotId }).from(demandPlans).where(eq(demandPlans.id, id)).get()?.depotId;

export const allocationPlansOf = (db: DbOrTx, depotId: number) =>
  db.select({ id: allocationPlans.id, number: allocationPlans.number, year: allocationPlans.year, date: allocationPlans.createdAt }).from(allocationPlans).where(eq(allocationPlans.depotId, depotId)).all();
export const allocationPlanDepot = (db: DbOrTx, id: number) => db.select({ depotId: allocationPlans.depotId }).from(allocationPlans).where(eq(allocationPlans.id, id)).get()?.depotId;

export const reportSubmissionsOf = (db: DbOrTx, depotId: number) =>
  db
    .select({ id: reportSubmissions.id, kind: reportSubmissions.kind, year: reportSubmissions.year, period: reportSubmissions.period, version: reportSubmissions.version, date: reportSubmissions.signedAt })
    .from(reportSubmissions)
    .where(eq(reportSubmissions.depotId, depotId))
    .all();
export const reportSubmissionDepot = (db: DbOrTx, id: number) => db.select({ depotId: reportSubmissions.depotId }).from(reportSubmissions).where(eq(reportSubmissions.id, id)).get()?.depotId;

/** The record of a visit is the visiting depot's: it wrote and signed it. */
export const supervisionVisitsOf = (db: DbOrTx, depotId: number) =>
  db
    .select({ id: supervisionVisits.id, visitedName: depots.name, date: supervisionVisits.plannedOn })
    .from(supervisionVisits)
    .innerJoin(depots, eq(depots.id, supervisionVisits.visitedDepotId))
    .where(eq(supervisionVisits.visitingDepotId, depotId))
    .all();
export const supervisionVisitDepot = (db: DbOrTx, id: number) => db.select({ depotId: supervisionVisits.visitingDepotId }).from(supervisionVisits).where(eq(supervisionVisits.id, id)).get()?.depotId;

export const assessmentRoundsOf = (db: DbOrTx, depotId: number) =>
  db.select({ id: assessmentRounds.id, year: assessmentRounds.year, date: assessmentRounds.createdAt }).from(assessmentRounds).where(eq(assessmentRounds.depotId, depotId)).all();
export const assessmentRoundDepot = (db: DbOrTx, id: number) => db.select({ depotId: assessmentRounds.depotId }).from(assessmentRounds).where(eq(assessmentRounds.id, id)).get()?.depotId;

export const adverseReactionsOf = (db: DbOrTx, depotId: number) =>
  db.select({ id: adverseReactions.id, number: adverseReactions.number, serious: adverseReactions.serious, date: adverseReactions.filedOn }).from(adverseReactions).where(eq(adverseReactions.depotId, depotId)).all();
export const adverseReactionDepot = (db: DbOrTx, id: number) => db.select({ depotId: adverseReactions.depotId }).from(adverseReactions).where(eq(adverseReactions.id, id)).get()?.depotId;

// ---- attachments ----

export const insertAttachment = (db: DbOrTx, row: typeof archiveAttachments.$inferInsert): AttachmentRow => db.insert(archiveAttachments).values(row).returning().get();
export const insertFile = (db: DbOrTx, attachmentId: number, content: Buffer) => db.insert(archiveFiles).values({ attachmentId, content }).run();
export const findAttachment = (db: DbOrTx, id: number): AttachmentRow | undefined => db.select().from(archiveAttachments).where(eq(archiveAttachments.id, id)).get();
export const fileContent = (db: DbOrTx, attachmentId: number) => db.select({ content: archiveFiles.content }).from(archiveFiles).where(eq(archiveFiles.attachmentId, attachmentId)).get()?.content;

export const attachmentsOf = (db: DbOrTx, kind: string, documentId: number) =>
  db
    .select()
    .from(archiveAttachments)
    .where(and(eq(archiveAttachments.documentKind, kind), eq(archiveAttachments.documentId, documentId)))
    .orderBy(asc(archiveAttachments.id))
    .all();

/** How many files each document of a depot has: `kind:id` → count. */
export function attachmentCounts(db: DbOrTx, depotId: number): Map<string, number> {
  const rows = db
    .select({ kind: archiveAttachments.documentKind, id: archiveAttachments.documentId, n: sql<number>`count(*)` })
    .from(archiveAttachments)
    .where(eq(archiveAttachments.depotId, depotId))
    .groupBy(archiveAttachments.documentKind, archiveAttachments.documentId)
    .all();
  return new Map(rows.map((r) => [`${r.kind}:${r.id}`, r.n]));
}

/** The bytes go; the record of the file (name, size, SHA-256, who attached it) stays, marked disposed. */
export function disposeFiles(db: DbOrTx, kind: string, documentId: number, by: number, at: string) {
  const ids = attachmentsOf(db, kind, documentId)
    .filter((a) => a.disposedAt === null)
    .map((a) => a.id);
  if (ids.length === 0) return [];
  // Marked first: the database lets a file's bytes go only once its record says disposed (migration 0019).
  db.update(archiveAttachments).set({ disposedBy: by, disposedAt: at }).where(inArray(archiveAttachments.id, ids)).run();
  db.delete(archiveFiles).where(inArray(archiveFiles.attachmentId, ids)).run();
  return ids;
}

// ---- retention decisions ----

export const insertDecision = (db: DbOrTx, row: typeof archiveRetentionDecisions.$inferInsert): RetentionDecisionRow => db.insert(archiveRetentionDecisions).values(row).returning().get();

/** The last decision on each document of a depot: `kind:id` → decision. */
export function lastDecisions(db: DbOrTx, depotId: number): Map<string, RetentionDecisionRow> {
  const rows = db.select().from(archiveRetentionDecisions).where(eq(archiveRetentionDecisions.depotId, depotId)).orderBy(asc(archiveRetentionDecisions.id)).all();
  return new Map(rows.map((r) => [`${r.documentKind}:${r.documentId}`, r]));
}

export const decisionsOf = (db: DbOrTx, kind: string, documentId: number) =>
  db
    .select()
    .from(archiveRetentionDecisions)
    .where(and(eq(archiveRetentionDecisions.documentKind, kind), eq(archiveRetentionDecisions.documentId, documentId)))
    .orderBy(desc(archiveRetentionDecisions.id))
    .all();
