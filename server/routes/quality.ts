import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/quality.ts';
import { IdParamSchema } from '../schemas/api.ts';
import { router, problems, refused, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import { expiredStock, expirySummary, sweepExpiredHere } from '../services/expiry.ts';
import { listHolds, placeHold, releaseHold, traceBatch } from '../services/holds.ts';
import { traceProduct } from '../services/supply-trace.ts';
import { decideWriteOff, disposeWriteOff, getWriteOff, listWriteOffs, requestWriteOff, resubmitWriteOff, withdrawWriteOff } from '../services/write-offs.ts';

const depotParams = { params: s.DepotParamSchema };
const idParams = { params: IdParamSchema };

const nonconforming = ['non-conforming'];
const writeOffs = ['write-offs'];
/** Who asks for a write-off at a depot (services/write-offs.ts REQUESTERS), as the descriptions name them. */
const REQUESTERS = 'an inspector, planner or storekeeper of the requesting depot';

const expired = createRoute({
  method: 'get',
  path: '/depots/{depotId}/expired-stock',
  tags: nonconforming,
  operationId: 'listExpiredStock',
  summary: 'Expired stock still in the qualified zone, at the depot and below',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). Expired goods are non-conforming (S0:419) and belong in the red zone: every batch of the subtree past its expiry still standing in a qualified zone, by depot, with quantities and values. Every issue and dispensing refuses them already.',
  security: session,
  request: depotParams,
  responses: { 200: json(s.ExpiredStockSchema), ...problems.read },
});
const summary = createRoute({
  method: 'get',
  path: '/depots/{depotId}/expiry-summary',
  tags: nonconforming,
  operationId: 'getExpirySummary',
  summary: 'Expired and near-expiry stock with quantities and values, by depot of the subtree and in total',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). Per depot of the subtree and in total: expired stock (and how much of it is still in a qualified zone) and qualified stock expiring within the near-expiry threshold (180 days), in quantity and value, the costliest depots first.',
  security: session,
  request: depotParams,
  responses: { 200: json(s.ExpirySummarySchema), ...problems.read },
});
const sweep = createRoute({
  method: 'post',
  path: '/depots/{depotId}/expiry-sweep',
  tags: nonconforming,
  operationId: 'sweepExpiredStock',
  summary: 'Move the depot’s expired stock from the qualified to the non-conforming zone, in one posting',
  description: 'A storekeeper or inspector of the depot (403 out_of_scope, role_required). Moves every expired batch still in the depot’s qualified zone to its non-conforming zone in one posting (S0:419), to be written off from there; with nothing expired it answers `moved: 0` and posts nothing. Refused while a stock count freezes either zone (409 count_in_progress). Every hour the server tells the storekeeper and inspector of such stock; only this sweep moves it.',
  security: sessionAndCsrf,
  request: depotParams,
  responses: { 200: json(s.SweepResultSchema), ...problems.change },
});
const hold = createRoute({
  method: 'post',
  path: '/batch-holds',
  tags: nonconforming,
  operationId: 'placeBatchHold',
  summary: 'Hold a lot over the subtree of your depot: it is neither issued nor dispensed below',
  description:
    'An inspector or leader of the depot (403 out_of_scope, role_required). From now on no depot of its subtree proposes, picks, dispatches or dispenses the lot (409 batch_on_hold there) until the hold is released, for a quality problem found by an inspection (optionally linked: 404 not_found unless it inspected this lot within your depots) or reported. The leaders of the depots below that hold or held the lot are told. Audited.',
  security: sessionAndCsrf,
  request: { body: body(s.HoldCreateSchema) },
  responses: { 201: json(s.HoldSchema), ...problems.change },
});
const release = createRoute({
  method: 'post',
  path: '/batch-holds/{id}/release',
  tags: nonconforming,
  operationId: 'releaseBatchHold',
  summary: 'Release a hold',
  description: 'An inspector or leader of the depot that placed the hold (403 out_of_scope, role_required), with a reason, once (409 hold_released). The lot may be issued and dispensed again below, unless another hold still covers it. Audited.',
  security: sessionAndCsrf,
  request: { ...idParams, body: body(s.HoldReleaseSchema) },
  responses: { 200: json(s.HoldSchema), ...problems.change },
});
const holds = createRoute({
  method: 'get',
  path: '/depots/{depotId}/batch-holds',
  tags: nonconforming,
  operationId: 'listBatchHolds',
  summary: 'Holds that apply at a depot, and those raised below it',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). The active holds placed at the depot or above it, which apply there (`appliesHere`), and those placed at depots below it, each with its lot, product and reason.',
  security: session,
  request: depotParams,
  responses: { 200: json(s.HoldListSchema), ...problems.read },
});
const trace = createRoute({
  method: 'get',
  path: '/batches/{id}/trace',
  tags: nonconforming,
  operationId: 'traceBatch',
  summary: 'Where a lot went: every depot that holds or held it, down to dispensing',
  description: 'Any logged-in user, over the subtree of their own depot or of a depot below it (`depotId`, default your own; 403 out_of_scope; 404 batch_not_found). Every depot of that subtree that holds or held the lot, with what it received, issued, dispensed (to registered people, counted, and anonymously), wrote off and returned to the maker and what it holds now by zone, reconciled (in − out = on hand) with what is unaccounted for (short on arrival, stock-count shortages); the shipments between them with what was found short; the subtree\'s totals; the holds on the lot (跟踪药具去向, S0:481).',
  security: session,
  request: { ...idParams, query: s.TraceQuerySchema },
  responses: { 200: json(s.TraceSchema), ...problems.read },
});
const productTrace = createRoute({
  method: 'get',
  path: '/products/{id}/trace',
  tags: nonconforming,
  operationId: 'traceProduct',
  summary: 'Where a product went: every lot of it, every depot below, down to dispensing',
  description: 'Any logged-in user, over the subtree of their own depot or of a depot below it (`depotId`, default your own; 403 out_of_scope; 404 product_not_found). As GET /batches/{id}/trace for every lot of the product together, with the lots that moved in the subtree and what it holds of each (跟踪药具去向, S0:481).',
  security: session,
  request: { ...idParams, query: s.TraceQuerySchema },
  responses: { 200: json(s.ProductTraceSchema), ...problems.read },
});
const create = createRoute({
  method: 'post',
  path: '/write-offs',
  tags: writeOffs,
  operationId: 'requestWriteOff',
  summary: 'Request a write-off (报损) of non-conforming stock; the depot above decides',
  description:
    `Asked by ${REQUESTERS} (403 out_of_scope, role_required). A write-off request (报损申请, S0:421): quantities of batches in the depot’s non-conforming zone (409 not_nonconforming), never more than other open requests leave free (409 exceeds_nonconforming), each with one of the five kinds, valued at the batch price. It rests on an inspection of this depot (422 inspection_required unless every line is plain expiry, which the date shows; 404 not_found for another depot’s). The depot above decides; the region decides its own. Nothing leaves the stock until the disposal.`,
  security: sessionAndCsrf,
  request: { body: body(s.WriteOffCreateSchema) },
  responses: { 201: json(s.WriteOffSchema), ...problems.change },
});
const list = createRoute({
  method: 'get',
  path: '/write-offs',
  tags: writeOffs,
  operationId: 'listWriteOffs',
  summary: 'A depot’s write-off requests and those waiting for its decision',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope): the depot’s own requests in every state, and the submitted requests of the depots below it that it is to decide.',
  security: session,
  request: { query: s.WriteOffListQuerySchema },
  responses: { 200: json(s.WriteOffListSchema), ...problems.read },
});
const one = createRoute({
  method: 'get',
  path: '/write-offs/{id}',
  tags: writeOffs,
  operationId: 'getWriteOff',
  summary: 'A write-off request with its decision and disposal record',
  description: 'Any logged-in user who can read the requesting or the deciding depot (403 out_of_scope). The request as the approval form prints it (不合格药具报废审批表): lines with kinds and values, the inspection it rests on, the decision, and the disposal record (处理记录) with its witnesses.',
  security: session,
  request: idParams,
  responses: { 200: json(s.WriteOffSchema), ...problems.read },
});
const decide = createRoute({
  method: 'post',
  path: '/write-offs/{id}/decision',
  tags: writeOffs,
  operationId: 'decideWriteOff',
  summary: 'Approve, or return with a reason (the depot above’s leader or planner; never one’s own)',
  description: 'A leader or planner of the deciding depot, the one above the requester (the region for its own; 403 out_of_scope, role_required), on a submitted request (409 write_off_not_pending), never on one’s own (409 self_approval) nor on one of an account the decider granted or that granted theirs (409 not_independent). A return says why (422 validation_failed) and goes back to the requesting depot to correct; an approval lets the disposal be recorded. Audited.',
  security: sessionAndCsrf,
  request: { ...idParams, body: body(s.WriteOffDecisionSchema) },
  responses: { 200: json(s.WriteOffSchema), ...problems.change },
});
const resubmit = createRoute({
  method: 'post',
  path: '/write-offs/{id}/resubmit',
  tags: writeOffs,
  operationId: 'resubmitWriteOff',
  summary: 'Correct a returned request and send it again',
  description: `By ${REQUESTERS} (403 out_of_scope, role_required), for a returned request only (409 write_off_not_editable). The lines are replaced and checked again as a new request’s are (409 not_nonconforming, exceeds_nonconforming; 422 inspection_required); the request is submitted to the depot above again. Audited.`,
  security: sessionAndCsrf,
  request: { ...idParams, body: body(s.WriteOffResubmitSchema) },
  responses: { 200: json(s.WriteOffSchema), ...problems.change },
});
const withdraw = createRoute({
  method: 'post',
  path: '/write-offs/{id}/withdraw',
  tags: writeOffs,
  operationId: 'withdrawWriteOff',
  summary: 'Take back a request not yet approved',
  description: `By ${REQUESTERS} or its leader (403 out_of_scope, role_required), while the request is submitted or returned (409 write_off_not_pending). Its quantities are free for another request. Audited.`,
  security: sessionAndCsrf,
  request: idParams,
  responses: { 200: json(s.WriteOffSchema), ...problems.change },
});
const dispose = createRoute({
  method: 'post',
  path: '/write-offs/{id}/disposal',
  tags: writeOffs,
  operationId: 'disposeWriteOff',
  summary: 'Record the disposal of an approved write-off: destroyed before two or more witnesses (each with their own password), or returned to the maker',
  description:
    `By ${REQUESTERS} or its leader (403 out_of_scope, role_required), for an approved request (409 write_off_not_approved, already_disposed). Destruction needs two or more different witnesses (S0:422 两人以上; 422 witnesses_required, duplicate_witness), each an active user of this depot or a depot above (422 witness_out_of_scope) typing their own password at that moment (422 witness_unknown; wrong passwords count towards that username’s lock, 429 login_throttled). Return to the maker is only for goods that never entered stock (409 return_only_if_never_stocked, S0:422 初次入库的药具,应原货退回厂家). Only then does the stock leave the ledger, in one posting out of the non-conforming zone.`,
  security: sessionAndCsrf,
  request: { ...idParams, body: body(s.DisposalSchema) },
  responses: { 200: json(s.WriteOffSchema), ...problems.change, ...refused(429) },
});

