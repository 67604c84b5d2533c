import type { MovementKind, StockLocation } from '../schemas/constants.ts';

/**
 * The month totals behind the reports (see db/schema/reports.ts): how one movement is
 * classified, and in which month it falls.
 */

/** What a movement counts as: its kind (a reversal under the kind it reverses), or 'in_transit'. */
export type Flow = MovementKind | 'in_transit';

export function flowOf(kind: MovementKind, location: StockLocation, reversedKind: MovementKind | null): Flow {
  if (location === 'in_transit') return 'in_transit';
  return kind === 'reversal' && reversedKind ? reversedKind : kind;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();
const monthCache = new Map<string, string>();

/**
 * "YYYY-MM" of an instant in a time zone. Example: 2026-12-31T17:00:00Z is 2027-01 in
 * Asia/Shanghai and 2026-12 in UTC. Cached per hour of the instant, so that rebuilding the totals
 * of millions of movements does not format each one.
 */
export function monthOf(instant: string, timeZone: string): string {
  const hour = instant.slice(0, 13);
  const key = `${timeZone}|${hour}`;
  let month = monthCache.get(key);
  if (month === undefined) {
    let format = monthFormats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
      monthFormats.set(timeZone, format);
    }
    const parts = format.formatToParts(new Date(`${hour}:00:00Z`));
    month = `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
    if (monthCache.size > 100_000) monthCache.clear();
    monthCache.set(key, month);
  }
  return month;
}

export interface TotalsDelta {
  depotId: number;
  scope: 'own' | 'tree';
  month: string;
  productId: number;
  flow: Flow;
  inQty: number;
  inValueFen: number;
  outQty: number;
  outValueFen: number;
}

export interface ClassifiedMovement {
  depotId: number;
  /** Ancestor-or-self ids of the depot, root first. */
  chain: readonly number[];
  productId: number;
  flow: Flow;
  month: string;
  quantity: number;
  unitPriceFen: number;
}

/**
 * Adds movements into per-key deltas: one 'own' row for the depot and one 'tree' row for each
 * ancestor-or-self. Example: a village (chain [1, 2, 3, 4, 5]) dispensing 3 units at 150 fen gives
 * own(5) and tree(1..5), each out 3 / 450.
 */
export function accumulateTotals(into: Map<string, TotalsDelta>, m: ClassifiedMovement): void {
  const inQty = m.quantity > 0 ? m.quantity : 0;
  const outQty = m.quantity < 0 ? -m.quantity : 0;
  const add = (depotId: number, scope: 'own' | 'tree') => {
    const key = `${depotId}|${scope}|${m.month}|${m.productId}|${m.flow}`;
    let row = into.get(key);
    if (!row) {
      row = { depotId, scope, month: m.month, productId: m.productId, flow: m.flow, inQty: 0, inValueFen: 0, outQty: 0, outValueFen: 0 };
      into.set(key, row);
    }
    row.inQty += inQty;
    row.inValueFen += inQty * m.unitPriceFen;
    row.outQty += outQty;
    row.outValueFen += outQty * m.unitPriceFen;
  };
  add(m.depotId, 'own');
  for (const id of m.chain) add(id, 'tree');
}

/** "/1/7/42/" → [1, 7, 42]. */
export const chainOfPath = (path: string): number[] => path.split('/').filter(Boolean).map(Number);
