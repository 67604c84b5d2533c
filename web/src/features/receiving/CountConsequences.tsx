import type { Receipt } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { formatQuantity } from '../../components/format.ts';
import { UnitQuantities } from '../../components/UnitQuantities.tsx';

/** A count that records something short, over or damaged asks first: once confirmed it is final. */
export const countNeedsAsking = (r: Receipt) =>
  (r.shipment?.some((s) => s.counted < s.shipped) ?? false) || r.comparison.some((c) => c.status !== 'matched') || r.discrepancies.some((d) => d.kind === 'damaged');

/**
 * What confirming the count will do, said before it is done: where the goods go, and each lot
 * that will be recorded short (what was shipped or expected and did not arrive), over, or damaged.
 */
export function CountConsequences({ receipt, qualified }: { receipt: Receipt; qualified: boolean }) {
  const en = lang.value === 'en';
  const productOf = (c: Receipt['comparison'][number]) => ({ name: en ? c.productNameEn : c.productNameZh, unit: en ? c.unitEn : c.unitZh });
  const short: { lot: string; product: string; quantity: number; unit: string }[] = receipt.shipment
    ? receipt.shipment.filter((s) => s.counted < s.shipped).map((s) => ({ lot: s.lot, product: en ? s.productNameEn : s.productNameZh, quantity: s.shipped - s.counted, unit: en ? s.unitEn : s.unitZh }))
    : receipt.comparison
        .filter((c) => c.status === 'short' || c.status === 'missing')
        .map((c) => ({ lot: c.lot ?? '—', quantity: c.expected - c.counted, product: productOf(c).name, unit: productOf(c).unit }));
  const over = receipt.shipment ? [] : receipt.comparison.filter((c) => c.status === 'over' || c.status === 'unexpected');
  const damaged = receipt.discrepancies.filter((d) => d.kind === 'damaged');
  const lotOf = (batchId: number | null) => receipt.lines.find((l) => l.batchId === batchId)?.lot ?? '';
  return (
    <>
      <p data-testid="count-goes-to">
        {t(qualified ? 'confirm.countGoesQualified' : 'confirm.countGoesPending', { lines: receipt.lines.length })} <UnitQuantities totals={receipt.totalsByUnit} />
      </p>
      {short.length > 0 ? (
        <ul data-testid="count-shortages">
          {short.map((s) => (
            <li key={s.lot} class="consequence" data-testid="count-shortage" data-lot={s.lot} data-quantity={s.quantity}>
              {t('confirm.short', { quantity: formatQuantity(s.quantity), unit: s.unit, lot: s.lot, product: s.product })}
            </li>
          ))}
        </ul>
      ) : (
        (receipt.shipment || receipt.comparison.length > 0) && <p data-testid="count-no-shortage">{t(receipt.shipment ? 'confirm.allShipped' : 'confirm.allExpected')}</p>
      )}
      {over.length > 0 && (
        <ul>
          {over.map((c, i) => (
            <li key={i} data-testid="count-over">
              {t('confirm.over', { quantity: formatQuantity(c.counted - c.expected), unit: productOf(c).unit, lot: c.lot ?? '—', product: productOf(c).name })}
            </li>
          ))}
        </ul>
      )}
      {damaged.length > 0 && (
        <ul>
          {damaged.map((d) => (
            <li key={d.id} data-testid="count-damaged">
              {t('confirm.damaged', { quantity: formatQuantity(d.quantity), lot: lotOf(d.batchId) })}
            </li>
          ))}
        </ul>
      )}
      <p class="hint">{t('confirm.countFinal')}</p>
    </>
  );
}
