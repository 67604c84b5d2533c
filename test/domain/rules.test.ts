import { describe, it, expect } from 'vitest';
import { planPosting, planReversal, chainHash, GENESIS_HASH, type HashedFields } from '../../server/domain/ledger.ts';
import { expiryStatus, isExpired, toIsoDate, addDays } from '../../server/domain/expiry.ts';
import { afterFailure, isLocked, isStale, subjectsOf, type ThrottleState } from '../../server/domain/login-throttle.ts';
import { parseOpeningBalanceCsv } from '../../server/domain/opening-balance-csv.ts';
import { DomainError } from '../../server/domain/errors.ts';

const line = (quantity: number, over: Partial<{ depotId: number; batchId: number; location: 'qualified' | 'pending' }> = {}) => ({
  depotId: 3,
  location: 'qualified' as const,
  batchId: 7,
  quantity,
  unitPriceFen: 95,
  ...over,
});

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return 'no error';
};

describe('planPosting: the ledger rule', () => {
  it('gives each movement its balance after and one balance per key (the worked example)', () => {
    const current = new Map([['3|qualified|7', { quantity: 100, valueFen: 9500 }]]);
    const plan = planPosting(current, [line(-30), line(-50)]);
    expect(plan.movements.map((m) => m.balanceAfter)).toEqual([70, 20]);
    expect(plan.balances).toEqual([{ depotId: 3, location: 'qualified', batchId: 7, quantity: 20, valueFen: 1900, isNew: false }]);
  });

  it('refuses a line that would take a balance below zero, naming what is on hand (insufficient_stock)', () => {
    const current = new Map([['3|qualified|7', { quantity: 100, valueFen: 9500 }]]);
    try {
      planPosting(current, [line(-30), line(-80)]);
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('insufficient_stock');
      expect((e as DomainError).data).toMatchObject({ onHand: 70, requested: 80 });
    }
  });

  it('keeps zones and depots apart: stock in pending does not cover a take from qualified', () => {
    const current = new Map([['3|pending|7', { quantity: 100, valueFen: 0 }]]);
    expect(codeOf(() => planPosting(current, [line(-1)]))).toBe('insufficient_stock');
    expect(codeOf(() => planPosting(current, [line(-1, { location: 'pending' })]))).toBe('no error');
  });

  it('refuses empty postings, zero and fractional quantities, negative prices', () => {
    expect(codeOf(() => planPosting(new Map(), []))).toBe('empty_document');
    expect(codeOf(() => planPosting(new Map(), [line(0)]))).toBe('validation_failed');
    expect(codeOf(() => planPosting(new Map(), [line(1.5)]))).toBe('validation_failed');
    expect(codeOf(() => planPosting(new Map(), [{ ...line(1), unitPriceFen: -1 }]))).toBe('validation_failed');
  });

  it('reverses a posting with the opposite lines in reverse order', () => {
    expect(planReversal([line(5, { batchId: 1 }), line(-2, { batchId: 2 })]).map((l) => [l.batchId, l.quantity])).toEqual([
      [2, 2],
      [1, -5],
    ]);
  });
});

describe('chainHash', () => {
  const m: HashedFields = { id: 1, postingId: 1, depotId: 3, location: 'qualified', batchId: 7, kind: 'receipt', quantity: 5, unitPriceFen: 95, balanceAfter: 5, actorId: 2, postedAt: '2026-11-22T08:00:00.000Z' };
  it('is a deterministic SHA-256 that changes with every field and with the previous hash', () => {
    const h = chainHash(GENESIS_HASH, m);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, { ...m })).toBe(h);
    for (const [k, v] of Object.entries({ id: 2, postingId: 2, depotId: 4, location: 'pending', batchId: 8, kind: 'dispense', quantity: 6, unitPriceFen: 96, balanceAfter: 6, actorId: 3, postedAt: '2026-11-22T08:00:01.000Z' })) {
      expect(chainHash(GENESIS_HASH, { ...m, [k]: v }), k).not.toBe(h);
    }
    expect(chainHash(h, m)).not.toBe(h);
  });
});

