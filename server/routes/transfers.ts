import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import {
  IdParamSchema,
  PickResultSchema,
  PickScanSchema,
  ReceiptSchema,
  TransferOrderCreateSchema,
  TransferOrderDecideSchema,
  TransferOrderListQuerySchema,
  TransferOrderPageSchema,
  TransferOrderSchema,
} from '../schemas/api.ts';
import { router, problems, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import { cancelOrder, removePick, createTransferOrder, decideTransferOrder, dispatchOrder, getTransferOrder, listTransferOrders, pickForOrder } from '../services/transfers.ts';
import { receiveShipment } from '../services/receipts.ts';

const tags = ['transfers'];

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  operationId: 'listTransferOrders',
  summary: 'Transfer orders a depot issues or receives, newest first',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope): the orders the depot issues (`out`), receives (`in`) or both, and the orders waiting for the approval of its leader.',
  security: session,
  request: { query: TransferOrderListQuerySchema },
  responses: { 200: json(TransferOrderPageSchema), ...problems.read },
});
const create = createRoute({
  method: 'post',
  path: '/',
  tags,
  operationId: 'createTransferOrder',
  summary: 'Draft a transfer order (调拨单) to a child depot, or to a sibling; unplanned and lateral orders wait for approval',
  description:
    'A planner of the issuing depot (403 out_of_scope, role_required). Drafts an order (调拨单, S0:392) to a depot directly below, or sideways to a sibling (422 not_a_child_depot for any other), one line per product. An order on the allocation plan names an issued allocation plan of the issuing depot (422 allocation_plan_required, 409 allocation_plan_not_issued) and asks no more than what remains of it for the receiving depot (409 exceeds_allocation); it is approved at once, the plan’s leader having signed it. A national new-product allocation carries its document number in `planReference` (422 national_document_required) and, like a temporary (unplanned) order, waits for the issuing depot’s leader; a lateral one waits for the common parent’s leader, who is told (S0:391 计划外调拨时,须经主管领导同意). The answer carries the FEFO pick list, from stock whose receipt or opening balance is effective.',
  security: sessionAndCsrf,
  request: { body: body(TransferOrderCreateSchema) },
  responses: { 201: json(TransferOrderSchema), ...problems.change },
});
const one = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  operationId: 'getTransferOrder',
  summary: 'An order with its FEFO pick list, picks, approval, discrepancies and receipt',
  description:
    'Any logged-in user who can read the issuing, the receiving or the approving depot (403 out_of_scope). While the order is open, each line proposes picks first-expiry-first-out, then first-in-first-out, from qualified, unexpired, unheld stock that other orders have not reserved (S0:358, 379), marking near-expiry lots and lots due their pre-issue inspection (S0:397) or exposed to a climate excursion.',
  security: session,
  request: { params: IdParamSchema },
  responses: { 200: json(TransferOrderSchema), ...problems.read },
});
const decide = createRoute({
  method: 'post',
  path: '/{id}/decision',
  tags,
  operationId: 'decideTransferOrder',
  summary: 'Approve or decline (leader of the approving depot)',
  description:
    'A leader of the approving depot: the issuing depot for a temporary order, the common parent for a lateral one (403 out_of_scope, role_required; 409 approval_not_required for an order that needs none). Once (409 already_decided), never on one’s own order (409 self_approval), and a decline says why (422 validation_failed). A declined order is never picked, dispatched or received.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema, body: body(TransferOrderDecideSchema) },
  responses: { 200: json(TransferOrderSchema), ...problems.change },
});
const pick = createRoute({
  method: 'post',
  path: '/{id}/picks',
  tags,
  operationId: 'pickForTransferOrder',
  summary: 'Scan-verified pick of a batch; off the FEFO proposal it needs a reason',
  description:
    'The storekeeper of the issuing depot (403 out_of_scope, role_required), on an approved order (409 approval_pending, approval_declined, order_closed). Scans (`raw`: our batch label FP1:B:<id>, which goods without a GTIN carry, or a GS1 string with GTIN and lot) or chooses (`batchId`) a batch, recorded as scanned or typed (`entry`), and the quantity taken, which stays reserved for the order until dispatch (S0:358, 392). Refuses a zone or document label (422 not_a_batch_label), a lot of a product the order does not ask for (422 product_not_on_order), an expired lot (422 batch_expired), a lot outside the qualified zone (409 batch_not_qualified), due its pre-issue inspection (409 pre_issue_check_required, S0:397), on hold (409 batch_on_hold), more than the line still needs (409 over_pick) or than is free (409 insufficient_stock). A lot off the FEFO proposal needs a reason (422 fefo_override_reason_required, S0:379), recorded and printed on the issue note.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema, body: body(PickScanSchema) },
  responses: { 200: json(PickResultSchema), ...problems.change },
});
const unpick = createRoute({
  method: 'delete',
  path: '/{id}/picks/{pickId}',
  tags,
  operationId: 'removeTransferPick',
  summary: 'Take back a pick before dispatch',
  description: 'The storekeeper of the issuing depot (403 out_of_scope, role_required), before dispatch (409 order_closed). A pick scanned by mistake is removed and its reservation ends (404 pick_not_found for a pick not on the order).',
  security: sessionAndCsrf,
  request: { params: IdParamSchema.extend({ pickId: z.coerce.number().int().positive().openapi({ param: { name: 'pickId', in: 'path' } }) }) },
  responses: { 200: json(TransferOrderSchema), ...problems.change },
});
const dispatch = createRoute({
  method: 'post',
  path: '/{id}/dispatch',
  tags,
  operationId: 'dispatchTransferOrder',
  summary: 'Dispatch the picks: out of the qualified zone, in transit to the receiving depot',
  description:
    'The storekeeper of the issuing depot (403 out_of_scope, role_required), on an approved order with picks (409 approval_pending, approval_declined, order_closed; 422 empty_document). In one posting the picked stock leaves the issuing depot’s qualified zone and stands in transit on the receiving depot, so that the two sides correspond (调拨上下对应, S0:358, 393, 479). A lot that expired or was put on hold since it was picked is refused (422 batch_expired, 409 batch_on_hold). The receiving depot’s storekeeper is told.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema },
  responses: { 200: json(TransferOrderSchema), ...problems.change },
});
const cancel = createRoute({
  method: 'post',
  path: '/{id}/cancel',
  tags,
  operationId: 'cancelTransferOrder',
  summary: 'Withdraw an order before it ships',
  description: 'A planner of the issuing depot (403 out_of_scope, role_required), while the order awaits approval, is approved or was declined (409 order_closed once dispatched). Its picks stop reserving stock; nothing is posted.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema },
  responses: { 200: json(TransferOrderSchema), ...problems.change },
});
const receive = createRoute({
  method: 'post',
  path: '/{id}/receive',
  tags,
  operationId: 'receiveTransferOrder',
  summary: 'Open the receiving depot’s receipt for a dispatched order (once)',
  description:
    'The storekeeper of the receiving depot, and its dispenser where the depot dispenses (403 out_of_scope, role_required). Opens a receipt whose expected lines are the shipped lots (入库凭供货单位出库单, S0:356); it is scanned, counted and signed like a supplier’s receipt. Only for a dispatched order (409 shipment_not_dispatched, approval_pending, approval_declined), once (409 shipment_already_received, naming the receipt).',
  security: sessionAndCsrf,
  request: { params: IdParamSchema },
  responses: { 201: json(ReceiptSchema), ...problems.change },
});

export const transferRoutes = (deps: Deps) =>
  router()
    .openapi(list, (c) => c.json(listTransferOrders(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(create, (c) => c.json(createTransferOrder(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(one, (c) => c.json(getTransferOrder(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(decide, (c) => c.json(decideTransferOrder(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(pick, (c) => c.json(pickForOrder(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(unpick, (c) => c.json(removePick(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('param').pickId), 200))
    .openapi(dispatch, (c) => c.json(dispatchOrder(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(cancel, (c) => c.json(cancelOrder(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(receive, (c) => c.json(receiveShipment(deps, c.get('actor'), c.req.valid('param').id), 201));
