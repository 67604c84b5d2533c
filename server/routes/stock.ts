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
import { getPosting, reversePosting } from '../services/postings.ts';
import { createOpeningBalance, getOpeningBalance, importOpeningBalanceCsv } from '../services/opening-balances.ts';
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
  operationId: 'reversePosting',
  summary: 'Reverse a wrong posting with a reason (never edited)',
  description:
    'A leader or storekeeper (the configured reversal roles) of every depot the posting moved stock at (403 out_of_scope, role_required). Movements are never edited: the reversal is a new posting of the opposite movements that names the original and the reason. Refused for a transfer, whose two depots’ sides must keep corresponding (409 cannot_reverse_transfer, S0:479: record the difference on receipt or transfer the goods back), for a reversal (409 cannot_reverse_reversal), for a posting already reversed (409 already_reversed), and when the stock it put in has left since (409 insufficient_stock) or its zone is being counted (409 count_in_progress).',
  security: sessionAndCsrf,
  request: { params: IdParamSchema, body: body(PostingReverseSchema) },
  responses: { 201: json(PostingSchema, 'The reversal posting'), ...problems.change },
});
const createOpening = createRoute({
  method: 'post',
  path: '/opening-balances',
  tags,
  operationId: 'createOpeningBalance',
  summary: 'Enter opening stock from paper stock cards, posted as one document',
  description:
    'The storekeeper of the depot (403 out_of_scope, role_required). Enters the stock a depot holds when it starts using the system (期初库存), copied from its paper stock cards: each line an existing batch or a new one (product, lot, expiry), a zone (default qualified), a quantity and optionally a unit price (default the batch’s). All lines post in one posting, or none (e.g. 409 count_in_progress while a count freezes the zone).',
  security: sessionAndCsrf,
  request: { body: body(OpeningBalanceCreateSchema) },
  responses: { 201: json(OpeningBalanceSchema), ...problems.change },
});
const importOpening = createRoute({
  method: 'post',
  path: '/opening-balances/import',
  tags,
  operationId: 'importOpeningBalanceCsv',
  summary: 'Import opening stock from CSV (product_code, lot, expires_on, zone, quantity, unit_price in yuan)',
  description:
    'The storekeeper of the depot named by `depotId` (403 out_of_scope, role_required). The same as POST /opening-balances from a CSV body (Content-Type text/csv; anything else is 415): one line per batch and zone, unit_price in yuan, new batches created. A missing column or a bad row refuses the whole file with 422 validation_failed naming the line and column; nothing is posted then.',
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
    .openapi(reverse, (c) => c.json(reversePosting(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json').reason), 201))
    .openapi(createOpening, (c) => c.json(createOpeningBalance(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(importOpening, async (c) => {
      const { depotId, note } = c.req.valid('query');
      return c.json(importOpeningBalanceCsv(deps, c.get('actor'), depotId, await c.req.text(), note), 201);
    })
    .openapi(openingOne, (c) => c.json(getOpeningBalance(deps, c.get('actor'), c.req.valid('param').id), 200));
