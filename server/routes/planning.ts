import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/planning.ts';
import { IdParamSchema } from '../schemas/api.ts';
import { router, problems, json, body } from '../http/openapi.ts';
import * as svc from '../services/planning.ts';

const tags = ['planning'];
const idParams = { params: IdParamSchema };
const depotParams = { params: s.DepotParamSchema };

const openDemand = createRoute({ method: 'post', path: '/demand-plans', tags, summary: 'Open a depot’s demand plan for a year (fourth quarter before it), prefilled and proposed', request: { body: body(s.DemandPlanCreateSchema) }, responses: { 201: json(s.DemandPlanSchema), ...problems } });
const getDemand = createRoute({ method: 'get', path: '/demand-plans/{id}', tags, summary: 'A demand plan with its lines and, for a parent, its children’s plans', request: idParams, responses: { 200: json(s.DemandPlanSchema), ...problems } });
const updateDemand = createRoute({ method: 'patch', path: '/demand-plans/{id}', tags, summary: 'The planner’s quantities (a change from the proposal needs a reason); takes the signature off', request: { ...idParams, body: body(s.DemandPlanUpdateSchema) }, responses: { 200: json(s.DemandPlanSchema), ...problems } });
const signDemand = createRoute({ method: 'post', path: '/demand-plans/{id}/sign', tags, summary: 'The leader signs the plan', request: idParams, responses: { 200: json(s.DemandPlanSchema), ...problems } });
const submitDemand = createRoute({ method: 'post', path: '/demand-plans/{id}/submit', tags, summary: 'Submit a signed plan to the depot above', request: idParams, responses: { 200: json(s.DemandPlanSchema), ...problems } });
const returnDemand = createRoute({ method: 'post', path: '/demand-plans/{id}/return', tags, summary: 'The depot above returns a submitted plan with a comment', request: { ...idParams, body: body(s.ReturnSchema) }, responses: { 200: json(s.DemandPlanSchema), ...problems } });
const demandOverview = createRoute({ method: 'get', path: '/depots/{depotId}/demand-plans', tags, summary: 'A depot’s demand plan for a year and which depots below have submitted', request: { ...depotParams, query: s.YearQuerySchema }, responses: { 200: json(s.DemandOverviewSchema), ...problems } });
const consolidation = createRoute({ method: 'get', path: '/depots/{depotId}/demand-consolidation', tags, summary: 'The submitted demand of a whole subtree for a year, per product', request: { ...depotParams, query: s.YearQuerySchema }, responses: { 200: json(s.ConsolidationSchema), ...problems } });
const recordUsage = createRoute({ method: 'post', path: '/depots/{depotId}/usage-figures', tags, summary: 'A township’s users by method for a half-year (使用人数)', request: { ...depotParams, body: body(s.UsageFiguresInputSchema) }, responses: { 200: json(s.UsageFiguresSchema), ...problems } });
const usage = createRoute({ method: 'get', path: '/depots/{depotId}/usage-figures', tags, summary: 'Users by method for a half-year, entered and derived from dispensing', request: { ...depotParams, query: s.HalfQuerySchema }, responses: { 200: json(s.UsageFiguresSchema), ...problems } });
const openAllocation = createRoute({ method: 'post', path: '/allocation-plans', tags, summary: 'Open a depot’s allocation plan for a year with the proposed split', request: { body: body(s.AllocationPlanCreateSchema) }, responses: { 201: json(s.AllocationPlanSchema), ...problems } });
const getAllocation = createRoute({ method: 'get', path: '/allocation-plans/{id}', tags, summary: 'An allocation plan with availability, lateness and progress', request: idParams, responses: { 200: json(s.AllocationPlanSchema), ...problems } });
const updateAllocation = createRoute({ method: 'patch', path: '/allocation-plans/{id}', tags, summary: 'Adjust allocations (to depots directly below, within what is available)', request: { ...idParams, body: body(s.AllocationPlanUpdateSchema) }, responses: { 200: json(s.AllocationPlanSchema), ...problems } });
const issueAllocation = createRoute({ method: 'post', path: '/allocation-plans/{id}/issue', tags, summary: 'The leader signs and issues the plan; the planned transfer orders are generated', request: idParams, responses: { 200: json(s.AllocationPlanSchema), ...problems } });
const allocationOverview = createRoute({ method: 'get', path: '/depots/{depotId}/allocation-plans', tags, summary: 'A depot’s allocation plan for a year and what the depot above allocated to it', request: { ...depotParams, query: s.YearQuerySchema }, responses: { 200: json(s.AllocationOverviewSchema), ...problems } });

export const planningRoutes = (deps: Deps) =>
  router()
    .openapi(openDemand, (c) => c.json(svc.openDemandPlan(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(getDemand, (c) => c.json(svc.getDemandPlan(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(updateDemand, (c) => c.json(svc.updateDemandPlan(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(signDemand, (c) => c.json(svc.signDemandPlan(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(submitDemand, (c) => c.json(svc.submitDemandPlan(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(returnDemand, (c) => c.json(svc.returnDemandPlan(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json').comment), 200))
    .openapi(demandOverview, (c) => c.json(svc.demandPlanOverview(deps, c.get('actor'), c.req.valid('param').depotId, c.req.valid('query').year), 200))
    .openapi(consolidation, (c) => c.json(svc.consolidateDemand(deps, c.get('actor'), c.req.valid('param').depotId, c.req.valid('query').year), 200))
    .openapi(recordUsage, (c) => c.json(svc.recordUsageFigures(deps, c.get('actor'), c.req.valid('param').depotId, c.req.valid('json')), 200))
    .openapi(usage, (c) => c.json(svc.usageFigures(deps, c.get('actor'), c.req.valid('param').depotId, c.req.valid('query').year, c.req.valid('query').half as 1 | 2), 200))
    .openapi(openAllocation, (c) => c.json(svc.openAllocationPlan(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(getAllocation, (c) => c.json(svc.getAllocationPlan(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(updateAllocation, (c) => c.json(svc.updateAllocationPlan(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(issueAllocation, (c) => c.json(svc.issueAllocationPlan(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(allocationOverview, (c) => c.json(svc.allocationOverview(deps, c.get('actor'), c.req.valid('param').depotId, c.req.valid('query').year), 200));
