import type { DbOrTx } from '../client.ts';
import type { StorageZone } from '../../server/schemas/constants.ts';
import { prepared } from './statements.ts';
import { subtreeEnd } from './depots.ts';

/** The reads the dashboards need that no workflow had: short lists of what waits at one depot. */

/**
 * Receipts at a depot the storekeeper still has to handle: open ones (to scan and count), and
 * counted ones the storekeeper has not signed yet (S0:356: both planner and storekeeper sign).
 */
export function receiptsToHandle(db: DbOrTx, depotId: number) {
  return prepared(
    db,
    `select r.id, r.number, r.source, r.transfer_order_id as transferOrderId, r.supplier_name as supplierName, r.delivery_note as deliveryNote,
            r.arrived_on as arrivedOn, r.status
     from receipts r
     where r.depot_id = ? and (r.status = 'open' or (r.status = 'counted' and not exists (
       select 1 from signatures s where s.document_type = 'receipt' and s.document_id = r.id and s.role = 'storekeeper')))
     order by r.id`,
  ).all(depotId) as { id: number; number: string; source: 'supplier' | 'transfer'; transferOrderId: number | null; supplierName: string; deliveryNote: string; arrivedOn: string; status: 'open' | 'counted' }[];
}

/** Counted receipts of a depot still without the signature of `role` (S0:356: planner and storekeeper sign), oldest first. */
export function receiptsToSign(db: DbOrTx, depotId: number, role: 'planner' | 'storekeeper') {
  return prepared(
    db,
    `select r.id, r.number, r.source, r.supplier_name as supplierName, r.delivery_note as deliveryNote, r.arrived_on as arrivedOn, r.counted_at as countedAt,
            (select json_group_array(s.role) from signatures s where s.document_type = 'receipt' and s.document_id = r.id) as signedBy,
            (select json_group_array(json_object('unitZh', p.unit_zh, 'unitEn', p.unit_en, 'quantity', l.quantity))
               from receipt_lines l join batches t on t.id = l.batch_id join products p on p.id = t.product_id where l.receipt_id = r.id) as lines
     from receipts r
     where r.depot_id = ? and r.status = 'counted' and not exists (
       select 1 from signatures s where s.document_type = 'receipt' and s.document_id = r.id and s.role = ?)
     order by r.id`,
  ).all(depotId, role) as { id: number; number: string; source: 'supplier' | 'transfer'; supplierName: string; deliveryNote: string; arrivedOn: string; countedAt: string; signedBy: string; lines: string }[];
}

/**
 * What a line of a document holds, per product unit, as the JSON the dashboard's queries gather
 * (json_group_array of {unitZh, unitEn, quantity}); the service sums it per unit.
 */
export const unitLinesOf = (json: string | null): { unitZh: string; unitEn: string; quantity: number }[] => (json ? JSON.parse(json) : []);

/** Approved transfer orders waiting to be picked and dispatched from a depot, with how much is picked. */
export function ordersToPickFrom(db: DbOrTx, depotId: number) {
  return prepared(
    db,
    `select o.id, o.number, o.to_depot_id as toDepotId, d.name as toDepotName, o.basis, o.created_at as createdAt,
            (select json_group_array(json_object('unitZh', p.unit_zh, 'unitEn', p.unit_en, 'quantity', l.quantity))
               from transfer_order_lines l join products p on p.id = l.product_id where l.order_id = o.id) as lines,
            (select json_group_array(json_object('unitZh', p.unit_zh, 'unitEn', p.unit_en, 'quantity', k.quantity))
               from transfer_picks k join batches t on t.id = k.batch_id join products p on p.id = t.product_id where k.order_id = o.id) as picks
     from transfer_orders o join depots d on d.id = o.to_depot_id
     where o.from_depot_id = ? and o.status = 'approved'
     order by o.id`,
  ).all(depotId) as { id: number; number: string; toDepotId: number; toDepotName: string; basis: string; createdAt: string; lines: string; picks: string }[];
}

/** Shipments dispatched to a depot that it has not started to receive (no receipt opened yet, or only cancelled ones). */
export function shipmentsAwaitingReceipt(db: DbOrTx, depotId: number) {
  return prepared(
    db,
    `select o.id, o.number, o.from_depot_id as fromDepotId, d.name as fromDepotName, o.dispatched_at as dispatchedAt,
            (select json_group_array(json_object('unitZh', p.unit_zh, 'unitEn', p.unit_en, 'quantity', k.quantity))
               from transfer_picks k join batches t on t.id = k.batch_id join products p on p.id = t.product_id where k.order_id = o.id) as picks
     from transfer_orders o join depots d on d.id = o.from_depot_id
     where o.to_depot_id = ? and o.status = 'dispatched' and not exists (select 1 from receipts r where r.transfer_order_id = o.id and r.status <> 'cancelled')
     order by o.id`,
  ).all(depotId) as { id: number; number: string; fromDepotId: number; fromDepotName: string; dispatchedAt: string; picks: string }[];
}

