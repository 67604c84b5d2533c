import { useEffect } from 'preact/hooks';
import type { TransferOrder } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { formatQuantity } from '../../components/format.ts';
import { UnitQuantities } from '../../components/UnitQuantities.tsx';
import { productList } from '../stock/stock-state.ts';

const lineName = (l: { productNameZh: string; productNameEn: string }) => (lang.value === 'en' ? l.productNameEn : l.productNameZh);
const productOf = (order: TransferOrder, productId: number | null) => {
  const line = order.lines.find((l) => l.productId === productId);
  return line ? lineName(line) : '';
};

/** What dispatching takes out of the depot, lot by lot, and what of the order stays unpicked. */
export function DispatchConsequences({ order }: { order: TransferOrder }) {
  useEffect(() => void productList.load(undefined), []);
  const products = productList.state.value.data?.items;
  // The lines name their unit from the catalogue: shown once it is there, never without the unit.
  if (!products) return <p class="note">{t('label.loading')}</p>;
  const unitOf = (productId: number) => {
    const p = products.find((x) => x.id === productId);
    return p ? (lang.value === 'en' ? p.unitEn : p.unitZh) : '';
  };
  return (
    <>
      <p>{t('confirm.dispatchWhat', { to: order.toDepot.name })}</p>
      <ul data-testid="dispatch-lines">
        {order.picks.map((p) => (
          <li key={p.id} class="consequence" data-testid="dispatch-line" data-lot={p.lot} data-quantity={p.quantity}>
            {t('confirm.dispatchLine', { lot: p.lot, product: productOf(order, p.productId), quantity: formatQuantity(p.quantity), unit: unitOf(p.productId) })}
          </li>
        ))}
      </ul>
      <p>
        {t('label.total')} <UnitQuantities totals={order.totalsByUnit} />
      </p>
      {order.lines
        .filter((l) => l.remaining > 0)
        .map((l) => (
          <p key={l.id} class="notice attention" data-testid="dispatch-unpicked">
            {t('confirm.dispatchShort', { product: lineName(l), quantity: formatQuantity(l.remaining) })}
          </p>
        ))}
      <p class="hint">{t('confirm.dispatchFinal')}</p>
    </>
  );
}
