import { describe, it, expect } from 'vitest';
import { createActionQueue, isRetryable, type Executor, type KeyValueStorage, type QueueEvent } from '../../web/src/features/receiving/pending-actions.ts';

const problem = (status: number, code: string) => Object.assign(new Error(code), { status, code, detail: code });
const NETWORK = () => problem(0, 'network_error');

class MemoryStorage implements KeyValueStorage {
  readonly data = new Map<string, string>();
  getItem = (key: string) => this.data.get(key) ?? null;
  setItem = (key: string, value: string) => void this.data.set(key, value);
}

/**
 * A server that applies each Idempotency-Key once, as server/http/idempotency.ts does, behind a
 * network the test breaks: `failBefore` loses the request, `failAfter` applies it and loses the reply.
 */
function fakeServer() {
  const applied = new Map<string, number>();
  let count = 0;
  const server = {
    count: () => count,
    sentKeys: [] as string[],
    failBefore: 0,
    failAfter: 0,
    refuseNext: null as null | ReturnType<typeof problem>,
    session: true,
    scan: (async (input: { quantity: number }, key: string) => {
      server.sentKeys.push(key);
      if (server.failBefore > 0) {
        server.failBefore--;
        throw NETWORK();
      }
      if (!server.session) throw problem(401, 'unauthenticated');
      if (server.refuseNext) {
        const refusal = server.refuseNext;
        server.refuseNext = null;
        throw refusal;
      }
      if (!applied.has(key)) {
        count += input.quantity;
        applied.set(key, count);
      }
      if (server.failAfter > 0) {
        server.failAfter--;
        throw NETWORK();
      }
      return { count: applied.get(key) };
    }) as Executor,
  };
  return server;
}

function setup(storage: KeyValueStorage = new MemoryStorage()) {
  const server = fakeServer();
  let n = 0;
  const queue = createActionQueue({ executors: { scan: server.scan }, storage, newKey: () => `key-000${++n}`, now: () => new Date('2026-03-02T08:00:00Z') });
  const events: QueueEvent[] = [];
  queue.subscribe((e) => events.push(e));
  return { server, queue, events, storage };
}

describe('isRetryable', () => {
  it('retries no answer, a lost session, a timeout, a throttle and a server failure; not a refusal', () => {
    expect([0, 401, 408, 429, 500, 503].map((status) => isRetryable({ status, code: '', detail: '' }))).toEqual([true, true, true, true, true, true]);
    expect([400, 403, 404, 409, 422].map((status) => isRetryable({ status, code: '', detail: '' }))).toEqual([false, false, false, false, false]);
  });
});

