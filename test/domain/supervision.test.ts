import { describe, it, expect } from 'vitest';
import { CHECKLIST_ITEMS, isActionOverdue, prefillChecklist, type DepotFacts } from '../../server/domain/supervision.ts';

/** A depot with nothing to remark on: a clean ledger, counted this year, logs kept, no losses. */
const clean: DepotFacts = {
  period: { zh: '2026年度', en: '2026' },
  ledger: { violations: 0, movementsChecked: 120 },
  transfers: { received: 4, notCorresponding: 0, shortQuantity: 0, inTransit: 0 },
  expired: { batches: 0, quantity: 0, valueFen: 0 },
  climate: { areas: 1, compliance: 0.99, unacknowledged: 0, gaps: 0 },
  count: { lastCountedAt: '2026-06-30T08:00:00Z', overdue: false, open: false },
  fefo: { picks: 40, overrides: 3 },
  writeOffs: { requests: 1, valueFen: 12_000, pending: 0 },
  trace: { toPeople: 300, people: 25, anonymous: 20, unaccounted: [] },
  reports: { late: 0, returned: 0 },
};
const item = (facts: DepotFacts, key: string) => prefillChecklist(facts).find((i) => i.key === key)!;
const flagged = (facts: DepotFacts, key: string) => item(facts, key).evidence.filter((e) => e.flag).map((e) => e.label.en);

describe('the supervision checklist pre-filled from what the system knows (S0:479)', () => {
  it('draws the six items in order, undecided; a clean depot is suggested pass everywhere but the funds, which the system does not keep', () => {
    const list = prefillChecklist(clean);
    expect(list.map((i) => i.key)).toEqual([...CHECKLIST_ITEMS]);
    expect(list.map((i) => i.suggested)).toEqual([null, 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(list.every((i) => i.result === null && i.note === null)).toBe(true);
    expect(item(clean, 'funds').evidence[1]!.value).toEqual({ zh: '1 单，¥120.00', en: '1, ¥120.00' });
    // 3 overrides of 40 picks is 7.5%: under the 10% ceiling.
    expect(item(clean, 'dispensing_steps').evidence[0]!.value.zh).toBe('3/40 拣货行（7.5%）');
  });

  it('worked example: 2 lots (60 盒) expired in the qualified zone flag both dispensing steps and storage; the accounts stay pass', () => {
    const facts = { ...clean, expired: { batches: 2, quantity: 60, valueFen: 9_000 } };
    expect(item(facts, 'dispensing_steps').suggested).toBe('attention');
    expect(flagged(facts, 'dispensing_steps')).toEqual(['Expired stock in the qualified zone']);
    expect(item(facts, 'storage').suggested).toBe('attention');
    expect(item(facts, 'storage').evidence.find((e) => e.flag)!.value.zh).toBe('¥90.00');
    expect(item(facts, 'accounts').suggested).toBe('pass');
  });

  it('worked example: 5 overrides of 40 picks (12.5%) is over the ceiling; 4 of 40 (10%) is not', () => {
    expect(item({ ...clean, fefo: { picks: 40, overrides: 5 } }, 'dispensing_steps').suggested).toBe('attention');
    expect(item({ ...clean, fefo: { picks: 40, overrides: 4 } }, 'dispensing_steps').suggested).toBe('pass');
    expect(item({ ...clean, fefo: { picks: 0, overrides: 0 } }, 'dispensing_steps').suggested).toBe('pass');
  });

  it('worked example: a transfer not matching above and below, or 2 盒 found short on arrival, flags the transfers; stock in transit alone does not', () => {
    expect(flagged({ ...clean, transfers: { ...clean.transfers, notCorresponding: 1 } }, 'transfers')).toEqual(['Transfers not matching']);
    expect(flagged({ ...clean, transfers: { ...clean.transfers, shortQuantity: 2 } }, 'transfers')).toEqual(['Found short on arrival']);
    expect(item({ ...clean, transfers: { ...clean.transfers, inTransit: 100 } }, 'transfers').suggested).toBe('pass');
  });

  it('worked example: 3 盒 of 复方左炔诺孕酮片 unaccounted for below the depot flags the dispensing scope, naming product and quantity', () => {
    const facts = { ...clean, trace: { ...clean.trace, unaccounted: [{ product: { zh: '复方左炔诺孕酮片', en: 'Levonorgestrel' }, quantity: 3, unit: { zh: '盒', en: 'box' } }] } };
    const scope = item(facts, 'dispensing_scope');
    expect(scope.suggested).toBe('attention');
    expect(scope.evidence[2]!.value).toEqual({ zh: '复方左炔诺孕酮片 3盒', en: 'Levonorgestrel 3 box' });
  });

  it('worked examples for the accounts: a ledger violation, an overdue count, a late or returned report each flag it', () => {
    expect(flagged({ ...clean, ledger: { violations: 1, movementsChecked: 120 } }, 'accounts')).toEqual(['Ledger check']);
    expect(flagged({ ...clean, count: { lastCountedAt: null, overdue: true, open: false } }, 'accounts')).toEqual(['Stock count']);
    expect(item({ ...clean, count: { lastCountedAt: null, overdue: true, open: false } }, 'accounts').evidence[1]!.value.zh).toBe('从未盘点，已逾期');
    expect(flagged({ ...clean, reports: { late: 0, returned: 1 } }, 'accounts')).toEqual(['Reports late or returned']);
  });

  it('worked examples for storage: compliance 94.9% is under the 95% floor, an excursion not acknowledged flags it, no log at a tier that keeps one flags it, a village keeps none', () => {
    expect(flagged({ ...clean, climate: { ...clean.climate!, compliance: 0.949 } }, 'storage')).toEqual(['Climate log compliance']);
    expect(item({ ...clean, climate: { ...clean.climate!, compliance: 0.95 } }, 'storage').suggested).toBe('pass');
    expect(flagged({ ...clean, climate: { ...clean.climate!, unacknowledged: 1 } }, 'storage')).toEqual(['Excursions not acknowledged']);
    expect(flagged({ ...clean, climate: { areas: 0, compliance: 0, unacknowledged: 0, gaps: 0 } }, 'storage')).toEqual(['Climate log compliance']);
    const village = item({ ...clean, climate: null }, 'storage');
    expect(village.suggested).toBe('pass');
    expect(village.evidence[0]!.value.en).toBe('Not kept at this level');
  });

  it('an action is overdue only while open past its deadline', () => {
    expect(isActionOverdue({ status: 'open', dueOn: '2026-11-30' }, '2026-12-01')).toBe(true);
    expect(isActionOverdue({ status: 'open', dueOn: '2026-11-30' }, '2026-11-30')).toBe(false);
    expect(isActionOverdue({ status: 'closed', dueOn: '2026-11-30' }, '2026-12-01')).toBe(false);
  });
});
