import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/planning.ts';
import { IdParamSchema } from '../schemas/api.ts';
import { router, problems, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import * as svc from '../services/planning.ts';

const tags = ['planning'];
const idParams = { params: IdParamSchema };
const depotParams = { params: s.DepotParamSchema };

const openDemand = createRoute({
  method: 'post',
  path: '/demand-plans',
  tags,
  operationId: 'openDemandPlan',
  summary: 'Open a depot’s demand plan for a year (fourth quarter before it), prefilled and proposed',
  description:
    'A planner of the depot (403 out_of_scope, role_required), at a township or above: villages make none, their township plans for them (409 plan_not_here; townships start the plan, 起报点, S0:348). A plan for year Y opens on 1 October of Y-1 and closes at its end (409 plan_year_not_open, plan_year_closed), one per depot and year (409 plan_exists). One line per catalogue product, its inputs prefilled from the ledger and the usage figures (last year’s issues and dispensing, stock here and below, users, standard annual use, turnover stock, trend: S0:346-347) and the proposed quantity asked (需求计划, S0:343-348).',
  security: sessionAndCsrf,
  request: { body: body(s.DemandPlanCreateSchema) },
  responses: { 201: json(s.DemandPlanSchema), ...problems.change },
});
const getDemand = createRoute({
  method: 'get',
  path: '/demand-plans/{id}',
  tags,
  operationId: 'getDemandPlan',
  summary: 'A demand plan with its lines and, for a parent, its children’s plans',
  description: 'Any logged-in user, for a plan of their own depot or one below it (403 out_of_scope). Each line with its inputs, proposal, quantity asked and reason; the signature, submission and any return comment; for a depot with planning depots below, which of them have submitted and what they asked per product.',
  security: session,
  request: idParams,
  responses: { 200: json(s.DemandPlanSchema), ...problems.read },
});
const updateDemand = createRoute({
  method: 'patch',
  path: '/demand-plans/{id}',
  tags,
  operationId: 'updateDemandPlan',
  summary: 'The planner’s quantities (a change from the proposal needs a reason); takes the signature off',
  description:
    'A planner of the plan’s depot (403 out_of_scope, role_required), before it is submitted (409 plan_submitted) while its year is open (409 plan_year_closed). A quantity other than the proposal needs a reason (422 validation_failed naming the line); lines left out keep theirs. The inputs are read again, so a parent sees what its children have submitted since (an empty list only refreshes them). Any change takes the leader’s signature off: it signed other figures.',
  security: sessionAndCsrf,
  request: { ...idParams, body: body(s.DemandPlanUpdateSchema) },
  responses: { 200: json(s.DemandPlanSchema), ...problems.change },
});
const signDemand = createRoute({
  method: 'post',
  path: '/demand-plans/{id}/sign',
  tags,
  operationId: 'signDemandPlan',
  summary: 'The leader signs the plan',
  description: 'A leader of the plan’s depot (403 out_of_scope, role_required), before it is submitted (409 plan_submitted) while its year is open (409 plan_year_closed): the plan is signed and stamped (主管领导签字、盖章) and may be submitted. Audited.',
  security: sessionAndCsrf,
  request: idParams,
  responses: { 200: json(s.DemandPlanSchema), ...problems.change },
});
const submitDemand = createRoute({
  method: 'post',
  path: '/demand-plans/{id}/submit',
  tags,
  operationId: 'submitDemandPlan',
  summary: 'Submit a signed plan to the depot above',
  description: 'A planner or leader of the plan’s depot (403 out_of_scope, role_required), once the leader has signed (409 plan_not_signed) and before the year closes (409 plan_year_closed). The plan goes up to the depot above, recording which depots below had not submitted theirs; it can no longer change unless returned.',
  security: sessionAndCsrf,
  request: idParams,
  responses: { 200: json(s.DemandPlanSchema), ...problems.change },
});
const returnDemand = createRoute({
  method: 'post',
  path: '/demand-plans/{id}/return',
  tags,
  operationId: 'returnDemandPlan',
  summary: 'The depot above returns a submitted plan with a comment',
  description: 'A planner or leader of the depot directly above the plan’s (403 out_of_scope, role_required; the region’s plan goes to no one, 409 plan_not_here), for a submitted plan (409 plan_not_submitted) while its year is open. The plan comes back unsigned with the comment, to be corrected, signed and submitted again.',
  security: sessionAndCsrf,
  request: { ...idParams, body: body(s.ReturnSchema) },
  responses: { 200: json(s.DemandPlanSchema), ...problems.change },
});
const demandOverview = createRoute({
  method: 'get',
  path: '/depots/{depotId}/demand-plans',
  tags,
  operationId: 'getDemandPlanOverview',
  summary: 'A depot’s demand plan for a year and which depots below have submitted',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). Whether the year’s plans are not open yet, open or closed, the depot’s plan for the year if any, and the state of each planning depot directly below: what a planner opens first.',
  security: session,
  request: { ...depotParams, query: s.YearQuerySchema },
  responses: { 200: json(s.DemandOverviewSchema), ...problems.read },
});
const consolidation = createRoute({
  method: 'get',
  path: '/depots/{depotId}/demand-consolidation',
  tags,
  operationId: 'consolidateDemand',
  summary: 'The submitted demand of a whole subtree for a year, per product',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). The quantities of every submitted plan of the subtree summed per product, with how many plans are in: the region’s consolidation.',
  security: session,
  request: { ...depotParams, query: s.YearQuerySchema },
  responses: { 200: json(s.ConsolidationSchema), ...problems.read },
});
const recordUsage = createRoute({
  method: 'post',
  path: '/depots/{depotId}/usage-figures',
  tags,
  operationId: 'recordUsageFigures',
  summary: 'A township’s users by method for a half-year (使用人数)',
  description: 'A planner, dispenser or leader of a township depot (403 out_of_scope, role_required; other tiers 409 plan_not_here). Records the number of users by contraceptive method for a half-year (使用人数, S0:372), which the demand-plan proposals and the users report read; a method left out keeps its figure. Audited.',
  security: sessionAndCsrf,
  request: { ...depotParams, body: body(s.UsageFiguresInputSchema) },
  responses: { 200: json(s.UsageFiguresSchema), ...problems.change },
});
const usage = createRoute({
  method: 'get',
  path: '/depots/{depotId}/usage-figures',
  tags,
  operationId: 'getUsageFigures',
  summary: 'Users by method for a half-year, entered and derived from dispensing',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). The figures entered for the half-year, and those derived from the dispensing of the depot and its villages: per method, units dispensed over half a year’s standard use per person.',
  security: session,
  request: { ...depotParams, query: s.HalfQuerySchema },
  responses: { 200: json(s.UsageFiguresSchema), ...problems.read },
});
const openAllocation = createRoute({
  method: 'post',
  path: '/allocation-plans',
  tags,
  operationId: 'openAllocationPlan',
  summary: 'Open a depot’s allocation plan for a year with the proposed split',
  description:
    'A planner of a depot with depots below (403 out_of_scope, role_required; 409 plan_not_here without), from 1 October before the year to its end (409 plan_year_not_open, plan_year_closed), one per depot and year (409 plan_exists). Per child and product, the inputs (the child’s request, last year’s use and users, the forecast change) and the proposed split of what the depot holds and expects from above: requests first, proportionally when short, never more than is available (分配计划, S0:349-351).',
  security: sessionAndCsrf,
  request: { body: body(s.AllocationPlanCreateSchema) },
  responses: { 201: json(s.AllocationPlanSchema), ...problems.change },
});
const getAllocation = createRoute({
  method: 'get',
  path: '/allocation-plans/{id}',
  tags,
  operationId: 'getAllocationPlan',
  summary: 'An allocation plan with availability, lateness and progress',
  description: 'Any logged-in user, for a plan of their own depot or one below it (403 out_of_scope). Its lines per child and product with what was allocated, dispatched and received; what is available while it is a draft; its deadline (end of February of the year) and whether it is late; and the transfer orders it generated.',
  security: session,
  request: idParams,
  responses: { 200: json(s.AllocationPlanSchema), ...problems.read },
});
const updateAllocation = createRoute({
  method: 'patch',
  path: '/allocation-plans/{id}',
  tags,
  operationId: 'updateAllocationPlan',
  summary: 'Adjust allocations (to depots directly below, within what is available)',
  description: 'A planner of the plan’s depot (403 out_of_scope, role_required), before it is issued (409 plan_issued) and while its year lasts (409 plan_year_closed). Sets the allocation of the given child and product lines, with an optional reason; only to depots directly below (422 not_a_child_depot) and never more of a product than is available (409 exceeds_available).',
  security: sessionAndCsrf,
  request: { ...idParams, body: body(s.AllocationPlanUpdateSchema) },
  responses: { 200: json(s.AllocationPlanSchema), ...problems.change },
});
const issueAllocation = createRoute({
  method: 'post',
  path: '/allocation-plans/{id}/issue',
  tags,
  operationId: 'issueAllocationPlan',
  summary: 'The leader signs and issues the plan; the planned transfer orders are generated',
  description: 'A leader of the plan’s depot (403 out_of_scope, role_required), once (409 plan_issued), while its year lasts, with every allocation still within what is available (409 exceeds_available). Signing issues the plan (下达, S0:351) and generates one transfer order per child with what it was allocated, approved as planned (S0:391), for the storekeeper to pick and dispatch. Issued after the end of February, the plan shows as late.',
  security: sessionAndCsrf,
  request: idParams,
  responses: { 200: json(s.AllocationPlanSchema), ...problems.change },
});
const allocationOverview = createRoute({
  method: 'get',
  path: '/depots/{depotId}/allocation-plans',
  tags,
  operationId: 'getAllocationOverview',
  summary: 'A depot’s allocation plan for a year and what the depot above allocated to it',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). The depot’s plan for the year if any, its deadline and lateness, and what the depot above allocated to it per product.',
  security: session,
  request: { ...depotParams, query: s.YearQuerySchema },
  responses: { 200: json(s.AllocationOverviewSchema), ...problems.read },
});

const allocationRemaining = createRoute({
  method: 'get',
  path: '/depots/{depotId}/allocation-remaining',
  tags,
  operationId: 'getAllocationRemaining',
  summary: 'What the depot’s issued allocation plans leave for one depot below, per plan and product',
  description:
    'Any logged-in user, for their own depot or one below it (403 out_of_scope). For each issued allocation plan of the depot and each product it allocates to `toDepotId`: allocated, ordered on the plan’s orders to that depot that are not declined or cancelled, and what remains: the most a new transfer order on basis `allocation_plan` may ask for (POST /transfer-orders answers 409 exceeds_allocation above it). Empty when no issued plan allocates to that depot.',
  security: session,
  request: { ...depotParams, query: s.AllocationRemainingQuerySchema },
  responses: { 200: json(s.AllocationRemainingSchema), ...problems.read },
});

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
    .openapi(allocationOverview, (c) => c.json(svc.allocationOverview(deps, c.get('actor'), c.req.valid('param').depotId, c.req.valid('query').year), 200))
    .openapi(allocationRemaining, (c) => c.json(svc.allocationRemainingTo(deps, c.get('actor'), c.req.valid('param').depotId, c.req.valid('query').toDepotId), 200));
