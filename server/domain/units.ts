/**
 * Quantities are integers in each product's unit (板, 盒, 支, 只, 套), and quantities of different
 * units are never added into one figure: a total across products is a list, one entry per unit
 * ("120 盒 · 30 板"), while values in fen add up across products. Units are told apart by their
 * Chinese name, the unit the forms count in; where products of one Chinese unit name it
 * differently in English (支: ampoule, tube, vial) the entry names them all ("ampoule/tube").
 */
export interface UnitQuantity {
  unitZh: string;
  unitEn: string;
  quantity: number;
}

export interface UnitTotal extends UnitQuantity {
  valueFen: number;
}

/** What a line needs to be totalled by unit: its product's unit names and its figures. */
export interface UnitLine {
  unitZh: string;
  unitEn: string;
  quantity: number;
  valueFen?: number;
}

/** The English name of a unit group: each English name once, in the order met. */
const mergeEn = (names: string, next: string) => (names.split('/').includes(next) ? names : `${names}/${next}`);

/**
 * Sums lines per unit, the largest quantity first (then by unit name).
 * Example: [{板, 30}, {盒, 100}, {盒, 20}] -> [{盒, 120}, {板, 30}].
 */
export function totalsByUnit(lines: Iterable<UnitLine>): UnitTotal[] {
  const byUnit = new Map<string, UnitTotal>();
  for (const l of lines) {
    const t = byUnit.get(l.unitZh);
    if (t) {
      t.quantity += l.quantity;
      t.valueFen += l.valueFen ?? 0;
      t.unitEn = mergeEn(t.unitEn, l.unitEn);
    } else byUnit.set(l.unitZh, { unitZh: l.unitZh, unitEn: l.unitEn, quantity: l.quantity, valueFen: l.valueFen ?? 0 });
  }
  return [...byUnit.values()].sort((a, b) => b.quantity - a.quantity || a.unitZh.localeCompare(b.unitZh));
}

/** The same, quantities only (where no value goes with them). */
export const quantitiesByUnit = (lines: Iterable<UnitLine>): UnitQuantity[] => totalsByUnit(lines).map(({ unitZh, unitEn, quantity }) => ({ unitZh, unitEn, quantity }));
