import { describe, it, expect } from 'vitest';
import { notificationTarget, notificationWords, type NotificationFacts } from '../../web/src/features/notifications/notification-text.ts';

const note = (over: Partial<NotificationFacts>): NotificationFacts => ({ kind: 'transfer_approval', depotId: 4, entity: 'transfer_order', entityId: 9, message: '调拨单 DB-640121-0003 待审批', params: {}, ...over });

describe('notificationWords', () => {
  it('words a known kind by its key with what the server says it names', () => {
    const n = note({ params: { number: 'DB-640121-0003', fromDepot: '永宁县', toDepot: '杨和镇', depotId: 5 } });
    expect(notificationWords(n, 'en')).toEqual({ key: 'notification.transfer_approval', params: n.params });
  });

  it('names the product in the reader’s language', () => {
    const n = note({ kind: 'suspected_quality_change', entity: 'inspection', params: { productZh: '避孕套', productEn: 'Condoms', lot: 'L1' } });
    expect(notificationWords(n, 'en')).toMatchObject({ params: { product: 'Condoms', lot: 'L1' } });
    expect(notificationWords(n, 'zh-CN')).toMatchObject({ params: { product: '避孕套' } });
  });

  it('shows the stored text for a kind it does not know or a document whose facts are gone', () => {
    expect(notificationWords(note({ kind: 'something_new' }), 'en')).toEqual({ text: '调拨单 DB-640121-0003 待审批' });
    expect(notificationWords(note({ params: { number: 'DB-640121-0003' } }), 'en')).toEqual({ text: '调拨单 DB-640121-0003 待审批' });
  });
});

describe('notificationTarget', () => {
  it('opens the order, receipt, count or write-off itself', () => {
    expect(notificationTarget(note({}))).toEqual({ screen: 'transfer', orderId: 9 });
    expect(notificationTarget(note({ entity: 'receipt', entityId: 3 }))).toEqual({ screen: 'receipt', receiptId: 3 });
    expect(notificationTarget(note({ entity: 'stock_count', entityId: 2 }))).toEqual({ screen: 'count', countId: 2 });
    expect(notificationTarget(note({ entity: 'write_off', entityId: 7 }))).toEqual({ screen: 'writeOff', writeOffId: 7 });
  });

  it('opens the stock card of the inspected batch at the depot below where it failed, and of a held batch here', () => {
    expect(notificationTarget(note({ entity: 'inspection', params: { batchId: 12, depotId: 6 } }))).toEqual({ screen: 'card', depotId: 6, batchId: 12 });
    expect(notificationTarget(note({ entity: 'batch_hold', params: { batchId: 12, depotId: 1 } }))).toEqual({ screen: 'card', depotId: 4, batchId: 12 });
  });

  it('opens the depot’s reversal requests or opening balances, where the second person decides', () => {
    expect(notificationTarget(note({ kind: 'reversal_request', entity: 'reversal_request', params: { depotId: 4, postingId: 3, reason: 'x' } }))).toEqual({ screen: 'reversals', depotId: 4 });
    expect(notificationTarget(note({ kind: 'opening_balance_to_confirm', entity: 'opening_balance', params: { depotId: 4, number: 'OB-1' } }))).toEqual({ screen: 'opening', depotId: 4 });
  });

  it('has nothing to open for a reset password, or a batch it cannot name', () => {
    expect(notificationTarget(note({ kind: 'password_reset', entity: 'user', params: { username: 'x', by: 'y' } }))).toBeNull();
    expect(notificationTarget(note({ entity: 'inspection', params: {} }))).toBeNull();
  });
});
