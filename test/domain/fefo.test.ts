import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { allocateFefo, type PickCandidate } from '../../server/domain/fefo.ts';

const now = new Date('2026-11-22T08:00:00Z');
const opts = { nearExpiryDays: 180, timeZone: 'Asia/Shanghai' };

describe('first expiry first out, then first in first out (S0:358, 379)', () => {
  it('follows the worked example', () => {
    const candidates: PickCandidate[] = [
      { batchId: 1, lot: 'A', expiresOn: '2027-03-31', firstReceivedAt: '2026-01-05', available: 100 },
      { batchId: 2, lot: 'B', expiresOn: '2027-03-31', firstReceivedAt: '2025-12-01', available: 80 },
      { batchId: 3, lot: 'C', expiresOn: '2028-06-30', firstReceivedAt: '2025-06-01', available: 500 },
      { batchId: 4, lot: 'D', expiresOn: '2026-11-21', firstReceivedAt: '2024-01-01', available: 40 },
    ];
    expect(allocateFefo(candidates, 250, now, opts)).toEqual({
      proposals: [
        { batchId: 2, lot: 'B', expiresOn: '2027-03-31', quantity: 80, nearExpiry: true },
        { batchId: 1, lot: 'A', expiresOn: '2027-03-31', quantity: 100, nearExpiry: true },
        { batchId: 3, lot: 'C', expiresOn: '2028-06-30', quantity: 70, nearExpiry: false },
      ],
      shortfall: 0,
    });
  });

  it('never proposes an expired batch and reports what it cannot cover', () => {
    const r = allocateFefo([{ batchId: 9, lot: 'OLD', expiresOn: '2026-11-21', firstReceivedAt: '2025-01-01', available: 999 }], 10, now, opts);
    expect(r).toEqual({ proposals: [], shortfall: 10 });
    const today = allocateFefo([{ batchId: 9, lot: 'TODAY', expiresOn: '2026-11-22', firstReceivedAt: '2025-01-01', available: 999 }], 10, now, opts);
    expect(today).toEqual({ proposals: [], shortfall: 10 });
  });

  it('properties: never over-allocates, never expired, covers min(wanted, usable), in expiry order', () => {
    const candidate = fc.record({
      batchId: fc.integer({ min: 1, max: 1000 }),
      lot: fc.string({ minLength: 1, maxLength: 4 }),
      expiresOn: fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      firstReceivedAt: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2026-11-22T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
      available: fc.integer({ min: 0, max: 500 }),
    });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), fc.integer({ min: 0, max: 3000 }), (cands, wanted) => {
        const { proposals, shortfall } = allocateFefo(cands, wanted, now, opts);
        // On 2026-11-22 a batch expiring that day is expired already: usable from 2026-11-23.
        const usable = cands.filter((c) => c.expiresOn > '2026-11-22').reduce((s, c) => s + c.available, 0);
        const total = proposals.reduce((s, p) => s + p.quantity, 0);
        expect(total).toBe(Math.min(wanted, usable));
        expect(shortfall).toBe(wanted - total);
        expect(proposals.every((p) => p.expiresOn > '2026-11-22' && p.quantity > 0)).toBe(true);
        for (let i = 1; i < proposals.length; i++) expect(proposals[i - 1].expiresOn <= proposals[i].expiresOn).toBe(true);
      }),
    );
  });
});