describe('expiry (S0:419: expired goods are non-conforming)', () => {
  const now = new Date('2026-11-22T08:00:00Z');
  it('counts a batch expired on its expiry date, or (configured) the day after', () => {
    expect(isExpired({ expiresOn: '2026-11-23' }, now)).toBe(false);
    expect(isExpired({ expiresOn: '2026-11-22' }, now)).toBe(true);
    expect(isExpired({ expiresOn: '2026-11-22' }, now, { expiredFrom: 'day_after' })).toBe(false);
    expect(isExpired({ expiresOn: '2026-11-21' }, now, { expiredFrom: 'day_after' })).toBe(true);
  });
  it('marks near expiry within 180 days: 2027-05-21 is near on 2026-11-22, 2027-05-22 is not', () => {
    expect(expiryStatus({ expiresOn: '2027-05-21' }, now, 180)).toBe('near_expiry');
    expect(expiryStatus({ expiresOn: '2027-05-22' }, now, 180)).toBe('ok');
  });
  it('takes today in the depots’ time zone', () => {
    expect(toIsoDate(new Date('2026-11-22T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-23');
    expect(toIsoDate(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-22');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});

describe('login throttling', () => {
  const rule = { maxFailures: 5, addressMaxFailures: 30, lockMinutes: 15, maxLockMinutes: 24 * 60, forgetHours: 24 };
  const at = (iso: string) => new Date(iso);
  const fail = (times: number, kind: 'user' | 'address', now: Date, state?: ThrottleState) => {
    for (let i = 0; i < times; i++) state = afterFailure(state, now, kind, rule);
    return state;
  };

  it('locks an account from one address at its fifth failure for 15 minutes, then twice as long at each lock in a row, up to a day', () => {
    const now = at('2026-11-22T08:00:00Z');
    let state = fail(4, 'user', now);
    expect(isLocked(state, now)).toBe(false);
    state = fail(1, 'user', now, state);
    expect(isLocked(state, at('2026-11-22T08:14:59Z'))).toBe(true);
    expect(isLocked(state, at('2026-11-22T08:15:01Z'))).toBe(false);
    // The next failure after the lock locks again at once, for 30 minutes, then 60 …
    state = fail(1, 'user', at('2026-11-22T08:16:00Z'), state);
    expect(state!.lockedUntil).toBe('2026-11-22T08:46:00.000Z');
    state = fail(1, 'user', at('2026-11-22T08:47:00Z'), state);
    expect(state!.lockedUntil).toBe('2026-11-22T09:47:00.000Z');
    const hours = () => (new Date(state!.lockedUntil!).getTime() - new Date(state!.lastFailureAt).getTime()) / 3_600_000;
    const locks: number[] = [];
    for (let i = 0; i < 5; i++) {
      state = fail(1, 'user', at(state!.lockedUntil!), state);
      locks.push(hours());
    }
    expect(locks).toEqual([2, 4, 8, 16, 24]);
    // A day's lock is a day without failures: the count starts again.
    state = fail(1, 'user', at(state!.lockedUntil!), state);
    expect(state).toMatchObject({ failures: 1, lockedUntil: null, locks: 0 });
  });

  it('locks an address only at its own, higher limit, and forgets a day without failures', () => {
    const now = at('2026-11-22T08:00:00Z');
    expect(isLocked(fail(29, 'address', now), now)).toBe(false);
    expect(isLocked(fail(30, 'address', now), now)).toBe(true);
    const old = fail(4, 'user', now)!;
    expect(isStale(old, at('2026-11-23T08:00:00Z'), rule)).toBe(true);
    expect(afterFailure(old, at('2026-11-23T08:00:00Z'), 'user', rule).failures).toBe(1);
    expect(isStale(fail(5, 'user', now)!, at('2026-11-22T08:10:00Z'), rule)).toBe(false);
  });

  it('counts one account from one address apart from the same account elsewhere, and every account from one address together', () => {
    expect(subjectsOf('county-storekeeper', '10.0.0.7')).toEqual([
      { kind: 'user', subject: 'user:county-storekeeper@10.0.0.7' },
      { kind: 'address', subject: 'address:10.0.0.7' },
    ]);
    expect(subjectsOf('county-storekeeper', undefined)[0]!.subject).toBe('user:county-storekeeper@local');
  });
});

describe('opening stock CSV', () => {
  it('reads English or Chinese headers, a BOM, zone names and yuan prices', () => {
    const lines = parseOpeningBalanceCsv('\uFEFF药具编码,批号,有效期,库区,数量,单价,生产厂家\nKJ-0101,A1,2028-01-31,不合格区,5,12.5,上海\n');
    expect(lines).toEqual([{ batch: { productCode: 'KJ-0101', lot: 'A1', expiresOn: '2028-01-31', producedOn: undefined, manufacturer: '上海' }, zone: 'nonconforming', quantity: 5, unitPriceFen: 1250 }]);
    expect(parseOpeningBalanceCsv('product_code,lot,expires_on,quantity\nKJ-0701,B,2027-01-01,3')[0]).toMatchObject({ zone: undefined, unitPriceFen: undefined });
  });
  it('names missing columns and every bad cell', () => {
    try {
      parseOpeningBalanceCsv('lot,quantity\nA,1');
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).errors!.map((x) => x.path)).toEqual(['header.productCode', 'header.expiresOn']);
    }
    try {
      parseOpeningBalanceCsv('product_code,lot,expires_on,quantity,unit_price\nKJ-0101,A,2028-01-31,0,1.234\n');
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).errors!.map((x) => x.path)).toEqual(['rows.1.quantity', 'rows.1.unit_price']);
    }
  });
});
