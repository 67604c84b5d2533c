import type { z } from '@hono/zod-openapi';
import { asQuery, call, client } from '../../api.ts';
import type { AllocationPlanUpdateSchema, DemandPlanUpdateSchema, UsageFiguresInputSchema } from '../../../../server/schemas/planning.ts';

/**
 * The planning calls (需求计划, 使用人数, 分配计划), typed from the server's routes like the rest of
 * api.ts, but carried by the planning chunk: only its screens use them, and the main bundle has a
 * size budget.
 */

export type DemandOverview = Awaited<ReturnType<typeof demandOverview>>;
export type DemandPlan = Awaited<ReturnType<typeof demandPlan>>;
export type UsageFigures = Awaited<ReturnType<typeof usageFigures>>;
export type AllocationOverview = Awaited<ReturnType<typeof allocationOverview>>;
export type AllocationPlan = Awaited<ReturnType<typeof allocationPlan>>;
export type DemandLineInput = z.input<typeof DemandPlanUpdateSchema>['lines'][number];
export type AllocationLineInput = z.input<typeof AllocationPlanUpdateSchema>['lines'][number];
export type UsageFiguresInput = z.input<typeof UsageFiguresInputSchema>;

const id = (n: number) => ({ id: String(n) });
const depotParam = (n: number) => ({ depotId: String(n) });

export const demandOverview = (depotId: number, year: number) => call(client.depots[':depotId']['demand-plans'].$get({ param: depotParam(depotId), query: asQuery({ year }) }));
export const openDemandPlan = (depotId: number, year: number) => call(client['demand-plans'].$post({ json: { depotId, year } }));
export const demandPlan = (planId: number) => call(client['demand-plans'][':id'].$get({ param: id(planId) }));
export const updateDemandPlan = (planId: number, lines: DemandLineInput[]) => call(client['demand-plans'][':id'].$patch({ param: id(planId), json: { lines } }));
export const signDemandPlan = (planId: number) => call(client['demand-plans'][':id'].sign.$post({ param: id(planId) }));
export const submitDemandPlan = (planId: number) => call(client['demand-plans'][':id'].submit.$post({ param: id(planId) }));
export const returnDemandPlan = (planId: number, comment: string) => call(client['demand-plans'][':id'].return.$post({ param: id(planId), json: { comment } }));
export const usageFigures = (depotId: number, year: number, half: 1 | 2) => call(client.depots[':depotId']['usage-figures'].$get({ param: depotParam(depotId), query: asQuery({ year, half }) }));
export const recordUsageFigures = (depotId: number, input: UsageFiguresInput) => call(client.depots[':depotId']['usage-figures'].$post({ param: depotParam(depotId), json: input }));
export const allocationOverview = (depotId: number, year: number) => call(client.depots[':depotId']['allocation-plans'].$get({ param: depotParam(depotId), query: asQuery({ year }) }));
export const openAllocationPlan = (depotId: number, year: number) => call(client['allocation-plans'].$post({ json: { depotId, year } }));
export const allocationPlan = (planId: number) => call(client['allocation-plans'][':id'].$get({ param: id(planId) }));
export const updateAllocationPlan = (planId: number, lines: AllocationLineInput[]) => call(client['allocation-plans'][':id'].$patch({ param: id(planId), json: { lines } }));
export const issueAllocationPlan = (planId: number) => call(client['allocation-plans'][':id'].issue.$post({ param: id(planId) }));
