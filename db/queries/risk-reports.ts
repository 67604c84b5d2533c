import type { DbOrTx } from '../client.ts';
import { prepared } from './statements.ts';

/**
 * Reads of the risk and indicator reports (server/services/reports/risk.ts, indicators.ts).
 * Each takes a subtree as `path >= prefix and path < end` (db/queries/depots.ts subtreeEnd).
 */

export interface DepotRow {
  id: number;
  code: string;
  name: string;
  tier: string;
  path: string;
}

/** Every depot of a subtree, in tree order. */
export function depotsUnder(db: DbOrTx, prefix: string, end: string): DepotRow[] {
  return prepared(db, 'select id, code, name, tier, path from depots where path >= ? and path < ? order by path').all(prefix, end) as DepotRow[];
}

/** Stock on hand outside transit per depot of a subtree and expiry date: what the expiry buckets are made of. */
export function stockByDepotAndExpiry(db: DbOrTx, prefix: string, end: string) {
  return prepared(
    db,
    `select b.depot_id as depotId, p.unit_zh as unitZh, group_concat(distinct p.unit_en) as unitEn, t.expires_on as expiresOn, sum(b.quantity) as quantity, sum(b.value_fen) as valueFen
     from depots d
     join stock_balances b on b.depot_id = d.id and b.location <> 'in_transit' and b.quantity > 0
     join batches t on t.id = b.batch_id
     join products p on p.id = t.product_id
     where d.path >= ? and d.path < ?
     group by b.depot_id, p.unit_zh, t.expires_on`,
  ).all(prefix, end) as { depotId: number; unitZh: string; unitEn: string; expiresOn: string; quantity: number; valueFen: number }[];
}

/**
 * Per depot of a subtree and product: stock on hand outside transit, and the usable part of it:
 * in the qualified zone, expiring on or after `firstUsable`, and not under a hold raised at the
 * depot or above it (a hold covers every depot whose path starts with the raising depot's).
 */
export function usableStockByDepot(db: DbOrTx, prefix: string, end: string, firstUsable: string) {
  return prepared(
    db,
    `select b.depot_id as depotId, t.product_id as productId, sum(b.quantity) as onHand,
            sum(case when b.location = 'qualified' and t.expires_on >= ?
                      and not exists (select 1 from batch_holds h where h.batch_id = b.batch_id and h.released_at is null
                                      and substr(d.path, 1, length(h.depot_path)) = h.depot_path)
                     then b.quantity else 0 end) as usable
     from depots d
     join stock_balances b on b.depot_id = d.id and b.location <> 'in_transit' and b.quantity > 0
     join batches t on t.id = b.batch_id
     where d.path >= ? and d.path < ?
     group by b.depot_id, t.product_id`,
  ).all(firstUsable, prefix, end) as { depotId: number; productId: number; onHand: number; usable: number }[];
}

/**
 * Write-off lines of requests of a subtree disposed of in [from, to) (ISO instants), summed per
 * request, unit and non-conformity kind.
 */
export function disposedWriteOffs(db: DbOrTx, prefix: string, end: string, from: string, to: string) {
  return prepared(
    db,
    `select r.depot_id as depotId, r.id as requestId, x.method, l.kind, p.unit_zh as unitZh, group_concat(distinct p.unit_en) as unitEn,
            sum(l.quantity) as quantity, sum(l.quantity * l.unit_price_fen) as valueFen
     from disposals x
     join write_off_requests r on r.id = x.request_id
     join depots d on d.id = r.depot_id
     join write_off_lines l on l.request_id = r.id
     join batches t on t.id = l.batch_id
     join products p on p.id = t.product_id
     where x.disposed_at >= ? and x.disposed_at < ? and d.path >= ? and d.path < ?
     group by r.id, l.kind, p.unit_zh`,
  ).all(from, to, prefix, end) as { depotId: number; requestId: number; method: string; kind: string; unitZh: string; unitEn: string; quantity: number; valueFen: number }[];
}

/** Storage areas of a subtree's depots set up before `before` (epoch ms). */
export function areasUnder(db: DbOrTx, prefix: string, end: string, before: number) {
  return (
    prepared(
      db,
      `select a.id, a.depot_id as depotId, a.created_at as createdAt, a.active
       from storage_areas a join depots d on d.id = a.depot_id
       where d.path >= ? and d.path < ? order by a.id`,
    ).all(prefix, end) as { id: number; depotId: number; createdAt: string; active: number }[]
  ).filter((a) => Date.parse(a.createdAt) < before);
}

/** How many readings an area has in [from, to) (epoch ms). */
export function countReadings(db: DbOrTx, areaId: number, from: number, to: number): number {
  return prepared(db, 'select count(*) from climate_readings where area_id = ? and taken_at >= ? and taken_at < ?').pluck().get(areaId, from, to) as number;
}

