import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import {
  IdParamSchema,
  OpeningBalanceCreateSchema,
  OpeningBalanceImportQuerySchema,
  OpeningBalanceSchema,
  PostingReverseSchema,
  PostingSchema,
  StockCardQuerySchema,
  StockCardSchema,
  StockPageSchema,
  StockQuerySchema,
} from '../schemas/api.ts';
import { router, problems, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import { stockCard, stockOnHand } from '../services/reads.ts';
import { decideReversal, getPosting, getReversalRequest, listReversalRequests, requestReversal } from '../services/postings.ts';
import {
  closeOpeningWindow,
  confirmOpeningBalance,
  createOpeningBalanceInSlices,
  getOpeningBalance,
  importOpeningBalanceCsv,
  listOpeningBalances,
  listOpeningWindows,
  openOpeningWindow,
} from '../services/opening-balances.ts';
import {
  OpeningBalanceListSchema,
  OpeningBalanceQuerySchema,
  OpeningWindowCreateSchema,
  OpeningWindowListSchema,
  OpeningWindowQuerySchema,
  OpeningWindowSchema,
  ReversalDecisionSchema,
  ReversalRequestListSchema,
  ReversalRequestQuerySchema,
  ReversalRequestSchema,
} from '../schemas/controls.ts';
import { z } from '@hono/zod-openapi';

const tags = ['stock'];

const onHand = createRoute({
  method: 'get',
  path: '/stock',
  tags,
  operationId: 'getStockOnHand',
  summary: 'Stock on hand at a depot, or summed over its subtree',
  description:
    'Any logged-in user, for their own depot or one below it (403 out_of_scope). One row per batch and location (pending, qualified, non-conforming zone, or in transit to the depot), with its value in fen and its expiry status (expired, near expiry within 180 days, ok); `scope=subtree` sums the depot and every depot below it, with how many depots hold each row. Filters by product, location and expiry date; totals cover every row, not only the page.',
  security: session,
  request: { query: StockQuerySchema },
  responses: { 200: json(StockPageSchema), ...problems.read },
});
const card = createRoute({
  method: 'get',
  path: '/stock/card',
  tags,
  operationId: 'getStockCard',
  summary: 'The stock card (保管卡) of a batch at a depot, with running balance',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). Every movement of one batch at one depot, oldest first, with its location, the posting and document it belongs to, who posted it, the reason of a reversal or override, and the running balance; with the balance now in each location.',
  security: session,
  request: { query: StockCardQuerySchema },
  responses: { 200: json(StockCardSchema), ...problems.read },
});
const posting = createRoute({
  method: 'get',
  path: '/postings/{id}',
  tags,
  operationId: 'getPosting',
  summary: 'A posting and its movements',
  description: 'Any logged-in user who can read one of the depots the posting moved stock at (403 out_of_scope otherwise). The posting’s kind, document, reason and author, the posting that reverses it if any, and each movement with its balance after and the hash that chains it to the depot’s previous movement.',
  security: session,
  request: { params: IdParamSchema },
  responses: { 200: json(PostingSchema), ...problems.read },
});
const reverse = createRoute({
  method: 'post',
  path: '/postings/{id}/reverse',
  tags,
  operationId: 'requestReversal',
  summary: 'Ask for a wrong posting to be reversed, with a reason; a leader decides',
  description:
    'A leader or storekeeper (the configured reversal roles) of every depot the posting moved stock at (403 out_of_scope, role_required). Movements are never edited, and nobody reverses alone: this records a request, and the reversal is posted when a leader of the depot who is not the requester approves it (POST /reversal-requests/{id}/decide); the leader is told. Only an opening balance, a zone move or a receipt’s count posted in error may be reversed. Inspections, destructions, returns to the maker, count variances, dispensings and transfers are corrected by their own workflow, named in the answer (409 not_reversible: a re-inspection, a new count, a transfer back; S0:479). Refused for a reversal (409 cannot_reverse_reversal), a posting already reversed (409 already_reversed) or with a request waiting (409 reversal_request_pending).',
  security: sessionAndCsrf,
  request: { params: IdParamSchema, body: body(PostingReverseSchema) },
  responses: { 201: json(ReversalRequestSchema, 'The reversal request, pending'), ...problems.change },
});
const decideReversalRoute = createRoute({
  method: 'post',
  path: '/reversal-requests/{id}/decide',
  tags,
  operationId: 'decideReversal',
  summary: 'Approve (posts the reversal) or decline a reversal request',
  description:
    'A leader of every depot the posting moved stock at (403 out_of_scope, role_required), never the requester (409 self_approval) nor one who granted the requester’s account or was granted by it (409 not_independent), once (409 already_decided). Approval posts the reversal: a new posting of the opposite movements that names the original and the request’s reason; refused when the stock it put in has left since (409 insufficient_stock) or its zone is being counted (409 count_in_progress). A decline needs a reason (422). Both are audited.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema, body: body(ReversalDecisionSchema) },
  responses: { 200: json(ReversalRequestSchema), ...problems.change },
});
const reversalOne = createRoute({
  method: 'get',
  path: '/reversal-requests/{id}',
  tags,
  operationId: 'getReversalRequest',
  summary: 'One reversal request',
  description: 'Any logged-in user, for a request of their own depot or one below it (403 out_of_scope): the posting, reason, requester, decision and the reversal posting once approved.',
  security: session,
  request: { params: IdParamSchema },
  responses: { 200: json(ReversalRequestSchema), ...problems.read },
});
const reversalList = createRoute({
  method: 'get',
  path: '/reversal-requests',
  tags,
  operationId: 'listReversalRequests',
  summary: 'Reversal requests of a depot, newest first',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope); optionally only pending, approved or declined ones.',
  security: session,
  request: { query: ReversalRequestQuerySchema },
  responses: { 200: json(ReversalRequestListSchema), ...problems.read },
});
const createOpening = createRoute({
  method: 'post',
  path: '/opening-balances',
  tags,
  operationId: 'createOpeningBalance',
  summary: 'Enter opening stock from paper stock cards, posted as one document',
  description:
    'The storekeeper of the depot (403 out_of_scope, role_required). Enters the stock a depot holds when it starts using the system (期初库存), copied from its paper stock cards: each line an existing batch or a new one (product, lot, expiry), a zone, a quantity and optionally a unit price (default the batch’s). Allowed while the depot has moved no stock otherwise (its go-live) or within an opening window its leader opened (409 opening_balance_closed). Where the tier inspects goods-in the stock goes into the pending zone, to be inspected (the default there; 409 opening_balance_zone for qualified); elsewhere qualified by default; an expired lot never into qualified (422 batch_expired). The stock is usable only once a leader or planner other than the poster confirms the document (POST /opening-balances/{id}/confirm). All lines post in one posting, or none (e.g. 409 count_in_progress while a count freezes the zone).',
  security: sessionAndCsrf,
  request: { body: body(OpeningBalanceCreateSchema) },
  responses: { 201: json(OpeningBalanceSchema), ...problems.change },
});
const confirmOpening = createRoute({
  method: 'post',
  path: '/opening-balances/{id}/confirm',
  tags,
  operationId: 'confirmOpeningBalance',
  summary: 'Confirm an opening balance: a second person; its stock becomes usable',
  description: 'A leader or planner of the depot (403 out_of_scope, role_required) who did not enter it (409 self_approval), once (409 already_confirmed). Until confirmed, the document’s batches are neither dispensed, picked, dispatched nor moved at the depot (409 opening_balance_not_confirmed). Audited.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema },
  responses: { 200: json(OpeningBalanceSchema), ...problems.change },
});
const openWindow = createRoute({
  method: 'post',
  path: '/opening-windows',
  tags,
  operationId: 'openOpeningWindow',
  summary: 'Open a window for opening stock after go-live (leader)',
  description: 'The leader of the depot (403 out_of_scope, role_required). Until `endsOn` inclusive (today or later; 422 otherwise), the depot’s storekeeper may enter opening balances although the depot already moves stock: a late go-live, stock found on old paper cards. The reason is recorded and audited.',
  security: sessionAndCsrf,
  request: { body: body(OpeningWindowCreateSchema) },
  responses: { 201: json(OpeningWindowSchema), ...problems.change },
});
const closeWindow = createRoute({
  method: 'post',
  path: '/opening-windows/{id}/close',
  tags,
  operationId: 'closeOpeningWindow',
  summary: 'Close an opening window before its end (leader)',
  description: 'The leader of the depot (403 out_of_scope, role_required), while the window is open (409 opening_window_closed). From now on the storekeeper enters no more opening stock in it: it ends the day before today; the end it had is kept in the audit log.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema },
  responses: { 200: json(OpeningWindowSchema), ...problems.change },
});
const openingList = createRoute({
  method: 'get',
  path: '/opening-balances',
  tags,
  operationId: 'listOpeningBalances',
  summary: 'The opening balances of a depot, newest first',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). `status=awaiting_confirmation` lists those posted but neither confirmed nor reversed: what the leader or planner still has to confirm against the paper stock cards before their stock is usable.',
  security: session,
  request: { query: OpeningBalanceQuerySchema },
  responses: { 200: json(OpeningBalanceListSchema), ...problems.read },
});
const windows = createRoute({
  method: 'get',
  path: '/opening-windows',
  tags,
  operationId: 'listOpeningWindows',
  summary: 'The opening windows of a depot, newest first',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope).',
  security: session,
  request: { query: OpeningWindowQuerySchema },
  responses: { 200: json(OpeningWindowListSchema), ...problems.read },
});
const importOpening = createRoute({
  method: 'post',
  path: '/opening-balances/import',
  tags,
  operationId: 'importOpeningBalanceCsv',
  summary: 'Import opening stock from CSV (product_code, lot, expires_on, zone, quantity, unit_price in yuan)',
  description:
    'The storekeeper of the depot named by `depotId` (403 out_of_scope, role_required). The same as POST /opening-balances, with the same rules (go-live or an opening window, the zone by tier, a second person to confirm; an empty zone cell takes the tier’s default), from a CSV body (Content-Type text/csv; anything else is 415): one line per batch and zone, unit_price in yuan, new batches created. A missing column or a bad row refuses the whole file with 422 validation_failed naming the line and column; nothing is posted then. The depot’s scope is checked first; a file over 1 MiB (413 payload_too_large) or 2,000 rows (422 validation_failed, path `rows`) is refused unread. A large file is read and written in slices, so other requests are answered meanwhile; changes sent while its lines are written wait for it.',
  security: sessionAndCsrf,
  request: { query: OpeningBalanceImportQuerySchema, body: { content: { 'text/csv': { schema: z.string() } }, required: true } },
  responses: { 201: json(OpeningBalanceSchema), ...problems.change },
});
const openingOne = createRoute({
  method: 'get',
  path: '/opening-balances/{id}',
  tags,
  operationId: 'getOpeningBalance',
  summary: 'One opening-balance document',
  description: 'Any logged-in user, for a document of their own depot or one below it (403 out_of_scope): its number, lines with batch, zone, quantity and price, and its posting.',
  security: session,
  request: { params: IdParamSchema },
  responses: { 200: json(OpeningBalanceSchema), ...problems.read },
});

