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

  it('refuses a key reused with another body (422 idempotency_key_reused) instead of dropping the second request, and changes nothing', async () => {
    const c = await loginAs(w, '640121-storekeeper');
    const batch = buildBatch(w).id;
    const depotId = w.depot('640121').id;
    expect((await c.post('/api/opening-balances', { depotId, lines: [{ batchId: batch, quantity: 12 }] }, { 'idempotency-key': 'reused-key-01' })).status).toBe(201);
    const before = snapshotCounts(w.db);
    const other = await c.post('/api/opening-balances', { depotId, lines: [{ batchId: batch, quantity: 13 }] }, { 'idempotency-key': 'reused-key-01' });
    expect([other.status, other.body.code]).toEqual([422, 'idempotency_key_reused']);
    expect(snapshotCounts(w.db)).toEqual(before);
    // Another user's same key is theirs alone: it runs.
    const leader = await loginAs(w, '640121-leader');
    expect((await leader.post('/api/postings/4242/reverse', { reason: 'not mine' }, { 'idempotency-key': 'reused-key-01' })).body.code).not.toBe('idempotency_key_reused');
  });

  it('never keeps a secret shown once: a sensor token is not in the replay store, and a replay shows it as null', async () => {
    const c = await loginAs(w, '640121-storekeeper');
    const area = (await c.post(`/api/depots/${w.depot('640121').id}/storage-areas`, { name: '一号库房', kind: 'room' })).body;
    const created = await c.post(`/api/storage-areas/${area.id}/sensors`, { name: '北墙探头' }, { 'idempotency-key': 'sensor-0001' });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^fps_/);
    const stored = w.db.$client.prepare('select body from idempotency_keys').pluck().all() as string[];
    expect(stored.some((body) => body.includes(token))).toBe(false);
    const replay = await c.post(`/api/storage-areas/${area.id}/sensors`, { name: '北墙探头' }, { 'idempotency-key': 'sensor-0001' });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual({ ...created.body, token: null });
    expect(count('climate_sensors')).toBe(1);
  });
});
