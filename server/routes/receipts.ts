import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import { IdParamSchema, ReceiptListQuerySchema, ReceiptSummarySchema, pageOf, ReceiptOpenSchema, ReceiptScanResultSchema, ReceiptScanSchema, ReceiptSchema, ReceiptSignSchema, DiscrepancyCreateSchema } from '../schemas/api.ts';
import { router, problems, json, body } from '../http/openapi.ts';
import { confirmCount, getReceipt, listReceipts, openReceipt, recordDiscrepancy, scanIntoReceipt, signReceipt } from '../services/receipts.ts';

const list = createRoute({ method: 'get', path: '/', tags: ['receipts'], summary: 'Receipts of a depot, newest first', request: { query: ReceiptListQuerySchema }, responses: { 200: json(pageOf(ReceiptSummarySchema)), ...problems } });
const open = createRoute({ method: 'post', path: '/', tags: ['receipts'], summary: 'Open a goods receipt (入库单) against a delivery note', request: { body: body(ReceiptOpenSchema) }, responses: { 201: json(ReceiptSchema), ...problems } });
const one = createRoute({ method: 'get', path: '/{id}', tags: ['receipts'], summary: 'A receipt with its lines, the comparison with expected lines and its signatures', request: { params: IdParamSchema }, responses: { 200: json(ReceiptSchema), ...problems } });
const scan = createRoute({
  method: 'post',
  path: '/{id}/scans',
  tags: ['receipts'],
  summary: 'One scan (GS1 element string or internal label) or manual entry into an open receipt',
  request: { params: IdParamSchema, body: body(ReceiptScanSchema) },
  responses: { 200: json(ReceiptScanResultSchema), ...problems },
});
const count = createRoute({ method: 'post', path: '/{id}/count', tags: ['receipts'], summary: 'Confirm the count: the lines go into the pending zone', request: { params: IdParamSchema }, responses: { 200: json(ReceiptSchema), ...problems } });
const sign = createRoute({
  method: 'post',
  path: '/{id}/sign',
  tags: ['receipts'],
  summary: 'Sign as planner or storekeeper; both signatures, by two people, make it effective',
  request: { params: IdParamSchema, body: body(ReceiptSignSchema) },
  responses: { 200: json(ReceiptSchema), ...problems },
});

const discrepancy = createRoute({
  method: 'post',
  path: '/{id}/discrepancies',
  tags: ['receipts'],
  summary: 'Record damaged goods or a wrong lot on a transfer receipt before the count',
  request: { params: IdParamSchema, body: body(DiscrepancyCreateSchema) },
  responses: { 200: json(ReceiptSchema), ...problems },
});

export const receiptRoutes = (deps: Deps) =>
  router()
    .openapi(list, (c) => c.json(listReceipts(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(open, (c) => c.json(openReceipt(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(one, (c) => c.json(getReceipt(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(scan, (c) => c.json(scanIntoReceipt(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(count, (c) => c.json(confirmCount(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(sign, (c) => c.json(signReceipt(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json').role), 200))
    .openapi(discrepancy, (c) => c.json(recordDiscrepancy(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200));
