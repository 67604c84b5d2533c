import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import type { StockRow, TransferOrder } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { problemText } from '../../components/ProblemMessage.tsx';
import { formatQuantity, productName } from '../../components/format.ts';
import { focusScanField, ScanField, useScanStatus } from '../receiving/ScanField.tsx';
import { LastScan, type LastScanInfo } from '../receiving/LastScan.tsx';
import { PendingActions } from '../receiving/PendingActions.tsx';
import { asApiProblem, submitAction, useLateOutcomes } from '../receiving/scan-actions.ts';
import { invalidProps, problemField, type ScanFieldName } from '../receiving/problem-field.ts';

type PickInput = { raw?: string; batchId?: number; quantity?: number; reason?: string };
type Source = 'scan' | 'scanQuantity' | 'manual';

const MESSAGE_ID = 'pick-scan-message';
const lineName = (l: { productNameZh: string; productNameEn: string }) => (lang.value === 'en' ? l.productNameEn : l.productNameZh);

/**
 * Picking by scan: a quantity typed before a scan belongs to that scan. When the batch is off
 * the FEFO proposal the server asks for a reason; the same scan is sent again with it (a new
 * scan instead leaves that pick). A lot whose label cannot be read is chosen from the stock by
 * hand. Every pick goes through the queue of scan-actions.ts: never lost, applied once.
 */
export function PickBar({ order, onPicked }: { order: TransferOrder; onPicked: (o: TransferOrder) => void }) {
  const [status, say] = useScanStatus();
  const [quantity, setQuantity] = useState('');
  const [override, setOverride] = useState<{ input: PickInput; label: string; source: Source } | null>(null);
  const [reason, setReason] = useState('');
  const [last, setLast] = useState<LastScanInfo | null>(null);
  const [refused, setRefused] = useState<{ field: ScanFieldName; source: Source } | null>(null);
  const reasonInput = useRef<HTMLInputElement>(null);
  const scope = `order:${order.id}`;

  useEffect(() => {
    if (override) reasonInput.current?.focus();
  }, [override]);

  // A pick that was pending went through, or was refused, when sent again.
  useLateOutcomes(scope, ({ action, outcome }) => {
    if (action.kind !== 'order.pick' || outcome.status === 'pending') return;
    if (outcome.status === 'applied') say('ok', t('pending.applied', { label: action.label }));
    else say('error', `${t('pending.refusedLate', { label: action.label })}: ${problemText(asApiProblem(outcome.problem))}`);
  });

  function onScan(raw: string) {
    setOverride(null);
    setReason('');
    const typed = quantity;
    setQuantity('');
    void send({ raw, ...(typed ? { quantity: Number(typed) } : {}) }, raw, typed ? 'scanQuantity' : 'scan');
  }

  async function send(input: PickInput, label: string, source: Source): Promise<boolean> {
    const outcome = await submitAction('order.pick', scope, { orderId: order.id, body: input }, label);
    if (outcome.status === 'applied') {
      const { pick, order: next } = outcome.result;
      onPicked(next);
      setOverride(null);
      setReason('');
      setRefused(null);
      const row = next.picks.find((p) => p.id === pick.id);
      const line = next.lines.find((l) => l.id === row?.orderLineId);
      const kind = pick.offProposal ? 'warn' : 'ok';
      setLast(line && row ? { kind, product: lineName(line), lot: pick.lot, expiresOn: row.expiresOn, done: line.picked, expected: line.quantity, typed: pick.entry === 'typed' } : null);
      say(kind, t('label.pickedLot', { lot: pick.lot, quantity: pick.quantity }));
      focusScanField();
      return true;
    }
    if (outcome.status === 'pending') {
      setOverride(null);
      say('warn', t('pending.saved', { label }));
      focusScanField();
      return true;
    }
    const p = outcome.problem;
    if (p.code === 'fefo_override_reason_required') {
      // Not a refusal of the goods: the pick waits for its reason.
      setOverride({ input, label, source });
      setRefused(null);
      say('warn', problemText(asApiProblem(p)));
      return false;
    }
    setOverride(null);
    setRefused({ field: problemField(p) ?? 'raw', source });
    say('error', problemText(asApiProblem(p)));
    if (source !== 'manual') focusScanField();
    return false;
  }

  const quantityInvalid = refused?.source === 'scanQuantity' && refused.field === 'quantity';
  const scanInvalid = refused !== null && refused.source !== 'manual' && !quantityInvalid;
  const cartons = order.picks.filter((p) => p.entry === 'scanned').length;
  const typed = order.picks.length - cartons;
  return (
    <>
      <div class="scan-bar no-print" data-testid="pick-bar">
        <ScanField
          onScan={onScan}
          status={status}
          messageId={MESSAGE_ID}
          invalid={scanInvalid}
          manual={(close) => <ManualPick order={order} invalid={refused?.source === 'manual' ? refused.field : null} onSubmit={(input, label) => send(input, label, 'manual').then((ok) => ok && close())} />}
        />
        <label>
          {t('label.quantity')}
          <input type="number" min="1" inputMode="numeric" data-testid="pick-quantity" value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} {...invalidProps(quantityInvalid, MESSAGE_ID)} />
        </label>
        {override && (
          <form
            class="override inline-form"
            data-testid="pick-override"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) void send({ ...override.input, reason: reason.trim() }, override.label, override.source);
            }}
          >
            <p class="override-scan" data-testid="pick-override-scan">
              {t('label.overrideScan', { raw: override.label, quantity: override.input.quantity ?? 1 })}
            </p>
            <label>
              {t('label.overrideReason')}
              <input ref={reasonInput} data-testid="pick-reason" required maxLength={200} value={reason} aria-invalid={reason.trim() ? undefined : 'true'} aria-describedby={MESSAGE_ID} onInput={(e) => setReason(e.currentTarget.value)} />
            </label>
            <button class="button primary" data-testid="pick-reason-confirm" disabled={!reason.trim()}>
              {t('button.confirmPick')}
            </button>
            <button type="button" class="button" data-testid="pick-reason-cancel" onClick={() => (setOverride(null), setReason(''), say('idle', ''), focusScanField())}>
              {t('button.cancel')}
            </button>
          </form>
        )}
      </div>
      <LastScan last={last} cartons={cartons} typed={typed} />
      <PendingActions scope={scope} />
    </>
  );
}