/**
 * For each day given (its start, noon and end in epoch ms), whether the area has a reading in
 * the morning [start, noon) and one in the afternoon [noon, end): two index seeks a day.
 */
export function roundsByDay(db: DbOrTx, areaId: number, days: readonly { start: number; noon: number; end: number }[]) {
  if (days.length === 0) return [];
  return prepared(
    db,
    `select j.key as day,
            exists (select 1 from climate_readings r where r.area_id = ? and r.taken_at >= json_extract(j.value, '$.start') and r.taken_at < json_extract(j.value, '$.noon')) as am,
            exists (select 1 from climate_readings r where r.area_id = ? and r.taken_at >= json_extract(j.value, '$.noon') and r.taken_at < json_extract(j.value, '$.end')) as pm
     from json_each(?) j order by j.key`,
  ).all(areaId, areaId, JSON.stringify(days)) as { day: number; am: number; pm: number }[];
}

/** Excursions and missing logs of a subtree's areas that overlap [from, to) (epoch ms). */
export function excursionsUnder(db: DbOrTx, prefix: string, end: string, from: number, to: number) {
  return prepared(
    db,
    `select e.area_id as areaId, e.depot_id as depotId, e.kind, e.start_at as startAt, e.end_at as endAt, e.status
     from climate_excursions e join depots d on d.id = e.depot_id
     where d.path >= ? and d.path < ? and e.start_at < ? and (e.end_at is null or e.end_at > ?)`,
  ).all(prefix, end, to, from) as { areaId: number; depotId: number; kind: string; startAt: number; endAt: number | null; status: string }[];
}

/** Picks of orders dispatched in [from, to) (ISO instants) by depots of a subtree, per issuing depot. */
export function picksByDepot(db: DbOrTx, prefix: string, end: string, from: string, to: string) {
  return prepared(
    db,
    `select k.depot_id as depotId, p.unit_zh as unitZh, group_concat(distinct p.unit_en) as unitEn, count(distinct o.id) as orders, count(*) as picks, sum(k.quantity) as quantity,
            sum(k.override_reason is not null) as overrides, sum(case when k.override_reason is not null then k.quantity else 0 end) as overriddenQty
     from transfer_orders o
     join transfer_picks k on k.order_id = o.id
     join depots d on d.id = k.depot_id
     join batches t on t.id = k.batch_id
     join products p on p.id = t.product_id
     where o.status in ('dispatched', 'received') and o.dispatched_at >= ? and o.dispatched_at < ? and d.path >= ? and d.path < ?
     group by k.depot_id, p.unit_zh
     order by k.depot_id, sum(k.quantity) desc, p.unit_zh`,
  ).all(from, to, prefix, end) as { depotId: number; unitZh: string; unitEn: string; orders: number; picks: number; quantity: number; overrides: number; overriddenQty: number }[];
}

/** How many orders of a subtree's depots were dispatched in [from, to) with at least one pick. */
export function ordersDispatched(db: DbOrTx, prefix: string, end: string, from: string, to: string): number {
  return prepared(
    db,
    `select count(distinct o.id)
     from transfer_orders o
     join transfer_picks k on k.order_id = o.id
     join depots d on d.id = k.depot_id
     where o.status in ('dispatched', 'received') and o.dispatched_at >= ? and o.dispatched_at < ? and d.path >= ? and d.path < ?`,
  )
    .pluck()
    .get(from, to, prefix, end) as number;
}

export interface OverridePick {
  depotId: number;
  orderNumber: string;
  dispatchedAt: string;
  pickedAt: string;
  productId: number;
  lot: string;
  expiresOn: string;
  quantity: number;
  reason: string;
}

/** Each pick off the FEFO proposal in an order dispatched in [from, to) by a depot of a subtree. */
export function overridePicks(db: DbOrTx, prefix: string, end: string, from: string, to: string): OverridePick[] {
  return prepared(
    db,
    `select k.depot_id as depotId, o.number as orderNumber, o.dispatched_at as dispatchedAt, k.picked_at as pickedAt, t.product_id as productId,
            t.lot, t.expires_on as expiresOn, k.quantity, k.override_reason as reason
     from transfer_orders o
     join transfer_picks k on k.order_id = o.id and k.override_reason is not null
     join depots d on d.id = k.depot_id
     join batches t on t.id = k.batch_id
     where o.status in ('dispatched', 'received') and o.dispatched_at >= ? and o.dispatched_at < ? and d.path >= ? and d.path < ?
     order by k.picked_at, k.id`,
  ).all(from, to, prefix, end) as OverridePick[];
}
