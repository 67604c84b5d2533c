import { describe, it, expect, afterEach } from 'vitest';
import { makeWorld, expectLedgerConsistent, PASSWORD, type World } from '../helpers/world.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { serveWorld, httpLogin, httpPost } from '../helpers/http.ts';
import { postMovements } from '../../server/services/posting.ts';

let w: World;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  expectLedgerConsistent(w.db);
});

const balanceOf = (world: World, depotCode: string, batchId: number) =>
  world.db.$client.prepare(`select coalesce(sum(quantity), 0) from stock_balances where depot_id = ? and batch_id = ? and location = 'qualified'`).pluck().get(world.depot(depotCode).id, batchId) as number;

describe('many clients posting against the same batches at once', () => {
  it('loses no update: 60 concurrent documents on two batches sum exactly', async () => {
    w = await makeWorld();
    const server = await serveWorld(w);
    close = server.close;
    const a = buildBatch(w, { lot: 'CONC-A' });
    const b = buildBatch(w, { lot: 'CONC-B' });
    // A township: its opening stock goes straight into the qualified zone.
    // Logged in one after the other: a login counts as an attempt until its password is checked
    // (issue 19), so six at once from one address can meet the per-account throttle of five.
    const sessions: Awaited<ReturnType<typeof httpLogin>>[] = [];
    for (let i = 0; i < 6; i++) sessions.push(await httpLogin(server.url, '640121100-storekeeper', PASSWORD));
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        httpPost(server.url, sessions[i % sessions.length], '/api/opening-balances', {
          depotId: w.depot('640121100').id,
          lines: [
            { batchId: a.id, quantity: i + 1 },
            { batchId: b.id, quantity: 2 },
          ],
        }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(60).fill(201));
    expect(balanceOf(w, '640121100', a.id)).toBe((60 * 61) / 2);
    expect(balanceOf(w, '640121100', b.id)).toBe(120);
    expect(new Set(answers.map((r) => r.body.number)).size).toBe(60);
  });

  it('applies each reversal once when two leaders race to decide the same requests', async () => {
    w = await makeWorld();
    const server = await serveWorld(w);
    close = server.close;
    const batch = buildBatch(w, { lot: 'RACE' });
    const docs = Array.from({ length: 20 }, () => givenStock(w, '640121100', batch.id, 10));
    await w.addUser('640121100-leader2', '640121100', ['leader']);
    const keeper = await httpLogin(server.url, '640121100-storekeeper', PASSWORD);
    const requests = await Promise.all(docs.map((d) => httpPost(server.url, keeper, `/api/postings/${d.postingId}/reverse`, { reason: 'race' })));
    expect(requests.map((r) => r.status)).toEqual(Array(20).fill(201));
    const leaders = await Promise.all([httpLogin(server.url, '640121100-leader', PASSWORD), httpLogin(server.url, '640121100-leader2', PASSWORD)]);
    const answers = await Promise.all(requests.flatMap((r) => leaders.map((s) => httpPost(server.url, s, `/api/reversal-requests/${r.body.id}/decide`, { decision: 'approved' }))));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(20);
    expect(answers.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(20).fill('already_decided'));
    expect(balanceOf(w, '640121100', batch.id)).toBe(0);
  });

  it('never goes below zero when approved reversals race against stock already taken out', async () => {
    w = await makeWorld();
    const server = await serveWorld(w);
    close = server.close;
    const batch = buildBatch(w, { lot: 'NEG' });
    const docs = Array.from({ length: 10 }, () => givenStock(w, '640121100', batch.id, 10));
    // 75 of the 100 leave by another workflow: at most two of the ten reversals can pass.
    const actor = w.actor('640121100-storekeeper');
    const depotId = w.depot('640121100').id;
    w.db.transaction((tx) =>
      postMovements(tx, { kind: 'dispense', documentType: 'test', documentId: 1, actorId: actor.userId, lines: [{ depotId, location: 'qualified', batchId: batch.id, quantity: -75, unitPriceFen: batch.unitPriceFen }] }, w.clock.now(), w.deps.config.timeZone),
    );
    const keeper = await httpLogin(server.url, '640121100-storekeeper', PASSWORD);
    const requests = await Promise.all(docs.map((d) => httpPost(server.url, keeper, `/api/postings/${d.postingId}/reverse`, { reason: 'race' })));
    const leader = await httpLogin(server.url, '640121100-leader', PASSWORD);
    const answers = await Promise.all(requests.map((r) => httpPost(server.url, leader, `/api/reversal-requests/${r.body.id}/decide`, { decision: 'approved' })));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(2);
    expect(answers.filter((r) => r.status === 409).every((r) => r.body.code === 'insufficient_stock')).toBe(true);
    expect(balanceOf(w, '640121100', batch.id)).toBe(5);
  });
});
