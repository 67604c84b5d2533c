import type { WriteOff } from '../../api.ts';
import { formatQuantity, formatYuan, unitName, type UnitQuantity } from '../../components/format.ts';
import { UnitQuantities } from '../../components/UnitQuantities.tsx';
import { t } from './i18n.ts';
import { nameOf } from './labels.tsx';

/** One lot as the question names it: "批号 20231020（左炔诺孕酮片）48 盒". */
export interface WriteOffConsequence {
  lot: string;
  product: string;
  quantity: number;
  unit: string;
}

/** A request's lots as its questions name them. */
export const consequencesOf = (w: WriteOff): WriteOffConsequence[] => w.lines.map((l) => ({ lot: l.lot, product: nameOf(l), quantity: l.quantity, unit: unitName(l) }));

type Step = 'request' | 'approve' | 'destroy' | 'return';

/**
 * What a step of a write-off will do, said before it is done (issue 17 item 7): each lot with its
 * quantity and what becomes of it (written off, destroyed, returned to the maker), the totals per
 * unit and the value. The step's ConfirmDialog shows it.
 */
export function WriteOffConsequences({ step, intro, lines, totals, valueFen }: { step: Step; intro: string; lines: readonly WriteOffConsequence[]; totals: readonly UnitQuantity[]; valueFen: number }) {
  return (
    <>
      <p>{intro}</p>
      <ul data-testid="wo-consequences" data-step={step}>
        {lines.map((l) => (
          <li key={l.lot} class="consequence" data-testid="wo-consequence" data-lot={l.lot} data-quantity={l.quantity}>
            {t(`woConfirm.${step}Line`, { lot: l.lot, product: l.product, quantity: formatQuantity(l.quantity), unit: l.unit })}
          </li>
        ))}
      </ul>
      <p data-testid="wo-consequence-total">
        {t('label.total')} <UnitQuantities totals={totals} /> · {t('woConfirm.value', { value: formatYuan(valueFen) })}
      </p>
    </>
  );
}
