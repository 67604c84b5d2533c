import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/counts.ts';
import { IdParamSchema } from '../schemas/api.ts';
import { router, problems, json, body } from '../http/openapi.ts';
import { cancelStockCount, countStatus, decideStockCount, getStockCount, listStockCounts, recordCountLine, startStockCount, submitStockCount } from '../services/stock-counts.ts';

const tags = ['stock counts'];
const params = { params: IdParamSchema };

const list = createRoute({ method: 'get', path: '/stock-counts', tags, summary: 'A depot’s stock counts, newest first', request: { query: s.StockCountListQuerySchema }, responses: { 200: json(s.StockCountPageSchema), ...problems } });
const create = createRoute({
  method: 'post',
  path: '/stock-counts',
  tags,
  summary: 'Start a stock count (盘库) of zones of your depot: the book quantities are frozen and the zones take no postings until it posts or is cancelled',
  request: { body: body(s.StockCountCreateSchema) },
  responses: { 201: json(s.StockCountSchema), ...problems },
});
const one = createRoute({ method: 'get', path: '/stock-counts/{id}', tags, summary: 'The count sheet with variances, totals and signatures (book figures hidden in a blind count while counting)', request: params, responses: { 200: json(s.StockCountSchema), ...problems } });
const line = createRoute({
  method: 'post',
  path: '/stock-counts/{id}/lines',
  tags,
  summary: 'Count a batch in a zone: a scan adds, a typed figure sets; a batch not on the sheet is stock found',
  request: { ...params, body: body(s.StockCountLineInputSchema) },
  responses: { 200: json(s.StockCountLineResultSchema), ...problems },
});
const submit = createRoute({ method: 'post', path: '/stock-counts/{id}/submit', tags, summary: 'The storekeeper signs the count sheet (S0:415); every line needs a count unless the rest count as zero', request: { ...params, body: { content: { 'application/json': { schema: s.StockCountSubmitSchema } }, required: false } }, responses: { 200: json(s.StockCountSchema), ...problems } });
const decide = createRoute({ method: 'post', path: '/stock-counts/{id}/decision', tags, summary: 'The leader approves the variances, which then post, or returns the count for a recount', request: { ...params, body: body(s.StockCountDecideSchema) }, responses: { 200: json(s.StockCountSchema), ...problems } });
const cancel = createRoute({ method: 'post', path: '/stock-counts/{id}/cancel', tags, summary: 'Abandon a count before it posts; its zones are free again', request: params, responses: { 200: json(s.StockCountSchema), ...problems } });
const status = createRoute({ method: 'get', path: '/depots/{depotId}/count-status', tags, summary: 'For a depot and every depot below it: last posted count, and whether the yearly count is overdue (S0:384)', request: { params: s.DepotIdParamSchema }, responses: { 200: json(s.CountStatusSchema), ...problems } });

export const stockCountRoutes = (deps: Deps) =>
  router()
    .openapi(list, (c) => c.json(listStockCounts(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(create, (c) => c.json(startStockCount(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(one, (c) => c.json(getStockCount(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(line, (c) => c.json(recordCountLine(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(submit, (c) => c.json(submitStockCount(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(decide, (c) => c.json(decideStockCount(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(cancel, (c) => c.json(cancelStockCount(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(status, (c) => c.json(countStatus(deps, c.get('actor'), c.req.valid('param').depotId), 200));
