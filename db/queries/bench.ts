import type { Db } from '../client.ts';
import { GENESIS_HASH, chainHash } from '../../server/domain/ledger.ts';
import type { DepotTier } from '../../server/schemas/constants.ts';
import { addPostingToTotals } from './period-totals.ts';
import { defaultConfig } from '../../server/config.ts';

/** Reads and writes the benchmark needs around the product's own queries. */
export function benchTables(db: Db) {
  const c = db.$client;
  return {
    products: () => c.prepare('select id, code, unit_price_fen as unitPriceFen from products order by id').all() as { id: number; code: string; unitPriceFen: number }[],
    insertBatches(lots: { productId: number; lot: string; expiresOn: string; producedOn: string; unitPriceFen: number }[], createdAt: string) {
      const stmt = c.prepare('insert or ignore into batches (product_id, lot, expires_on, produced_on, unit_price_fen, created_at) values (?, ?, ?, ?, ?, ?)');
      c.transaction(() => lots.forEach((l) => stmt.run(l.productId, l.lot, l.expiresOn, l.producedOn, l.unitPriceFen, createdAt)))();
    },
    batches: () => c.prepare('select id, unit_price_fen as unitPriceFen from batches order by id').all() as { id: number; unitPriceFen: number }[],
    depots: () => c.prepare('select id, code, tier from depots order by id').all() as { id: number; code: string; tier: DepotTier }[],
    depotsOfTier: (tier: DepotTier) => c.prepare('select id, code from depots where tier = ? order by code').all(tier) as { id: number; code: string }[],
    userId: (username: string) => c.prepare('select id from users where username = ?').pluck().get(username) as number,
    userIdIn: (other: Db, username: string) => other.$client.prepare('select id from users where username = ?').pluck().get(username) as number,
    /** Synthetic products beyond the catalogue, so that an order can have more lines than it has products. */
    /** Submitted demand plans for a year at every depot given, one line per product: the consolidation bench. */
    insertDemandPlans(depotIds: readonly number[], productIds: readonly number[], year: number, userId: number) {
      const plan = c.prepare(`insert into demand_plans (depot_id, year, status, signed_by, signed_at, submitted_by, submitted_at, created_by, created_at) values (?, ?, 'submitted', ?, ?, ?, ?, ?, ?) returning id`);
      const line = c.prepare(`insert into demand_plan_lines (plan_id, product_id, inputs, proposed, quantity) values (?, ?, '{}', ?, ?)`);
      const at = new Date().toISOString();
      c.transaction(() => {
        for (const depotId of depotIds) {
          const { id } = plan.get(depotId, year, userId, at, userId, at, userId, at) as { id: number };
          for (const productId of productIds) line.run(id, productId, (depotId * 7 + productId) % 500, (depotId * 7 + productId) % 500);
        }
      })();
    },
    insertProducts(n: number, prefix: string) {
      const stmt = c.prepare(
        `insert or ignore into products (code, name_zh, name_en, dosage_form, product_class, spec_zh, spec_en, unit_zh, unit_en, unit_price_fen)
         values (?, ?, ?, 'condom', 'condom', '10只/盒', '10 per box', '盒', 'box', 100)`,
      );
      c.transaction(() => {
        for (let i = 1; i <= n; i++) stmt.run(`${prefix}${String(i).padStart(2, '0')}`, `基准药具${i}`, `Bench product ${i}`);
      })();
    },
    batchIdsOfLots: (prefix: string) => c.prepare('select id from batches where lot like ? order by id').pluck().all(`${prefix}%`) as number[],
    firstChild: (depotId: number) => c.prepare('select id, code from depots where parent_id = ? order by code limit 1').get(depotId) as { id: number; code: string },
    qualifiedBatchesAt: (other: Db, depotId: number) =>
      other.$client.prepare(`select count(*) from stock_balances where depot_id = ? and location = 'qualified' and quantity > 0`).pluck().get(depotId) as number,
    busiestCard(depotId: number) {
      return c
        .prepare('select batch_id as batchId, count(*) as movements from stock_movements where depot_id = ? group by batch_id order by movements desc limit 1')
        .get(depotId) as { batchId: number; movements: number };
    },
  };
}

