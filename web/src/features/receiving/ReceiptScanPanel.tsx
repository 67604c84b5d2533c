import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import type { Receipt } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { problemText } from '../../components/ProblemMessage.tsx';
import { productName } from '../../components/format.ts';
import { productList } from '../stock/stock-state.ts';
import { focusScanField, ScanField, useScanStatus } from './ScanField.tsx';
import { LastScan, type LastScanInfo } from './LastScan.tsx';
import { PendingActions } from './PendingActions.tsx';
import { RegisterProduct } from './RegisterProduct.tsx';
import { asApiProblem, submitAction, useLateOutcomes, type ActionOutcome } from './scan-actions.ts';
import { invalidProps, problemField, type ScanFieldName } from './problem-field.ts';

const MESSAGE_ID = 'receipt-scan-message';

type Line = Receipt['lines'][number];
type ScanBody = api.ReceiptScanInput;
type EntrySource = 'scan' | 'scanQuantity' | 'manual';

const nameOf = (l: { productNameZh: string; productNameEn: string }) => (lang.value === 'en' ? l.productNameEn : l.productNameZh);

/**
 * What a line should come to: on a transfer receipt what was shipped of the lot; on a supplier's
 * receipt the delivery note's expected line for the lot, or for the product when the note names
 * no lot (then the count is the product's, over its lots).
 */
export function progressOf(receipt: Receipt, line: Line): { done: number; expected: number | null } {
  const shipped = receipt.shipment?.find((s) => s.batchId === line.batchId);
  if (receipt.shipment) return { done: line.quantity, expected: shipped?.shipped ?? null };
  const row =
    receipt.comparison.find((c) => c.productId === line.productId && c.lot === line.lot && c.status !== 'unexpected') ??
    receipt.comparison.find((c) => c.productId === line.productId && c.lot === null && c.status !== 'unexpected');
  return row ? { done: row.counted, expected: row.expected } : { done: line.quantity, expected: null };
}

function lastScanOf(receipt: Receipt, batchId: number, typed: boolean): LastScanInfo | null {
  const line = receipt.lines.find((l) => l.batchId === batchId);
  if (!line) return null;
  const { done, expected } = progressOf(receipt, line);
  const shipped = receipt.shipment?.find((s) => s.batchId === batchId);
  return {
    kind: expected !== null && done > expected ? 'warn' : 'ok',
    product: nameOf(line),
    lot: line.lot,
    expiresOn: line.expiresOn,
    done,
    expected,
    unit: shipped ? (lang.value === 'en' ? shipped.unitEn : shipped.unitZh) : undefined,
    typed,
  };
}

/**
 * Scanning into an open receipt: the scan field (wedge, camera, or typed by hand), the quantity
 * typed before a scan, the last scan in large type, undo, and the scans still to be sent.
 */
