import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import {
  IdParamSchema,
  ReceiptListQuerySchema,
  ReceiptSummarySchema,
  pageOf,
  ReceiptOpenSchema,
  ReceiptScanResultSchema,
  ReceiptScanSchema,
  ReceiptSchema,
  ReceiptSignSchema,
  DiscrepancyCreateSchema,
  ReceiptLineParamSchema,
  ReceiptLineQuantitySchema,
  ReceiptCancelSchema,
  ReceiptLineDetailsSchema,
} from '../schemas/api.ts';
import { router, problems, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import { cancelReceipt, confirmCount, getReceipt, listReceipts, openReceipt, recordDiscrepancy, removeLine, scanIntoReceipt, setLineDetails as setLineDetailsOf, setLineQuantity, signReceipt, undoLastScan } from '../services/receipts.ts';

const tags = ['receipts'];

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  operationId: 'listReceipts',
  summary: 'Receipts of a depot, newest first',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope): the depot’s goods receipts from suppliers and from transfers, with their status (open, counted, effective).',
  security: session,
  request: { query: ReceiptListQuerySchema },
  responses: { 200: json(pageOf(ReceiptSummarySchema)), ...problems.read },
});
const open = createRoute({
  method: 'post',
  path: '/',
  tags,
  operationId: 'openReceipt',
  summary: 'Open a goods receipt (入库单) against a delivery note',
  description:
    'The storekeeper of the depot; at township and village depots, which dispense, the dispenser too (S0:398; 403 out_of_scope, role_required). Opens a receipt for a supplier’s delivery (入库凭供货单位出库单, S0:356), optionally with the expected lines of the delivery note to compare the count against; the arrival day defaults to today. Goods arriving from a depot above are received with POST /transfer-orders/{id}/receive instead.',
  security: sessionAndCsrf,
  request: { body: body(ReceiptOpenSchema) },
  responses: { 201: json(ReceiptSchema), ...problems.change },
});
const one = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  operationId: 'getReceipt',
  summary: 'A receipt with its lines, the comparison with expected lines and its signatures',
  description: 'Any logged-in user, for a receipt of their own depot or one below it (403 out_of_scope). Lines by batch with quantity, scans and value; the comparison with the expected lines (matched, short, over, unexpected, missing); the signatures; and, for a transfer, the discrepancies recorded.',
  security: session,
  request: { params: IdParamSchema },
  responses: { 200: json(ReceiptSchema), ...problems.read },
});
const scan = createRoute({
  method: 'post',
  path: '/{id}/scans',
  tags,
  operationId: 'scanIntoReceipt',
  summary: 'One scan (GS1 element string or internal label) or manual entry into an open receipt',
  description:
    'The receipt depot’s storekeeper (and dispenser where the depot dispenses; 403 out_of_scope, role_required), while the receipt is open (409 receipt_not_open). Reads a GS1 DataMatrix, GS1-128 or GS1 QR element string, or our own batch label `FP1:B:<batchId>` (printed at the tier that first received goods without a GTIN: product, lot and expiry come from the batch), and adds the quantity (the carton’s count, else 1) to the batch’s line, creating the batch at its first arrival (product, quantity and lot checked on arrival, S0:356). Goods whose label cannot be read are typed: on a supplier’s receipt the product, lot and expiry; on a transfer receipt `batchId`, one of the lots in `shipment`. Each entry records whether it was scanned or typed (`entry`; a line’s `typedScans`). A carton whose symbols come in two scans answers `awaiting` after the first. Refuses a barcode that does not read (422 invalid_barcode, invalid_check_digit), a zone or document label (422 not_a_batch_label), a GTIN not in the catalogue (404 unknown_gtin), a batch label of no batch (404 batch_not_found), a new lot without expiry (422 expiry_required) and an expired lot (422 batch_expired); on a transfer receipt, a lot not on the shipment (409 lot_mismatch) and more than was shipped (409 exceeds_shipment). Nothing is written when refused.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema, body: body(ReceiptScanSchema) },
  responses: { 200: json(ReceiptScanResultSchema), ...problems.change },
});
const count = createRoute({
  method: 'post',
  path: '/{id}/count',
  tags,
  operationId: 'confirmReceiptCount',
  summary: 'Confirm the count: the lines go into the pending zone',
  description:
    'The receipt depot’s storekeeper (and dispenser where the depot dispenses; 403 out_of_scope, role_required), once, on an open receipt (409 receipt_not_open) with something scanned (422 empty_document). Posts every line, in one posting, into the pending zone to wait for inspection at region, city and county depots (S0:396), or straight into the qualified zone where goods are not inspected on receipt. On a transfer receipt the shipment leaves the in-transit state: what arrived goes in, damaged units to the non-conforming zone, and what did not arrive is recorded short, a discrepancy both depots see (S0:393; 422 damaged_exceeds_count if more were recorded damaged than counted). A count after the day of arrival is flagged late (S0:356).',
  security: sessionAndCsrf,
  request: { params: IdParamSchema },
  responses: { 200: json(ReceiptSchema), ...problems.change },
});
const sign = createRoute({
  method: 'post',
  path: '/{id}/sign',
  tags,
  operationId: 'signReceipt',
  summary: 'Sign as planner or storekeeper; both signatures, by two people, make it effective',
  description:
    'A user of the receipt’s depot holding the role they sign as (403 out_of_scope, role_required), after the count (409 receipt_not_counted). Each role signs once (409 already_signed), and the two signatures are two different people (409 same_signer, S0:414) unless the server is configured for one-person depots, when the signature records it. With both, the receipt takes effect (S0:356) and, for a transfer, the order counts as received.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema, body: body(ReceiptSignSchema) },
  responses: { 200: json(ReceiptSchema), ...problems.change },
});
const discrepancy = createRoute({
  method: 'post',
  path: '/{id}/discrepancies',
  tags,
  operationId: 'recordReceiptDiscrepancy',
  summary: 'Record damaged goods or a wrong lot on a transfer receipt before the count',
  description:
    'The receipt depot’s storekeeper (and dispenser where the depot dispenses; 403 out_of_scope, role_required), on an open receipt of a transfer (422 validation_failed for a supplier’s receipt; 409 receipt_not_open). Damaged units are recorded against a lot of the shipment (409 lot_mismatch otherwise) and go to the non-conforming zone when the count is confirmed; a wrong lot names the product and lot that came instead, and is kept apart, not stocked, for the issuing depot to correct (S0:393). Both depots see it.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema, body: body(DiscrepancyCreateSchema) },
  responses: { 200: json(ReceiptSchema), ...problems.change },
});

