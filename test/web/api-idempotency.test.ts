import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import * as api from '../../web/src/api.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let sent: { method: string; url: string; headers: Headers }[] = [];
const realFetch = globalThis.fetch;

beforeEach(() => {
  sent = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({ method: init?.method ?? 'GET', url: String(input), headers: new Headers(init?.headers) });
    return new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
});
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('the web client and Idempotency-Key', () => {
  it('sends a fresh key with every change and none with a read', async () => {
    await api.scanReceipt(3, { raw: 'FP1:B:9' });
    await api.scanReceipt(3, { raw: 'FP1:B:9' });
    await api.receipt(3);
    const [a, b, read] = sent;
    expect(a!.method).toBe('POST');
    expect(a!.headers.get('idempotency-key')).toMatch(UUID);
    expect(b!.headers.get('idempotency-key')).toMatch(UUID);
    expect(a!.headers.get('idempotency-key')).not.toBe(b!.headers.get('idempotency-key'));
    expect(read!.headers.has('idempotency-key')).toBe(false);
  });

  it('sends the key it is given for every attempt of the same action, and only for that call', async () => {
    await api.withIdempotencyKey('1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', () => api.scanReceipt(3, { raw: 'FP1:B:9' }));
    await api.withIdempotencyKey('1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', () => api.dispense({ depotId: 5, batchId: 9, quantity: 1, packIntact: true, expiryChecked: true }));
    await api.scanReceipt(3, { raw: 'FP1:B:9' });
    expect(sent.map((r) => r.headers.get('idempotency-key'))).toEqual(['1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', expect.stringMatching(UUID)]);
    expect(sent[2]!.headers.get('idempotency-key')).not.toBe('1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed');
  });

  it('makes version 4 UUIDs without crypto.randomUUID (plain http pages)', () => {
    const random = crypto.randomUUID;
    try {
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
      const keys = new Set(Array.from({ length: 50 }, () => api.newIdempotencyKey()));
      expect(keys.size).toBe(50);
      for (const key of keys) expect(key).toMatch(UUID);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: random, configurable: true });
    }
  });
});
