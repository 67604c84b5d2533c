import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { makeWorld } from '../helpers/world.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { allocateFefo } from '../../server/domain/fefo.ts';
import { firstUsableExpiry } from '../../server/domain/expiry.ts';
import { createTransferOrder, decideTransferOrder } from '../../server/services/transfers.ts';
import { fefoCandidates, qualifiedStockOf, reservedAt } from '../../db/queries/transfers.ts';

const RUNS = process.env.FP_LONG ? 300 : 60;

/**
 * The pick list reads a product's batches in expiry order and stops once the line is covered;
 * whatever the stock, expiries (ties included), arrival times and reservations, its proposal
 * is the one allocateFefo makes over all of the depot's qualified stock.
 */
describe('FEFO candidates read from the index propose what allocating over all stock proposes', () => {
  it('holds for random stock, ties and reservations', async () => {
    const w = await makeWorld({ users: true });
    const depot = w.depot('640121');
    const productIds = ['KJ-0101', 'KJ-0103', 'KJ-0701', 'KJ-0702'].map((code) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number);
    const order = createTransferOrder(w.deps, w.actor('640121-planner'), { fromDepotId: depot.id, toDepotId: w.depot('640121100').id, basis: 'temporary', lines: productIds.map((productId) => ({ productId, quantity: 1 })) });
    decideTransferOrder(w.deps, w.actor('640121-leader'), order.id, { decision: 'approved' });
    let seq = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ expiry: fc.constantFrom('2026-11-01', '2027-01-31', '2027-03-31', '2028-06-30'), quantity: fc.integer({ min: 1, max: 60 }), later: fc.integer({ min: 0, max: 3 }), reserve: fc.integer({ min: 0, max: 60 }) }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 120 }),
        async (stock, wanted) => {
          seq += 1;
          const product = ['KJ-0101', 'KJ-0103', 'KJ-0701', 'KJ-0702'][seq % 4]!;
          const productId = productIds[seq % 4]!;
          const lineId = order.lines.find((l) => l.productId === productId)!.id;
          // Batches are created in one order and stocked in another, so that the index's order
          // (expiry, then batch id) and arrival order disagree among batches of one expiry.
          const batches = stock.map((s) => buildBatch(w, { productCode: product, expiresOn: s.expiry }));
          for (const [i, s] of stock.map((s, i) => [i, s] as const).sort((a, b) => b[1].later - a[1].later || b[0] - a[0])) {
            w.clock.advanceMinutes(s.later * 60 + 1);
            const b = batches[i]!;
            givenStock(w, '640121', b.id, s.quantity);
            const reserve = Math.min(s.reserve, s.quantity);
            if (reserve > 0) {
              w.db.$client
                .prepare('insert into transfer_picks (order_id, order_line_id, depot_id, batch_id, quantity, picked_by, picked_at, open) values (?, ?, ?, ?, ?, ?, ?, 1)')
                .run(order.id, lineId, depot.id, b.id, reserve, order.createdBy, w.clock.now().toISOString());
            }
          }
          const now = w.clock.now();
          const options = { nearExpiryDays: 180, timeZone: 'Asia/Shanghai' };
          const reserved = reservedAt(w.db, depot.id, [productId]);
          const all = qualifiedStockOf(w.db, depot.id, [productId]).map((r) => ({ ...r, available: r.quantity - (reserved.get(r.batchId) ?? 0) }));
          const cut = fefoCandidates(w.db, depot.id, [{ productId, remaining: wanted }], firstUsableExpiry(now, options));
          expect(allocateFefo(cut, wanted, now, options)).toEqual(allocateFefo(all, wanted, now, options));
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
