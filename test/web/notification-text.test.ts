import { describe, it, expect } from 'vitest';
import { notificationTarget, notificationWords, type NotificationFacts } from '../../web/src/features/notifications/notification-text.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accountZhCN } from '../../web/src/i18n/account.zh-CN.ts';
import { accountEn } from '../../web/src/i18n/account.en.ts';

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

  it('names a submitted report’s form and period in the reader’s language', () => {
    const n = note({ kind: 'report_returned', entity: 'report_submission', params: { reportZh: '计划生育药具使用人数报表', reportEn: 'Number of users report', periodZh: '2026年上半年', periodEn: '2026 H1', reason: '人数有误', depot: '杨和镇' } });
    expect(notificationWords(n, 'en')).toMatchObject({ key: 'notification.report_returned', params: { report: 'Number of users report', period: '2026 H1', reason: '人数有误' } });
    expect(notificationWords(n, 'zh-CN')).toMatchObject({ params: { report: '计划生育药具使用人数报表', period: '2026年上半年' } });
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

describe('the notifications of adverse reactions and the people register', () => {
  /** Every kind the services write (`kind: '…'` of insertNotification), read from their source: a kind added there and not worded here fails. */
  const kindsWritten = () => {
    const dir = 'server/services';
    const files = readdirSync(dir).filter((f) => /^(adverse|people|follow)/.test(f));
    const kinds = new Set<string>();
    for (const f of files) {
      const source = readFileSync(join(dir, f), 'utf8');
      for (const call of source.split('insertNotification(').slice(1)) {
        const segment = /kind: ([^,\n]+),/.exec(call)?.[1] ?? '';
        for (const [, kind] of segment.matchAll(/(?<!=== )'([a-z_]+)'/g)) kinds.add(kind!);
      }
    }
    return [...kinds].sort();
  };
  /** What db/queries/notifications.ts reads for each subject: a report names its number, depot and lot, never the person. */
  const subjects: Record<string, Record<string, string | number>> = {
    adverse_reaction: { number: 'BL-640121100200-0001', depotId: 5, depot: '王太村委会', batchId: 12, lot: '20240815', productZh: '避孕套', productEn: 'Condoms', status: 'awaiting_confirmation' },
    adverse_signal: { batchId: 12, depotId: 1, lot: '20240815', productZh: '避孕套', productEn: 'Condoms', reports: 3, windowFrom: '2026-10-25' },
  };
  const entityOf = (kind: string) => (kind === 'adverse_signal' ? 'adverse_signal' : 'adverse_reaction');

  it('finds the kinds the adverse-reaction service writes', () => {
    expect(kindsWritten()).toEqual(['adverse_case_submitted', 'adverse_reaction_confirmed', 'adverse_reaction_not_serious', 'adverse_reaction_serious', 'adverse_signal']);
  });

  it('words every kind in zh-CN and English with what the server says it names, and opens the report or the signal', () => {
    for (const kind of kindsWritten()) {
      const entity = entityOf(kind);
      const n = note({ kind, entity, entityId: 8, message: '（存储的中文）', params: subjects[entity]! });
      for (const [lang, messages] of [['zh-CN', accountZhCN], ['en', accountEn]] as const) {
        const words = notificationWords(n, lang);
        expect(words, `${kind} ${lang}`).toHaveProperty('key', `notification.${kind}`);
        const text = (messages as Record<string, string>)[`notification.${kind}`];
        expect(text, `${kind} ${lang}`).toBeTruthy();
        // Every placeholder of the words is filled by the params.
        for (const [, name] of text!.matchAll(/\{(\w+)\}/g)) expect((words as { params: Record<string, unknown> }).params[name!], `${kind} ${lang} {${name}}`).toBeDefined();
      }
      expect(notificationTarget(n)).toEqual(entity === 'adverse_signal' ? { screen: 'adverseSignal', signalId: 8 } : { screen: 'adverseReaction', reportId: 8 });
    }
  });

  it('names the lot’s product in the reader’s language', () => {
    const n = note({ kind: 'adverse_signal', entity: 'adverse_signal', params: subjects.adverse_signal! });
    expect(notificationWords(n, 'en')).toMatchObject({ params: { product: 'Condoms' } });
    expect(notificationWords(n, 'zh-CN')).toMatchObject({ params: { product: '避孕套' } });
  });
});

describe('the notifications of supervision visits', () => {
  /** Every kind server/services/supervision.ts notifies (its `notify(tx, depot, role, kind, …)` calls). */
  const kindsWritten = () => [...new Set([...readFileSync('server/services/supervision.ts', 'utf8').matchAll(/notify\(tx, [^,]+, '[a-z]+', '([a-z_]+)'/g)].map((m) => m[1]!))].sort();
  /** What db/queries/notifications.ts reads for each subject. */
  const subjects: Record<string, Record<string, string | number>> = {
    supervision_visit: { depotId: 5, visitingDepot: '永宁县', visitedDepot: '杨和镇', plannedOn: '2026-11-25', findings: 2, actions: 3 },
    supervision_action: { visitId: 4, depotId: 5, visitingDepot: '永宁县', visitedDepot: '杨和镇', action: '补全发放登记', dueOn: '2026-12-15' },
  };
  const entityOf = (kind: string) => (kind.startsWith('supervision_action_') ? 'supervision_action' : 'supervision_visit');

  it('finds the kinds the supervision service writes', () => {
    expect(kindsWritten()).toEqual(['supervision_action_closed', 'supervision_action_reopened', 'supervision_action_verified', 'supervision_actions', 'supervision_cancelled', 'supervision_closed', 'supervision_planned']);
  });

  it('words every kind in zh-CN and English with what the server says it names, and opens the visit', () => {
    for (const kind of kindsWritten()) {
      const entity = entityOf(kind);
      const n = note({ kind, entity, entityId: 8, message: '（存储的中文）', params: subjects[entity]! });
      for (const [lang, messages] of [['zh-CN', accountZhCN], ['en', accountEn]] as const) {
        const words = notificationWords(n, lang);
        expect(words, `${kind} ${lang}`).toHaveProperty('key', `notification.${kind}`);
        const text = (messages as Record<string, string>)[`notification.${kind}`];
        expect(text, `${kind} ${lang}`).toBeTruthy();
        for (const [, name] of text!.matchAll(/\{(\w+)\}/g)) expect((words as { params: Record<string, unknown> }).params[name!], `${kind} ${lang} {${name}}`).toBeDefined();
      }
      expect(notificationTarget(n)).toEqual({ screen: 'supervisionVisit', visitId: entity === 'supervision_action' ? 4 : 8 });
    }
  });
});

describe('the notifications of the service desk', () => {
  /** Every kind server/services/service-desk.ts notifies (its `insertNotification(tx, { … kind: '…' })` calls). */
  const kindsWritten = () => [...new Set([...readFileSync('server/services/service-desk.ts', 'utf8').matchAll(/kind: '(service_[a-z_]+)'/g)].map((m) => m[1]!))].sort();
  /** What db/queries/notifications.ts reads for a service request: never the requester's name or phone. */
  const params = { depotId: 5, number: 'FW-640121100-0002', subject: '咨询紧急避孕药的领取', depot: '杨和镇', owner: '杨和镇库房管理员', fromName: '杨和镇库房管理员', toName: '杨和镇主管领导' };

  it('finds the kinds the service desk writes', () => {
    expect(kindsWritten()).toEqual(['service_handover', 'service_replied', 'service_reply_overdue', 'service_resolve_overdue', 'service_resolved']);
  });

  it('words every kind in zh-CN and English with what the server says it names, and opens the request', () => {
    for (const kind of kindsWritten()) {
      const n = note({ kind, entity: 'service_request', entityId: 8, message: '（存储的中文）', params });
      for (const [lang, messages] of [['zh-CN', accountZhCN], ['en', accountEn]] as const) {
        const words = notificationWords(n, lang);
        expect(words, `${kind} ${lang}`).toHaveProperty('key', `notification.${kind}`);
        const text = (messages as Record<string, string>)[`notification.${kind}`];
        expect(text, `${kind} ${lang}`).toBeTruthy();
        for (const [, name] of text!.matchAll(/\{(\w+)\}/g)) expect((words as { params: Record<string, unknown> }).params[name!], `${kind} ${lang} {${name}}`).toBeDefined();
      }
      expect(notificationTarget(n)).toEqual({ screen: 'serviceRequest', requestId: 8 });
    }
  });
});