/** A lot picked without its label: chosen from the usable qualified stock of the order's products (none a document not yet effective holds back), earliest expiry first. */
function ManualPick({ order, invalid, onSubmit }: { order: TransferOrder; invalid: ScanFieldName | null; onSubmit: (input: PickInput, label: string) => Promise<unknown> }) {
  const [rows, setRows] = useState<StockRow[]>([]);
  const [batchId, setBatchId] = useState(0);
  useEffect(() => {
    const products = new Set(order.lines.map((l) => l.productId));
    api.stock({ depotId: order.fromDepotId, pageSize: 500 }).then(
      (page) => {
        const mine = page.items.filter((r) => r.location === 'qualified' && r.awaiting === null && products.has(r.product.id)).sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
        setRows(mine);
        setBatchId(mine[0]?.batchId ?? 0);
      },
      () => setRows([]),
    );
  }, [order.id]);
  const chosen = rows.find((r) => r.batchId === batchId);
  const remaining = order.lines.find((l) => l.productId === chosen?.product.id)?.remaining ?? 0;
  // The quantity proposed for the chosen lot (what the order still needs, as far as the lot has it),
  // until the storekeeper types another; a new lot or a new remainder proposes again, in the same
  // render (the field never shows the last lot's figure).
  const proposed = chosen ? String(Math.max(1, Math.min(chosen.quantity, remaining))) : '';
  const proposalFor = `${batchId}:${remaining}`;
  const [typed, setTyped] = useState<{ proposalFor: string; value: string } | null>(null);
  const quantity = typed?.proposalFor === proposalFor ? typed.value : proposed;
  return (
    <form
      class="inline-form"
      data-testid="manual-pick"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) void onSubmit({ batchId, quantity: Number(quantity) }, t('scan.pickLabel', { lot: chosen.lot, quantity }));
      }}
    >
      <label>
        {t('scan.chooseBatch')}
        <select data-testid="manual-batch" value={batchId} onChange={(e) => setBatchId(Number(e.currentTarget.value))} {...invalidProps(invalid === 'batchId' || invalid === 'raw', MESSAGE_ID)}>
          {rows.map((r) => (
            <option key={r.batchId} value={r.batchId} data-lot={r.lot}>
              {r.lot} · {productName(r.product)} · {t('label.expiresOn')} {r.expiresOn} · {t('label.available')} {formatQuantity(r.quantity)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('label.quantity')}
        <input type="number" min="1" required data-testid="manual-quantity" value={quantity} onInput={(e) => setTyped({ proposalFor, value: e.currentTarget.value })} {...invalidProps(invalid === 'quantity', MESSAGE_ID)} />
      </label>
      <button class="button primary" data-testid="manual-submit" disabled={!chosen}>
        {t('scan.addTyped')}
      </button>
    </form>
  );
}
