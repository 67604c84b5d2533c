import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type TransferOrder } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDate, formatDateTime, formatQuantity, formatYuan } from '../../components/format.ts';
import { UnitQuantities } from '../../components/UnitQuantities.tsx';
import { atOwnDepot, dispensesAt, hasRole, session } from '../auth/session.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { focusScanField } from '../receiving/ScanField.tsx';
import { feedback } from '../receiving/scan-feedback.ts';
import { asApiProblem, settled, submitAction, useLateOutcomes } from '../receiving/scan-actions.ts';
import { PickBar } from './PickBar.tsx';
import { PreIssueButton } from './PreIssueCheck.tsx';
import { DispatchConsequences } from './DispatchConsequences.tsx';
import { BasisLabel, DiscrepancyTable, StatusBadge } from './transfer-labels.tsx';
import { sheetUrl } from '../labels/labels-state.ts';

type Line = TransferOrder['lines'][number];

/** The order's QR label, for the shipment's cartons: on the thermal roll, whatever the depot's sheet choice. */
const documentLabelUrl = (orderId: number) => sheetUrl('thermal-100x50', [{ ref: { kind: 'document', documentType: 'transfer_order', id: orderId }, copies: 1 }]);

const lineName = (l: { productNameZh: string; productNameEn: string }) => (lang.value === 'en' ? l.productNameEn : l.productNameZh);

/**
 * One transfer order (调拨单) from draft to receipt: the leader's decision, the FEFO pick list
 * with its near-expiry and pre-issue marks, scan-verified picking (a pick off the proposal asks
 * for a reason and is sent again with it), dispatch, and the receiving depot's receipt. The
 * issue note (出库单) is the printed document of what left.
 */
