import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import type { StorageZone } from '../../../../server/schemas/constants.ts';
import { t } from '../../i18n/index.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { FieldError, invalidProps, useFieldIds } from '../../components/FieldError.tsx';
import { usePanelFocus } from '../../components/focus.ts';
import { productName, productSpec } from '../../components/format.ts';
import { productList } from '../stock/stock-state.ts';
import { createOpeningBalance } from './opening-api.ts';

interface Line {
  productId: string;
  lot: string;
  expiresOn: string;
  zone: StorageZone;
  quantity: string;
  /** Yuan as typed; empty takes the batch's price. */
  price: string;
}

/**
 * The zones opening stock may go to (S0:396): where the tier inspects goods-in, pending (to be
 * inspected) or non-conforming, never straight into qualified; elsewhere qualified by default.
 */
export const openingZones = (inspects: boolean): StorageZone[] => (inspects ? ['pending', 'nonconforming'] : ['qualified', 'pending', 'nonconforming']);

const blank = (inspects: boolean): Line => ({ productId: '', lot: '', expiresOn: '', zone: inspects ? 'pending' : 'qualified', quantity: '', price: '' });

const PRICE = /^\d{1,7}(\.\d{1,2})?$/;
const lineProblem = (l: Line) => !l.productId || l.lot.trim() === '' || l.lot.trim().length > 20 || !/^\d{4}-\d{2}-\d{2}$/.test(l.expiresOn) || !(Number(l.quantity) >= 1 && Number.isInteger(Number(l.quantity))) || (l.price !== '' && !PRICE.test(l.price));

/**
 * The storekeeper copies the depot's paper stock cards (期初库存): one line per lot and zone. All
 * lines post as one document, which a second person confirms before its stock is usable.
 */
export function OpeningBalanceForm({ depotId, inspects, onPosted, onCancel }: { depotId: number; inspects: boolean; onPosted: (number: string) => void; onCancel: () => void }) {
  const [lines, setLines] = useState<Line[]>([blank(inspects)]);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const panel = usePanelFocus<HTMLFormElement>();
  const ids = useFieldIds();
  useEffect(() => void productList.load(undefined), []);
  const products = productList.state.value.data?.items ?? [];
  const zones = openingZones(inspects);
  // The server names the line it refused (batch_expired, opening_balance_zone).
  const refusedLine = typeof problem?.data?.line === 'number' ? (problem.data.line as number) - 1 : -1;

  const problemId = ids('problem');
  /** A field wrong as typed points at its line's message; one on the line the server refused, at the server's answer. */
  const fieldState = (i: number, wrong: boolean, refused = false) => (tried && wrong ? invalidProps(ids(`line-${i}`), true) : refused && refusedLine === i ? invalidProps(problemId, true) : {});
  const set = (i: number, change: Partial<Line>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...change } : l)));

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    if (lines.some(lineProblem)) return;
    setBusy(true);
    setProblem(null);
    try {
      const doc = await createOpeningBalance({
        depotId,
        ...(note.trim() ? { note: note.trim() } : {}),
        lines: lines.map((l) => ({
          batch: { productId: Number(l.productId), lot: l.lot.trim(), expiresOn: l.expiresOn },
          zone: l.zone,
          quantity: Number(l.quantity),
          ...(l.price !== '' ? { unitPriceFen: Math.round(Number(l.price) * 100) } : {}),
        })),
      });
      onPosted(doc.number);
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  }

  return (
    <form class="panel opening-form" data-testid="opening-form" ref={panel} onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('opening.new')}</h3>
      <p class="hint">{t('opening.newHint')}</p>
      {inspects && <p class="notice attention">{t('opening.pendingHint')}</p>}
      <div class="table-wrap">
        <table class="data opening-lines" data-testid="opening-lines">
          <thead>
            <tr>
              <th>{t('opening.product')}</th>
              <th>{t('label.lot')}</th>
              <th>{t('label.expiresOn')}</th>
              <th>{t('label.zone')}</th>
              <th class="num">{t('label.quantity')}</th>
              <th class="num">{t('opening.unitPrice')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((l, i) => {
              const bad = (tried && lineProblem(l)) || refusedLine === i;
              const row = t('opening.line', { n: i + 1 });
              return (
                <tr key={i} data-testid="opening-line" class={bad ? 'invalid' : undefined}>
                  <td>
                    <select aria-label={`${row} ${t('opening.product')}`} data-testid="opening-product" value={l.productId} onChange={(e) => set(i, { productId: e.currentTarget.value })} {...fieldState(i, !l.productId)}>
                      <option value="">—</option>
                      {products.map((p) => (
                        <option key={p.id} value={p.id} data-code={p.code}>
                          {productName(p)} · {productSpec(p)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input aria-label={`${row} ${t('label.lot')}`} data-testid="opening-lot" maxLength={20} value={l.lot} onInput={(e) => set(i, { lot: e.currentTarget.value })} {...fieldState(i, l.lot.trim() === '')} />
                  </td>
                  <td>
                    <input type="date" aria-label={`${row} ${t('label.expiresOn')}`} data-testid="opening-expiry" value={l.expiresOn} onInput={(e) => set(i, { expiresOn: e.currentTarget.value })} {...fieldState(i, !l.expiresOn, true)} />
                  </td>
                  <td>
                    <select aria-label={`${row} ${t('label.zone')}`} data-testid="opening-zone" value={l.zone} onChange={(e) => set(i, { zone: e.currentTarget.value as StorageZone })} {...fieldState(i, false, true)}>
                      {zones.map((z) => (
                        <option key={z} value={z}>
                          {t(`zone.${z}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td class="num">
                    <input type="number" min="1" step="1" class="qty-input" aria-label={`${row} ${t('label.quantity')}`} data-testid="opening-quantity" value={l.quantity} onInput={(e) => set(i, { quantity: e.currentTarget.value })} {...fieldState(i, !(Number(l.quantity) >= 1))} />
                  </td>
                  <td class="num">
                    <input inputMode="decimal" class="qty-input" aria-label={`${row} ${t('opening.unitPrice')}`} data-testid="opening-price" value={l.price} onInput={(e) => set(i, { price: e.currentTarget.value })} {...fieldState(i, l.price !== '' && !PRICE.test(l.price))} />
                  </td>
                  <td>
                    {lines.length > 1 && (
                      <button type="button" class="button small" aria-label={`${t('opening.removeLine')} (${row})`} onClick={() => setLines(lines.filter((_, j) => j !== i))}>
                        {t('opening.removeLine')}
                      </button>
                    )}
                    {tried && lineProblem(l) && <FieldError id={ids(`line-${i}`)}>{t('opening.invalidLine', { n: i + 1 })}</FieldError>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <button type="button" class="button" data-testid="opening-add-line" onClick={() => setLines([...lines, { ...blank(inspects), productId: lines[lines.length - 1]?.productId ?? '' }])}>
          {t('opening.addLine')}
        </button>
      </div>
      <label class="field wide">
        <span>{t('label.note')}</span>
        <input data-testid="opening-note" maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <ProblemMessage problem={problem} testid="opening-problem" id={problemId} />
      <div class="actions">
        <button class="button primary" data-testid="opening-post" disabled={busy}>
          {t('opening.post')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('button.cancel')}
        </button>
      </div>
    </form>
  );
}
