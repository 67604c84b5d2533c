import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type StockRow, type WriteOff, type WriteOffResubmit } from '../../api.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { FieldError, invalidProps, useFieldIds } from '../../components/FieldError.tsx';
import { usePanelFocus } from '../../components/focus.ts';
import { ExpiryDate } from '../../components/ExpiryDate.tsx';
import { formatQuantity, formatYuan, productName, productSpec, productUnit, sumByUnit, unitName } from '../../components/format.ts';
import { UnitQuantities } from '../../components/UnitQuantities.tsx';
import { t } from './i18n.ts';
import { isKind, nameOf, NONCONFORMITY_KINDS, type NonconformityKind } from './labels.tsx';
import { WriteOffConsequences } from './WriteOffConsequences.tsx';

/** A line being edited: the lot as shown, the quantity and kind as typed. */
interface DraftLine {
  batchId: number;
  lot: string;
  expiresOn: string;
  productCode: string;
  name: string;
  spec: string;
  unit: string;
  unitZh: string;
  unitEn: string;
  unitPriceFen: number;
  quantity: string;
  kind: NonconformityKind | '';
  note: string;
}

/** The red zone's stock by lot, with what other open requests already claim of it. */
interface RedLot {
  row: StockRow;
  claimed: number;
  free: number;
}

const OPEN = ['submitted', 'returned', 'approved'];

/**
 * What each lot of the red zone has free for a new request: the zone's quantity less what the
 * depot's other open requests claim (the server's own rule, assertWriteOffable).
 */
async function loadRedZone(depotId: number, exceptRequestId: number | undefined): Promise<RedLot[]> {
  const [stock, list] = await Promise.all([api.stock({ depotId, zone: 'nonconforming', pageSize: 500 }), api.writeOffs(depotId)]);
  const open = list.items.filter((r) => OPEN.includes(r.status) && r.id !== exceptRequestId);
  const requests = await Promise.all(open.map((r) => api.writeOff(r.id)));
  const claimed = new Map<number, number>();
  for (const r of requests) for (const l of r.lines) claimed.set(l.batchId, (claimed.get(l.batchId) ?? 0) + l.quantity);
  return stock.items.map((row) => {
    const c = claimed.get(row.batchId) ?? 0;
    return { row, claimed: c, free: Math.max(0, row.quantity - c) };
  });
}

const lineOfStock = (row: StockRow): DraftLine => ({
  batchId: row.batchId,
  lot: row.lot,
  expiresOn: row.expiresOn,
  productCode: row.product.code,
  name: productName(row.product),
  spec: productSpec(row.product),
  unit: productUnit(row.product),
  unitZh: row.product.unitZh,
  unitEn: row.product.unitEn,
  unitPriceFen: row.quantity > 0 ? Math.round(row.valueFen / row.quantity) : row.product.unitPriceFen,
  quantity: '',
  kind: row.expiryStatus === 'expired' ? 'expired' : '',
  note: '',
});

export const linesOfRequest = (w: WriteOff): DraftLine[] =>
  w.lines.map((l) => ({
    batchId: l.batchId,
    lot: l.lot,
    expiresOn: l.expiresOn,
    productCode: l.productCode,
    name: nameOf(l),
    spec: l.specZh,
    unit: unitName(l),
    unitZh: l.unitZh,
    unitEn: l.unitEn,
    unitPriceFen: l.unitPriceFen,
    quantity: String(l.quantity),
    kind: isKind(l.kind) ? l.kind : '',
    note: l.note ?? '',
  }));

const quantityOf = (text: string) => (/^\s*[1-9]\d{0,8}\s*$/.test(text) ? Number(text) : null);

/**
 * The lines of a write-off request picked from the red zone: quantity (no more than is free),
 * one of the five kinds (S0:419), a note; the request's note and the inspection report it rests
 * on (optional when every line is expired). Values and the total as the server will price them.
 */
