import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { ApiProblem, toProblem, type BatchWithProduct, type DispensingRow } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { ProblemMessage, problemText } from '../../components/ProblemMessage.tsx';
import { formatDateTime, formatQuantity, productName, productUnit } from '../../components/format.ts';
import { normaliseGtin, parseScan, ScanError } from '../../../../labels/gs1.ts';
import { atOwnDepot, dispensesAt, hasRole, session } from '../auth/session.ts';
import { ScanField } from '../receiving/ScanField.tsx';
import { feedback } from '../receiving/scan-feedback.ts';

/**
 * The batch a scan names, read in the browser to show what is about to be dispensed: a GS1
 * string with GTIN and lot, or a batch label FP1:B:<id>. The server reads the same scan again.
 */
async function identify(raw: string): Promise<BatchWithProduct> {
  let scan;
  try {
    scan = parseScan(raw);
  } catch (e) {
    throw new ApiProblem(e instanceof ScanError ? e.code : 'invalid_barcode', 0, raw);
  }
  if (scan.kind === 'batch') return api.batch(scan.batchId);
  if (scan.kind !== 'gs1') throw new ApiProblem('invalid_barcode', 0, raw);
  if (!scan.gtin) throw new ApiProblem('gtin_missing', 0, raw);
  if (!scan.lot) throw new ApiProblem('lot_missing', 0, raw);
  const gtin = normaliseGtin(scan.gtin);
  const product = (await api.products()).items.find((p) => p.gtin !== null && normaliseGtin(p.gtin) === gtin);
  if (!product) throw new ApiProblem('unknown_gtin', 0, raw);
  const found = (await api.batches({ productId: product.id, q: scan.lot })).items.find((b) => b.lot === scan.lot);
  if (!found) throw new ApiProblem('batch_not_found', 0, raw);
  return found;
}

const today = () => new Date().toLocaleDateString('sv');

/**
 * Dispensing to people at a township or village (S0:398): scan, quantity, confirm that the inner
 * pack is intact and the expiry checked, confirm. The checks are ticked again for every
 * dispensing; the register of recent ones is below.
 */