/** Stock counts of a depot still under way: being counted, or submitted to the leader. */
export function openCountsAt(db: DbOrTx, depotId: number) {
  return prepared(
    db,
    `select id, number, status, started_at as startedAt, submitted_by as submittedBy, submitted_at as submittedAt
     from stock_counts where depot_id = ? and status in ('counting', 'submitted') order by id`,
  ).all(depotId) as { id: number; number: string; status: 'counting' | 'submitted'; startedAt: string; submittedBy: number | null; submittedAt: string | null }[];
}

/**
 * Counted receipts of a depot with lots still waiting in the pending zone for their goods-in
 * inspection (S0:387, 396): a lot of the receipt with no receipt inspection yet, while the
 * depot still holds some of it in the pending zone.
 */
export function receiptsAwaitingInspection(db: DbOrTx, depotId: number) {
  return prepared(
    db,
    `select r.id, r.number, r.supplier_name as supplierName, r.counted_at as countedAt, count(*) as lots,
            json_group_array(json_object('unitZh', p.unit_zh, 'unitEn', p.unit_en, 'quantity', l.quantity)) as lines
     from receipts r join receipt_lines l on l.receipt_id = r.id
       join batches t on t.id = l.batch_id join products p on p.id = t.product_id
     where r.depot_id = ? and r.status in ('counted', 'effective')
       and not exists (select 1 from inspections i where i.receipt_id = r.id and i.batch_id = l.batch_id)
       and exists (select 1 from stock_balances b where b.depot_id = r.depot_id and b.location = 'pending' and b.batch_id = l.batch_id and b.quantity > 0)
     group by r.id order by r.id`,
  ).all(depotId) as { id: number; number: string; supplierName: string; countedAt: string; lots: number; lines: string }[];
}

/** What a depot holds in one zone, per product unit. */
export function zoneQuantities(db: DbOrTx, depotId: number, zone: StorageZone) {
  return prepared(
    db,
    `select p.unit_zh as unitZh, p.unit_en as unitEn, sum(b.quantity) as quantity
     from stock_balances b join batches t on t.id = b.batch_id join products p on p.id = t.product_id
     where b.depot_id = ? and b.location = ? and b.quantity > 0
     group by p.unit_zh, p.unit_en`,
  ).all(depotId, zone) as { unitZh: string; unitEn: string; quantity: number }[];
}

/**
 * Every depot of a subtree with its path, its stock value (every zone and what is in transit
 * to it) and its open write-off requests (submitted, returned, or approved and not disposed of),
 * in three range queries over the path index.
 */
export function subtreeFigures(db: DbOrTx, path: string) {
  const end = subtreeEnd(path);
  const rows = prepared(db, 'select id, path, tier from depots where path >= ? and path < ? order by path').all(path, end) as { id: number; path: string; tier: string }[];
  const value = prepared(
    db,
    `select b.depot_id as depotId, sum(b.value_fen) as valueFen from stock_balances b join depots d on d.id = b.depot_id
     where d.path >= ? and d.path < ? and b.quantity > 0 group by b.depot_id`,
  ).all(path, end) as { depotId: number; valueFen: number }[];
  const writeOffs = prepared(
    db,
    `select w.depot_id as depotId, count(*) as n from write_off_requests w join depots d on d.id = w.depot_id
     where d.path >= ? and d.path < ? and w.status in ('submitted', 'returned', 'approved') group by w.depot_id`,
  ).all(path, end) as { depotId: number; n: number }[];
  const valueBy = new Map(value.map((v) => [v.depotId, v.valueFen]));
  const writeOffsBy = new Map(writeOffs.map((w) => [w.depotId, w.n]));
  return rows.map((d) => ({ ...d, stockValueFen: valueBy.get(d.id) ?? 0, openWriteOffs: writeOffsBy.get(d.id) ?? 0 }));
}

/** Townships strictly below a depot with no users-by-method figure for a half-year (S0:372), by code; the first `limit` and how many. */
export function townshipsWithoutUsage(db: DbOrTx, path: string, year: number, half: number, limit: number) {
  const where = `from depots d where d.path > ? and d.path < ? and d.tier = 'township' and d.active = 1
     and not exists (select 1 from usage_figures u where u.depot_id = d.id and u.year = ? and u.half = ?)`;
  const items = prepared(db, `select d.id, d.code, d.name ${where} order by d.code limit ?`).all(path, subtreeEnd(path), year, half, limit) as { id: number; code: string; name: string }[];
  const total = prepared(db, `select count(*) ${where}`).pluck().get(path, subtreeEnd(path), year, half) as number;
  return { items, total };
}