export function WriteOffForm({
  depotId,
  initial,
  exceptRequestId,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  depotId: number;
  initial?: WriteOff;
  exceptRequestId?: number;
  submitLabel: string;
  onSubmit: (input: WriteOffResubmit) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [red, setRed] = useState<RedLot[] | null>(null);
  const [lines, setLines] = useState<DraftLine[]>(() => (initial ? linesOfRequest(initial) : []));
  const [note, setNote] = useState(initial?.note ?? '');
  const [inspection, setInspection] = useState(initial?.inspectionId ? String(initial.inspectionId) : '');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<WriteOffResubmit | null>(null);
  const ids = useFieldIds();
  // A returned request is edited in a panel opened from its screen; a new one is a screen of its own.
  const panel = usePanelFocus<HTMLFormElement>(initial !== undefined);
  const load = () => {
    setProblem(null);
    loadRedZone(depotId, exceptRequestId).then(setRed, (e) => setProblem(toProblem(e)));
  };
  useEffect(load, [depotId, exceptRequestId]);

  const freeOf = (batchId: number) => red?.find((r) => r.row.batchId === batchId)?.free;
  const change = (i: number, patch: Partial<DraftLine>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const inspectionId = inspection.trim() === '' ? undefined : Number(inspection);
  const inspectionBad = inspectionId !== undefined && !(Number.isInteger(inspectionId) && inspectionId > 0);
  const refusedBatch = problem?.data && typeof problem.data.batchId === 'number' ? problem.data.batchId : null;
  const totalQuantities = sumByUnit(lines.map((l) => ({ unitZh: l.unitZh, unitEn: l.unitEn, quantity: quantityOf(l.quantity) ?? 0 })).filter((l) => l.quantity > 0));
  const totalValue = lines.reduce((s, l) => s + (quantityOf(l.quantity) ?? 0) * l.unitPriceFen, 0);

  /** A request that passes the form's own checks asks once, naming each lot, before it goes. */
  function submit(e: Event) {
    e.preventDefault();
    setChecked(true);
    if (lines.length === 0 || inspectionBad || lines.some((l) => quantityOf(l.quantity) === null || l.kind === '')) return;
    setAsking({
      ...(inspectionId ? { inspectionId } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
      lines: lines.map((l) => ({ batchId: l.batchId, quantity: quantityOf(l.quantity)!, kind: l.kind as NonconformityKind, ...(l.note.trim() ? { note: l.note.trim() } : {}) })),
    });
  }

  async function send(input: WriteOffResubmit) {
    setAsking(null);
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit(input);
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  }

  const refusedLot = refusedBatch === null ? undefined : lines.find((l) => l.batchId === refusedBatch)?.lot;
  return (
    <>
      <form class="write-off-form" data-testid="write-off-form" noValidate onSubmit={submit} ref={panel}>
        <section class="panel">
          <h2>{t('writeOff.redZone')}</h2>
          <p class="hint">{t('writeOff.redZoneHint')}</p>
          {red && red.length === 0 && (
            <p class="notice attention" data-testid="red-zone-empty">
              {t('writeOff.redZoneEmpty')}
            </p>
          )}
          {red && red.length > 0 && (
            <div class="table-wrap">
              <table class="data" data-testid="red-zone">
                <thead>
                  <tr>
                    <th>{t('label.product')}</th>
                    <th>{t('label.lot')}</th>
                    <th>{t('label.expiresOn')}</th>
                    <th class="num">{t('writeOff.inZone')}</th>
                    <th class="num">{t('writeOff.claimed')}</th>
                    <th class="num">{t('writeOff.free')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {red.map(({ row, claimed, free }) => {
                    const added = lines.some((l) => l.batchId === row.batchId);
                    return (
                      <tr key={row.batchId} data-testid="red-lot" data-lot={row.lot} data-free={free}>
                        <td>
                          <span class="cell-title">{productName(row.product)}</span>
                          <span class="muted">
                            {productSpec(row.product)} · <span class="code">{row.product.code}</span>
                          </span>
                        </td>
                        <td class="code">{row.lot}</td>
                        <td>
                          <ExpiryDate date={row.expiresOn} status={row.expiryStatus} />
                        </td>
                        <td class="num">
                          {formatQuantity(row.quantity)} <span class="unit">{productUnit(row.product)}</span>
                        </td>
                        <td class="num">{claimed > 0 ? formatQuantity(claimed) : '—'}</td>
                        <td class="num strong">{formatQuantity(free)}</td>
                        <td class="num">
                          <button type="button" class="button small" data-testid="red-lot-add" disabled={added} onClick={() => setLines([...lines, { ...lineOfStock(row), quantity: free > 0 ? String(free) : '' }])}>
                            {t(added ? 'writeOff.added' : 'writeOff.add')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {!red && !problem && <p class="note">{t('label.loading')}</p>}
        </section>

        <section class="panel">
          <h2>{t('writeOff.linesTitle')}</h2>
          {lines.length === 0 ? (
            <p class={`note${checked ? ' field-error' : ''}`} data-testid="write-off-no-lines">
              {t('writeOff.noLines')}
            </p>
          ) : (
            <div class="table-wrap">
              <table class="data wo-lines-edit" data-testid="write-off-lines">
                <thead>
                  <tr>
                    <th>{t('label.product')}</th>
                    <th>{t('label.lot')}</th>
                    <th class="num">{t('label.quantity')}</th>
                    <th>{t('writeOff.kind')}</th>
                    <th>{t('writeOff.lineNote')}</th>
                    <th class="num">{t('writeOff.value')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {lines.map((l, i) => {
                    const q = quantityOf(l.quantity);
                    const free = freeOf(l.batchId);
                    const over = q !== null && free !== undefined && q > free;
                    const badQuantity = (checked && q === null) || over || refusedBatch === l.batchId;
                    return (
                      <tr key={l.batchId} data-testid="write-off-line" data-lot={l.lot} class={badQuantity ? 'row-attention' : undefined}>
                        <td class="wo-line-product">
                          <span class="cell-title">{l.name}</span>
                          <span class="muted">
                            {l.spec} · <span class="code">{l.productCode}</span>
                          </span>
                        </td>
                        <td class="nowrap">
                          <span class="cell-title code">{l.lot}</span>
                          <span class="muted">{l.expiresOn}</span>
                        </td>
                        <td class="num">
                          <label class={`qty-field${badQuantity ? ' invalid' : ''}`}>
                            <input
                              type="number"
                              min="1"
                              step="1"
                              inputMode="numeric"
                              data-testid="line-quantity"
                              {...invalidProps(refusedBatch === l.batchId && !over && !(checked && q === null) ? ids('refusal') : ids(`quantity-${l.batchId}`), badQuantity)}
                              aria-label={`${t('label.quantity')} ${l.lot}`}
                              value={l.quantity}
                              onInput={(e) => change(i, { quantity: e.currentTarget.value })}
                            />{' '}
                            <span class="unit">{l.unit}</span>
                          </label>
                          {over && (
                            <span class="field-error" id={ids(`quantity-${l.batchId}`)} data-testid="line-over">
                              {t('writeOff.overFree', { free: formatQuantity(free) })}
                            </span>
                          )}
                          {checked && q === null && (
                            <span class="field-error" id={ids(`quantity-${l.batchId}`)}>
                              {t('writeOff.quantityInvalid')}
                            </span>
                          )}
                        </td>
                        <td>
                          <select data-testid="line-kind" class={checked && l.kind === '' ? 'invalid' : undefined} {...invalidProps(ids(`kind-${l.batchId}`), checked && l.kind === '')} aria-label={`${t('writeOff.kind')} ${l.lot}`} value={l.kind} onChange={(e) => change(i, { kind: e.currentTarget.value as NonconformityKind | '' })}>
                            <option value="">{t('writeOff.chooseKind')}</option>
                            {NONCONFORMITY_KINDS.map((k) => (
                              <option key={k} value={k}>
                                {t(`nonconformity.${k}`)}
                              </option>
                            ))}
                          </select>
                          {checked && l.kind === '' && (
                            <span class="field-error" id={ids(`kind-${l.batchId}`)}>
                              {t('writeOff.kindMissing')}
                            </span>
                          )}
                        </td>
                        <td>
                          <input class="line-note" data-testid="line-note" maxLength={200} value={l.note} aria-label={`${t('writeOff.lineNote')} ${l.lot}`} onInput={(e) => change(i, { note: e.currentTarget.value })} />
                        </td>
                        <td class="num">
                          <span class="cell-title" data-testid="line-value">
                            {q === null ? '—' : formatYuan(q * l.unitPriceFen)}
                          </span>
                          <span class="muted">@ {formatYuan(l.unitPriceFen)}</span>
                        </td>
                        <td class="num">
                          <button type="button" class="button small" data-testid="line-remove" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
                            {t('button.removeLine')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
                <tfoot>
                  <tr>
                    <th colSpan={2}>{t('label.total')}</th>
                    <td class="num">
                      <UnitQuantities totals={totalQuantities} testid="write-off-total-quantity" />
                    </td>
                    <td colSpan={2} />
                    <td class="num" data-testid="write-off-total-value">
                      {formatYuan(totalValue)}
                    </td>
                    <td />
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
          <div class="form-grid wo-form-fields">
            <label class={`field${inspectionBad ? ' invalid' : ''}`}>
              <span>{t('writeOff.inspectionId')}</span>
              <input data-testid="write-off-inspection" inputMode="numeric" {...invalidProps(ids('inspection'), inspectionBad)} value={inspection} onInput={(e) => setInspection(e.currentTarget.value)} />
              {inspectionBad && <FieldError id={ids('inspection')}>{t('quality.inspectionNumber')}</FieldError>}
              <span class="hint">{t('writeOff.inspectionHint')}</span>
            </label>
            <label class="field wide">
              <span>{t('writeOff.note')}</span>
              <textarea data-testid="write-off-note" rows={2} maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
            </label>
          </div>
          {problem && (
            <div data-testid="write-off-refusal" id={ids('refusal')}>
              <ProblemMessage problem={problem} testid="write-off-problem" />
              {problem.code === 'exceeds_nonconforming' && refusedLot !== undefined && typeof problem.data?.free === 'number' && (
                <p class="field-error" data-testid="write-off-free">
                  {t('writeOff.freeOf', { lot: refusedLot, free: formatQuantity(problem.data.free) })}
                </p>
              )}
            </div>
          )}
          <div class="actions">
            <button class="button primary" data-testid="write-off-submit" disabled={busy}>
              {submitLabel}
            </button>
            {onCancel && (
              <button type="button" class="button" onClick={onCancel}>
                {t('button.cancel')}
              </button>
            )}
          </div>
        </section>
      </form>
      {asking && (
        // Outside the form: the dialog's own form would submit this one too.
        <ConfirmDialog
          testid="write-off-submit-dialog"
          title={initial ? t('woConfirm.resubmitTitle', { number: initial.number }) : t('woConfirm.requestTitle')}
          confirmLabel={submitLabel}
          onCancel={() => setAsking(null)}
          onConfirm={() => void send(asking)}
        >
          <WriteOffConsequences
            step="request"
            intro={t('woConfirm.requestWhat')}
            lines={lines.map((l) => ({ lot: l.lot, product: l.name, quantity: quantityOf(l.quantity) ?? 0, unit: l.unit }))}
            totals={totalQuantities}
            valueFen={totalValue}
          />
        </ConfirmDialog>
      )}
    </>
  );
}
