import { describe, it, expect } from 'vitest';
import { approvalNeeded, blocksSubmit, orderIssues, planChoices } from '../../web/src/features/transfers/order-basis.ts';
import type { RemainingLine } from '../../web/src/features/transfers/order-api.ts';

const line = (planId: number, productId: number, allocated: number, ordered: number): RemainingLine => ({
  planId,
  planNumber: `FP-640121-${2025 + planId}`,
  year: 2025 + planId,
  productId,
  productCode: `KJ-0${productId}`,
  productNameZh: '药具',
  productNameEn: 'Supply',
  allocated,
  ordered,
  remaining: allocated - ordered,
});
const REMAINING = [line(2, 101, 500, 300), line(2, 701, 100, 100), line(1, 101, 80, 0)];

describe('the basis of a new order', () => {
  it('offers each issued plan once, with what remains on all its lines', () => {
    expect(planChoices(REMAINING)).toEqual([
      { planId: 2, planNumber: 'FP-640121-2027', year: 2027, remaining: 200 },
      { planId: 1, planNumber: 'FP-640121-2026', year: 2026, remaining: 80 },
    ]);
  });

  it('flags a line above what remains of its plan line, and a product the plan does not allocate, without stopping the form', () => {
    const issues = orderIssues({ basis: 'allocation_plan', planId: 2, planReference: '', lines: [{ productId: 101, quantity: 200 }, { productId: 101, quantity: 201 }, { productId: 999, quantity: 1 }, { productId: null, quantity: 5 }] }, REMAINING);
    expect([...issues.overRemaining]).toEqual([
      [1, 200],
      [2, 0],
    ]);
    expect(blocksSubmit(issues)).toBe(false);
  });

  it('stops an order on the plan without a plan, and a new-product order without its national document number', () => {
    expect(orderIssues({ basis: 'allocation_plan', planId: null, planReference: '', lines: [] }, REMAINING).planId).toBe('required');
    expect(blocksSubmit(orderIssues({ basis: 'new_product', planId: null, planReference: '  ', lines: [] }, []))).toBe(true);
    expect(blocksSubmit(orderIssues({ basis: 'new_product', planId: null, planReference: '国卫药具〔2026〕3号', lines: [] }, []))).toBe(false);
    expect(blocksSubmit(orderIssues({ basis: 'temporary', planId: null, planReference: '', lines: [{ productId: 101, quantity: 9_999 }] }, REMAINING))).toBe(false);
  });

  it('needs the leader for anything but an order on the plan, and the common parent’s leader for a lateral one', () => {
    expect(approvalNeeded('allocation_plan', false)).toBeNull();
    expect(approvalNeeded('new_product', false)).toBe('new_product');
    expect(approvalNeeded('temporary', false)).toBe('temporary');
    expect(approvalNeeded('temporary', true)).toBe('lateral');
  });
});