describe('createActionQueue', () => {
  it('sends an action at once and forgets it once applied', async () => {
    const { server, queue } = setup();
    await queue.resume(7);
    const outcome = await queue.submit('scan', 'receipt:1', { quantity: 3 }, 'FP1:B:9');
    expect(outcome).toEqual({ status: 'applied', result: { count: 3 } });
    expect(queue.list()).toEqual([]);
    expect(server.count()).toBe(3);
  });

  it('keeps an action whose request never arrived pending with its key, and applies it once on retry with the same key', async () => {
    const { server, queue, events } = setup();
    await queue.resume(7);
    server.failBefore = 1;
    const outcome = await queue.submit('scan', 'receipt:1', { quantity: 5 }, 'FP1:B:9');
    expect(outcome.status).toBe('pending');
    expect(queue.list()).toMatchObject([{ key: 'key-0001', state: 'pending', attempts: 1, label: 'FP1:B:9', userId: 7, problem: { code: 'network_error' } }]);
    await queue.retry();
    expect(server.count()).toBe(5);
    expect(server.sentKeys).toEqual(['key-0001', 'key-0001']);
    expect(queue.list()).toEqual([]);
    expect(events.at(-1)).toMatchObject({ late: true, outcome: { status: 'applied', result: { count: 5 } } });
  });

  it('applies an action once when the reply was lost after the server applied it: the retry gets the first answer', async () => {
    const { server, queue, events } = setup();
    await queue.resume(7);
    server.failAfter = 1;
    expect((await queue.submit('scan', 'receipt:1', { quantity: 10 }, 'FP1:B:9')).status).toBe('pending');
    expect(server.count()).toBe(10);
    await queue.retry();
    expect(server.count()).toBe(10);
    expect(events.at(-1)?.outcome).toEqual({ status: 'applied', result: { count: 10 } });
  });

  it('keeps later actions behind a pending one, in order, and sends them all after it', async () => {
    const { server, queue } = setup();
    await queue.resume(7);
    server.failBefore = 1;
    const first = await queue.submit('scan', 'receipt:1', { quantity: 1 }, 'A');
    // The network is back, but nobody retried yet: a new scan sends the pending one first.
    const second = await queue.submit('scan', 'receipt:1', { quantity: 2 }, 'B');
    expect(first.status).toBe('pending');
    expect(second).toEqual({ status: 'applied', result: { count: 3 } });
    expect(server.sentKeys).toEqual(['key-0001', 'key-0001', 'key-0002']);
  });

  it('answers pending at once for an action queued behind one that fails again, and does not send it out of order', async () => {
    const { server, queue } = setup();
    await queue.resume(7);
    server.failBefore = 2;
    await queue.submit('scan', 'receipt:1', { quantity: 1 }, 'A');
    const second = await queue.submit('scan', 'receipt:1', { quantity: 2 }, 'B');
    expect(second.status).toBe('pending');
    expect(server.sentKeys).toEqual(['key-0001', 'key-0001']);
    expect(queue.list().map((a) => [a.label, a.state])).toEqual([
      ['A', 'pending'],
      ['B', 'pending'],
    ]);
    await queue.retry();
    expect(server.count()).toBe(3);
    expect(queue.list()).toEqual([]);
  });

  it('does not retry a refusal: it leaves the queue at once, and the next action goes', async () => {
    const { server, queue } = setup();
    await queue.resume(7);
    server.refuseNext = problem(409, 'lot_mismatch');
    expect(await queue.submit('scan', 'receipt:1', { quantity: 1 }, 'A')).toMatchObject({ status: 'refused', problem: { code: 'lot_mismatch', status: 409 } });
    expect(queue.list()).toEqual([]);
    expect((await queue.submit('scan', 'receipt:1', { quantity: 1 }, 'B')).status).toBe('applied');
  });

  it('lists an action refused on a retry as refused until the user clears it', async () => {
    const { server, queue, events } = setup();
    await queue.resume(7);
    server.failBefore = 1;
    await queue.submit('scan', 'receipt:1', { quantity: 1 }, 'A');
    server.refuseNext = problem(409, 'receipt_not_open');
    await queue.retry();
    expect(queue.list()).toMatchObject([{ label: 'A', state: 'refused', problem: { code: 'receipt_not_open' } }]);
    expect(events.at(-1)).toMatchObject({ late: true, outcome: { status: 'refused' } });
    await queue.retry();
    expect(server.sentKeys).toEqual(['key-0001', 'key-0001']);
    queue.discard('key-0001');
    expect(queue.list()).toEqual([]);
  });

  it('holds actions through a lost session (401) and sends them once the same user is back', async () => {
    const { server, queue } = setup();
    await queue.resume(7);
    server.session = false;
    expect((await queue.submit('scan', 'receipt:1', { quantity: 4 }, 'A')).status).toBe('pending');
    queue.pause();
    // Scanned while the login form was up: it waits too.
    expect((await queue.submit('scan', 'receipt:1', { quantity: 1 }, 'B')).status).toBe('pending');
    server.session = true;
    await queue.resume(7);
    expect(server.count()).toBe(5);
    expect(server.sentKeys).toEqual(['key-0001', 'key-0001', 'key-0002']);
  });

  it('survives a reload: a new queue over the same storage finds the pending actions, keys unchanged, and sends them once', async () => {
    const storage = new MemoryStorage();
    const before = setup(storage);
    await before.queue.resume(7);
    before.server.failBefore = 1;
    await before.queue.submit('scan', 'receipt:1', { quantity: 6 }, 'A');

    const after = setup(storage);
    expect(after.queue.list()).toMatchObject([{ key: 'key-0001', label: 'A', state: 'pending' }]);
    await after.queue.resume(7);
    expect(after.server.sentKeys).toEqual(['key-0001']);
    expect(after.server.count()).toBe(6);
    expect(after.queue.list()).toEqual([]);
    expect(JSON.parse(storage.getItem('fp.pendingActions')!)).toEqual([]);
  });

  it('treats an action that was in flight when the page went away as pending', () => {
    const storage = new MemoryStorage();
    storage.setItem('fp.pendingActions', JSON.stringify([{ key: 'k-12345678', kind: 'scan', scope: 's', input: {}, label: 'A', userId: 7, createdAt: '', attempts: 1, state: 'sending', problem: null }]));
    expect(setup(storage).queue.list()).toMatchObject([{ key: 'k-12345678', state: 'pending' }]);
  });

  it('sends another user nothing of the previous user: their actions wait for them', async () => {
    const { server, queue } = setup();
    await queue.resume(7);
    server.failBefore = 1;
    await queue.submit('scan', 'receipt:1', { quantity: 1 }, 'A');
    queue.pause();
    await queue.resume(8);
    expect(server.sentKeys).toEqual(['key-0001']);
    expect(queue.list()).toHaveLength(1);
  });

  it('stops retrying an action the user discards', async () => {
    const { server, queue } = setup();
    await queue.resume(7);
    server.failBefore = 1;
    await queue.submit('scan', 'receipt:1', { quantity: 1 }, 'A');
    queue.discard('key-0001');
    await queue.retry();
    expect(server.sentKeys).toEqual(['key-0001']);
    expect(server.count()).toBe(0);
  });

  it('tells every listener the outcome, first or late, and the list after every change', async () => {
    const { server, queue, events } = setup();
    const sizes: number[] = [];
    queue.onChange((list) => sizes.push(list.length));
    await queue.resume(7);
    server.failBefore = 1;
    await queue.submit('scan', 'receipt:1', { quantity: 1 }, 'A');
    await queue.retry();
    expect(events.map((e) => [e.outcome.status, e.late, e.action.scope])).toEqual([
      ['pending', false, 'receipt:1'],
      ['applied', true, 'receipt:1'],
    ]);
    expect(sizes.at(-1)).toBe(0);
    expect(Math.max(...sizes)).toBe(1);
  });
});