export const stockRoutes = (deps: Deps) =>
  router()
    .openapi(onHand, (c) => c.json(stockOnHand(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(card, (c) => c.json(stockCard(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(posting, (c) => c.json(getPosting(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(reverse, (c) => c.json(requestReversal(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json').reason), 201))
    .openapi(decideReversalRoute, (c) => c.json(decideReversal(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(reversalList, (c) => c.json(listReversalRequests(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(reversalOne, (c) => c.json(getReversalRequest(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(createOpening, async (c) => c.json(await createOpeningBalanceInSlices(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(confirmOpening, (c) => c.json(confirmOpeningBalance(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(openWindow, (c) => c.json(openOpeningWindow(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(closeWindow, (c) => c.json(closeOpeningWindow(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(openingList, (c) => c.json(listOpeningBalances(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(windows, (c) => c.json(listOpeningWindows(deps, c.get('actor'), c.req.valid('query').depotId), 200))
    .openapi(importOpening, async (c) => {
      const { depotId, note } = c.req.valid('query');
      return c.json(await importOpeningBalanceCsv(deps, c.get('actor'), depotId, await c.req.text(), note), 201);
    })
    .openapi(openingOne, (c) => c.json(getOpeningBalance(deps, c.get('actor'), c.req.valid('param').id), 200));
