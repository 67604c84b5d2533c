import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/counts.ts';
import { IdParamSchema } from '../schemas/api.ts';
import { router, problems, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import { cancelStockCount, countStatus, decideStockCount, getStockCount, listStockCounts, recordCountLine, startStockCount, submitStockCount } from '../services/stock-counts.ts';

const tags = ['stock counts'];
const params = { params: IdParamSchema };

const list = createRoute({
  method: 'get',
  path: '/stock-counts',
  tags,
  operationId: 'listStockCounts',
  summary: 'A depot’s stock counts, newest first',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope): the depot’s counts in every state (counting, submitted, posted, cancelled) with their zones.',
  security: session,
  request: { query: s.StockCountListQuerySchema },
  responses: { 200: json(s.StockCountPageSchema), ...problems.read },
});
const create = createRoute({
  method: 'post',
  path: '/stock-counts',
  tags,
  operationId: 'startStockCount',
  summary: 'Start a stock count (盘库) of zones of your depot: the book quantities are frozen and the zones take no postings until it posts or is cancelled',
  description:
    'A storekeeper or leader of the depot (403 out_of_scope, role_required). Starts the yearly count (盘库, S0:384) of the chosen zones (default all three): the book quantity of every batch there is frozen on the sheet at its price, and every posting into those zones is refused (409 count_in_progress) until the count posts or is cancelled. One count at a time per zone (409 count_in_progress). A blind count hides the book figures from the counters until the sheet is signed. Audited.',
  security: sessionAndCsrf,
  request: { body: body(s.StockCountCreateSchema) },
  responses: { 201: json(s.StockCountSchema), ...problems.change },
});
const one = createRoute({
  method: 'get',
  path: '/stock-counts/{id}',
  tags,
  operationId: 'getStockCount',
  summary: 'The count sheet with variances, totals and signatures (book figures hidden in a blind count while counting)',
  description: 'Any logged-in user, for a count of their own depot or one below it (403 out_of_scope). Each line with its book and counted quantity and the variance in quantity and value, the totals, and who started, signed and approved it; a blind count shows no book figure while it is being counted.',
  security: session,
  request: params,
  responses: { 200: json(s.StockCountSchema), ...problems.read },
});
const line = createRoute({
  method: 'post',
  path: '/stock-counts/{id}/lines',
  tags,
  operationId: 'recordStockCountLine',
  summary: 'Count a batch in a zone: a scan adds, a typed figure sets; a batch not on the sheet is stock found',
  description:
    'A storekeeper or inspector of the count’s depot (403 out_of_scope, role_required), while it is being counted (409 count_not_open), in a zone it covers (422 zone_not_in_count). A scanned GS1 string or our batch label (FP1:B:<id>, which goods without a GTIN carry) adds the label’s count (else 1); a chosen batch with a typed figure sets the line (422 validation_failed without a quantity); the line records how its last figure came (`entry`). A zone or document label is refused (422 not_a_batch_label). A batch not on the sheet in that zone is stock found: a new line expecting 0.',
  security: sessionAndCsrf,
  request: { ...params, body: body(s.StockCountLineInputSchema) },
  responses: { 200: json(s.StockCountLineResultSchema), ...problems.change },
});
const submit = createRoute({
  method: 'post',
  path: '/stock-counts/{id}/submit',
  tags,
  operationId: 'submitStockCount',
  summary: 'The storekeeper signs the count sheet (S0:415); every line needs a count unless the rest count as zero',
  description:
    'A storekeeper of the count’s depot (403 out_of_scope, role_required), while it is being counted (409 count_not_open). Signs the count sheet (S0:415 盘点表必须有实物保管人员签字): every line needs a figure (422 lines_not_counted, naming them) unless `uncountedAsZero` declares the rest were not found. The depot’s leader is told. The body is optional.',
  security: sessionAndCsrf,
  request: { ...params, body: { content: { 'application/json': { schema: s.StockCountSubmitSchema } }, required: false } },
  responses: { 200: json(s.StockCountSchema), ...problems.change },
});
const decide = createRoute({
  method: 'post',
  path: '/stock-counts/{id}/decision',
  tags,
  operationId: 'decideStockCount',
  summary: 'The leader approves the variances, which then post, or returns the count for a recount',
  description:
    'A leader of the count’s depot (403 out_of_scope, role_required), on a signed count (409 count_not_submitted, count_already_posted). Approval, by someone other than the storekeeper who signed or anyone who counted a line (409 same_signer), and independent of them (409 not_independent: neither granted the other a role), posts the variances once in one posting, so that the books agree with the goods (S0:404), and frees the zones. A return says why (422 validation_failed) and sends the count back to counting; the storekeeper is told.',
  security: sessionAndCsrf,
  request: { ...params, body: body(s.StockCountDecideSchema) },
  responses: { 200: json(s.StockCountSchema), ...problems.change },
});
const cancel = createRoute({
  method: 'post',
  path: '/stock-counts/{id}/cancel',
  tags,
  operationId: 'cancelStockCount',
  summary: 'Abandon a count before it posts; its zones are free again',
  description: 'A storekeeper or leader of the count’s depot (403 out_of_scope, role_required), before it posts (409 count_already_posted, count_not_open when cancelled already). Nothing posts and its zones take postings again. Audited.',
  security: sessionAndCsrf,
  request: params,
  responses: { 200: json(s.StockCountSchema), ...problems.change },
});
const status = createRoute({
  method: 'get',
  path: '/depots/{depotId}/count-status',
  tags,
  operationId: 'getStockCountStatus',
  summary: 'For a depot and every depot below it: last posted count, and whether the yearly count is overdue (S0:384)',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). Each depot of the subtree with its last posted count, the day the next is due (every depot counts its stock at least once a year, S0:384), whether it is overdue, and any count under way.',
  security: session,
  request: { params: s.DepotIdParamSchema },
  responses: { 200: json(s.CountStatusSchema), ...problems.read },
});

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
