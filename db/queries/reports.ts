import type { DbOrTx } from '../client.ts';
import { prepared } from './statements.ts';
import type { MovementKind, StockLocation } from '../../server/schemas/constants.ts';

export interface ProductInfo {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  specZh: string;
  specEn: string;
  unitZh: string;
  unitEn: string;
  productClass: string;
  cypPerUnit: number | null;
}

/** Every product, for the rows of a report (ordered by code, as the catalogue is). */
export function productsByCode(db: DbOrTx): ProductInfo[] {
  return prepared(
    db,
    `select id, code, name_zh as nameZh, name_en as nameEn, spec_zh as specZh, spec_en as specEn, unit_zh as unitZh, unit_en as unitEn,
            product_class as productClass, cyp_per_unit as cypPerUnit
     from products order by code`,
  ).all() as ProductInfo[];
}

export interface DepotMovementForLedger {
  batchId: number;
  kind: MovementKind;
  reversedKind: MovementKind | null;
  location: StockLocation;
  quantity: number;
  unitPriceFen: number;
  postedAt: string;
}

/** Every movement of one depot with the kind a reversal reverses: the batch detail ledger. */
export function depotMovementsForLedger(db: DbOrTx, depotId: number): Iterable<DepotMovementForLedger> {
  return prepared(
    db,
    `select m.batch_id as batchId, m.kind, o.kind as reversedKind, m.location, m.quantity, m.unit_price_fen as unitPriceFen, m.posted_at as postedAt
     from stock_movements m
     left join postings p on m.kind = 'reversal' and p.id = m.posting_id
     left join postings o on o.id = p.reverses_posting_id
     where m.depot_id = ?`,
  ).iterate(depotId) as Iterable<DepotMovementForLedger>;
}

export interface BatchInfo {
  id: number;
  productId: number;
  lot: string;
  expiresOn: string;
  unitPriceFen: number;
}

export function batchesByIds(db: DbOrTx, ids: readonly number[]): BatchInfo[] {
  if (ids.length === 0) return [];
  const stmt = prepared(db, 'select id, product_id as productId, lot, expires_on as expiresOn, unit_price_fen as unitPriceFen from batches where id = ?');
  return ids.map((id) => stmt.get(id) as BatchInfo);
}

/** Users by method (使用人数) of the townships under each of the given subtrees, for a half-year. */
export function usersByMethodUnder(db: DbOrTx, pathPrefix: string, pathEnd: string, year: number, half: number) {
  return prepared(
    db,
    `select d.path, u.method, u.users from usage_figures u join depots d on d.id = u.depot_id
     where d.path >= ? and d.path < ? and u.year = ? and u.half = ?`,
  ).all(pathPrefix, pathEnd, year, half) as { path: string; method: string; users: number }[];
}
