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
import { router, problems, json, body } from '../http/openapi.ts';
import { stockCard, stockOnHand } from '../services/reads.ts';
import { getPosting, reversePosting } from '../services/postings.ts';
import { createOpeningBalance, getOpeningBalance, importOpeningBalanceCsv } from '../services/opening-balances.ts';
import { z } from '@hono/zod-openapi';

const onHand = createRoute({
  method: 'get',
  path: '/stock',
  tags: ['stock'],
  summary: 'Stock on hand at a depot, or summed over its subtree',
  request: { query: StockQuerySchema },
  responses: { 200: json(StockPageSchema), ...problems },
});
const card = createRoute({
  method: 'get',
  path: '/stock/card',
  tags: ['stock'],
  summary: 'The stock card (保管卡) of a batch at a depot, with running balance',
  request: { query: StockCardQuerySchema },
  responses: { 200: json(StockCardSchema), ...problems },
});
const posting = createRoute({ method: 'get', path: '/postings/{id}', tags: ['stock'], summary: 'A posting and its movements', request: { params: IdParamSchema }, responses: { 200: json(PostingSchema), ...problems } });
const reverse = createRoute({
  method: 'post',
  path: '/postings/{id}/reverse',
  tags: ['stock'],
  summary: 'Reverse a wrong posting with a reason (never edited)',
  request: { params: IdParamSchema, body: body(PostingReverseSchema) },
  responses: { 201: json(PostingSchema, 'The reversal posting'), ...problems },
});
const createOpening = createRoute({
  method: 'post',
  path: '/opening-balances',
  tags: ['stock'],
  summary: 'Enter opening stock from paper stock cards, posted as one document',
  request: { body: body(OpeningBalanceCreateSchema) },
  responses: { 201: json(OpeningBalanceSchema), ...problems },
});
const importOpening = createRoute({
  method: 'post',
  path: '/opening-balances/import',
  tags: ['stock'],
  summary: 'Import opening stock from CSV (product_code, lot, expires_on, zone, quantity, unit_price in yuan)',
  request: { query: OpeningBalanceImportQuerySchema, body: { content: { 'text/csv': { schema: z.string() } }, required: true } },
  responses: { 201: json(OpeningBalanceSchema), ...problems },
});
const openingOne = createRoute({ method: 'get', path: '/opening-balances/{id}', tags: ['stock'], summary: 'One opening-balance document', request: { params: IdParamSchema }, responses: { 200: json(OpeningBalanceSchema), ...problems } });

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
