import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { makeWorld, expectLedgerConsistent, type World } from '../helpers/world.ts';
import { buildBatch } from '../helpers/factories.ts';
import { loginAs } from '../helpers/client.ts';
import { postMovements } from '../../server/services/posting.ts';
import { planReversal } from '../../server/domain/ledger.ts';
import { monthOf } from '../../server/domain/period-totals.ts';
import { reportPeriod, PERIOD_KINDS, type PeriodKind } from '../../server/domain/report-period.ts';
import { ptsReport } from '../../server/services/reports/pts.ts';
import { generalLedger, detailLedger } from '../../server/services/reports/ledgers.ts';
import type { MovementKind, StockLocation } from '../../server/schemas/constants.ts';
import type { ReportSheet } from '../../server/domain/report-sheet.ts';
import { ensurePeriodTotals } from '../../db/queries/period-totals.ts';
import { verifyLedger } from '../../server/services/verify-ledger.ts';

/**
 * The 购调存 report and the valued ledgers against the stock card itself: a random history
 * posted through the posting module (receipts, transfers with goods in transit, dispensing,
 * counts, write-offs, reversals; across months and a year end), then every figure of the
 * report recomputed here straight from `stock_movements`, without the month totals.
 */

const DEPOTS = ['64', '6401', '640121', '640121100', '640121100200'] as const;
const PRODUCTS = ['KJ-0101', 'KJ-0701', 'KJ-0202'] as const;

