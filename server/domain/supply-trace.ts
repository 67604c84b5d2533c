/**
 * Where supplies went (跟踪药具去向, S0:481 检查药具去向): a depot's flows of one lot or one product
 * reconciled into what came in, what went out and what it holds, with what is unaccounted for.
 * Pure: the service reads the ledger's flows and hands them here.
 */

/**
 * A depot's movements of the traced goods, summed per kind and location. A reversal counts
 * under the kind of the posting it reverses, the other way round (a reversed dispensing is a
 * dispense with `inQty`), so every figure below is net of reversals.
 */
export interface Flow {
  kind: string;
  location: string;
  inQty: number;
  outQty: number;
}

export interface Reconciliation {
  /** Opening balances and receipts from suppliers (and the national allocation). */
  fromSupplier: number;
  /** Arrived from the depot above (or beside it), as counted on receiving. */
  fromAbove: number;
  /** Dispatched to it and not arrived yet. */
  inTransit: number;
  /** Dispatched to it but not found on arrival (recorded short on the receipt). */
  shortOnArrival: number;
  issued: number;
  dispensed: number;
  writtenOff: number;
  returnedToMaker: number;
  /** Stock counts: a surplus is positive, a shortage negative. */
  countDifference: number;
  /** In the depot's zones (pending, qualified, non-conforming), not counting what is in transit to it. */
  onHand: number;
  /** in − out = on hand: false only if the ledger itself is broken (npm run verify names it). */
  balanced: boolean;
  /** Lost between the depot above and this one, plus stock counts' shortages. */
  unaccounted: number;
}

const IN_TRANSIT = 'in_transit';

/**
 * Reconciles one depot: in (from suppliers, from above, count surplus) − out (issued,
 * dispensed, written off, returned to the maker, count shortage) = on hand. Example: 100 shipped
 * to a village, 98 counted on arrival, 30 dispensed, one short at the yearly count: fromAbove 98,
 * shortOnArrival 2, dispensed 30, countDifference −1, on hand 67, unaccounted 3.
 */
export function reconcile(flows: readonly Flow[], onHand: number): Reconciliation {
  const net = (kinds: readonly string[], where: 'stored' | 'transit', side: 'in' | 'out') =>
    flows
      .filter((f) => kinds.includes(f.kind) && (where === 'transit') === (f.location === IN_TRANSIT))
      .reduce((s, f) => s + (side === 'in' ? f.inQty - f.outQty : f.outQty - f.inQty), 0);
  const fromSupplier = net(['opening_balance', 'receipt'], 'stored', 'in');
  const fromAbove = net(['transfer_in'], 'stored', 'in');
  // In transit to this depot: put there by the sender's dispatch, taken out whole on receiving.
  const dispatchedHere = net(['transfer_out'], 'transit', 'in');
  const arrived = net(['transfer_in'], 'transit', 'out');
  const issued = net(['transfer_out'], 'stored', 'out');
  const dispensed = net(['dispense'], 'stored', 'out');
  const writtenOff = net(['write_off'], 'stored', 'out');
  const returnedToMaker = net(['return_to_supplier'], 'stored', 'out');
  const countDifference = net(['count_adjustment'], 'stored', 'in');
  // Inspections and zone moves only move stock between a depot's zones: zero in sum.
  const internal = net(['inspection', 'zone_move'], 'stored', 'in');
  const shortOnArrival = Math.max(0, arrived - fromAbove);
  return {
    fromSupplier,
    fromAbove,
    inTransit: dispatchedHere - arrived,
    shortOnArrival,
    issued,
    dispensed,
    writtenOff,
    returnedToMaker,
    countDifference,
    onHand,
    balanced: fromSupplier + fromAbove + countDifference + internal - issued - dispensed - writtenOff - returnedToMaker === onHand,
    unaccounted: shortOnArrival + Math.max(0, -countDifference),
  };
}

/** The subtree's figures: each depot's summed, except what moved between them. */
export function subtreeTotals(rows: readonly Reconciliation[]) {
  const sum = (k: keyof Reconciliation) => rows.reduce((s, r) => s + (r[k] as number), 0);
  return {
    dispensed: sum('dispensed'),
    writtenOff: sum('writtenOff'),
    returnedToMaker: sum('returnedToMaker'),
    onHand: sum('onHand'),
    inTransit: sum('inTransit'),
    shortOnArrival: sum('shortOnArrival'),
    countShortage: rows.reduce((s, r) => s + Math.max(0, -r.countDifference), 0),
    unaccounted: sum('unaccounted'),
    balanced: rows.every((r) => r.balanced),
  };
}
