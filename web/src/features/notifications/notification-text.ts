/**
 * How a notification reads and where it leads, from its kind and what the server says it names
 * (`params`). No i18n and no router here, so that the rules can be tested in Node
 * (test/web/notification-text.test.ts); the bell turns the key into words and the target into a link.
 */

export interface NotificationFacts {
  kind: string;
  depotId: number;
  entity: string;
  entityId: number;
  message: string;
  params: Record<string, string | number>;
}

/** The params each kind's words name; a notification missing one (a kind this app does not know, a document gone) shows the server's own text. */
const NAMES: Record<string, readonly string[]> = {
  transfer_approval: ['number', 'fromDepot', 'toDepot'],
  shipment_dispatched: ['number', 'fromDepot'],
  count_approval: ['number'],
  count_returned: ['number'],
  batch_hold: ['depot', 'product', 'lot', 'reason'],
  pre_issue_failed: ['depot', 'product', 'lot', 'quantity'],
  suspected_quality_change: ['product', 'lot'],
  expired_in_qualified: ['lots', 'quantity'],
  reversal_request: ['postingId', 'reason'],
  write_off_request: ['depot', 'number'],
  lots_to_inspect: ['number'],
  receipt_to_sign: ['number'],
  opening_balance_to_confirm: ['number'],
  password_reset: ['by', 'username'],
  // Adverse reactions: the report's number and where it was filed, never the person's name.
  adverse_reaction_serious: ['depot', 'number', 'lot'],
  adverse_reaction_confirmed: ['number'],
  adverse_reaction_not_serious: ['number'],
  adverse_case_submitted: ['number', 'depot'],
  adverse_signal: ['reports', 'product', 'lot', 'windowFrom'],
  report_submitted: ['depot', 'report', 'period'],
  report_resubmitted: ['depot', 'report', 'period', 'version'],
  report_returned: ['report', 'period', 'reason'],
  report_accepted: ['report', 'period'],
  supervision_planned: ['visitingDepot', 'plannedOn'],
  supervision_actions: ['findings', 'actions'],
  supervision_action_closed: ['visitedDepot', 'action'],
  supervision_action_verified: ['visitingDepot', 'action'],
  supervision_action_reopened: ['visitingDepot', 'action', 'dueOn'],
  supervision_cancelled: ['visitingDepot', 'plannedOn'],
  supervision_closed: ['visitingDepot', 'plannedOn'],
  // Service requests: the number and subject, never the requester's name or phone.
  service_handover: ['fromName', 'number', 'subject', 'toName'],
  service_reply_overdue: ['number', 'subject', 'owner'],
  service_resolve_overdue: ['number', 'subject', 'owner'],
  service_replied: ['depot', 'number', 'subject'],
  service_resolved: ['depot', 'number', 'subject'],
};

export type NotificationWords = { key: string; params: Record<string, string | number> } | { text: string };

/**
 * The message key `notification.<kind>` with its params in the reader's language (the product's
 * name in it), or the stored Chinese text when this app cannot word it.
 * Example: a transfer_approval with { number: 'DB-640121-0003', fromDepot: '永宁县', toDepot: '杨和镇' }
 * reads 'notification.transfer_approval' with those three.
 */
export function notificationWords(n: NotificationFacts, lang: 'zh-CN' | 'en'): NotificationWords {
  const names = NAMES[n.kind];
  const product = lang === 'en' ? (n.params.productEn ?? n.params.productZh) : n.params.productZh;
  // A submitted report names its form and period in both languages (reportZh/reportEn, periodZh/periodEn).
  const report = lang === 'en' ? (n.params.reportEn ?? n.params.reportZh) : n.params.reportZh;
  const period = lang === 'en' ? (n.params.periodEn ?? n.params.periodZh) : n.params.periodZh;
  const params: Record<string, string | number> = { ...n.params, ...(product !== undefined ? { product } : {}), ...(report !== undefined ? { report } : {}), ...(period !== undefined ? { period } : {}) };
  if (!names || names.some((name) => params[name] === undefined || params[name] === '')) return { text: n.message };
  return { key: `notification.${n.kind}`, params };
}

/** Where a notification's document is shown; null when there is none to open (a reset password). */
export type NotificationTarget =
  | { screen: 'transfer'; orderId: number }
  | { screen: 'receipt'; receiptId: number }
  | { screen: 'count'; countId: number }
  | { screen: 'writeOff'; writeOffId: number }
  | { screen: 'card'; depotId: number; batchId: number }
  | { screen: 'quality'; depotId: number }
  | { screen: 'reversals'; depotId: number }
  | { screen: 'opening'; depotId: number }
  | { screen: 'adverseReaction'; reportId: number }
  | { screen: 'adverseSignal'; signalId: number }
  | { screen: 'supervisionVisit'; visitId: number }
  | { screen: 'serviceRequest'; requestId: number }
  | null;

const num = (value: string | number | undefined) => (typeof value === 'number' ? value : undefined);

/**
 * The document a notification is about: the order, receipt, count or write-off itself; for an
 * inspection or hold, the batch's stock card at the depot where it happened; for expired stock,
 * the depot's quality screen; for a reversal request or an opening balance, the depot's list of
 * them, where the second person decides; an adverse-reaction report or lot signal itself.
 */
export function notificationTarget(n: NotificationFacts): NotificationTarget {
  const batchId = num(n.params.batchId);
  const depotId = num(n.params.depotId) ?? n.depotId;
  switch (n.entity) {
    case 'transfer_order':
      return { screen: 'transfer', orderId: n.entityId };
    case 'receipt':
      return { screen: 'receipt', receiptId: n.entityId };
    case 'stock_count':
      return { screen: 'count', countId: n.entityId };
    case 'write_off':
      return { screen: 'writeOff', writeOffId: n.entityId };
    case 'inspection':
      return batchId === undefined ? null : { screen: 'card', depotId, batchId };
    case 'reversal_request':
      return { screen: 'reversals', depotId };
    case 'batch_hold':
      // The hold is raised above; the stock it stops is here, at the notified depot.
      return batchId === undefined ? null : { screen: 'card', depotId: n.depotId, batchId };
    case 'expiry_sweep':
      return { screen: 'quality', depotId: n.depotId };
    case 'opening_balance':
      return { screen: 'opening', depotId };
    case 'adverse_reaction':
      return { screen: 'adverseReaction', reportId: n.entityId };
    case 'adverse_signal':
      return { screen: 'adverseSignal', signalId: n.entityId };
    case 'supervision_visit':
      return { screen: 'supervisionVisit', visitId: n.entityId };
    case 'supervision_action': {
      const visitId = num(n.params.visitId);
      return visitId === undefined ? null : { screen: 'supervisionVisit', visitId };
    }
    case 'service_request':
      return { screen: 'serviceRequest', requestId: n.entityId };
    default:
      return null;
  }
}
