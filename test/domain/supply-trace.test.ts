import { describe, it, expect } from 'vitest';
import { reconcile, subtreeTotals, type Flow } from '../../server/domain/supply-trace.ts';

const flow = (kind: string, location: string, inQty: number, outQty = 0): Flow => ({ kind, location, inQty, outQty });

describe('reconciling a depot’s flows (跟踪药具去向)', () => {
  it('works the example: 100 shipped, 98 counted on arrival, 30 dispensed, one short at the yearly count', () => {
    const r = reconcile(
      [
        flow('transfer_out', 'in_transit', 100), // the sender's dispatch puts it in transit here
        flow('transfer_in', 'in_transit', 0, 100),
        flow('transfer_in', 'pending', 98),
        flow('inspection', 'pending', 0, 98),
        flow('inspection', 'qualified', 98),
        flow('dispense', 'qualified', 0, 30),
        flow('count_adjustment', 'qualified', 0, 1),
      ],
      67,
    );
    expect(r).toEqual({ fromSupplier: 0, fromAbove: 98, inTransit: 0, shortOnArrival: 2, issued: 0, dispensed: 30, writtenOff: 0, returnedToMaker: 0, countDifference: -1, onHand: 67, balanced: true, unaccounted: 3 });
  });

  it('nets a reversal under the kind it reverses, and a surplus at a count accounts for nothing lost', () => {
    const r = reconcile([flow('receipt', 'qualified', 50), flow('dispense', 'qualified', 5, 20), flow('count_adjustment', 'qualified', 2), flow('zone_move', 'qualified', 0, 4), flow('zone_move', 'nonconforming', 4)], 37);
    expect(r).toMatchObject({ fromSupplier: 50, dispensed: 15, countDifference: 2, onHand: 37, balanced: true, unaccounted: 0 });
  });

  it('is not balanced when the on-hand figure disagrees with the flows (a broken ledger)', () => {
    expect(reconcile([flow('receipt', 'qualified', 10)], 9).balanced).toBe(false);
  });

  it('counts goods dispatched and not arrived as in transit, not unaccounted', () => {
    const r = reconcile([flow('transfer_out', 'in_transit', 12)], 0);
    expect(r).toMatchObject({ inTransit: 12, shortOnArrival: 0, unaccounted: 0, balanced: true });
  });

  it('sums a subtree, shortages only from counts that lost stock', () => {
    const a = reconcile([flow('receipt', 'qualified', 10), flow('count_adjustment', 'qualified', 0, 3)], 7);
    const b = reconcile([flow('receipt', 'qualified', 5), flow('count_adjustment', 'qualified', 1)], 6);
    expect(subtreeTotals([a, b])).toEqual({ dispensed: 0, writtenOff: 0, returnedToMaker: 0, onHand: 13, inTransit: 0, shortOnArrival: 0, countShortage: 3, unaccounted: 3, balanced: true });
  });
});
