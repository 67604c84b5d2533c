import { describe, it, expect } from 'vitest';
import { approvalDepotFor, classifyTransfer, daysBetween, needsPreIssueCheck, validatePick, type PickSnapshot } from '../../server/domain/transfers.ts';
import { validateDispensing } from '../../server/domain/dispensing.ts';
import { DomainError } from '../../server/domain/errors.ts';

const rule = { heldDays: 90, sinceInspectionDays: 30, combine: 'and' as const };
const now = new Date('2026-11-22T04:00:00Z'); // 12:00 in Beijing
const at = (isoDate: string) => `${isoDate}T02:00:00.000Z`;
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
};

describe('the 90/30 pre-issue check (S0:397: 在库90天以上、距上次检查超过30天)', () => {
  const neverInspected = (received: string) => needsPreIssueCheck({ firstReceivedAt: at(received), lastInspectedAt: null }, now, rule, 'Asia/Shanghai');
  it('counts held days: day 89 no, day 90 and day 91 yes', () => {
    expect(daysBetween('2026-08-25', '2026-11-22')).toBe(89);
    expect(neverInspected('2026-08-25')).toBe(false);
    expect(neverInspected('2026-08-24')).toBe(true);
    expect(neverInspected('2026-08-23')).toBe(true);
  });
  it('counts days since the last inspection: 30 days is recent, 31 is over 30', () => {
    const held = at('2026-01-01');
    expect(needsPreIssueCheck({ firstReceivedAt: held, lastInspectedAt: at('2026-10-23') }, now, rule, 'Asia/Shanghai')).toBe(false);
    expect(needsPreIssueCheck({ firstReceivedAt: held, lastInspectedAt: at('2026-10-22') }, now, rule, 'Asia/Shanghai')).toBe(true);
  });
  it('reads AND by default; OR makes either condition enough', () => {
    const recentStockOldCheck = { firstReceivedAt: at('2026-11-01'), lastInspectedAt: at('2026-09-01') };
    expect(needsPreIssueCheck(recentStockOldCheck, now, rule, 'Asia/Shanghai')).toBe(false);
    expect(needsPreIssueCheck(recentStockOldCheck, now, { ...rule, combine: 'or' }, 'Asia/Shanghai')).toBe(true);
  });
  it('counts in the depots’ calendar: 23:30 in Beijing on day 90 is day 90', () => {
    // Received 2026-08-24 16:30 UTC = 2026-08-25 00:30 Beijing: day 89 on 2026-11-22 in Beijing.
    expect(needsPreIssueCheck({ firstReceivedAt: '2026-08-24T16:30:00Z', lastInspectedAt: null }, now, rule, 'Asia/Shanghai')).toBe(false);
    expect(needsPreIssueCheck({ firstReceivedAt: '2026-08-24T16:30:00Z', lastInspectedAt: null }, now, rule, 'UTC')).toBe(true);
  });
});

describe('where a depot may issue (S0:391-392)', () => {
  const region = { id: 1, parentId: null };
  const city = { id: 2, parentId: 1 };
  const city2 = { id: 3, parentId: 1 };
  const county = { id: 4, parentId: 2 };
  it('issues to a child, sideways to a sibling, nowhere else', () => {
    expect(classifyTransfer(region, city)).toBe('child');
    expect(classifyTransfer(city, city2)).toBe('lateral');
    expect(codeOf(() => classifyTransfer(region, county))).toBe('not_a_child_depot');
    expect(codeOf(() => classifyTransfer(county, city))).toBe('not_a_child_depot');
    expect(codeOf(() => classifyTransfer(city, city))).toBe('not_a_child_depot');
  });
  it('needs the issuing leader for a temporary or new-product order, the common parent for a lateral one, nobody for one on the issued plan', () => {
    expect(approvalDepotFor(city, 'child', 'allocation_plan')).toBeNull();
    expect(approvalDepotFor(city, 'child', 'new_product')).toBe(2);
    expect(approvalDepotFor(city, 'child', 'temporary')).toBe(2);
    expect(approvalDepotFor(city, 'lateral', 'allocation_plan')).toBe(1);
  });
});