const undo = createRoute({
  method: 'post',
  path: '/{id}/scans/undo',
  tags,
  operationId: 'undoReceiptScan',
  summary: 'Take back the newest scan of an open receipt',
  description:
    'The receipt depot’s storekeeper (and dispenser where the depot dispenses; 403 out_of_scope, role_required), while the receipt is open (409 receipt_not_open). Removes the newest scan or typed entry and its quantity from its line (the line goes with its last entry); a half-scanned carton waiting for its other barcode is the newest and is dropped first. 409 nothing_to_undo when nothing is left. Audited. Send an Idempotency-Key: a retry then does not take back a second scan.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema },
  responses: { 200: json(ReceiptSchema), ...problems.change },
});
const setLine = createRoute({
  method: 'put',
  path: '/{id}/lines/{batchId}',
  tags,
  operationId: 'setReceiptLineQuantity',
  summary: 'Correct a line of an open receipt to the recounted quantity',
  description:
    'The receipt depot’s storekeeper (and dispenser where the depot dispenses; 403 out_of_scope, role_required), while the receipt is open (409 receipt_not_open), on a line it has (404 receipt_line_not_found). The line becomes the quantity typed (at least 1: to take a line out, DELETE it), recorded as a typed entry of the difference that undo takes back; on a transfer receipt never more than was shipped (409 exceeds_shipment). Audited.',
  security: sessionAndCsrf,
  request: { params: ReceiptLineParamSchema, body: body(ReceiptLineQuantitySchema) },
  responses: { 200: json(ReceiptSchema), ...problems.change },
});
const setLineDetails = createRoute({
  method: 'put',
  path: '/{id}/lines/{batchId}/details',
  tags,
  operationId: 'setReceiptLineDetails',
  summary: 'Record a line’s actual purchase price, maker and production date from the delivery note',
  description:
    'The receipt depot’s storekeeper (and dispenser where the depot dispenses; 403 out_of_scope, role_required), while the receipt is open (409 receipt_not_open), on a line it has (404 receipt_line_not_found). The actual unit purchase price of the delivery note (实际进价, S0:404, 412; the catalogue price is only the default), the maker and the production date (S0:419; AI 11 when scanned). A lot has one price and one set of markings: once the lot has moved anywhere they can no longer differ (409 price_conflict, batch_conflict). At the count the price becomes the batch’s, carried through every transfer and valued ledger. Audited.',
  security: sessionAndCsrf,
  request: { params: ReceiptLineParamSchema, body: body(ReceiptLineDetailsSchema) },
  responses: { 200: json(ReceiptSchema), ...problems.change },
});
const removeLineRoute = createRoute({
  method: 'delete',
  path: '/{id}/lines/{batchId}',
  tags,
  operationId: 'removeReceiptLine',
  summary: 'Remove a line scanned by mistake from an open receipt',
  description:
    'The receipt depot’s storekeeper (and dispenser where the depot dispenses; 403 out_of_scope, role_required), while the receipt is open (409 receipt_not_open), on a line it has (404 receipt_line_not_found). Removes the line with the entries that made it. Audited.',
  security: sessionAndCsrf,
  request: { params: ReceiptLineParamSchema },
  responses: { 200: json(ReceiptSchema), ...problems.change },
});
const cancel = createRoute({
  method: 'post',
  path: '/{id}/cancel',
  tags,
  operationId: 'cancelReceipt',
  summary: 'Cancel an open receipt, saying why',
  description:
    'The storekeeper of the receipt’s depot (403 out_of_scope, role_required), while the receipt is open (409 receipt_not_open): before the count nothing was posted, so nothing is reversed. The receipt becomes `cancelled` with who, when and why, leaves the work lists, and is audited. A shipment it was receiving stays in transit and is received on a new receipt (POST /transfer-orders/{id}/receive).',
  security: sessionAndCsrf,
  request: { params: IdParamSchema, body: body(ReceiptCancelSchema) },
  responses: { 200: json(ReceiptSchema), ...problems.change },
});

export const receiptRoutes = (deps: Deps) =>
  router()
    .openapi(list, (c) => c.json(listReceipts(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(open, (c) => c.json(openReceipt(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(one, (c) => c.json(getReceipt(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(scan, (c) => c.json(scanIntoReceipt(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(count, (c) => c.json(confirmCount(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(sign, (c) => c.json(signReceipt(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json').role), 200))
    .openapi(discrepancy, (c) => c.json(recordDiscrepancy(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(undo, (c) => c.json(undoLastScan(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(setLine, (c) => c.json(setLineQuantity(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('param').batchId, c.req.valid('json').quantity), 200))
    .openapi(setLineDetails, (c) => c.json(setLineDetailsOf(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('param').batchId, c.req.valid('json')), 200))
    .openapi(removeLineRoute, (c) => c.json(removeLine(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('param').batchId), 200))
    .openapi(cancel, (c) => c.json(cancelReceipt(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json').reason), 200));