type Op =
  | { t: 'receipt'; depot: number; batch: number; qty: number }
  | { t: 'transfer'; from: number; batch: number; qty: number }
  | { t: 'dispense'; depot: number; batch: number; qty: number }
  | { t: 'count'; depot: number; batch: number; delta: number }
  | { t: 'writeOff'; depot: number; batch: number; qty: number }
  | { t: 'reverse'; back: number }
  | { t: 'days'; n: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('receipt' as const), depot: fc.nat(4), batch: fc.nat(5), qty: fc.integer({ min: 1, max: 500 }) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('transfer' as const), from: fc.nat(3), batch: fc.nat(5), qty: fc.integer({ min: 1, max: 300 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('dispense' as const), depot: fc.nat(4), batch: fc.nat(5), qty: fc.integer({ min: 1, max: 100 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('count' as const), depot: fc.nat(4), batch: fc.nat(5), delta: fc.integer({ min: -20, max: 20 }).filter((d) => d !== 0) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('writeOff' as const), depot: fc.nat(4), batch: fc.nat(5), qty: fc.integer({ min: 1, max: 50 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reverse' as const), back: fc.nat(5) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('days' as const), n: fc.integer({ min: 1, max: 70 }) }) },
);

/** Runs the ops; an op the ledger refuses (not enough stock) is skipped, as a storekeeper would be. */
function runHistory(w: World, ops: Op[], batchIds: number[], prices: number[]) {
  const depotIds = DEPOTS.map((c) => w.depot(c).id);
  const actorId = w.actor('64-storekeeper').userId;
  const tz = w.deps.config.timeZone;
  const posted: { id: number; kind: MovementKind }[] = [];
  const post = (kind: MovementKind, lines: { depotId: number; location: StockLocation; batch: number; quantity: number }[], reverses?: number) => {
    try {
      const id = w.db.transaction(
        (tx) =>
          postMovements(
            tx,
            {
              kind,
              documentType: 'property',
              documentId: posted.length + 1,
              actorId,
              reversesPostingId: reverses,
              lines: lines.map((l) => ({ depotId: l.depotId, location: l.location, batchId: batchIds[l.batch], quantity: l.quantity, unitPriceFen: prices[l.batch] })),
            },
            w.clock.now(),
            tz,
          ).postingId,
      );
      posted.push({ id, kind });
    } catch (e) {
      if ((e as { code?: string }).code !== 'insufficient_stock') throw e;
    }
  };
  for (const op of ops) {
    w.clock.advanceMinutes(97);
    switch (op.t) {
      case 'days':
        w.clock.advanceMinutes(op.n * 24 * 60);
        break;
      case 'receipt':
        post('receipt', [{ depotId: depotIds[op.depot], location: 'pending', batch: op.batch, quantity: op.qty }]);
        post('inspection', [
          { depotId: depotIds[op.depot], location: 'pending', batch: op.batch, quantity: -op.qty },
          { depotId: depotIds[op.depot], location: 'qualified', batch: op.batch, quantity: op.qty },
        ]);
        break;
      case 'transfer': {
        // dispatched today, signed for after a few hours (possibly the next month)
        const to = depotIds[op.from + 1];
        post('transfer_out', [
          { depotId: depotIds[op.from], location: 'qualified', batch: op.batch, quantity: -op.qty },
          { depotId: to, location: 'in_transit', batch: op.batch, quantity: op.qty },
        ]);
        w.clock.advanceMinutes(600);
        if (op.qty % 3 !== 0) {
          post('transfer_in', [
            { depotId: to, location: 'in_transit', batch: op.batch, quantity: -op.qty },
            { depotId: to, location: 'qualified', batch: op.batch, quantity: op.qty },
          ]);
        }
        break;
      }
      case 'dispense':
        post('dispense', [{ depotId: depotIds[op.depot], location: 'qualified', batch: op.batch, quantity: -op.qty }]);
        break;
      case 'count':
        post('count_adjustment', [{ depotId: depotIds[op.depot], location: 'qualified', batch: op.batch, quantity: op.delta }]);
        break;
      case 'writeOff':
        post('zone_move', [
          { depotId: depotIds[op.depot], location: 'qualified', batch: op.batch, quantity: -op.qty },
          { depotId: depotIds[op.depot], location: 'nonconforming', batch: op.batch, quantity: op.qty },
        ]);
        post('write_off', [{ depotId: depotIds[op.depot], location: 'nonconforming', batch: op.batch, quantity: -op.qty }]);
        break;
      case 'reverse': {
        const candidates = posted.filter((p) => p.kind !== 'transfer_out' && p.kind !== 'transfer_in' && p.kind !== 'reversal');
        const target = candidates[candidates.length - 1 - op.back];
        if (!target) break;
        const movements = w.db.$client.prepare('select depot_id as depotId, location, batch_id as batchId, quantity, unit_price_fen as unitPriceFen from stock_movements where posting_id = ? order by id').all(target.id) as {
          depotId: number;
          location: StockLocation;
          batchId: number;
          quantity: number;
          unitPriceFen: number;
        }[];
        if (w.db.$client.prepare('select 1 from postings where reverses_posting_id = ?').get(target.id)) break;
        post(
          'reversal',
          planReversal(movements).map((l) => ({ depotId: l.depotId, location: l.location, batch: batchIds.indexOf(l.batchId), quantity: l.quantity })),
          target.id,
        );
        break;
      }
    }
  }
}

interface Expected {
  opening: number;
  openingValueFen: number;
  purchased: number;
  transferredIn: number;
  countGain: number;
  openingEntries: number;
  transferredOut: number;
  dispensed: number;
  writtenOff: number;
  returnedToSupplier: number;
  countLoss: number;
  closing: number;
  closingValueFen: number;
  inTransit: number;
}

/** The oracle: each figure of one product straight from the movements. */
function fromMovements(w: World, depotIds: Set<number>, productId: number, from: string, to: string): Expected {
  const rows = w.db.$client
    .prepare(
      `select m.depot_id as depotId, m.location, m.kind, o.kind as reversed, m.quantity, m.unit_price_fen as price, m.posted_at as postedAt
       from stock_movements m join batches b on b.id = m.batch_id
       left join postings p on p.id = m.posting_id left join postings o on o.id = p.reverses_posting_id
       where b.product_id = ?`,
    )
    .all(productId) as { depotId: number; location: string; kind: string; reversed: string | null; quantity: number; price: number; postedAt: string }[];
  const e: Expected = { opening: 0, openingValueFen: 0, purchased: 0, transferredIn: 0, countGain: 0, openingEntries: 0, transferredOut: 0, dispensed: 0, writtenOff: 0, returnedToSupplier: 0, countLoss: 0, closing: 0, closingValueFen: 0, inTransit: 0 };
  for (const r of rows) {
    if (!depotIds.has(r.depotId)) continue;
    const month = monthOf(r.postedAt, w.deps.config.timeZone);
    if (month > to) continue;
    if (r.location === 'in_transit') {
      e.inTransit += r.quantity;
      continue;
    }
    e.closing += r.quantity;
    e.closingValueFen += r.quantity * r.price;
    if (month < from) {
      e.opening += r.quantity;
      e.openingValueFen += r.quantity * r.price;
      continue;
    }
    const kind = r.kind === 'reversal' ? r.reversed! : r.kind;
    if (kind === 'receipt') e.purchased += r.quantity;
    else if (kind === 'transfer_in') e.transferredIn += r.quantity;
    else if (kind === 'opening_balance') e.openingEntries += r.quantity;
    else if (kind === 'count_adjustment') {
      if (r.quantity > 0) e.countGain += r.quantity;
      else e.countLoss -= r.quantity;
    } else if (kind === 'transfer_out') e.transferredOut -= r.quantity;
    else if (kind === 'dispense') e.dispensed -= r.quantity;
    else if (kind === 'write_off') e.writtenOff -= r.quantity;
    else if (kind === 'return_to_supplier') e.returnedToSupplier -= r.quantity;
  }
  return e;
}

const subtreeIds = (w: World, code: string) =>
  new Set((w.db.$client.prepare('select id from depots where path like ?').all(`${w.depot(code).path}%`) as { id: number }[]).map((r) => r.id));

function rowOf(sheet: ReportSheet, code: string) {
  return sheet.rows.find((r) => r.code === code);
}

describe('购调存 report equals the ledger', () => {
  it('on generated histories, own level and summary, for any period', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 5, maxLength: 60 }),
        fc.constantFrom(...DEPOTS),
        fc.constantFrom(...PERIOD_KINDS),
        fc.integer({ min: 2025, max: 2027 }),
        fc.integer({ min: 1, max: 12 }),
        async (ops, depotCode, kind: PeriodKind, year, month) => {
          const w = await makeWorld({ now: '2025-11-20T08:00:00Z', users: true });
          const batches = [0, 1, 2, 3, 4, 5].map((i) => buildBatch(w, { productCode: PRODUCTS[i % 3], unitPriceFen: 100 + i * 37, lot: `P${i}` }));
          runHistory(w, ops, batches.map((b) => b.id), batches.map((b) => b.unitPriceFen));
          const actor = w.actor('64-leader');
          const period = reportPeriod(year, kind, month);
          for (const scope of ['own', 'summary'] as const) {
            const sheet = ptsReport(w.deps, actor, { depotId: w.depot(depotCode).id, year, period: kind, month, scope });
            expect(sheet.period.from).toBe(period.from);
            const ids = scope === 'own' ? new Set([w.depot(depotCode).id]) : subtreeIds(w, depotCode);
            for (const code of PRODUCTS) {
              const productId = w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;
              const e = fromMovements(w, ids, productId, period.from, period.to);
              const row = rowOf(sheet, code);
              const anything = Object.values(e).some((v) => v !== 0);
              if (!anything) {
                expect(row).toBeUndefined();
                continue;
              }
              expect(row).toMatchObject(e);
              expect(row!.closing).toBe((row!.opening as number) + (row!.increase as number) - (row!.decrease as number));
            }
          }
          expectLedgerConsistent(w.db);
        },
      ),
      { numRuns: Number(process.env.FP_RUNS ?? 25) },
    );
  }, 120_000);

  it('closing of the year to date equals the stock on hand, in quantity and value; the ledgers agree with the report', async () => {
    const w = await makeWorld({ now: '2026-01-05T02:00:00Z', users: true });
    const batches = [0, 1, 2, 3, 4, 5].map((i) => buildBatch(w, { productCode: PRODUCTS[i % 3], unitPriceFen: 90 + i * 11, lot: `Q${i}` }));
    const ops = fc.sample(fc.array(opArb, { minLength: 80, maxLength: 80 }), { numRuns: 1, seed: 7 })[0];
    runHistory(w, ops.map((o) => (o.t === 'days' ? { ...o, n: Math.min(o.n, 3) } : o)), batches.map((b) => b.id), batches.map((b) => b.unitPriceFen));
    const year = Number(monthOf(w.clock.now().toISOString(), w.deps.config.timeZone).slice(0, 4));
    const actor = w.actor('64-finance');
    for (const code of DEPOTS) {
      const depotId = w.depot(code).id;
      const onHand = w.db.$client
        .prepare(`select p.code, sum(s.quantity) as q, sum(s.value_fen) as v from stock_balances s join batches b on b.id = s.batch_id join products p on p.id = b.product_id where s.depot_id = ? and s.location != 'in_transit' group by p.code`)
        .all(depotId) as { code: string; q: number; v: number }[];
      const pts = ptsReport(w.deps, actor, { depotId, year, period: 'year', scope: 'own' });
      const general = generalLedger(w.deps, actor, { depotId, year, period: 'year', scope: 'own' });
      const detail = detailLedger(w.deps, actor, { depotId, year, period: 'year', scope: 'own' });
      for (const h of onHand) {
        expect(rowOf(pts, h.code)).toMatchObject({ closing: h.q, closingValueFen: h.v });
        expect(rowOf(general, h.code)).toMatchObject({ closingQty: h.q, closingValueFen: h.v });
        const lots = detail.rows.filter((r) => r.code === h.code);
        expect(lots.reduce((s, r) => s + (r.closingQty as number), 0)).toBe(h.q);
        expect(lots.reduce((s, r) => s + (r.closingValueFen as number), 0)).toBe(h.v);
      }
      for (const r of general.rows) {
        const p = rowOf(pts, r.code as string)!;
        expect(r).toMatchObject({ openingQty: p.opening, inQty: p.increase, outQty: p.decrease, inValueFen: p.increaseValueFen, outValueFen: p.decreaseValueFen });
      }
      // The detail ledger sums to the general ledger, column by column.
      for (const key of ['openingQty', 'openingValueFen', 'inQty', 'inValueFen', 'outQty', 'outValueFen', 'closingQty', 'closingValueFen']) {
        expect(detail.totals![key]).toBe(general.totals![key]);
      }
      // Batches are per lot, each with its price.
      for (const r of detail.rows) expect(batches.find((b) => b.lot === r.lot)!.unitPriceFen).toBe(r.unitPriceFen);
    }
    expect(onHandTotal(w)).toBeGreaterThan(0);
  });
});

const onHandTotal = (w: World) => w.db.$client.prepare(`select coalesce(sum(quantity), 0) from stock_balances where location != 'in_transit'`).pluck().get() as number;

describe('reports through the API', () => {
  it('a county summary counts a transfer to its township both out and in; the own level only out, until signed for it is in transit', async () => {
    const w = await makeWorld({ now: '2026-03-10T02:00:00Z' });
    const b = buildBatch(w, { productCode: 'KJ-0701', unitPriceFen: 150, lot: 'API1' });
    runHistory(
      w,
      [
        { t: 'receipt', depot: 2, batch: 0, qty: 600 },
        { t: 'transfer', from: 2, batch: 0, qty: 100 }, // 100 % 3 != 0: signed for
        { t: 'transfer', from: 2, batch: 0, qty: 60 }, // 60 % 3 == 0: still in transit
        { t: 'dispense', depot: 3, batch: 0, qty: 30 },
      ],
      [b.id],
      [150],
    );
    const c = await loginAs(w, '640121-leader');
    const own = await c.get(`/api/reports/pts?depotId=${w.depot('640121').id}&year=2026`);
    expect(own.status).toBe(200);
    expect(own.body.title.zh).toBe('县级计划生育药具购调存数量统计表');
    expect(own.body.period).toEqual({ from: '2026-01', to: '2026-12', label: { zh: '2026年度', en: 'Year 2026' } });
    expect(own.body.rows[0]).toMatchObject({ code: 'KJ-0701', opening: 0, purchased: 600, transferredOut: 160, closing: 440, closingValueFen: 440 * 150, inTransit: 0 });
    const summary = await c.get(`/api/reports/pts?depotId=${w.depot('640121').id}&year=2026&scope=summary`);
    expect(summary.body.title.zh).toBe('县级计划生育药具购调存数量汇总表');
    expect(summary.body.rows[0]).toMatchObject({ purchased: 600, transferredIn: 100, transferredOut: 160, dispensed: 30, closing: 510, inTransit: 60 });
    expect(summary.body.totals).toMatchObject({ product: '合计', closing: 510 });
    const township = await c.get(`/api/reports/pts?depotId=${w.depot('640121100').id}&year=2026`);
    expect(township.body.rows[0]).toMatchObject({ transferredIn: 100, dispensed: 30, closing: 70, inTransit: 60 });
    // the month before: nothing yet
    const feb = await c.get(`/api/reports/pts?depotId=${w.depot('640121').id}&year=2026&period=month&month=2`);
    expect(feb.body.rows).toEqual([]);
    expectLedgerConsistent(w.db);
  });

  it('answers the regional titles, the catalogue of reports, and refuses what it must', async () => {
    const w = await makeWorld();
    const region = await loginAs(w, '64-planner');
    expect((await region.get(`/api/reports/pts?depotId=${w.depot('64').id}`)).body.title.zh).toBe('省本级计划生育药具购调存数量统计表');
    expect((await region.get(`/api/reports/pts?depotId=${w.depot('64').id}&scope=summary`)).body.title.zh).toBe('省级计划生育药具购调存数量汇总表');
    expect((await region.get(`/api/reports/pts?depotId=${w.depot('6401').id}`)).body.title.zh).toBe('地本级计划生育药具购调存数量统计表');
    const list = await region.get('/api/reports');
    expect(list.body.reports.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['pts', 'usage', 'users', 'general-ledger', 'detail-ledger']));
    const township = await loginAs(w, '640121100-storekeeper');
    const above = await township.get(`/api/reports/pts?depotId=${w.depot('640121').id}`);
    expect(above.status).toBe(403);
    expect(above.body.code).toBe('out_of_scope');
    expect((await township.get(`/api/reports/nope?depotId=${w.depot('640121100').id}`)).body.code).toBe('report_not_found');
    expect((await township.get(`/api/reports/pts?depotId=999999`)).body.code).toBe('depot_not_found');
    expect((await township.get(`/api/reports/pts?depotId=${w.depot('640121100').id}&period=h3`)).status).toBe(422);
    expect((await township.get(`/api/reports/__proto__?depotId=${w.depot('640121100').id}`)).body.code).toBe('report_not_found');
  });
});

