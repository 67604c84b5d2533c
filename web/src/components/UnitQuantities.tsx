import { Fragment } from 'preact';
import { formatQuantity, unitName, type UnitQuantity } from './format.ts';

/**
 * A total across products as it may be told: one figure per unit ("120 盒 · 30 板"), never one
 * sum of different units. `bareWhenOne` leaves the unit off when there is only one, for tables
 * whose lines already name it.
 */
export function UnitQuantities({ totals, testid, bareWhenOne = false }: { totals: readonly UnitQuantity[]; testid?: string; bareWhenOne?: boolean }) {
  if (totals.length === 0) return <span data-testid={testid} data-units="0">{formatQuantity(0)}</span>;
  if (bareWhenOne && totals.length === 1) return <span data-testid={testid} data-units="1">{formatQuantity(totals[0]!.quantity)}</span>;
  return (
    <span class="by-unit" data-testid={testid} data-units={totals.length}>
      {totals.map((u, i) => (
        <Fragment key={u.unitZh}>
          {i > 0 && <span class="by-unit-sep" aria-hidden="true"> · </span>}
          <span class="nowrap" data-unit={u.unitZh} data-quantity={u.quantity}>
            {formatQuantity(u.quantity)} <span class="unit">{unitName(u)}</span>
          </span>
        </Fragment>
      ))}
    </span>
  );
}