export function TransferOrderScreen({ orderId }: { orderId: number }) {
  const [order, setOrder] = useState<TransferOrder | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const reload = () =>
    settled(`order:${orderId}`)
      .then(() => api.transferOrder(orderId))
      .then(setOrder, (e) => setProblem(toProblem(e)));
  useEffect(() => {
    setOrder(null);
    void reload();
  }, [orderId]);

  const act = async (fn: () => Promise<TransferOrder>) => {
    setProblem(null);
    try {
      setOrder(await fn());
    } catch (e) {
      setProblem(toProblem(e));
    }
  };

  const [asking, setAsking] = useState<'dispatch' | 'cancel' | null>(null);
  const [late, setLate] = useState<{ text: string; n: number } | null>(null);
  const scope = `order:${orderId}`;
  // A pick or dispatch that was pending went through (or was refused) on a retry: show the order as the server has it.
  // (The pick bar, when open, says which pick and flashes.)
  useLateOutcomes(scope, ({ action, outcome }) => {
    if (outcome.status === 'pending') return;
    if (outcome.status === 'refused') setProblem(asApiProblem(outcome.problem));
    else if (action.kind !== 'order.pick') setLate({ text: t('pending.applied', { label: action.label }), n: (late?.n ?? 0) + 1 });
    void reload();
  });

  /** Picks taken back and the dispatch go through the queue like the scans: never lost, applied once. */
  async function run<K extends 'order.dispatch' | 'order.removePick'>(kind: K, input: K extends 'order.dispatch' ? { orderId: number } : { orderId: number; pickId: number }, label: string) {
    setAsking(null);
    setProblem(null);
    const outcome = await submitAction(kind, scope, input as never, label);
    if (outcome.status === 'applied') {
      setOrder(outcome.result as TransferOrder);
      feedback('ok');
    } else if (outcome.status === 'pending') {
      setLate({ text: t('pending.saved', { label }), n: (late?.n ?? 0) + 1 });
      feedback('warn');
    } else {
      setProblem(asApiProblem(outcome.problem));
      feedback('error');
    }
    focusScanField();
  }

  if (!order) return <ProblemMessage problem={problem} />;
  const issuing = atOwnDepot(order.fromDepotId);
  const receiving = atOwnDepot(order.toDepotId);
  const mine = session.value?.depot.id;
  const backTo = mine !== undefined && [order.fromDepotId, order.toDepotId, order.approvalDepotId].includes(mine) ? mine : order.fromDepotId;
  const picking = order.status === 'approved' && issuing && hasRole('storekeeper');
  const mayReceive = receiving && (hasRole('storekeeper') || (hasRole('dispenser') && dispensesAt(order.toDepot.tier)));

  return (
    <section data-testid="order-screen" data-status={order.status}>
      <header class="page-head no-print">
        <div>
          <a class="button" href={paths.transfers(backTo)} data-testid="order-back">
            ‹ {t('label.transfers')}
          </a>{' '}
          <button type="button" class="button" data-testid="order-print" onClick={() => window.print()}>
            {t('button.printIssueNote')}
          </button>{' '}
          <a class="button" href={documentLabelUrl(order.id)} target="_blank" rel="noopener" data-testid="order-document-label">
            {t('button.documentLabel')}
          </a>
        </div>
        <h1>
          {t('label.transferOrder')} <span data-testid="order-number">{order.number}</span> <StatusBadge status={order.status} />
        </h1>
        <p class="order-route" data-testid="order-route">
          <strong>{order.fromDepot.name}</strong> → <strong>{order.toDepot.name}</strong> · <BasisLabel basis={order.basis} lateral={order.lateral} />
          {order.planReference && (
            <>
              {' '}
              · {t('label.planReference')} {order.planReference}
            </>
          )}
          <span class="muted">
            {' '}
            · {t('label.createdAt')} {formatDateTime(order.createdAt)}
          </span>
        </p>
        {order.note && <p class="muted">{order.note}</p>}
      </header>

      <ApprovalPanel order={order} act={act} />
      {late && (
        <p key={late.n} class="notice no-print" role="status" data-testid="late-outcome">
          {late.text}
        </p>
      )}
      <ProblemMessage problem={problem} />

      {order.lines.map((l) => (
        <LineSection key={l.id} order={order} line={l} onInspected={reload} />
      ))}

      {picking && <PickBar order={order} onPicked={setOrder} />}

      {!order.dispatchedAt && order.picks.length > 0 && (
        <PicksTable order={order} onRemove={picking ? (pick) => void run('order.removePick', { orderId, pickId: pick.id }, t('scan.removeLabel', { lot: pick.lot })) : undefined} />
      )}

      <div class="actions no-print">
        {picking && (
          <button class="button primary" data-testid="dispatch" disabled={order.picks.length === 0} onClick={() => setAsking('dispatch')}>
            {t('button.dispatch')}
          </button>
        )}
        {issuing && hasRole('planner') && ['awaiting_approval', 'approved', 'declined'].includes(order.status) && (
          <button type="button" class="button danger-outline" data-testid="cancel-order" onClick={() => setAsking('cancel')}>
            {t('button.cancelOrder')}
          </button>
        )}
        {mayReceive && order.status === 'dispatched' && !order.receipt && (
          <button
            class="button primary"
            data-testid="receive"
            onClick={async () => {
              setProblem(null);
              try {
                navigate(paths.receipt((await api.receiveShipment(orderId)).id));
              } catch (e) {
                setProblem(toProblem(e));
              }
            }}
          >
            {t('button.receive')}
          </button>
        )}
        {order.receipt && (
          <a class="button" href={paths.receipt(order.receipt.id)} data-testid="receipt-link">
            {t('label.receiptNumber')} {order.receipt.number} · {t(`receiptStatus.${order.receipt.status}`)}
          </a>
        )}
      </div>

      {asking === 'dispatch' && (
        <ConfirmDialog
          testid="dispatch-dialog"
          title={t('confirm.dispatchTitle', { number: order.number })}
          confirmLabel={t('button.dispatch')}
          onCancel={() => setAsking(null)}
          onConfirm={() => void run('order.dispatch', { orderId }, t('confirm.dispatchLabel', { number: order.number }))}
        >
          <DispatchConsequences order={order} />
        </ConfirmDialog>
      )}
      {asking === 'cancel' && (
        <ConfirmDialog
          testid="cancel-order-dialog"
          title={t('confirm.cancelOrderTitle', { number: order.number })}
          confirmLabel={t('button.confirm')}
          cancelLabel={t('button.keepOrder')}
          danger
          onCancel={() => setAsking(null)}
          onConfirm={() => (setAsking(null), void act(() => api.cancelOrder(orderId)))}
        >
          <p class="consequence">{t('label.confirmCancelOrder')}</p>
        </ConfirmDialog>
      )}

      {order.picks.length > 0 && <IssueNote order={order} />}
    </section>
  );
}

