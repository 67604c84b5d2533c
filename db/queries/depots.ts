import { and, eq, or, sql, count, asc, gte, lt, inArray } from 'drizzle-orm';
import { containsText, startsWithText } from './search.ts';
import type { DbOrTx } from '../client.ts';
import { prepared, preparedQuery } from './statements.ts';
import { depots } from '../schema/index.ts';
import type { DepotTier } from '../../server/schemas/constants.ts';

/**
 * `path` holds only digits and '/', so every path under `prefix` ("/1/7/") sorts in
 * [prefix, prefix with its last '/' bumped to '0'): an index range, not a LIKE scan.
 */
export function subtreeRange(column: typeof depots.path, prefix: string) {
  return and(gte(column, prefix), lt(column, subtreeEnd(prefix)));
}

/** The exclusive upper bound of subtreeRange, for raw statements: `path >= prefix and path < subtreeEnd(prefix)`. */
export const subtreeEnd = (prefix: string) => `${prefix.slice(0, -1)}0`;

// Written out in full: drizzle leaves columns unqualified in single-table selects.
const childCount = sql<number>`(select count(*) from depots as child where child.parent_id = depots.id)`.mapWith(Number);
const parentName = sql<string | null>`(select parent.name from depots as parent where parent.id = depots.parent_id)`;

const depotColumns = {
  id: depots.id,
  code: depots.code,
  name: depots.name,
  tier: depots.tier,
  parentId: depots.parentId,
  depth: depots.depth,
  path: depots.path,
  childCount,
  parentName,
};

export function findDepot(db: DbOrTx, id: number) {
  return preparedQuery(db, 'depots.findDepot', () => db.select(depotColumns).from(depots).where(eq(depots.id, sql.placeholder('id'))).prepare()).get({ id });
}

/** Just what scope checks need, prepared: for the write path. */
export function findDepotPlace(db: DbOrTx, id: number) {
  return prepared(db, 'select id, code, name, tier, path, parent_id as parentId from depots where id = ?').get(id) as
    | { id: number; code: string; name: string; tier: DepotTier; path: string; parentId: number | null }
    | undefined;
}

export function findDepotByCode(db: DbOrTx, code: string) {
  return preparedQuery(db, 'depots.findDepotByCode', () => db.select(depotColumns).from(depots).where(eq(depots.code, sql.placeholder('code'))).prepare()).get({ code });
}

export function findChildren(db: DbOrTx, parentId: number) {
  return db.select(depotColumns).from(depots).where(eq(depots.parentId, parentId)).orderBy(asc(depots.code)).all();
}

export function findAncestors(db: DbOrTx, path: string) {
  const ids = path.split('/').filter(Boolean).map(Number).slice(0, -1);
  if (ids.length === 0) return [];
  return db
    .select(depotColumns)
    .from(depots)
    .where(inArray(depots.id, ids))
    .orderBy(asc(depots.depth))
    .all();
}

export function searchDepots(
  db: DbOrTx,
  filter: { underPath: string; tier?: DepotTier; q?: string },
  page: { limit: number; offset: number },
) {
  const where = and(
    subtreeRange(depots.path, filter.underPath),
    filter.tier ? eq(depots.tier, filter.tier) : undefined,
    filter.q ? or(containsText(depots.name, filter.q), startsWithText(depots.code, filter.q)) : undefined,
  );
  const items = db
    .select(depotColumns)
    .from(depots)
    .where(where)
    .orderBy(asc(depots.code))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = db.select({ n: count() }).from(depots).where(where).get()!.n;
  return { items, total };
}

/**
 * Adds a depot below its parent (found by findDepotByCode); its path ends with its own id.
 * Prepared statements: an import adds the whole Ningxia tree (3,199 depots) in one go.
 */
export function insertDepot(db: DbOrTx, row: { code: string; name: string; tier: DepotTier; parentId: number | null; parentPath?: string; parentDepth?: number }) {
  const depth = row.parentDepth === undefined ? 0 : row.parentDepth + 1;
  const { id } = prepared(db, `insert into depots (code, name, tier, parent_id, path, depth) values (?, ?, ?, ?, '', ?) returning id`).get(row.code, row.name, row.tier, row.parentId, depth) as { id: number };
  const path = `${row.parentPath ?? '/'}${id}/`;
  prepared(db, 'update depots set path = ? where id = ?').run(path, id);
  return { id, path, depth };
}

export function countDepots(db: DbOrTx) {
  return db.select({ n: count() }).from(depots).get()!.n;
}

export function countDepotsByTier(db: DbOrTx) {
  return db.select({ tier: depots.tier, n: count() }).from(depots).groupBy(depots.tier).all();
}