export function ReceiptScanPanel({ receipt, onReceipt, mayRegister }: { receipt: Receipt; onReceipt: (r: Receipt) => void; mayRegister: boolean }) {
  const [status, say] = useScanStatus();
  const [quantity, setQuantity] = useState('');
  const [last, setLast] = useState<LastScanInfo | null>(null);
  /** The field the last refusal is about, and where the refused entry came from. */
  const [refused, setRefused] = useState<{ field: ScanFieldName; source: EntrySource } | null>(null);
  const [unknown, setUnknown] = useState<{ gtin: string; raw: string } | null>(null);
  const scope = `receipt:${receipt.id}`;

  /** Shows what became of a scan or typed entry; true unless it was refused. */
  function show(outcome: ActionOutcome<'receipt.scan'>, label: string, source: EntrySource, raw?: string): boolean {
    if (outcome.status === 'applied') {
      const { outcome: o, receipt: r } = outcome.result;
      onReceipt(r);
      setRefused(null);
      setUnknown(null);
      if (o.kind === 'awaiting') {
        say('warn', t(o.carton && 'lot' in o.carton ? 'label.awaitingGtin' : 'label.awaitingLot'));
        return true;
      }
      const info = lastScanOf(r, o.batchId, o.entry === 'typed');
      setLast(info);
      say(info?.kind ?? 'ok', t(o.entry === 'typed' ? 'scan.typedDone' : 'label.scanned', { lot: o.lot, quantity: o.quantity }));
      return true;
    }
    if (outcome.status === 'pending') {
      setRefused(null);
      say('warn', t('pending.saved', { label }));
      return true;
    }
    const p = outcome.problem;
    setRefused({ field: problemField(p) ?? 'raw', source });
    say('error', problemText(asApiProblem(p)));
    setUnknown(p.code === 'unknown_gtin' && raw && typeof p.data?.gtin === 'string' ? { gtin: p.data.gtin, raw } : null);
    return false;
  }

  // A scan that was pending went through, or was refused, when sent again.
  useLateOutcomes(scope, ({ action, outcome }) => {
    if (action.kind !== 'receipt.scan' || outcome.status === 'pending') return;
    if (outcome.status === 'applied') say('ok', t('pending.applied', { label: action.label }));
    else say('error', `${t('pending.refusedLate', { label: action.label })}: ${problemText(asApiProblem(outcome.problem))}`);
  });

  async function send(body: ScanBody, label: string, source: EntrySource) {
    const outcome = await submitAction('receipt.scan', scope, { receiptId: receipt.id, body }, label);
    const ok = show(outcome, label, source, body.raw);
    focusScanField();
    return ok;
  }

  function onScan(raw: string) {
    const typed = quantity;
    setQuantity('');
    void send({ raw, ...(typed ? { quantity: Number(typed) } : {}) }, raw, typed ? 'scanQuantity' : 'scan');
  }

  async function undo() {
    const outcome = await submitAction('receipt.undo', scope, { receiptId: receipt.id }, t('scan.undo'));
    if (outcome.status === 'applied') {
      onReceipt(outcome.result);
      setLast(null);
      say('ok', t('scan.undone'));
    } else if (outcome.status === 'pending') say('warn', t('pending.saved', { label: t('scan.undo') }));
    else say('error', problemText(asApiProblem(outcome.problem)));
    focusScanField();
  }

  // A refusal marks the field it is about: the typed quantity, the hand-typed entry's field, else the scan.
  const quantityInvalid = refused?.source === 'scanQuantity' && refused.field === 'quantity';
  const scanInvalid = refused !== null && refused.source !== 'manual' && !quantityInvalid;
  const manualInvalid = refused?.source === 'manual' ? refused.field : null;
  const cartons = receipt.lines.reduce((n, l) => n + l.scans - l.typedScans, 0);
  const typed = receipt.lines.reduce((n, l) => n + l.typedScans, 0);
  const transfer = receipt.shipment !== null;
  return (
    <>
      <div class="scan-bar no-print" data-testid="receipt-scan-bar">
        <ScanField
          onScan={onScan}
          status={status}
          messageId={MESSAGE_ID}
          invalid={scanInvalid}
          manual={(close) =>
            transfer ? (
              <ShipmentEntry receipt={receipt} invalid={manualInvalid} onSubmit={(body, label) => send(body, label, 'manual').then((ok) => ok && close())} />
            ) : (
              <SupplierEntry invalid={manualInvalid} onSubmit={(body, label) => send(body, label, 'manual').then((ok) => ok && close())} />
            )
          }
        />
        <label>
          {t('label.quantity')}
          <input
            type="number"
            min="1"
            inputMode="numeric"
            data-testid="scan-quantity"
            placeholder={t('scan.perLabel')}
            value={quantity}
            onInput={(e) => setQuantity(e.currentTarget.value)}
            {...invalidProps(quantityInvalid, MESSAGE_ID)}
          />
        </label>
        <button type="button" class="button" data-testid="undo-scan" disabled={receipt.lines.length === 0 && receipt.pendingCarton === null} onClick={() => void undo()}>
          {t('scan.undo')}
        </button>
        {unknown && mayRegister && (
          <RegisterProduct
            gtin={unknown.gtin}
            onRegistered={() => {
              const raw = unknown.raw;
              setUnknown(null);
              onScan(raw);
            }}
            onCancel={() => setUnknown(null)}
          />
        )}
      </div>
      <LastScan last={last} cartons={cartons} typed={typed} />
      <PendingActions scope={scope} />
    </>
  );
}

