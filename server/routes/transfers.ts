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
import { router, problems, json, body } from '../http/openapi.ts';
import { cancelOrder, removePick, createTransferOrder, decideTransferOrder, dispatchOrder, getTransferOrder, listTransferOrders, pickForOrder } from '../services/transfers.ts';
import { receiveShipment } from '../services/receipts.ts';

const tags = ['transfers'];
const list = createRoute({ method: 'get', path: '/', tags, summary: 'Transfer orders a depot issues or receives, newest first', request: { query: TransferOrderListQuerySchema }, responses: { 200: json(TransferOrderPageSchema), ...problems } });
const create = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Draft a transfer order (调拨单) to a child depot, or to a sibling; unplanned and lateral orders wait for approval',
  request: { body: body(TransferOrderCreateSchema) },
  responses: { 201: json(TransferOrderSchema), ...problems },
});
const one = createRoute({ method: 'get', path: '/{id}', tags, summary: 'An order with its FEFO pick list, picks, approval, discrepancies and receipt', request: { params: IdParamSchema }, responses: { 200: json(TransferOrderSchema), ...problems } });
const decide = createRoute({ method: 'post', path: '/{id}/decision', tags, summary: 'Approve or decline (leader of the approving depot)', request: { params: IdParamSchema, body: body(TransferOrderDecideSchema) }, responses: { 200: json(TransferOrderSchema), ...problems } });
const pick = createRoute({ method: 'post', path: '/{id}/picks', tags, summary: 'Scan-verified pick of a batch; off the FEFO proposal it needs a reason', request: { params: IdParamSchema, body: body(PickScanSchema) }, responses: { 200: json(PickResultSchema), ...problems } });
const unpick = createRoute({
  method: 'delete',
  path: '/{id}/picks/{pickId}',
  tags,
  summary: 'Take back a pick before dispatch',
  request: { params: IdParamSchema.extend({ pickId: z.coerce.number().int().positive().openapi({ param: { name: 'pickId', in: 'path' } }) }) },
  responses: { 200: json(TransferOrderSchema), ...problems },
});
const dispatch = createRoute({ method: 'post', path: '/{id}/dispatch', tags, summary: 'Dispatch the picks: out of the qualified zone, in transit to the receiving depot', request: { params: IdParamSchema }, responses: { 200: json(TransferOrderSchema), ...problems } });
const cancel = createRoute({ method: 'post', path: '/{id}/cancel', tags, summary: 'Withdraw an order before it ships', request: { params: IdParamSchema }, responses: { 200: json(TransferOrderSchema), ...problems } });
const receive = createRoute({ method: 'post', path: '/{id}/receive', tags, summary: 'Open the receiving depot’s receipt for a dispatched order (once)', request: { params: IdParamSchema }, responses: { 201: json(ReceiptSchema), ...problems } });

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
