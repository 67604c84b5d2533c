import type { orderFormZhCN } from './order-form.zh-CN.ts';

/** The new transfer order form's messages in English (see order-form.zh-CN.ts). */
export const orderFormEn: Record<keyof typeof orderFormZhCN, string> = {
  'order.toRequired': 'Choose the receiving depot',
  'order.basisHint.allocation_plan': 'Follows an issued allocation plan, with no further approval; at most what the plan still leaves for the receiving depot',
  'order.basisHint.new_product': 'National new-product allocation: give the national document number; this depot’s leader approves',
  'order.basisHint.temporary': 'An unplanned, temporary transfer; this depot’s leader approves',
  'order.nationalDocument': 'National allocation document number',
  'order.nationalDocumentHint': 'Required: the number of the national new-product allocation document',
  'order.nationalDocumentRequired': 'Enter the national allocation document number',
  'order.newProductNeedsApproval': 'A national new-product allocation needs the approval of this depot’s leader',
  'order.allocationPlan': 'Allocation plan',
  'order.choosePlan': 'Choose the allocation plan',
  'order.chooseDepotFirst': 'Choose the receiving depot first',
  'order.planOption': '{number} ({remaining} left)',
  'order.planHint': 'This depot’s issued plans that allocate to the receiving depot',
  'order.planRequired': 'Choose the allocation plan the order follows',
  'order.noIssuedPlan': 'No issued allocation plan of this depot allocates to that depot',
  'order.remainingShort': '{remaining} left',
  'order.remaining': '{remaining} left on the plan (allocated {allocated}, ordered {ordered})',
  'order.overRemaining': 'More than the {remaining} left on this plan line',
};
