import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/quality.ts';
import { IdParamSchema } from '../schemas/api.ts';
import { router, problems, json, body } from '../http/openapi.ts';
import { expiredStock, expirySummary, sweepExpiredHere } from '../services/expiry.ts';
import { listHolds, placeHold, releaseHold, traceBatch } from '../services/holds.ts';
import { decideWriteOff, disposeWriteOff, getWriteOff, listWriteOffs, requestWriteOff, resubmitWriteOff, withdrawWriteOff } from '../services/write-offs.ts';

const depotParams = { params: s.DepotParamSchema };
const idParams = { params: IdParamSchema };

const expired = createRoute({ method: 'get', path: '/depots/{depotId}/expired-stock', tags: ['non-conforming'], summary: 'Expired stock still in the qualified zone, at the depot and below', request: depotParams, responses: { 200: json(s.ExpiredStockSchema), ...problems } });
const summary = createRoute({ method: 'get', path: '/depots/{depotId}/expiry-summary', tags: ['non-conforming'], summary: 'Expired and near-expiry stock with quantities and values, by depot of the subtree and in total', request: depotParams, responses: { 200: json(s.ExpirySummarySchema), ...problems } });
const sweep = createRoute({ method: 'post', path: '/depots/{depotId}/expiry-sweep', tags: ['non-conforming'], summary: 'Move the depot’s expired stock from the qualified to the non-conforming zone, in one posting', request: depotParams, responses: { 200: json(s.SweepResultSchema), ...problems } });
const hold = createRoute({ method: 'post', path: '/batch-holds', tags: ['non-conforming'], summary: 'Hold a lot over the subtree of your depot: it is neither issued nor dispensed below', request: { body: body(s.HoldCreateSchema) }, responses: { 201: json(s.HoldSchema), ...problems } });
const release = createRoute({ method: 'post', path: '/batch-holds/{id}/release', tags: ['non-conforming'], summary: 'Release a hold', request: { ...idParams, body: body(s.HoldReleaseSchema) }, responses: { 200: json(s.HoldSchema), ...problems } });
const holds = createRoute({ method: 'get', path: '/depots/{depotId}/batch-holds', tags: ['non-conforming'], summary: 'Holds that apply at a depot, and those raised below it', request: depotParams, responses: { 200: json(s.HoldListSchema), ...problems } });
const trace = createRoute({ method: 'get', path: '/batches/{id}/trace', tags: ['non-conforming'], summary: 'Where a lot went: every depot that holds or held it, down to dispensing', request: { ...idParams, query: s.TraceQuerySchema }, responses: { 200: json(s.TraceSchema), ...problems } });
const create = createRoute({ method: 'post', path: '/write-offs', tags: ['write-offs'], summary: 'Request a write-off (报损) of non-conforming stock; the depot above decides', request: { body: body(s.WriteOffCreateSchema) }, responses: { 201: json(s.WriteOffSchema), ...problems } });
const list = createRoute({ method: 'get', path: '/write-offs', tags: ['write-offs'], summary: 'A depot’s write-off requests and those waiting for its decision', request: { query: s.WriteOffListQuerySchema }, responses: { 200: json(s.WriteOffListSchema), ...problems } });
const one = createRoute({ method: 'get', path: '/write-offs/{id}', tags: ['write-offs'], summary: 'A write-off request with its decision and disposal record', request: idParams, responses: { 200: json(s.WriteOffSchema), ...problems } });
const decide = createRoute({ method: 'post', path: '/write-offs/{id}/decision', tags: ['write-offs'], summary: 'Approve, or return with a reason (the depot above’s leader or planner; never one’s own)', request: { ...idParams, body: body(s.WriteOffDecisionSchema) }, responses: { 200: json(s.WriteOffSchema), ...problems } });
const resubmit = createRoute({ method: 'post', path: '/write-offs/{id}/resubmit', tags: ['write-offs'], summary: 'Correct a returned request and send it again', request: { ...idParams, body: body(s.WriteOffResubmitSchema) }, responses: { 200: json(s.WriteOffSchema), ...problems } });
const withdraw = createRoute({ method: 'post', path: '/write-offs/{id}/withdraw', tags: ['write-offs'], summary: 'Take back a request not yet approved', request: idParams, responses: { 200: json(s.WriteOffSchema), ...problems } });
const dispose = createRoute({
  method: 'post',
  path: '/write-offs/{id}/disposal',
  tags: ['write-offs'],
  summary: 'Record the disposal of an approved write-off: destroyed before two or more witnesses (each with their own password), or returned to the maker',
  request: { ...idParams, body: body(s.DisposalSchema) },
  responses: { 200: json(s.WriteOffSchema), ...problems },
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
    .openapi(create, (c) => c.json(requestWriteOff(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(list, (c) => c.json(listWriteOffs(deps, c.get('actor'), c.req.valid('query').depotId), 200))
    .openapi(one, (c) => c.json(getWriteOff(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(decide, (c) => c.json(decideWriteOff(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(resubmit, (c) => c.json(resubmitWriteOff(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(withdraw, (c) => c.json(withdrawWriteOff(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(dispose, async (c) => c.json(await disposeWriteOff(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200));
