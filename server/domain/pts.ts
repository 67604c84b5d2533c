import type { Flow } from './period-totals.ts';

/**
 * The purchase–transfer–stock report (购调存报表, S0:371) from month totals: how each flow of
 * the stock card lands in the form's columns. Movements between zones of one depot (inspection,
 * zone moves) change no column; goods dispatched to a depot count for it when it signs for them
 * (调入), and until then as in transit (在途), outside its stock.
 */

export interface FlowSums {
  inQty: number;
  inValueFen: number;
  outQty: number;
  outValueFen: number;
}

export interface PtsFigures {
  opening: number;
  openingValueFen: number;
  purchased: number;
  transferredIn: number;
  countGain: number;
  openingEntries: number;
  increase: number;
  increaseValueFen: number;
  transferredOut: number;
  dispensed: number;
  writtenOff: number;
  returnedToSupplier: number;
  countLoss: number;
  decrease: number;
  decreaseValueFen: number;
  closing: number;
  closingValueFen: number;
  inTransit: number;
}

/** Flows that only move stock inside a depot: net zero, in no column. */
export const INTERNAL_FLOWS: readonly Flow[] = ['inspection', 'zone_move'];

const zero: FlowSums = { inQty: 0, inValueFen: 0, outQty: 0, outValueFen: 0 };

/**
 * One product's row. `before` are the flows summed over every month before the period, `during`
 * over the period. Net increases (in − out) of receipt, transfer_in and opening_balance count as
 * increases, count gains as gains; net decreases (out − in) of transfer_out, dispense, write_off
 * and return_to_supplier as decreases, count losses as losses. So a receipt reversed in the same
 * period nets to nothing, and closing = opening + increase − decrease always.
 *
 * Example: opening 100 (at 150 fen), receipt in 50, dispense out 30, count loss 2 →
 * increase 50, decrease 32, closing 118.
 */
export function ptsFigures(before: ReadonlyMap<Flow, FlowSums>, during: ReadonlyMap<Flow, FlowSums>): PtsFigures {
  const net = (m: ReadonlyMap<Flow, FlowSums>, flows?: readonly Flow[]) => {
    let q = 0;
    let v = 0;
    for (const [flow, s] of m) {
      if (flow === 'in_transit' || (flows && !flows.includes(flow))) continue;
      q += s.inQty - s.outQty;
      v += s.inValueFen - s.outValueFen;
    }
    return { q, v };
  };
  const f = (flow: Flow) => during.get(flow) ?? zero;
  const inNet = (flow: Flow) => f(flow).inQty - f(flow).outQty;
  const inNetValue = (flow: Flow) => f(flow).inValueFen - f(flow).outValueFen;
  const outNet = (flow: Flow) => f(flow).outQty - f(flow).inQty;
  const outNetValue = (flow: Flow) => f(flow).outValueFen - f(flow).inValueFen;
  const opening = net(before);
  const purchased = inNet('receipt');
  const transferredIn = inNet('transfer_in');
  const openingEntries = inNet('opening_balance');
  const countGain = f('count_adjustment').inQty;
  const transferredOut = outNet('transfer_out');
  const dispensed = outNet('dispense');
  const writtenOff = outNet('write_off');
  const returnedToSupplier = outNet('return_to_supplier');
  const countLoss = f('count_adjustment').outQty;
  const increaseValueFen = inNetValue('receipt') + inNetValue('transfer_in') + inNetValue('opening_balance') + f('count_adjustment').inValueFen;
  const decreaseValueFen = outNetValue('transfer_out') + outNetValue('dispense') + outNetValue('write_off') + outNetValue('return_to_supplier') + f('count_adjustment').outValueFen;
  const increase = purchased + transferredIn + countGain + openingEntries;
  const decrease = transferredOut + dispensed + writtenOff + returnedToSupplier + countLoss;
  // Any other flow would be a kind this mapping does not know: it still reaches the closing stock.
  const known: Flow[] = ['receipt', 'transfer_in', 'opening_balance', 'count_adjustment', 'transfer_out', 'dispense', 'write_off', 'return_to_supplier', ...INTERNAL_FLOWS];
  const rest = net(new Map([...during].filter(([flow]) => !known.includes(flow))));
  const transit = (m: ReadonlyMap<Flow, FlowSums>) => (m.get('in_transit')?.inQty ?? 0) - (m.get('in_transit')?.outQty ?? 0);
  return {
    opening: opening.q,
    openingValueFen: opening.v,
    purchased,
    transferredIn,
    countGain,
    openingEntries,
    increase,
    increaseValueFen,
    transferredOut,
    dispensed,
    writtenOff,
    returnedToSupplier,
    countLoss,
    decrease,
    decreaseValueFen,
    closing: opening.q + increase - decrease + rest.q + net(during, INTERNAL_FLOWS).q,
    closingValueFen: opening.v + increaseValueFen - decreaseValueFen + rest.v + net(during, INTERNAL_FLOWS).v,
    inTransit: transit(before) + transit(during),
  };
}
