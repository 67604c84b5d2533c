import type { DbOrTx } from '../../db/client.ts';
import { findProduct } from '../../db/queries/catalogue.ts';
import { totalsByUnit, type UnitTotal } from '../domain/units.ts';

/**
 * A document's totals per unit (receipt lines, transfer picks): each line's product gives its
 * unit, and quantities of different units stay apart ("120 盒 · 30 板"); values add up per unit.
 */
export function documentTotalsByUnit(db: DbOrTx, lines: readonly { productId: number; quantity: number; valueFen: number }[]): UnitTotal[] {
  const units = new Map<number, { unitZh: string; unitEn: string }>();
  const unitOf = (productId: number) => {
    let unit = units.get(productId);
    if (!unit) {
      const p = findProduct(db, productId)!;
      units.set(productId, (unit = { unitZh: p.unitZh, unitEn: p.unitEn }));
    }
    return unit;
  };
  return totalsByUnit(lines.map((l) => ({ ...unitOf(l.productId), quantity: l.quantity, valueFen: l.valueFen })));
}