describe('month totals of a database whose history predates them', () => {
  it('are filled once from the movements (as on the first start after migration 0010), and not again', async () => {
    const w = await makeWorld({ users: true });
    const b = buildBatch(w, { productCode: 'KJ-0701', lot: 'OLD1' });
    runHistory(w, [{ t: 'receipt', depot: 2, batch: 0, qty: 90 }, { t: 'transfer', from: 2, batch: 0, qty: 40 }], [b.id], [b.unitPriceFen]);
    const before = w.db.$client.prepare('select * from stock_period_totals order by depot_id, scope, month, product_id, flow').all();
    expect(before.length).toBeGreaterThan(0);
    w.db.$client.prepare('delete from stock_period_totals').run();
    expect(verifyLedger(w.db).violations.map((v) => v.invariant)).toContain('period_totals_equal_movements');
    ensurePeriodTotals(w.db, w.deps.config.timeZone);
    expect(w.db.$client.prepare('select * from stock_period_totals order by depot_id, scope, month, product_id, flow').all()).toEqual(before);
    // not empty any more: a second call leaves a (deliberately wrong) row alone
    w.db.$client.prepare('update stock_period_totals set in_qty = in_qty + 1').run();
    ensurePeriodTotals(w.db, w.deps.config.timeZone);
    expect(verifyLedger(w.db).violations.length).toBeGreaterThan(0);
  });
});