export const qualityRoutes = (deps: Deps) =>
  router()
    .openapi(expired, (c) => c.json(expiredStock(deps, c.get('actor'), c.req.valid('param').depotId), 200))
    .openapi(summary, (c) => c.json(expirySummary(deps, c.get('actor'), c.req.valid('param').depotId), 200))
    .openapi(sweep, (c) => c.json(sweepExpiredHere(deps, c.get('actor'), c.req.valid('param').depotId), 200))
    .openapi(hold, (c) => c.json(placeHold(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(release, (c) => c.json(releaseHold(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json').reason), 200))
    .openapi(holds, (c) => c.json(listHolds(deps, c.get('actor'), c.req.valid('param').depotId), 200))
    .openapi(trace, (c) => c.json(traceBatch(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('query').depotId), 200))
    .openapi(productTrace, (c) => c.json(traceProduct(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('query').depotId), 200))
    .openapi(create, (c) => c.json(requestWriteOff(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(list, (c) => c.json(listWriteOffs(deps, c.get('actor'), c.req.valid('query').depotId), 200))
    .openapi(one, (c) => c.json(getWriteOff(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(decide, (c) => c.json(decideWriteOff(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(resubmit, (c) => c.json(resubmitWriteOff(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(withdraw, (c) => c.json(withdrawWriteOff(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(dispose, async (c) => c.json(await disposeWriteOff(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('client').address), 200));
