import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';

let w: World;
let keeper: Client;
let depotId: number;
let batchId: number;
beforeEach(async () => {
  w = await makeWorld();
  keeper = await loginAs(w, '640121-storekeeper');
  depotId = w.depot('640121').id;
  batchId = buildBatch(w, { productCode: 'KJ-0101', lot: 'ZM-1' }).id;
  givenStock(w, '640121', batchId, 50);
});
afterEach(() => expectLedgerConsistent(w.db));

const move = (c: Client, body: Record<string, unknown>) => c.post('/api/zone-moves', { depotId, batchId, fromZone: 'qualified', toZone: 'nonconforming', quantity: 5, ...body });
const zones = async () => Object.fromEntries(((await keeper.get(`/api/stock?depotId=${depotId}`)).body.items as any[]).map((r) => [r.location, r.quantity]));

describe('moving stock between zones by scanning a zone label (S0:323-325, 388, 421)', () => {
  it('quarantines qualified stock into the red zone, and sends stock back to pending for another check, in one posting each', async () => {
    const res = await move(keeper, { quantity: 5, reason: '外包装受潮' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ lot: 'ZM-1', fromZone: 'qualified', toZone: 'nonconforming', quantity: 5 });
    expect((await move(await loginAs(w, '640121-inspector'), { toZone: 'pending', quantity: 10 })).status).toBe(201);
    expect(await zones()).toEqual({ qualified: 35, pending: 10, nonconforming: 5 });
    expect((await move(keeper, { fromZone: 'pending', toZone: 'nonconforming', quantity: 10 })).status).toBe(201);
    expect(await zones()).toEqual({ qualified: 35, nonconforming: 15 });
  });

  it('never moves goods into the qualified zone, nor out of the red zone, nor more than is there, nor for others; nothing changes', async () => {
    await move(keeper, { quantity: 5 });
    const finance = await loginAs(w, '640121-finance');
    const township = await loginAs(w, '640121100-storekeeper');
    const before = snapshotCounts(w.db);
    const cases: [Client, Record<string, unknown>, number, string][] = [
      [keeper, { fromZone: 'pending', toZone: 'qualified' }, 409, 'qualified_by_inspection_only'],
      [keeper, { fromZone: 'nonconforming', toZone: 'pending' }, 409, 'nonconforming_leaves_by_write_off'],
      [keeper, { toZone: 'qualified' }, 409, 'qualified_by_inspection_only'],
      [keeper, { fromZone: 'pending', toZone: 'pending' }, 422, 'validation_failed'],
      [keeper, { quantity: 46 }, 409, 'insufficient_stock'],
      [keeper, { batchId: 999999 }, 404, 'batch_not_found'],
      [finance, {}, 403, 'role_required'],
      [township, {}, 403, 'out_of_scope'],
    ];
    for (const [c, body, status, code] of cases) {
      const res = await move(c, body);
      expect([res.status, res.body.code], code).toEqual([status, code]);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
  });
});
