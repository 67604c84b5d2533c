import type { RemainingLine } from './order-api.ts';

/**
 * The rules of a new order's basis as the form shows them (the server enforces each: see
 * createTransferOrder). No i18n and no DOM here, so that they can be tested in Node
 * (test/web/order-basis.test.ts).
 */

export type OrderBasis = 'allocation_plan' | 'new_product' | 'temporary';

export interface PlanChoice {
  planId: number;
  planNumber: string;
  year: number;
  /** What remains on all its lines to this depot together: a plan with nothing left is no choice. */
  remaining: number;
}

/** The issued plans that allocate to the depot, in the server's order (latest year first). */
export function planChoices(lines: readonly RemainingLine[]): PlanChoice[] {
  const plans = new Map<number, PlanChoice>();
  for (const l of lines) {
    const plan = plans.get(l.planId) ?? { planId: l.planId, planNumber: l.planNumber, year: l.year, remaining: 0 };
    plan.remaining += l.remaining;
    plans.set(l.planId, plan);
  }
  return [...plans.values()];
}

/** The plan's line of a product, if the plan allocates that product to the depot. */
export function planLine(lines: readonly RemainingLine[], planId: number | null, productId: number): RemainingLine | undefined {
  return lines.find((l) => l.planId === planId && l.productId === productId);
}

/**
 * Who must approve the order before it is picked (S0:391): the common parent's leader for a
 * lateral one, this depot's leader for a temporary or new-product one; none for one on the plan.
 */
export function approvalNeeded(basis: OrderBasis, lateral: boolean): 'lateral' | 'temporary' | 'new_product' | null {
  if (lateral) return 'lateral';
  if (basis === 'allocation_plan') return null;
  return basis;
}

export interface OrderDraftFacts {
  basis: OrderBasis;
  planId: number | null;
  planReference: string;
  lines: readonly { productId: number | null; quantity: number | null }[];
}

export interface OrderIssues {
  planId?: 'required';
  planReference?: 'required';
  /** By line index: more than the plan's line leaves (a warning: the server decides). */
  overRemaining: Map<number, number>;
}

/**
 * What the form says before the server does: an order on the plan names one, a new-product order
 * the national document; a line above what remains of its plan line is flagged with that remainder.
 * Example: 40 left of KJ-0101 and 50 asked: line 0 is flagged with 40.
 */
export function orderIssues(draft: OrderDraftFacts, remaining: readonly RemainingLine[]): OrderIssues {
  const issues: OrderIssues = { overRemaining: new Map() };
  if (draft.basis === 'allocation_plan') {
    if (draft.planId === null) issues.planId = 'required';
    draft.lines.forEach((l, i) => {
      if (l.productId === null || l.quantity === null) return;
      const line = planLine(remaining, draft.planId, l.productId);
      const left = line?.remaining ?? 0;
      if (l.quantity > left) issues.overRemaining.set(i, left);
    });
  }
  if (draft.basis === 'new_product' && !draft.planReference.trim()) issues.planReference = 'required';
  return issues;
}

/** Whether the form may be sent: the missing plan or document number stop it; a line over the remainder does not. */
export const blocksSubmit = (issues: OrderIssues) => issues.planId !== undefined || issues.planReference !== undefined;