export function DispensingScreen({ depotId }: { depotId: number }) {
  const [register, setRegister] = useState<DispensingRow[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const reload = () => api.dispensings(depotId).then((p) => setRegister(p.items), (e) => setProblem(toProblem(e)));
  useEffect(() => {
    setRegister(null);
    setProblem(null);
    void reload();
  }, [depotId]);

  const own = atOwnDepot(depotId);
  const here = own && session.value !== null && dispensesAt(session.value.depot.tier);
  const mayDispense = here && (hasRole('dispenser') || hasRole('storekeeper'));
  return (
    <section data-testid="dispensing-screen">
      {own && !here && <p class="note">{t('error.dispensing_not_here')}</p>}
      {mayDispense && <DispenseForm depotId={depotId} onDispensed={() => void reload()} />}
      <ProblemMessage problem={problem} />
      <div class="table-wrap">
        <table class="data" data-testid="dispensing-register">
          <caption>{t('label.dispensingRegister')}</caption>
          <thead>
            <tr>
              <th>{t('label.dateTime')}</th>
              <th>{t('label.product')}</th>
              <th>{t('label.lot')}</th>
              <th>{t('label.expiresOn')}</th>
              <th class="num">{t('label.quantity')}</th>
              <th>{t('label.recipient')}</th>
              <th>{t('label.actor')}</th>
            </tr>
          </thead>
          <tbody>
            {(register ?? []).map((r) => (
              <tr key={r.id} data-testid="dispensing-row" data-lot={r.lot}>
                <td class="nowrap">{formatDateTime(r.dispensedAt)}</td>
                <td>{lang.value === 'en' ? r.productNameEn : r.productNameZh}</td>
                <td>{r.lot}</td>
                <td>{r.expiresOn}</td>
                <td class="num">{formatQuantity(r.quantity)}</td>
                <td>{r.recipient ?? ''}</td>
                <td>{r.dispensedBy}</td>
              </tr>
            ))}
            {register && register.length === 0 && (
              <tr>
                <td colSpan={7} class="empty">
                  {t('label.empty')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function DispenseForm({ depotId, onDispensed }: { depotId: number; onDispensed: () => void }) {
  const [scanned, setScanned] = useState<{ raw: string; batch: BatchWithProduct } | null>(null);
  const [scanState, setScanState] = useState<'idle' | 'ok' | 'error'>('idle');
  const [message, setMessage] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [packIntact, setPackIntact] = useState(false);
  const [expiryChecked, setExpiryChecked] = useState(false);
  const [recipient, setRecipient] = useState('');
  const [refusal, setRefusal] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function onScan(raw: string) {
    setRefusal(null);
    try {
      const batch = await identify(raw);
      setScanned({ raw, batch });
      setScanState('ok');
      setMessage('');
      feedback(true);
    } catch (e) {
      setScanned(null);
      setScanState('error');
      setMessage(problemText(toProblem(e)));
      feedback(false);
    }
  }

  async function confirm() {
    if (!scanned) return;
    setBusy(true);
    setRefusal(null);
    try {
      const done = await api.dispense({
        depotId,
        raw: scanned.raw,
        quantity: Math.max(1, Number(quantity) || 1),
        packIntact,
        expiryChecked,
        ...(recipient.trim() ? { recipient: recipient.trim() } : {}),
      });
      setMessage(t('label.dispensed', { product: lang.value === 'en' ? done.productNameEn : done.productNameZh, lot: done.lot, quantity: done.quantity }));
      setScanState('ok');
      setScanned(null);
      setQuantity('1');
      setPackIntact(false);
      setExpiryChecked(false);
      setRecipient('');
      feedback(true);
      onDispensed();
    } catch (e) {
      setRefusal(toProblem(e));
      setScanState('error');
      feedback(false);
    } finally {
      setBusy(false);
    }
  }

  const batch = scanned?.batch;
  // On its expiry date a batch is no longer issued (config expiredFrom); the server decides.
  const expired = batch !== undefined && batch.expiresOn <= today();
  return (
    <div class="panel dispense-form" data-testid="dispense-form">
      <div class="scan-bar">
        <ScanField onScan={(raw) => void onScan(raw)} state={scanState} />
        <p class={`scan-message scan-${scanState}`} data-testid="scan-message" role="status">
          {message}
        </p>
      </div>
      {batch && (
        <dl class="facts" data-testid="dispense-item" data-lot={batch.lot}>
          <div>
            <dt>{t('label.product')}</dt>
            <dd data-testid="dispense-product">{productName(batch.product)}</dd>
          </div>
          <div>
            <dt>{t('label.lot')}</dt>
            <dd data-testid="dispense-lot">{batch.lot}</dd>
          </div>
          <div>
            <dt>{t('label.expiresOn')}</dt>
            <dd data-testid="dispense-expires">
              <span class="expiry">
                {batch.expiresOn}
                {expired && <span class="tag tag-expired">{t('expiry.expired')}</span>}
              </span>
            </dd>
          </div>
        </dl>
      )}
      <div class="inline-form">
        <label>
          <span>
            {t('label.quantity')} {batch && <span class="muted">({productUnit(batch.product)})</span>}
          </span>
          <input type="number" min="1" data-testid="dispense-quantity" value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} />
        </label>
        <label class="check">
          <input type="checkbox" data-testid="dispense-pack" checked={packIntact} onChange={(e) => setPackIntact(e.currentTarget.checked)} />
          {t('label.innerPackIntact')}
        </label>
        <label class="check">
          <input type="checkbox" data-testid="dispense-expiry" checked={expiryChecked} onChange={(e) => setExpiryChecked(e.currentTarget.checked)} />
          {t('label.expiryChecked')}
        </label>
        <label>
          {t('label.recipientOptional')}
          <input data-testid="dispense-recipient" maxLength={60} placeholder={t('hint.recipient')} value={recipient} onInput={(e) => setRecipient(e.currentTarget.value)} />
        </label>
        <button type="button" class="button primary" data-testid="dispense-confirm" disabled={!scanned || busy} onClick={() => void confirm()}>
          {t('button.dispense')}
        </button>
      </div>
      <ProblemMessage problem={refusal} testid="dispense-problem" />
    </div>
  );
}
