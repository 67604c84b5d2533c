import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { type ApiProblem, type Receipt } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { productName } from '../../components/format.ts';
import { DiscrepancyTable } from '../transfers/transfer-labels.tsx';
import { asApiProblem, submitAction, useLateOutcomes } from './scan-actions.ts';

/**
 * What arrived wrong on a transfer, recorded before the count: damaged units of a shipped lot
 * (they go to the non-conforming zone), or a lot that was not on the shipment (kept apart).
 * Shortages are recorded by the count itself. Both depots see the list.
 */
export function Discrepancies({ receipt, mayRecord, onRecorded }: { receipt: Receipt; mayRecord: boolean; onRecorded: (r: Receipt) => void }) {
  const [kind, setKind] = useState<'damaged' | 'wrong_lot'>('damaged');
  const [batchId, setBatchId] = useState('');
  const [productId, setProductId] = useState('');
  const [lot, setLot] = useState('');
  const [quantity, setQuantity] = useState('');
  const [note, setNote] = useState('');
  const [productList, setProductList] = useState<api.Product[]>([]);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // Sent at last (or refused): the receipt screen says so and shows the list as the server has it.
  useLateOutcomes(`receipt:${receipt.id}`, ({ action, outcome }) => action.kind === 'receipt.discrepancy' && outcome.status !== 'pending' && setSaved(null));

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

  /**
   * A note goes through the queue of the scan screens: lost on the network, a 401 or a 5xx, it
   * stays in the receipt's pending list and is sent again, applied once.
   */
  async function submit(e: Event) {
    e.preventDefault();
    setProblem(null);
    setSaved(null);
    const common = { quantity: Number(quantity), ...(note.trim() ? { note: note.trim() } : {}) };
    const body = kind === 'damaged' ? { kind, batchId: Number(batchId), ...common } : { kind, productId: Number(productId), lot: lot.trim(), ...common };
    const label = `${t(`discrepancy.${kind}`)} · ${t('label.lot')} ${kind === 'damaged' ? lotOf(Number(batchId)) : lot.trim()} · ${quantity}`;
    const outcome = await submitAction('receipt.discrepancy', `receipt:${receipt.id}`, { receiptId: receipt.id, body }, label);
    if (outcome.status === 'refused') return setProblem(asApiProblem(outcome.problem));
    if (outcome.status === 'applied') onRecorded(outcome.result);
    else setSaved(t('pending.saved', { label }));
    setQuantity('');
    setNote('');
    setLot('');
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
      {saved && (
        <p class="notice attention" role="status" data-testid="discrepancy-pending">
          {saved}
        </p>
      )}
    </section>
  );
}
