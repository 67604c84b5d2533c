import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Receipt } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { problemText } from '../../components/ProblemMessage.tsx';
import { formatQuantity, formatYuan } from '../../components/format.ts';
import { UnitQuantities } from '../../components/UnitQuantities.tsx';
import { focusScanField } from './ScanField.tsx';
import { progressOf } from './ReceiptScanPanel.tsx';
import { asApiProblem, submitAction, type ActionOutcome } from './scan-actions.ts';

type Line = Receipt['lines'][number];

/**
 * The receipt's lines: each lot with what is counted against what is expected or shipped (green
 * once complete), a mark on lines typed by hand, and, while the receipt is open, a correction of
 * the quantity or the removal of a line scanned by mistake. `inspect` renders the inspection of a
 * line once counted.
 */
export function ReceiptLines({ receipt, editable, onReceipt, inspect }: { receipt: Receipt; editable: boolean; onReceipt: (r: Receipt) => void; inspect?: (line: Line) => ComponentChildren }) {
  const open = receipt.status === 'open';
  const extra = (editable && open) || (!open && inspect !== undefined);
  return (
    <table class="data" data-testid="receipt-lines">
      <thead>
        <tr>
          <th>{t('label.product')}</th>
          <th>{t('label.lot')}</th>
          <th>{t('label.expiresOn')}</th>
          <th class="num">{t('label.quantity')}</th>
          <th class="num">{t('label.value')}</th>
          {extra && <th />}
        </tr>
      </thead>
      <tbody>
        {receipt.lines.map((l) => {
          const { done, expected } = progressOf(receipt, l);
          const state = expected === null ? undefined : done > expected ? 'line-over' : done >= expected ? 'line-complete' : undefined;
          return (
            <tr key={l.batchId} class={state} data-testid="receipt-line" data-lot={l.lot} data-batch={l.batchId} data-quantity={l.quantity} data-complete={String(state !== undefined)} data-typed={l.typedScans}>
              <td>
                {lang.value === 'en' ? l.productNameEn : l.productNameZh}{' '}
                {l.typedScans > 0 && (
                  <span class="tag typed" data-testid="typed-mark" title={t('scan.typedTitle', { count: l.typedScans, scans: l.scans })}>
                    {t('scan.typedTag')}
                  </span>
                )}
              </td>
              <td class="code">{l.lot}</td>
              <td>{l.expiresOn}</td>
              <td class="num" data-testid="line-quantity">
                {formatQuantity(l.quantity)}
                {expected !== null && done === l.quantity && <span class="muted"> / {formatQuantity(expected)}</span>}
              </td>
              <td class="num">{formatYuan(l.valueFen)}</td>
              {extra && <td>{open ? <LineEdit receipt={receipt} line={l} onReceipt={onReceipt} /> : inspect?.(l)}</td>}
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={3}>{t('label.total')}</td>
          <td class="num" data-testid="receipt-total">
            <UnitQuantities totals={receipt.totalsByUnit} bareWhenOne />
          </td>
          <td class="num">{formatYuan(receipt.totals.valueFen)}</td>
          {extra && <td />}
        </tr>
      </tfoot>
    </table>
  );
}

/** Correcting a line to the recounted quantity, or taking it out; both are undone by scanning again. */
function LineEdit({ receipt, line, onReceipt }: { receipt: Receipt; line: Line; onReceipt: (r: Receipt) => void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(String(line.quantity));
  const [message, setMessage] = useState<{ text: string; error: boolean; n: number } | null>(null);
  const scope = `receipt:${receipt.id}`;
  const messageId = `line-message-${line.batchId}`;

  function after(outcome: ActionOutcome<'receipt.setLine' | 'receipt.removeLine'>, label: string) {
    if (outcome.status === 'applied') {
      onReceipt(outcome.result);
      setEditing(false);
      setMessage(null);
      focusScanField();
    } else if (outcome.status === 'pending') {
      setEditing(false);
      setMessage({ text: t('pending.saved', { label }), error: false, n: (message?.n ?? 0) + 1 });
      focusScanField();
    } else setMessage({ text: problemText(asApiProblem(outcome.problem)), error: true, n: (message?.n ?? 0) + 1 });
  }

  async function save() {
    const quantity = Number(value);
    const label = t('scan.correctLabel', { lot: line.lot, quantity: value });
    after(await submitAction('receipt.setLine', scope, { receiptId: receipt.id, batchId: line.batchId, quantity }, label), label);
  }
  async function remove() {
    const label = t('scan.removeLabel', { lot: line.lot });
    after(await submitAction('receipt.removeLine', scope, { receiptId: receipt.id, batchId: line.batchId }, label), label);
  }

  const invalid = message?.error === true;
  return (
    <span class="line-edit">
      {editing ? (
        <form
          class="line-edit"
          data-testid="line-edit-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <input
            type="number"
            min="1"
            required
            data-testid="line-edit-quantity"
            aria-label={t('scan.correctTo', { lot: line.lot })}
            value={value}
            autoFocus
            onInput={(e) => setValue(e.currentTarget.value)}
            aria-invalid={invalid ? 'true' : undefined}
            aria-describedby={invalid ? messageId : undefined}
          />
          <button class="button small primary" data-testid="line-edit-save">
            {t('button.save')}
          </button>
          <button type="button" class="button small" onClick={() => (setEditing(false), setMessage(null), focusScanField())}>
            {t('button.cancel')}
          </button>
        </form>
      ) : (
        <>
          <button type="button" class="button small" data-testid="line-edit" onClick={() => (setValue(String(line.quantity)), setEditing(true))}>
            {t('scan.correct')}
          </button>
          <button type="button" class="button small danger-outline" data-testid="line-remove" aria-describedby={invalid ? messageId : undefined} onClick={() => void remove()}>
            {t('scan.remove')}
          </button>
        </>
      )}
      {message && (
        <span key={message.n} id={messageId} class={message.error ? 'field-error' : 'hint'} role={message.error ? 'alert' : 'status'} data-testid="line-message">
          {message.text}
        </span>
      )}
    </span>
  );
}