/** The leader of the approving depot approves, or declines with a reason; everyone sees the decision. */
function ApprovalPanel({ order, act }: { order: TransferOrder; act: (fn: () => Promise<TransferOrder>) => Promise<void> }) {
  const [reason, setReason] = useState('');
  if (order.approval) {
    const a = order.approval;
    return (
      <p class={`notice no-print decision-${a.decision}`} data-testid="approval-decision" data-decision={a.decision}>
        {t(`decision.${a.decision}`)} · {a.displayName} · {formatDateTime(a.decidedAt)}
        {a.reason && ` · ${a.reason}`}
      </p>
    );
  }
  if (order.status !== 'awaiting_approval' || order.approvalDepotId === null) return null;
  const mayDecide = atOwnDepot(order.approvalDepotId) && hasRole('leader');
  if (!mayDecide)
    return (
      <p class="notice attention no-print" data-testid="approval-waiting">
        {t('error.approval_pending')}
      </p>
    );
  return (
    <div class="panel approval no-print" data-testid="approval-panel">
      <h2>{t('label.approval')}</h2>
      <p class="notice attention">{t(order.lateral ? 'label.lateralNeedsApproval' : 'label.temporaryNeedsApproval')}</p>
      <div class="inline-form">
        <button type="button" class="button primary" data-testid="approve" onClick={() => void act(() => api.decideTransferOrder(order.id, 'approved'))}>
          {t('button.approve')}
        </button>
        <label>
          {t('label.declineReason')}
          <input data-testid="decline-reason" maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <button type="button" class="button danger-outline" data-testid="decline" disabled={!reason.trim()} onClick={() => void act(() => api.decideTransferOrder(order.id, 'declined', reason.trim()))}>
          {t('button.decline')}
        </button>
      </div>
    </div>
  );
}

