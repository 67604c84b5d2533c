import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type Receipt } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage, problemText } from '../../components/ProblemMessage.tsx';
import { formatQuantity, formatYuan, productName } from '../../components/format.ts';
import { atOwnDepot, dispensesAt, hasRole, inspectsOnReceipt, session } from '../auth/session.ts';
import { ScanField } from './ScanField.tsx';
import { feedback } from './scan-feedback.ts';
import { DiscrepancyTable } from '../transfers/transfer-labels.tsx';
import { RegisterProduct } from './RegisterProduct.tsx';
import { CartonLabels } from '../labels/CartonLabels.tsx';

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

/** One receipt: scan into it, confirm the count, sign, inspect. */
export function ReceiptScreen({ receiptId }: { receiptId: number }) {
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [scanState, setScanState] = useState<'idle' | 'ok' | 'error'>('idle');
  const [message, setMessage] = useState('');
  const [quantity, setQuantity] = useState('');
  const [unknown, setUnknown] = useState<{ gtin: string; raw: string } | null>(null);

  useEffect(() => {
    api.receipt(receiptId).then(setReceipt, (e) => setProblem(toProblem(e)));
  }, [receiptId]);

  const act = async (fn: () => Promise<Receipt>) => {
    setProblem(null);
    try {
      setReceipt(await fn());
    } catch (e) {
      setProblem(toProblem(e));
    }
  };

  /**
   * Scans are sent one after another, in the order they were read: the two halves of a carton
   * must arrive in order, and a typed quantity belongs to the scan it was typed for.
   */
  const [queue] = useState(() => ({ last: Promise.resolve() }));
  function onScan(raw: string) {
    const typed = quantity;
    setQuantity('');
    queue.last = queue.last.then(() => sendScan(raw, typed));
  }

  async function sendScan(raw: string, typed: string) {
    try {
      const result = await api.scanReceipt(receiptId, { raw, ...(typed ? { quantity: Number(typed) } : {}) });
      setReceipt(result.receipt);
      setScanState('ok');
      const o = result.outcome as { kind: string; carton?: { lot?: string }; lot?: string; quantity?: number };
      setMessage(o.kind === 'awaiting' ? t(o.carton?.lot ? 'label.awaitingGtin' : 'label.awaitingLot') : t('label.scanned', { lot: o.lot ?? '', quantity: o.quantity ?? 1 }));
      feedback(true);
    } catch (e) {
      const p = toProblem(e);
      setScanState('error');
      setMessage(problemText(p));
      setUnknown(p.code === 'unknown_gtin' && typeof p.data?.gtin === 'string' ? { gtin: p.data.gtin, raw } : null);
      feedback(false);
    }
  }

  /** The catalogue is the region's: its planners and admins may register an unknown GTIN. */
  const mayRegister = session.value?.depot.tier === 'region' && (hasRole('planner') || hasRole('admin'));

  if (!receipt) return <ProblemMessage problem={problem} />;
  const own = atOwnDepot(receipt.depotId);
  const tier = session.value?.depot.tier;
  const receiver = own && (hasRole('storekeeper') || (hasRole('dispenser') && tier !== undefined && dispensesAt(tier)));
  const transfer = receipt.source === 'transfer';
  const signedRoles = new Set(receipt.signatures.map((s) => s.role));
  return (
    <section data-testid="receipt-screen" data-status={receipt.status}>
      <div class="print-only printed-head" data-testid="printed-head">
        <h1>{t('label.receiptNoteTitle')}</h1>
        <p>
          {t('label.receiptNumber')} {receipt.number} · {t('label.supplier')} {receipt.supplierName} · {t('label.deliveryNote')} {receipt.deliveryNote} · {t('label.arrivedOn')} {receipt.arrivedOn}
          {receipt.countedAt && ` · ${t('label.countedAt')} ${receipt.countedAt.slice(0, 10)}`}
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

      {receipt.status === 'open' && receiver && (
        <div class="scan-bar no-print">
          <ScanField onScan={onScan} state={scanState} />
          <label>
            {t('label.quantity')}
            <input type="number" min="1" data-testid="scan-quantity" value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} />
          </label>
          <p class={`scan-message scan-${scanState}`} data-testid="scan-message" role="status">
            {message}
          </p>
          {unknown && mayRegister && (
            <RegisterProduct
              gtin={unknown.gtin}
              onRegistered={() => {
                const raw = unknown.raw;
                setUnknown(null);
                onScan(raw);
              }}
            />
          )}
        </div>
      )}
      <ProblemMessage problem={problem} />

      <table class="data" data-testid="receipt-lines">
        <thead>
          <tr>
            <th>{t('label.product')}</th>
            <th>{t('label.lot')}</th>
            <th>{t('label.expiresOn')}</th>
            <th class="num">{t('label.quantity')}</th>
            <th class="num">{t('label.value')}</th>
            {receipt.status !== 'open' && <th />}
          </tr>
        </thead>
        <tbody>
          {receipt.lines.map((l) => (
            <tr key={l.batchId} data-testid="receipt-line" data-lot={l.lot}>
              <td>{lang.value === 'en' ? l.productNameEn : l.productNameZh}</td>
              <td>{l.lot}</td>
              <td>{l.expiresOn}</td>
              <td class="num">{formatQuantity(l.quantity)}</td>
              <td class="num">{formatYuan(l.valueFen)}</td>
              {receipt.status !== 'open' && (
                <td>{own && hasRole('inspector') && tier !== undefined && inspectsOnReceipt(tier) && <InspectLine receipt={receipt} batchId={l.batchId} max={l.quantity} onDone={() => api.receipt(receiptId).then(setReceipt)} />}</td>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>{t('label.total')}</td>
            <td class="num" data-testid="receipt-total">
              {formatQuantity(receipt.totals.quantity)}
            </td>
            <td class="num">{formatYuan(receipt.totals.valueFen)}</td>
          </tr>
        </tfoot>
      </table>

      {receipt.comparison.length > 0 && (
        <table class="data comparison" data-testid="receipt-comparison">
          <thead>
            <tr>
              <th>{t('label.lot')}</th>
              <th class="num">{t('label.expected')}</th>
              <th class="num">{t('label.counted')}</th>
              <th>{t('label.status')}</th>
            </tr>
          </thead>
          <tbody>
            {receipt.comparison.map((c, i) => (
              <tr key={i} data-testid="comparison-row" data-status={c.status}>
                <td>{c.lot ?? '—'}</td>
                <td class="num">{c.expected}</td>
                <td class="num">{c.counted}</td>
                <td>{t(`match.${c.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {transfer && (receipt.discrepancies.length > 0 || (receipt.status === 'open' && receiver)) && (
        <Discrepancies receipt={receipt} mayRecord={receipt.status === 'open' && receiver} onRecorded={setReceipt} />
      )}

      <div class="actions no-print">
        {receipt.status === 'open' && receiver && (
          <button class="button primary" data-testid="confirm-count" onClick={() => void act(() => api.countReceipt(receiptId))}>
            {t(tier !== undefined && !inspectsOnReceipt(tier) ? 'button.confirmCountQualified' : 'button.confirmCount')}
          </button>
        )}
        {receipt.status === 'counted' &&
          own &&
          (['storekeeper', 'planner'] as const)
            .filter((role) => hasRole(role) && !signedRoles.has(role))
            .map((role) => (
              <button key={role} class="button primary" data-testid={`sign-${role}`} onClick={() => void act(() => api.signReceipt(receiptId, role))}>
                {t('button.signAs', { role: t(`role.${role}`) })}
              </button>
            ))}
      </div>
      {receipt.status !== 'open' && own && receipt.lines.length > 0 && <CartonLabels receipt={receipt} />}
      <table class="print-only printed-signatures">
        <tbody>
          <tr>
            {(['planner', 'storekeeper'] as const).map((role) => {
              const signed = receipt.signatures.find((x) => x.role === role);
              return (
                <td key={role}>
                  {t('label.signatureOf', { role: t(`role.${role}`) })}: {signed ? `${signed.displayName} ${signed.signedAt.slice(0, 10)}` : '________________'}
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
              {t(`role.${s.role}`)}: {s.displayName} · {s.signedAt.slice(0, 16).replace('T', ' ')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * What arrived wrong on a transfer, recorded before the count: damaged units of a shipped lot
 * (they go to the non-conforming zone), or a lot that was not on the shipment (kept apart).
 * Shortages are recorded by the count itself. Both depots see the list.
 */
function Discrepancies({ receipt, mayRecord, onRecorded }: { receipt: Receipt; mayRecord: boolean; onRecorded: (r: Receipt) => void }) {
  const [kind, setKind] = useState<'damaged' | 'wrong_lot'>('damaged');
  const [batchId, setBatchId] = useState('');
  const [productId, setProductId] = useState('');
  const [lot, setLot] = useState('');
  const [quantity, setQuantity] = useState('');
  const [note, setNote] = useState('');
  const [productList, setProductList] = useState<api.Product[]>([]);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  useEffect(() => {
    if (mayRecord) api.products().then((p) => setProductList(p.items), () => undefined);
  }, [mayRecord]);

  const nameOf = (id: number | null) => {
    const l = receipt.lines.find((x) => x.productId === id);
    if (l) return lang.value === 'en' ? l.productNameEn : l.productNameZh;
    const p = productList.find((x) => x.id === id);
    return p ? productName(p) : '';
  };
  const lotOf = (id: number | null) => receipt.lines.find((l) => l.batchId === id)?.lot ?? '';

  async function submit(e: Event) {
    e.preventDefault();
    setProblem(null);
    try {
      const common = { quantity: Number(quantity), ...(note.trim() ? { note: note.trim() } : {}) };
      onRecorded(
        await api.recordDiscrepancy(
          receipt.id,
          kind === 'damaged' ? { kind, batchId: Number(batchId), ...common } : { kind, productId: Number(productId), lot: lot.trim(), ...common },
        ),
      );
      setQuantity('');
      setNote('');
      setLot('');
    } catch (err) {
      setProblem(toProblem(err));
    }
  }

  return (
    <section class="panel discrepancies no-print" data-testid="discrepancies">
      <h2>{t('label.discrepancies')}</h2>
      {receipt.discrepancies.length > 0 && <DiscrepancyTable rows={receipt.discrepancies} productName={nameOf} lotOf={lotOf} rowTestId="discrepancy-row" />}
      {mayRecord && (
        <form class="inline-form" data-testid="discrepancy-form" onSubmit={(e) => void submit(e)}>
          <label>
            {t('label.discrepancyKind')}
            <select data-testid="discrepancy-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as typeof kind)}>
              <option value="damaged">{t('discrepancy.damaged')}</option>
              <option value="wrong_lot">{t('discrepancy.wrong_lot')}</option>
            </select>
          </label>
          {kind === 'damaged' ? (
            <label>
              {t('label.shippedLot')}
              <select data-testid="discrepancy-batch" required value={batchId} onChange={(e) => setBatchId(e.currentTarget.value)}>
                <option value="">{t('label.lot')}</option>
                {receipt.lines.map((l) => (
                  <option key={l.batchId} value={l.batchId}>
                    {l.lot} · {lang.value === 'en' ? l.productNameEn : l.productNameZh}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <>
              <label>
                {t('label.product')}
                <select data-testid="discrepancy-product" required value={productId} onChange={(e) => setProductId(e.currentTarget.value)}>
                  <option value="">{t('label.product')}</option>
                  {productList.map((p) => (
                    <option key={p.id} value={p.id}>
                      {productName(p)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('label.lot')}
                <input data-testid="discrepancy-lot" required maxLength={20} value={lot} onInput={(e) => setLot(e.currentTarget.value)} />
              </label>
            </>
          )}
          <label>
            {t('label.quantity')}
            <input data-testid="discrepancy-quantity" type="number" min="1" required value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} />
          </label>
          <label>
            {t('label.note')}
            <input data-testid="discrepancy-note" maxLength={200} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <button class="button" data-testid="discrepancy-submit">
            {t('button.recordDiscrepancy')}
          </button>
        </form>
      )}
      <ProblemMessage problem={problem} testid="discrepancy-problem" />
    </section>
  );
}

const NONCONFORMITIES = ['expired', 'inner_pack_broken', 'count_differs_from_label', 'markings_missing', 'visible_defect'] as const;
let checklistCache: Promise<Record<string, string[]>> | null = null;

/** The inspector's appearance check of one received lot (S0:387): checklist, passed, failed and why. */
function InspectLine({ receipt, batchId, max, onDone }: { receipt: Receipt; batchId: number; max: number; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<string[]>([]);
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const [failed, setFailed] = useState(0);
  const [kinds, setKinds] = useState<string[]>([]);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const line = receipt.lines.find((l) => l.batchId === batchId)!;

  async function start() {
    checklistCache ??= api.checklists() as Promise<Record<string, string[]>>;
    const lists = await checklistCache;
    const product = (await api.products()).items.find((p) => p.id === line.productId)!;
    const list = lists[product.dosageForm] ?? [];
    setItems(list);
    setAnswers(Object.fromEntries(list.map((k) => [k, true])));
    setOpen(true);
  }

  if (done) return <span data-testid="inspected">{done}</span>;
  if (!open)
    return (
      <button class="button small" data-testid={`inspect-${line.lot}`} onClick={() => void start()}>
        {t('button.inspect')}
      </button>
    );
  return (
    <form
      class="inspect-form"
      data-testid="inspect-form"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await api.inspect({ depotId: receipt.depotId, batchId, kind: 'receipt', receiptId: receipt.id, checklist: answers, passedQuantity: max - failed, failedQuantity: failed, nonconformities: kinds as (typeof NONCONFORMITIES)[number][] });
          setDone(t('label.inspectedResult', { passed: max - failed, failed }));
          onDone();
        } catch (err) {
          setProblem(toProblem(err));
        }
      }}
    >
      {items.map((k) => (
        <label key={k} class="check">
          <input type="checkbox" data-testid={`check-${k}`} checked={answers[k]} onChange={(e) => setAnswers({ ...answers, [k]: e.currentTarget.checked })} />
          {t(`check.${k}`)}
        </label>
      ))}
      <label>
        {t('label.failed')}
        <input type="number" min="0" max={max} data-testid="inspect-failed" value={failed} onInput={(e) => setFailed(Math.min(max, Math.max(0, Number(e.currentTarget.value) || 0)))} />
      </label>
      {failed > 0 &&
        NONCONFORMITIES.map((k) => (
          <label key={k} class="check">
            <input type="checkbox" data-testid={`nc-${k}`} checked={kinds.includes(k)} onChange={(e) => setKinds(e.currentTarget.checked ? [...kinds, k] : kinds.filter((x) => x !== k))} />
            {t(`nonconformity.${k}`)}
          </label>
        ))}
      <ProblemMessage problem={problem} />
      <button class="button primary small" data-testid="inspect-submit">
        {t('button.saveInspection')}
      </button>
    </form>
  );
}
