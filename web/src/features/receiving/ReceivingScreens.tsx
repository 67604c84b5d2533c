import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type Receipt } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatDate, formatDateTime, formatQuantity, productName, unitName } from '../../components/format.ts';
import { atOwnDepot, dispensesAt, hasRole, inspectsOnReceipt, session } from '../auth/session.ts';
import { focusScanField } from './ScanField.tsx';
import { feedback } from './scan-feedback.ts';
import { CartonLabels } from '../labels/CartonLabels.tsx';
import { ReceiptScanPanel } from './ReceiptScanPanel.tsx';
import { ReceiptLines } from './ReceiptLines.tsx';
import { InspectLine } from './InspectLine.tsx';
import { Discrepancies } from './Discrepancies.tsx';
import { PendingActions } from './PendingActions.tsx';
import { CountConsequences, countNeedsAsking } from './CountConsequences.tsx';
import { asApiProblem, pendingActions, settled, submitAction, useLateOutcomes, type ActionInputs } from './scan-actions.ts';

type Summary = Awaited<ReturnType<typeof api.receipts>>['items'][number];

/** The receipts of a depot, and a new one against a delivery note (storekeeper, own depot). */
export function ReceiptsScreen({ depotId }: { depotId: number }) {
  const [list, setList] = useState<Summary[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [form, setForm] = useState({ supplierName: '', deliveryNote: '' });
  const [expected, setExpected] = useState<{ productId: string; lot: string; quantity: string }[]>([]);
  const [productList, setProductList] = useState<api.Product[]>([]);

  useEffect(() => {
    setList(null);
    api.products().then((p) => setProductList(p.items), () => undefined);
    api.receipts(depotId).then((page) => setList(page.items), (e) => setProblem(toProblem(e)));
  }, [depotId]);

  const canOpen = atOwnDepot(depotId) && hasRole('storekeeper');
  return (
    <section data-testid="receipts-screen">
      {canOpen && (
        <form
          class="inline-form"
          data-testid="receipt-form"
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              const expectedLines = expected
                .filter((l) => l.productId && Number(l.quantity) > 0)
                .map((l) => ({ productId: Number(l.productId), quantity: Number(l.quantity), ...(l.lot.trim() ? { lot: l.lot.trim() } : {}) }));
              const r = await api.openReceipt({ depotId, ...form, ...(expectedLines.length > 0 ? { expectedLines } : {}) });
              navigate(paths.receipt(r.id));
            } catch (err) {
              setProblem(toProblem(err));
            }
          }}
        >
          <label>
            {t('label.supplier')}
            <input data-testid="receipt-supplier" required value={form.supplierName} onInput={(e) => setForm({ ...form, supplierName: e.currentTarget.value })} />
          </label>
          <label>
            {t('label.deliveryNote')}
            <input data-testid="receipt-note" required value={form.deliveryNote} onInput={(e) => setForm({ ...form, deliveryNote: e.currentTarget.value })} />
          </label>
          <fieldset class="expected-lines" data-testid="expected-lines">
            <legend>{t('label.expectedLines')}</legend>
            {expected.map((l, i) => {
              const update = (change: Partial<typeof l>) => setExpected(expected.map((x, j) => (j === i ? { ...x, ...change } : x)));
              return (
                <div class="inline-form" key={i} data-testid="expected-line">
                  <select data-testid="expected-product" value={l.productId} onChange={(e) => update({ productId: e.currentTarget.value })}>
                    <option value="">{t('label.product')}</option>
                    {productList.map((p) => (
                      <option key={p.id} value={p.id}>
                        {productName(p)}
                      </option>
                    ))}
                  </select>
                  <input data-testid="expected-lot" placeholder={t('label.lot')} value={l.lot} onInput={(e) => update({ lot: e.currentTarget.value })} />
                  <input data-testid="expected-quantity" type="number" min="1" placeholder={t('label.quantity')} value={l.quantity} onInput={(e) => update({ quantity: e.currentTarget.value })} />
                </div>
              );
            })}
            <button type="button" class="button small" data-testid="expected-add" onClick={() => setExpected([...expected, { productId: '', lot: '', quantity: '' }])}>
              {t('button.addExpected')}
            </button>
          </fieldset>
          <button class="button primary" data-testid="receipt-open">
            {t('button.openReceipt')}
          </button>
        </form>
      )}
      <ProblemMessage problem={problem} />
      <table class="data" data-testid="receipts-table">
        <thead>
          <tr>
            <th>{t('label.receiptNumber')}</th>
            <th>{t('label.supplier')}</th>
            <th>{t('label.deliveryNote')}</th>
            <th>{t('label.arrivedOn')}</th>
            <th>{t('label.status')}</th>
          </tr>
        </thead>
        <tbody>
          {(list ?? []).map((r) => (
            <tr key={r.id} data-testid="receipt-row" class="clickable" onClick={() => navigate(paths.receipt(r.id))}>
              <td>
                <a href={paths.receipt(r.id)}>{r.number}</a>
              </td>
              <td>{r.supplierName}</td>
              <td>{r.deliveryNote}</td>
              <td>{r.arrivedOn}</td>
              <td>{t(`receiptStatus.${r.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One receipt: scan into it, correct it, confirm the count, sign, inspect; or cancel it while open. */
export function ReceiptScreen({ receiptId }: { receiptId: number }) {
  const [receipt, setReceiptNow] = useState<Receipt | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [late, setLate] = useState<{ text: string; n: number } | null>(null);
  const [asking, setAsking] = useState<'count' | 'cancel' | null>(null);
  // An answer to an older read never overwrites a newer receipt (a scan's answer, or a later read).
  const version = useRef(0);
  const setReceipt = (r: Receipt) => {
    version.current++;
    setReceiptNow(r);
  };
  const load = () => {
    const mine = ++version.current;
    settled(`receipt:${receiptId}`)
      .then(() => api.receipt(receiptId))
      .then(
      (r) => mine === version.current && setReceiptNow(r),
      (e) => setProblem(toProblem(e)),
    );
  };
  useEffect(() => {
    setReceiptNow(null);
    load();
  }, [receiptId]);

  const scope = `receipt:${receiptId}`;
  // A scan or action that was pending went through (or was refused) on a retry: show the receipt
  // as the server has it now (the scan panel, when open, says which and flashes).
  useLateOutcomes(scope, ({ action, outcome }) => {
    if (outcome.status === 'pending') return;
    if (outcome.status === 'refused') setProblem(asApiProblem(outcome.problem));
    else if (action.kind !== 'receipt.scan') setLate({ text: t('pending.applied', { label: action.label }), n: (late?.n ?? 0) + 1 });
    load();
  });

  /** The count, the cancellation and the signatures go through the queue like the scans: never lost, applied once. */
  async function run<K extends 'receipt.count' | 'receipt.cancel' | 'receipt.sign'>(kind: K, input: ActionInputs[K], label: string) {
    setAsking(null);
    setProblem(null);
    const outcome = await submitAction(kind, scope, input, label);
    if (outcome.status === 'applied') {
      setReceipt(outcome.result as Receipt);
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

  /** The catalogue is the region's: its planners and admins may register an unknown GTIN. */
  const mayRegister = session.value?.depot.tier === 'region' && (hasRole('planner') || hasRole('admin'));

  if (!receipt) return <ProblemMessage problem={problem} />;
  const own = atOwnDepot(receipt.depotId);
  const tier = session.value?.depot.tier;
  const receiver = own && (hasRole('storekeeper') || (hasRole('dispenser') && tier !== undefined && dispensesAt(tier)));
  const transfer = receipt.source === 'transfer';
  const open = receipt.status === 'open';
  // A signature still to be sent counts as given: a second click would only be refused once the first lands.
  const signing = pendingActions.value.filter((a) => a.scope === scope && a.kind === 'receipt.sign' && a.state !== 'refused').map((a) => (a.input as ActionInputs['receipt.sign']).role);
  const signedRoles = new Set([...receipt.signatures.map((s) => s.role), ...signing]);
  const qualifiedOnCount = tier !== undefined && !inspectsOnReceipt(tier);
  const inspector = own && hasRole('inspector') && tier !== undefined && inspectsOnReceipt(tier);
  return (
    <section data-testid="receipt-screen" data-status={receipt.status}>
      <div class="print-only printed-head" data-testid="printed-head">
        <h1>{t('label.receiptNoteTitle')}</h1>
        <p>
          {t('label.receiptNumber')} {receipt.number} · {t('label.supplier')} {receipt.supplierName} · {t('label.deliveryNote')} {receipt.deliveryNote} · {t('label.arrivedOn')} {receipt.arrivedOn}
          {receipt.countedAt && ` · ${t('label.countedAt')} ${formatDate(receipt.countedAt)}`}
        </p>
      </div>
      <header class="page-head no-print">
        <div class="no-print">
          <a class="button" href={paths.receipts(receipt.depotId)} data-testid="receipt-back">
            ‹ {t('label.receipts')}
          </a>{' '}
          <button type="button" class="button" data-testid="receipt-print" onClick={() => window.print()}>
            {t('button.print')}
          </button>
        </div>
        <h1>
          {t('label.receiptNumber')} {receipt.number} <span class="tier-badge">{t(`receiptStatus.${receipt.status}`)}</span>
        </h1>
        <p class="muted">
          {transfer && receipt.transferOrderId !== null ? (
            <span data-testid="receipt-transfer">
              {t('label.transferIn', { from: receipt.supplierName })} ·{' '}
              <a href={paths.transfer(receipt.transferOrderId)}>
                {t('label.transferOrder')} {receipt.deliveryNote}
              </a>
            </span>
          ) : (
            <>
              {receipt.supplierName} · {receipt.deliveryNote}
            </>
          )}{' '}
          · {t('label.arrivedOn')} {receipt.arrivedOn}
          {receipt.countedLate && (
            <span class="tag warn" data-testid="counted-late">
              {t('label.countedLate')}
            </span>
          )}
        </p>
      </header>

      {receipt.status === 'cancelled' && (
        <p class="notice attention" data-testid="receipt-cancelled">
          {t('scan.cancelledNote', { reason: receipt.cancelReason ?? '', time: receipt.cancelledAt ? formatDateTime(receipt.cancelledAt) : '' })}
        </p>
      )}
      {open && receiver && <ReceiptScanPanel receipt={receipt} onReceipt={setReceipt} mayRegister={mayRegister} />}
      {/* Without the scan panel (a counted receipt to sign): its own list of what is still to be sent. */}
      {!(open && receiver) && <PendingActions scope={scope} />}
      {late && (
        <p key={late.n} class="notice no-print" role="status" data-testid="late-outcome">
          {late.text}
        </p>
      )}
      <ProblemMessage problem={problem} />

      <ReceiptLines
        receipt={receipt}
        editable={receiver}
        onReceipt={setReceipt}
        inspect={inspector ? (l) => <InspectLine receipt={receipt} batchId={l.batchId} max={l.quantity} onDone={load} /> : undefined}
      />

      {receipt.comparison.length > 0 && (
        <table class="data comparison" data-testid="receipt-comparison">
          <thead>
            <tr>
              <th>{t('label.product')}</th>
              <th>{t('label.lot')}</th>
              <th class="num">{t('label.expected')}</th>
              <th class="num">{t('label.counted')}</th>
              <th>{t('label.status')}</th>
            </tr>
          </thead>
          <tbody>
            {receipt.comparison.map((c, i) => (
              <tr key={i} data-testid="comparison-row" data-status={c.status}>
                <td>{lang.value === 'en' ? c.productNameEn : c.productNameZh}</td>
                <td>{c.lot ?? '—'}</td>
                <td class="num">
                  {formatQuantity(c.expected)} <span class="unit">{unitName(c)}</span>
                </td>
                <td class="num">
                  {formatQuantity(c.counted)} <span class="unit">{unitName(c)}</span>
                </td>
                <td>{t(`match.${c.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {transfer && (receipt.discrepancies.length > 0 || (open && receiver)) && <Discrepancies receipt={receipt} mayRecord={open && receiver} onRecorded={setReceipt} />}

      <div class="actions no-print">
        {open && receiver && (
          <button
            class="button primary"
            data-testid="confirm-count"
            onClick={() => (countNeedsAsking(receipt) ? setAsking('count') : void run('receipt.count', { receiptId }, t('confirm.countLabel', { number: receipt.number })))}
          >
            {t(qualifiedOnCount ? 'button.confirmCountQualified' : 'button.confirmCount')}
          </button>
        )}
        {open && own && hasRole('storekeeper') && (
          <button type="button" class="button danger-outline" data-testid="cancel-receipt" onClick={() => setAsking('cancel')}>
            {t('scan.cancelReceipt')}
          </button>
        )}
        {receipt.status === 'counted' &&
          own &&
          (['storekeeper', 'planner'] as const)
            .filter((role) => hasRole(role) && !signedRoles.has(role))
            .map((role) => (
              <button
                key={role}
                class="button primary"
                data-testid={`sign-${role}`}
                onClick={() => void run('receipt.sign', { receiptId, role }, `${t('button.signAs', { role: t(`role.${role}`) })} · ${receipt.number}`)}
              >
                {t('button.signAs', { role: t(`role.${role}`) })}
              </button>
            ))}
      </div>
      {asking === 'count' && (
        <ConfirmDialog
          testid="count-dialog"
          title={t('confirm.countTitle', { number: receipt.number })}
          confirmLabel={t(qualifiedOnCount ? 'button.confirmCountQualified' : 'button.confirmCount')}
          onCancel={() => setAsking(null)}
          onConfirm={() => void run('receipt.count', { receiptId }, t('confirm.countLabel', { number: receipt.number }))}
        >
          <CountConsequences receipt={receipt} qualified={qualifiedOnCount} />
        </ConfirmDialog>
      )}
      {asking === 'cancel' && (
        <ConfirmDialog
          testid="cancel-dialog"
          title={t('scan.cancelReceipt')}
          confirmLabel={t('scan.cancelReceiptConfirm')}
          cancelLabel={t('scan.keepReceipt')}
          danger
          reason={{ label: t('scan.cancelReason') }}
          onCancel={() => setAsking(null)}
          onConfirm={(reason) => void run('receipt.cancel', { receiptId, reason }, t('scan.cancelLabel', { number: receipt.number }))}
        >
          <p class="consequence">{t('scan.cancelWhat', { number: receipt.number, lines: receipt.lines.length })}</p>
          {transfer && <p>{t('scan.cancelTransfer')}</p>}
        </ConfirmDialog>
      )}
      {receipt.status !== 'open' && receipt.status !== 'cancelled' && own && receipt.lines.length > 0 && <CartonLabels receipt={receipt} />}
      <table class="print-only printed-signatures">
        <tbody>
          <tr>
            {(['planner', 'storekeeper'] as const).map((role) => {
              const signed = receipt.signatures.find((x) => x.role === role);
              return (
                <td key={role}>
                  {t('label.signatureOf', { role: t(`role.${role}`) })}: {signed ? `${signed.displayName} ${formatDate(signed.signedAt)}` : '________________'}
                </td>
              );
            })}
          </tr>
        </tbody>
      </table>
      {receipt.signatures.length > 0 && (
        <ul class="signatures no-print" data-testid="signatures">
          {receipt.signatures.map((s) => (
            <li key={s.role}>
              {t(`role.${s.role}`)}: {s.displayName} · {formatDateTime(s.signedAt)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
