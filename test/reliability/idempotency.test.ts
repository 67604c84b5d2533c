import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, snapshotCounts, type World } from '../helpers/world.ts';
import { loginAs } from '../helpers/client.ts';
import { buildBatch } from '../helpers/factories.ts';

let w: World;
beforeEach(async () => {
  w = await makeWorld();
});
afterEach(() => expectLedgerConsistent(w.db));

const count = (table: string) => w.db.$client.prepare(`select count(*) from ${table}`).pluck().get() as number;

describe('Idempotency-Key on mutating requests', () => {
  it('applies a repeated request once and answers it the same', async () => {
    const c = await loginAs(w, '640121-storekeeper');
    const body = { depotId: w.depot('640121').id, lines: [{ batchId: buildBatch(w).id, quantity: 12 }] };
    const first = await c.post('/api/opening-balances', body, { 'idempotency-key': 'scan-0001-abc' });
    const again = await c.post('/api/opening-balances', body, { 'idempotency-key': 'scan-0001-abc' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replay')).toBe('true');
    expect(count('opening_balances')).toBe(1);
    expect(count('stock_movements')).toBe(1);
  });

  it('applies once when the retry arrives while the first is still running', async () => {
    const c = await loginAs(w, '640121-storekeeper');
    const body = { depotId: w.depot('640121').id, lines: [{ batchId: buildBatch(w).id, quantity: 3 }] };
    const answers = await Promise.all([1, 2, 3].map(() => c.post('/api/opening-balances', body, { 'idempotency-key': 'flaky-network-7' })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(count('opening_balances')).toBe(1);
  });

  it('replays a refusal as a refusal, without running it again', async () => {
    const c = await loginAs(w, '640121-leader');
    const first = await c.post('/api/postings/4242/reverse', { reason: 'no such' }, { 'idempotency-key': 'rev-4242-x' });
    const again = await c.post('/api/postings/4242/reverse', { reason: 'no such' }, { 'idempotency-key': 'rev-4242-x' });
    expect(first.status).toBe(404);
    expect(again.status).toBe(404);
    expect(again.body).toEqual(first.body);
  });

  it('refuses a key reused for another route (422 idempotency_key_reused) and changes nothing', async () => {
    const c = await loginAs(w, '640121-storekeeper');
    const batch = buildBatch(w);
    await c.post('/api/opening-balances', { depotId: w.depot('640121').id, lines: [{ batchId: batch.id, quantity: 1 }] }, { 'idempotency-key': 'same-key-01' });
    const before = snapshotCounts(w.db);
    const other = await c.post('/api/postings/1/reverse', { reason: 'other route' }, { 'idempotency-key': 'same-key-01' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(snapshotCounts(w.db)).toEqual(before);
  });

  it('keeps keys per user: the same key from two users is two requests', async () => {
    const batch = buildBatch(w);
    const a = await loginAs(w, '640121-storekeeper');
    const b = await loginAs(w, '640121100-storekeeper');
    expect((await a.post('/api/opening-balances', { depotId: w.depot('640121').id, lines: [{ batchId: batch.id, quantity: 1 }] }, { 'idempotency-key': 'shared-key-9' })).status).toBe(201);
    expect((await b.post('/api/opening-balances', { depotId: w.depot('640121100').id, lines: [{ batchId: batch.id, quantity: 1 }] }, { 'idempotency-key': 'shared-key-9' })).status).toBe(201);
    expect(count('opening_balances')).toBe(2);
  });

  it('refuses a malformed key (422 validation_failed)', async () => {
    const c = await loginAs(w, '640121-storekeeper');
    const res = await c.post('/api/opening-balances', { depotId: w.depot('640121').id, lines: [{ batchId: buildBatch(w).id, quantity: 1 }] }, { 'idempotency-key': 'x' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(count('opening_balances')).toBe(0);
  });
});