describe('validatePick', () => {
  const options = { nearExpiryDays: 180, timeZone: 'Asia/Shanghai' };
  const a = { batchId: 1, lot: 'A', expiresOn: '2027-03-31', firstReceivedAt: at('2026-01-05'), available: 100 };
  const b = { batchId: 2, lot: 'B', expiresOn: '2028-06-30', firstReceivedAt: at('2025-06-01'), available: 500 };
  const base: PickSnapshot = {
    status: 'approved',
    line: { requested: 120, picked: 0 },
    batch: { id: 1, lot: 'A', expiresOn: '2027-03-31' },
    available: 100,
    onlyOutsideQualified: false,
    candidates: [a, b],
    preIssueCheckDue: false,
  };
  const pick = (s: Partial<PickSnapshot>, quantity: number, reason?: string) => codeOf(() => validatePick({ ...base, ...s }, { quantity, reason }, now, options));

  it('takes the proposed batch up to its proposed quantity without a reason', () => {
    expect(validatePick(base, { quantity: 100 }, now, options)).toEqual({ offProposal: false });
    expect(validatePick({ ...base, batch: { id: 2, lot: 'B', expiresOn: '2028-06-30' }, available: 500 }, { quantity: 20 }, now, options)).toEqual({ offProposal: false });
  });
  it('needs a reason for a later-expiring batch beyond what FEFO gives it, and records it as off the proposal', () => {
    const onB = { batch: { id: 2, lot: 'B', expiresOn: '2028-06-30' }, available: 500 };
    expect(pick(onB, 21)).toBe('fefo_override_reason_required');
    expect(validatePick({ ...base, ...onB }, { quantity: 21, reason: '整箱发货' }, now, options)).toEqual({ offProposal: true });
    expect(pick(onB, 21, '   ')).toBe('fefo_override_reason_required');
  });
  it('refuses every other wrong pick with its own code', () => {
    expect(pick({ status: 'awaiting_approval' }, 1)).toBe('approval_pending');
    expect(pick({ status: 'declined' }, 1)).toBe('approval_declined');
    expect(pick({ status: 'dispatched' }, 1)).toBe('order_closed');
    expect(pick({ line: undefined }, 1)).toBe('product_not_on_order');
    expect(pick({ batch: { id: 9, lot: 'OLD', expiresOn: '2026-11-21' } }, 1)).toBe('batch_expired');
    expect(pick({ onlyOutsideQualified: true, available: 0 }, 1)).toBe('batch_not_qualified');
    expect(pick({ preIssueCheckDue: true }, 1)).toBe('pre_issue_check_required');
    expect(pick({ line: { requested: 120, picked: 110 } }, 11)).toBe('over_pick');
    expect(pick({ available: 5 }, 6)).toBe('insufficient_stock');
  });
});

describe('dispensing checks (S0:398: 内包装破损和过有效期的药具严禁发放)', () => {
  const options = { dispensingTiers: ['township', 'village'] as const, timeZone: 'Asia/Shanghai' };
  const batch = { id: 1, lot: 'L', expiresOn: '2027-01-01' };
  const check = (s: Partial<Parameters<typeof validateDispensing>[0]>) => codeOf(() => validateDispensing({ tier: 'village', batch, packIntact: true, expiryChecked: true, ...s }, now, options));
  it('passes a checked, intact, unexpired pack at a village', () => expect(check({})).toBeUndefined());
  it('refuses elsewhere, expired, unchecked and broken packs', () => {
    expect(check({ tier: 'county' })).toBe('dispensing_not_here');
    expect(check({ batch: { ...batch, expiresOn: '2026-11-21' } })).toBe('batch_expired');
    expect(check({ expiryChecked: false })).toBe('pack_check_required');
    expect(check({ packIntact: false })).toBe('pack_broken');
  });
});