/** One order line: requested, picked, remaining, and the FEFO proposal for what remains. */
function LineSection({ order, line, onInspected }: { order: TransferOrder; line: Line; onInspected: () => void }) {
  const inspector = atOwnDepot(order.fromDepotId) && hasRole('inspector');
  return (
    <div class="panel order-line no-print" data-testid="order-line" data-product={line.productCode}>
      <h2>
        {lineName(line)} <span class="muted code">{line.productCode}</span>
      </h2>
      <dl class="facts">
        <div>
          <dt>{t('label.requested')}</dt>
          <dd data-testid="line-requested">{formatQuantity(line.quantity)}</dd>
        </div>
        <div>
          <dt>{t('label.picked')}</dt>
          <dd data-testid="line-picked">{formatQuantity(line.picked)}</dd>
        </div>
        <div>
          <dt>{t('label.remaining')}</dt>
          <dd data-testid="line-remaining">{formatQuantity(line.remaining)}</dd>
        </div>
        {line.shortfall > 0 && (
          <div>
            <dt>{t('label.shortfall')}</dt>
            <dd class="qty-out" data-testid="line-shortfall">
              {formatQuantity(line.shortfall)}
            </dd>
          </div>
        )}
      </dl>
      {line.proposals.length > 0 && (
        <table class="data" data-testid="proposal-table">
          <caption>{t('label.fefoProposal')}</caption>
          <thead>
            <tr>
              <th>{t('label.lot')}</th>
              <th>{t('label.expiresOn')}</th>
              <th class="num">{t('label.proposed')}</th>
              <th class="num">{t('label.available')}</th>
              <th>{t('label.marks')}</th>
            </tr>
          </thead>
          <tbody>
            {line.proposals.map((p) => (
              <tr key={p.batchId} data-testid="proposal-row" data-lot={p.lot} data-batch={p.batchId} data-expires={p.expiresOn} class={p.nearExpiry ? 'row-near_expiry' : undefined}>
                <td>{p.lot}</td>
                <td>{p.expiresOn}</td>
                <td class="num">{formatQuantity(p.quantity)}</td>
                <td class="num">{formatQuantity(p.available)}</td>
                <td>
                  {p.nearExpiry && <span class="tag tag-near_expiry">{t('expiry.near_expiry')}</span>}{' '}
                  {p.preIssueCheckDue && (
                    <span class="tag warn" data-testid="pre-issue-due">
                      {t('label.preIssueCheckDue')}
                    </span>
                  )}{' '}
                  {p.climateExposed && (
                    <span class="tag excursion-temperature_high" data-testid="climate-exposed">
                      {t('label.climateExposed')}
                    </span>
                  )}{' '}
                  {p.preIssueCheckDue && inspector && <PreIssueButton order={order} line={line} proposal={p} onDone={onInspected} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function PicksTable({ order, onRemove }: { order: TransferOrder; onRemove?: (pick: TransferOrder['picks'][number]) => void }) {
  return (
    <table class="data no-print" data-testid="picks-table">
      <caption>{t('label.picks')}</caption>
      <thead>
        <tr>
          <th>{t('label.product')}</th>
          <th>{t('label.lot')}</th>
          <th>{t('label.expiresOn')}</th>
          <th class="num">{t('label.quantity')}</th>
          <th>{t('label.overrideReason')}</th>
          <th>{t('label.actor')}</th>
          {onRemove && <th />}
        </tr>
      </thead>
      <tbody>
        {order.picks.map((p) => (
          <tr key={p.id} data-testid="pick-row" data-lot={p.lot}>
            <td>{productOf(order, p.productId)}</td>
            <td class="nowrap">
              {p.lot}{' '}
              {p.entry === 'typed' && (
                <span class="tag typed" data-testid="typed-mark">
                  {t('scan.typedTag')}
                </span>
              )}
            </td>
            <td class="nowrap">{p.expiresOn}</td>
            <td class="num">{formatQuantity(p.quantity)}</td>
            <td data-testid="pick-override-reason">{p.overrideReason ?? ''}</td>
            <td>
              {p.pickedByName} <span class="muted">{formatDateTime(p.pickedAt)}</span>
            </td>
            {onRemove && (
              <td>
                <button type="button" class="button small" data-testid="pick-remove" onClick={() => onRemove(p)}>
                  {t('button.removePick')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const productOf = (order: TransferOrder, productId: number | null) => {
  const line = order.lines.find((l) => l.productId === productId);
  return line ? lineName(line) : '';
};

/**
 * The issue note (避孕药具出库单, S0:358 出库凭出库单): what left, lot by lot, priced, with the
 * reasons for picks off first-expiry-first-out, the discrepancies the receiver recorded, and both
 * signatures. On screen once dispatched; printed at any time.
 */
function IssueNote({ order }: { order: TransferOrder }) {
  const lotOf = (batchId: number | null) => order.picks.find((p) => p.batchId === batchId)?.lot ?? '';
  const received = order.receipt?.signatures.find((s) => s.role === 'storekeeper');
  return (
    <section class={order.dispatchedAt ? 'panel issue-note' : 'issue-note print-only'} data-testid="issue-note">
      <h1 class="issue-note-title">{t('label.issueNoteTitle')}</h1>
      <p class="issue-note-head">
        <span>
          {t('label.transferNumber')} {order.number}
        </span>
        <span>
          {t('label.issuingUnit')} {order.fromDepot.name}
        </span>
        <span>
          {t('label.receivingUnit')} {order.toDepot.name}
        </span>
        <span>
          {t('label.basis')} {t(`basis.${order.basis}`)}
          {order.lateral && ` (${t('label.lateral')})`}
        </span>
        {order.planReference && (
          <span>
            {t('label.planReference')} {order.planReference}
          </span>
        )}
        <span>
          {t('label.dispatchedAt')} {order.dispatchedAt ? formatDateTime(order.dispatchedAt) : '—'}
        </span>
      </p>
      <div class="table-wrap">
        <table class="data" data-testid="issue-note-lines">
          <thead>
            <tr>
              <th>{t('label.product')}</th>
              <th>{t('label.lot')}</th>
              <th>{t('label.expiresOn')}</th>
              <th class="num">{t('label.quantity')}</th>
              <th class="num">{t('label.unitPrice')}</th>
              <th class="num">{t('label.value')}</th>
              <th>{t('label.overrideReason')}</th>
            </tr>
          </thead>
          <tbody>
            {order.picks.map((p) => (
              <tr key={p.id} data-testid="issue-note-line" data-lot={p.lot}>
                <td>{productOf(order, p.productId)}</td>
                <td class="nowrap">{p.lot}</td>
                <td class="nowrap">{p.expiresOn}</td>
                <td class="num">{formatQuantity(p.quantity)}</td>
                <td class="num">{formatYuan(p.unitPriceFen)}</td>
                <td class="num">{formatYuan(p.valueFen)}</td>
                <td>{p.overrideReason ?? ''}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={3}>{t('label.total')}</td>
              <td class="num" data-testid="issue-note-total">
                <UnitQuantities totals={order.totalsByUnit} bareWhenOne />
              </td>
              <td />
              <td class="num" data-testid="issue-note-value">
                {formatYuan(order.totals.valueFen)}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      {order.discrepancies.length > 0 && (
        <DiscrepancyTable rows={order.discrepancies} productName={(id) => productOf(order, id)} lotOf={lotOf} caption={t('label.discrepancies')} testId="order-discrepancies" rowTestId="order-discrepancy" showTime />
      )}
      <table class="issue-note-signatures" data-testid="issue-note-signatures">
        <tbody>
          <tr>
            <td>
              {t('label.dispatchedBy')}: {order.dispatchedByName ? `${order.dispatchedByName} ${formatDate(order.dispatchedAt)}` : '________________'}
            </td>
            <td>
              {t('label.receivedBy')}: {received ? `${received.displayName} ${formatDate(received.signedAt)}` : '________________'}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
