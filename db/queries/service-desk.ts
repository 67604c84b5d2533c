import { and, asc, desc, eq, gte, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { serviceHandovers, serviceRequests } from '../schema/index.ts';
import { prepared } from './statements.ts';
import { subtreeEnd } from './depots.ts';

export type ServiceRequestRow = typeof serviceRequests.$inferSelect;
export type HandoverRow = typeof serviceHandovers.$inferSelect;

export const insertRequest = (db: DbOrTx, row: typeof serviceRequests.$inferInsert): ServiceRequestRow => db.insert(serviceRequests).values(row).returning().get();
export const findRequest = (db: DbOrTx, id: number): ServiceRequestRow | undefined => db.select().from(serviceRequests).where(eq(serviceRequests.id, id)).get();
export function updateRequest(db: DbOrTx, id: number, set: Partial<typeof serviceRequests.$inferInsert>) {
  db.update(serviceRequests).set(set).where(eq(serviceRequests.id, id)).run();
}

/** How many requests a depot has received: the next one's sequence in its number. */
export const countRequestsAt = (db: DbOrTx, depotId: number) =>
  db.select({ n: sql<number>`count(*)` }).from(serviceRequests).where(eq(serviceRequests.depotId, depotId)).get()!.n;

/**
 * A depot's requests, newest first; `userId`: only those the user owns or is offered, wherever
 * received. `open`: not closed.
 */
export function requestsAt(db: DbOrTx, filter: { depotId?: number; userId?: number; requesterDepotId?: number; open?: boolean }) {
  const offered = sql`exists (select 1 from service_handovers h where h.request_id = ${serviceRequests.id} and h.to_user_id = ${filter.userId ?? 0} and h.status = 'pending')`;
  return db
    .select()
    .from(serviceRequests)
    .where(
      and(
        filter.depotId === undefined ? undefined : eq(serviceRequests.depotId, filter.depotId),
        filter.userId === undefined ? undefined : or(eq(serviceRequests.ownerId, filter.userId), offered),
        filter.requesterDepotId === undefined ? undefined : eq(serviceRequests.requesterDepotId, filter.requesterDepotId),
        filter.open ? ne(serviceRequests.status, 'closed') : undefined,
      ),
    )
    .orderBy(desc(serviceRequests.receivedAt), desc(serviceRequests.id))
    .limit(500)
    .all();
}

/** Requests a depot received in [from, to) (instants), oldest first: the monthly summary. */
export const requestsReceivedBetween = (db: DbOrTx, depotId: number, from: string, to: string) =>
  db
    .select()
    .from(serviceRequests)
    .where(and(eq(serviceRequests.depotId, depotId), gte(serviceRequests.receivedAt, from), lt(serviceRequests.receivedAt, to)))
    .orderBy(asc(serviceRequests.receivedAt))
    .all();

/** Every request not closed, anywhere: the overdue sweep reads their due times. */
export const unclosedRequests = (db: DbOrTx) => db.select().from(serviceRequests).where(ne(serviceRequests.status, 'closed')).all();

export const insertHandover = (db: DbOrTx, row: typeof serviceHandovers.$inferInsert): HandoverRow => db.insert(serviceHandovers).values(row).returning().get();
export const handoversOf = (db: DbOrTx, requestId: number) => db.select().from(serviceHandovers).where(eq(serviceHandovers.requestId, requestId)).orderBy(asc(serviceHandovers.id)).all();
export const pendingHandoverOf = (db: DbOrTx, requestId: number): HandoverRow | undefined =>
  db.select().from(serviceHandovers).where(and(eq(serviceHandovers.requestId, requestId), eq(serviceHandovers.status, 'pending'))).get();
export function updateHandover(db: DbOrTx, id: number, set: Partial<typeof serviceHandovers.$inferInsert>) {
  db.update(serviceHandovers).set(set).where(eq(serviceHandovers.id, id)).run();
}

/*
 * What a request may link to, each within the receiving depot's subtree (`path`): a lot that
 * has been held there or below, a transfer order to or from it or a depot below, a person
 * registered there or below, an adverse-reaction report filed there or below. Each answers
 * what the request shows of it, or undefined.
 */
const under = (column: string) => `${column} >= ? and ${column} < ?`;

export const linkedLot = (db: DbOrTx, batchId: number, path: string) =>
  prepared(
    db,
    `select b.id, b.lot, p.name_zh as productZh, p.name_en as productEn from batches b join products p on p.id = b.product_id
     where b.id = ? and exists (select 1 from stock_balances s join depots d on d.id = s.depot_id where s.batch_id = b.id and ${under('d.path')})`,
  ).get(batchId, path, subtreeEnd(path)) as { id: number; lot: string; productZh: string; productEn: string } | undefined;

export const linkedOrder = (db: DbOrTx, orderId: number, path: string) =>
  prepared(
    db,
    `select o.id, o.number from transfer_orders o join depots f on f.id = o.from_depot_id join depots t on t.id = o.to_depot_id
     where o.id = ? and ((${under('f.path')}) or (${under('t.path')}))`,
  ).get(orderId, path, subtreeEnd(path), path, subtreeEnd(path)) as { id: number; number: string } | undefined;

export const linkedPerson = (db: DbOrTx, personId: number, path: string) =>
  prepared(db, `select p.id, p.case_number as caseNumber from people p join depots d on d.id = p.depot_id where p.id = ? and ${under('d.path')}`).get(personId, path, subtreeEnd(path)) as
    | { id: number; caseNumber: string }
    | undefined;

export const linkedAdverseReaction = (db: DbOrTx, reportId: number, path: string) =>
  prepared(db, `select r.id, r.number from adverse_reactions r join depots d on d.id = r.depot_id where r.id = ? and ${under('d.path')}`).get(reportId, path, subtreeEnd(path)) as
    | { id: number; number: string }
    | undefined;

/** Active users of these depots with any of `roles`, with their roles: whom a request may be handed over to. */
export const activeUsersWithRoles = (db: DbOrTx, depotIds: readonly number[], roles: readonly string[]) =>
  (
    prepared(
      db,
      `select u.id, u.display_name as displayName, u.depot_id as depotId, d.name as depotName,
         (select json_group_array(g.role) from role_grants g where g.user_id = u.id) as roles
       from users u join depots d on d.id = u.depot_id
       where u.active = 1 and u.depot_id in (select value from json_each(?))
         and exists (select 1 from role_grants g where g.user_id = u.id and g.role in (select value from json_each(?)))
       order by d.depth desc, u.display_name`,
    ).all(JSON.stringify(depotIds), JSON.stringify(roles)) as { id: number; displayName: string; depotId: number; depotName: string; roles: string }[]
  ).map((u) => ({ ...u, roles: JSON.parse(u.roles) as string[] }));

/** A depot's requests for the archive index (server/services/archive-sources.ts): number, kind, when received. */
export const requestsForArchive = (db: DbOrTx, depotId: number) =>
  db.select({ id: serviceRequests.id, number: serviceRequests.number, kind: serviceRequests.kind, receivedAt: serviceRequests.receivedAt }).from(serviceRequests).where(eq(serviceRequests.depotId, depotId)).orderBy(asc(serviceRequests.id)).all();
export const requestDepot = (db: DbOrTx, id: number) => db.select({ depotId: serviceRequests.depotId }).from(serviceRequests).where(eq(serviceRequests.id, id)).get()?.depotId;
