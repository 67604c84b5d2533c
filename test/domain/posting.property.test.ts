import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { makeWorld, type World } from '../helpers/world.ts';
import { buildBatch } from '../helpers/factories.ts';
import { postMovements } from '../../server/services/posting.ts';
import { verifyLedger } from '../../server/services/verify-ledger.ts';
import { DomainError } from '../../server/domain/errors.ts';
import type { StockLocation } from '../../server/schemas/constants.ts';

/**
 * Random sequences of postings through the real posting module on a real database: every
 * accepted posting keeps balance = sum of movements, no balance below zero and the hash
 * chains intact; every refused one is insufficient_stock and changes nothing.
 */
const DEPOTS = ['640121', '640121100', '640121101'];
const LOCATIONS: StockLocation[] = ['pending', 'qualified'];

const lineArb = fc.record({
  depot: fc.integer({ min: 0, max: DEPOTS.length - 1 }),
  location: fc.constantFrom(...LOCATIONS),
  batch: fc.integer({ min: 0, max: 2 }),
  quantity: fc.integer({ min: -60, max: 80 }).filter((q) => q !== 0),
});
const postingArb = fc.array(lineArb, { minLength: 1, maxLength: 4 });

function balances(w: World): Map<string, number> {
  const rows = w.db.$client.prepare('select depot_id, location, batch_id, quantity from stock_balances').all() as { depot_id: number; location: string; batch_id: number; quantity: number }[];
  return new Map(rows.filter((r) => r.quantity !== 0).map((r) => [`${r.depot_id}|${r.location}|${r.batch_id}`, r.quantity]));
}

describe('the posting module under random sequences (fast-check)', () => {
  it('keeps every invariant and never goes below zero', async () => {
    const w = await makeWorld({ users: false });
    await w.addUser('prop', '640121', ['storekeeper']);
    const actorId = w.actor('prop').userId;
    const batches = [0, 1, 2].map((i) => buildBatch(w, { lot: `PROP${i}`, unitPriceFen: 10 + i }));
    const depotIds = DEPOTS.map((c) => w.depot(c).id);
    let documentId = 0;

    await fc.assert(
      fc.asyncProperty(fc.array(postingArb, { minLength: 1, maxLength: 30 }), async (postings) => {
        const model = balances(w);
        for (const lines of postings) {
          const resolved = lines.map((l) => ({ depotId: depotIds[l.depot], location: l.location, batchId: batches[l.batch].id, quantity: l.quantity, unitPriceFen: batches[l.batch].unitPriceFen }));
          const next = new Map(model);
          let valid = true;
          for (const l of resolved) {
            const key = `${l.depotId}|${l.location}|${l.batchId}`;
            const q = (next.get(key) ?? 0) + l.quantity;
            if (q < 0) valid = false;
            next.set(key, q);
          }
          try {
            w.db.transaction((tx) => postMovements(tx, { kind: 'count_adjustment', documentType: 'property', documentId: ++documentId, actorId, lines: resolved }, w.clock.now(), w.deps.config.timeZone));
            expect(valid).toBe(true);
            for (const [k, q] of next) (q === 0 ? model.delete(k) : model.set(k, q));
          } catch (e) {
            expect(valid).toBe(false);
            expect(e).toBeInstanceOf(DomainError);
            expect((e as DomainError).code).toBe('insufficient_stock');
          }
          expect(balances(w)).toEqual(model);
        }
        const { violations } = verifyLedger(w.db);
        expect(violations).toEqual([]);
      }),
      { numRuns: process.env.FP_LONG ? 500 : 40 },
    );
  }, 600_000);
});