type EntrySubmit = (body: ScanBody, label: string) => Promise<unknown>;

/** A transfer receipt typed by hand: one of the lots the shipment carried, and how many. */
function ShipmentEntry({ receipt, invalid, onSubmit }: { receipt: Receipt; invalid: ScanFieldName | null; onSubmit: EntrySubmit }) {
  const lots = receipt.shipment ?? [];
  const [batchId, setBatchId] = useState(lots.find((s) => s.counted < s.shipped)?.batchId ?? lots[0]?.batchId ?? 0);
  const chosen = lots.find((s) => s.batchId === batchId);
  // What is still to count of a lot, proposed as the quantity when the lot is chosen (in the same
  // render as the choice, so that the field never shows the last lot's figure).
  const stillToCount = (id: number) => {
    const lot = lots.find((s) => s.batchId === id);
    return lot ? String(Math.max(1, lot.shipped - lot.counted)) : '';
  };
  const [quantity, setQuantity] = useState(() => stillToCount(batchId));
  return (
    <form
      class="inline-form"
      data-testid="manual-shipment"
      onSubmit={(e) => {
        e.preventDefault();
        if (!chosen) return;
        void onSubmit({ batchId, quantity: Number(quantity) }, t('scan.typedLabel', { lot: chosen.lot, quantity }));
      }}
    >
      <label>
        {t('label.shippedLot')}
        <select data-testid="manual-batch" value={batchId} onChange={(e) => {
            const id = Number(e.currentTarget.value);
            setBatchId(id);
            setQuantity(stillToCount(id));
          }} {...invalidProps(invalid === 'batchId', MESSAGE_ID)}>
          {lots.map((s) => (
            <option key={s.batchId} value={s.batchId}>
              {s.lot} · {nameOf(s)} · {t('label.expiresOn')} {s.expiresOn} · {t('scan.countedOfShipped', { counted: s.counted, shipped: s.shipped })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('label.quantity')}
        <input type="number" min="1" required data-testid="manual-quantity" value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} {...invalidProps(invalid === 'quantity', MESSAGE_ID)} />
      </label>
      <button class="button primary" data-testid="manual-submit">
        {t('scan.addTyped')}
      </button>
    </form>
  );
}

/** A supplier's goods without a readable label, typed by hand: the product, the lot and expiry printed on the pack, how many. */
function SupplierEntry({ invalid, onSubmit }: { invalid: ScanFieldName | null; onSubmit: EntrySubmit }) {
  useEffect(() => void productList.load(undefined), []);
  const products = productList.state.value.data?.items ?? [];
  const [productId, setProductId] = useState('');
  const [lot, setLot] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [quantity, setQuantity] = useState('');
  return (
    <form
      class="inline-form"
      data-testid="manual-supplier"
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit(
          { productId: Number(productId), lot: lot.trim(), ...(expiresOn ? { expiresOn } : {}), quantity: Number(quantity) },
          t('scan.typedLabel', { lot: lot.trim(), quantity }),
        );
      }}
    >
      <label>
        {t('label.product')}
        <select data-testid="manual-product" required value={productId} onChange={(e) => setProductId(e.currentTarget.value)} {...invalidProps(invalid === 'productId', MESSAGE_ID)}>
          <option value="">{t('label.product')}</option>
          {products.map((p) => (
            <option key={p.id} value={p.id} data-code={p.code}>
              {productName(p)} · {p.code}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('label.lot')}
        <input data-testid="manual-lot" required maxLength={20} value={lot} onInput={(e) => setLot(e.currentTarget.value)} {...invalidProps(invalid === 'lot', MESSAGE_ID)} />
      </label>
      <label>
        {t('label.expiresOn')}
        <input type="date" data-testid="manual-expires" value={expiresOn} onInput={(e) => setExpiresOn(e.currentTarget.value)} {...invalidProps(invalid === 'expiresOn', MESSAGE_ID)} />
      </label>
      <label>
        {t('label.quantity')}
        <input type="number" min="1" required data-testid="manual-quantity" value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} {...invalidProps(invalid === 'quantity', MESSAGE_ID)} />
      </label>
      <button class="button primary" data-testid="manual-submit">
        {t('scan.addTyped')}
      </button>
    </form>
  );
}