/**
 * The benchmark's baseline: the same stock writes as an opening-balance document (a posting,
 * its movements with balance after and hash chain, the balance upserts) with better-sqlite3
 * prepared statements in one transaction per document, without HTTP, auth or validation.
 */
export function directWriter(db: Db) {
  const c = db.$client;
  const head = c.prepare('select hash from stock_movements where depot_id = ? order by id desc limit 1').pluck();
  const maxId = c.prepare('select coalesce(max(id), 0) from stock_movements').pluck();
  const balance = c.prepare('select quantity, value_fen as valueFen from stock_balances where depot_id = ? and location = ? and batch_id = ?');
  const price = c.prepare('select unit_price_fen from batches where id = ?').pluck();
  const posting = c.prepare(`insert into postings (kind, document_type, document_id, actor_id, posted_at) values ('opening_balance', 'direct', 0, ?, ?)`);
  const movement = c.prepare(
    `insert into stock_movements (id, posting_id, depot_id, location, batch_id, kind, quantity, unit_price_fen, balance_after, actor_id, posted_at, prev_hash, hash)
     values (?, ?, ?, ?, ?, 'opening_balance', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsert = c.prepare(
    `insert into stock_balances (depot_id, location, batch_id, quantity, value_fen, first_received_at, last_movement_id) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (depot_id, location, batch_id) do update set quantity = excluded.quantity, value_fen = excluded.value_fen, last_movement_id = excluded.last_movement_id`,
  );
  const post = c.transaction((depotId: number, actorId: number, lines: { batchId: number; zone: string; quantity: number }[]) => {
    const postedAt = new Date().toISOString();
    const postingId = Number(posting.run(actorId, postedAt).lastInsertRowid);
    let prev = (head.get(depotId) as string | undefined) ?? GENESIS_HASH;
    let id = (maxId.get() as number) + 1;
    const moved: { depotId: number; location: 'qualified'; batchId: number; quantity: number; unitPriceFen: number }[] = [];
    for (const l of lines) {
      const unitPriceFen = price.get(l.batchId) as number;
      const before = balance.get(depotId, l.zone, l.batchId) as { quantity: number; valueFen: number } | undefined;
      const balanceAfter = (before?.quantity ?? 0) + l.quantity;
      const fields = { id, postingId, depotId, location: l.zone, batchId: l.batchId, kind: 'opening_balance' as const, quantity: l.quantity, unitPriceFen, balanceAfter, actorId, postedAt };
      const hash = chainHash(prev, fields);
      movement.run(id, postingId, depotId, l.zone, l.batchId, l.quantity, unitPriceFen, balanceAfter, actorId, postedAt, prev, hash);
      upsert.run(depotId, l.zone, l.batchId, balanceAfter, (before?.valueFen ?? 0) + l.quantity * unitPriceFen, postedAt, id);
      prev = hash;
      id += 1;
      moved.push({ depotId, location: l.zone as 'qualified', batchId: l.batchId, quantity: l.quantity, unitPriceFen });
    }
    addPostingToTotals(db, { kind: 'opening_balance', reversedKind: null, postedAt, timeZone: defaultConfig.timeZone }, moved);
  });
  return { postDocument: (depotId: number, actorId: number, lines: { batchId: number; zone: string; quantity: number }[]) => post(depotId, actorId, lines) };
}

/**
 * The baseline of the 购调存 bench: the same subtree-wide sums straight from the movements of a
 * time range (no month totals), grouped by product and kind.
 */
export function ptsFromMovements(db: Db, rootId: number, fromIso: string, toIso = '9999') {
  const c = db.$client;
  const path = c.prepare('select path from depots where id = ?').pluck().get(rootId) as string;
  return c
    .prepare(
      `select b.product_id, m.kind, sum(case when m.quantity > 0 then m.quantity else 0 end), sum(case when m.quantity < 0 then -m.quantity else 0 end), sum(m.quantity * m.unit_price_fen)
       from depots d join stock_movements m on m.depot_id = d.id join batches b on b.id = m.batch_id
       where d.path >= ? and d.path < ? and m.posted_at >= ? and m.posted_at < ? and m.location != 'in_transit'
       group by b.product_id, m.kind`,
    )
    .raw()
    .all(path, `${path.slice(0, -1)}0`, fromIso, toIso);
}
