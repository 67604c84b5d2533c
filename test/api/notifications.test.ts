import { describe, it, expect, beforeEach } from 'vitest';
import { makeWorld, type World } from '../helpers/world.ts';
import { anonymous, loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { CHECKLISTS } from '../../server/domain/inspection.ts';

/**
 * The bell of issue 18 item 7: each notification carries what its text names, so that every
 * language words it and the screen links to its document; the count is read per user.
 */

const COUNTY = '640121';
const TOWNSHIP = '640121100';

let w: World;
const sessions: Record<string, Client> = {};
const as = async (username: string) => (sessions[username] ??= await loginAs(w, username));
beforeEach(async () => {
  w = await makeWorld();
  for (const k of Object.keys(sessions)) delete sessions[k];
});

const productId = (code: string) => w.db.$client.prepare('select id from products where code = ?').pluck().get(code) as number;
const ofKind = async (client: Client, kind: string) => ((await client.get('/api/notifications')).body.items as any[]).filter((n) => n.kind === kind);
const unread = async (client: Client) => {
  const res = await client.get('/api/notifications/unread-count');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.unread as number;
};

describe('notifications name their document (issue 18 item 7)', () => {
  it('a temporary order tells the leader its number and the depots, to link to the order', async () => {
    const order = await (await as(`${COUNTY}-planner`)).post('/api/transfer-orders', {
      fromDepotId: w.depot(COUNTY).id,
      toDepotId: w.depot(TOWNSHIP).id,
      basis: 'temporary',
      lines: [{ productId: productId('KJ-0701'), quantity: 20 }],
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const [note] = await ofKind(await as(`${COUNTY}-leader`), 'transfer_approval');
    expect(note).toMatchObject({ entity: 'transfer_order', entityId: order.body.id, readAt: null, params: { number: order.body.number, fromDepot: '永宁县', toDepot: '杨和镇' } });
  });

  it('a password reset tells the leader whose password and which admin reset it', async () => {
    const keeperId = w.actor(`${COUNTY}-storekeeper`).userId;
    expect((await (await as(`${COUNTY}-admin`)).patch(`/api/users/${keeperId}`, { password: 'one-time-123' })).status).toBe(200);
    const [note] = await ofKind(await as(`${COUNTY}-leader`), 'password_reset');
    expect(note).toMatchObject({ entity: 'user', entityId: keeperId, params: { username: `${COUNTY}-storekeeper`, by: '永宁县 admin' } });
  });

  it('a suspected quality change and a failed pre-issue check name the product in both languages, the lot and the depot, with the batch to link to', async () => {
    const batch = buildBatch(w, { productCode: 'KJ-0701', lot: 'BELL-1', expiresOn: '2029-01-31' });
    givenStock(w, TOWNSHIP, batch.id, 50);
    const checklist = Object.fromEntries(CHECKLISTS.condom.map((item) => [item, true]));
    const inspected = await (await as(`${TOWNSHIP}-inspector`)).post('/api/inspections', {
      depotId: w.depot(TOWNSHIP).id,
      batchId: batch.id,
      kind: 'pre_issue',
      checklist: { ...checklist, [CHECKLISTS.condom[0]!]: false },
      passedQuantity: 46,
      failedQuantity: 4,
      nonconformities: ['visible_defect'],
      suspectedQualityChange: true,
    });
    expect(inspected.status, JSON.stringify(inspected.body)).toBe(201);
    const subject = { productZh: expect.stringContaining('避孕套'), productEn: expect.stringMatching(/condom/i), lot: 'BELL-1', depot: '杨和镇', depotId: w.depot(TOWNSHIP).id, batchId: batch.id };
    const [failed] = await ofKind(await as(`${COUNTY}-leader`), 'pre_issue_failed');
    expect(failed.params).toMatchObject({ ...subject, quantity: 4 });
    const [suspected] = await ofKind(await as(`${TOWNSHIP}-leader`), 'suspected_quality_change');
    expect(suspected.params).toMatchObject(subject);
  });
});

describe('the bell’s count', () => {
  it('counts what this user has not read; marking one read lowers their count, not that of another leader of the depot', async () => {
    await w.addUser('second-leader', COUNTY, ['leader']);
    const [leader, other] = [await as(`${COUNTY}-leader`), await as('second-leader')];
    expect(await unread(leader)).toBe(0);
    for (const quantity of [5, 6]) {
      const res = await (await as(`${COUNTY}-planner`)).post('/api/transfer-orders', { fromDepotId: w.depot(COUNTY).id, toDepotId: w.depot(TOWNSHIP).id, basis: 'temporary', lines: [{ productId: productId('KJ-0101'), quantity }] });
      expect(res.status).toBe(201);
    }
    expect([await unread(leader), await unread(other)]).toEqual([2, 2]);
    const [newest] = await ofKind(leader, 'transfer_approval');
    const read = await leader.post(`/api/notifications/${newest.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.unread).toBe(1);
    expect([await unread(leader), await unread(other)]).toEqual([1, 2]);
    expect(await unread(await as(`${COUNTY}-storekeeper`))).toBe(0);
    expect((await anonymous(w, '/api/notifications/unread-count')).status).toBe(401);
  });
});
