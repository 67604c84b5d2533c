import { z } from '@hono/zod-openapi';
import { PRODUCT_CLASSES } from './constants.ts';
import { MAX_LINE_QUANTITY } from '../domain/limits.ts';

/** Demand plans (需求计划), usage figures (使用人数) and allocation plans (分配计划). */

const id = z.coerce.number().int().positive();
const year = z.coerce.number().int().min(2000).max(2100);
const quantity = z.number().int().min(0).max(MAX_LINE_QUANTITY);

export const DepotParamSchema = z.object({ depotId: id.openapi({ param: { name: 'depotId', in: 'path' } }) });
export const YearQuerySchema = z.object({ year });
export const HalfQuerySchema = z.object({ year, half: z.coerce.number().int().min(1).max(2) });

export const DemandPlanCreateSchema = z.strictObject({ depotId: id, year }).openapi('DemandPlanCreate');
export const DemandPlanUpdateSchema = z
  .strictObject({ lines: z.array(z.strictObject({ productId: id, quantity, reason: z.string().trim().max(300).optional() })).max(200) })
  .openapi('DemandPlanUpdate');
export const ReturnSchema = z.strictObject({ comment: z.string().trim().min(2).max(500) }).openapi('DemandPlanReturn');

const DemandInputsSchema = z.object({
  lastYearIssued: z.number(),
  lastYearDispensed: z.number(),
  openingStock: z.number(),
  stockBelow: z.number(),
  users: z.number().nullable(),
  standardAnnualUse: z.number(),
  turnoverMonths: z.number(),
  trendPct: z.number(),
  childrenRequested: z.number(),
  hasPlanningChildren: z.boolean(),
});

const ChildPlanSchema = z.object({
  depotId: z.number().int(),
  code: z.string(),
  name: z.string(),
  planId: z.number().int().nullable(),
  status: z.enum(['draft', 'submitted', 'returned']).nullable(),
  signed: z.boolean(),
  submittedAt: z.string().nullable(),
  quantities: z.record(z.string(), z.number().int()),
});

export const DemandPlanSchema = z
  .object({
    id: z.number().int(),
    depotId: z.number().int(),
    year: z.number().int(),
    status: z.enum(['draft', 'submitted', 'returned']),
    signedBy: z.number().int().nullable(),
    signedAt: z.string().nullable(),
    submittedBy: z.number().int().nullable(),
    submittedAt: z.string().nullable(),
    missingChildren: z.array(z.number().int()).nullable(),
    returnedBy: z.number().int().nullable(),
    returnedAt: z.string().nullable(),
    returnComment: z.string().nullable(),
    signedByName: z.string().nullable(),
    submittedByName: z.string().nullable(),
    returnedByName: z.string().nullable(),
    createdBy: z.number().int(),
    createdAt: z.string(),
    depot: z.object({ id: z.number().int(), code: z.string(), name: z.string(), tier: z.string() }),
    lines: z.array(
      z.object({
        id: z.number().int(),
        planId: z.number().int(),
        productId: z.number().int(),
        inputs: DemandInputsSchema,
        proposed: z.number().int(),
        quantity: z.number().int(),
        reason: z.string().nullable(),
        productCode: z.string(),
        productNameZh: z.string(),
        productNameEn: z.string(),
        unitZh: z.string(),
        unitEn: z.string(),
        method: z.string(),
      }),
    ),
    children: z.array(ChildPlanSchema),
  })
  .openapi('DemandPlan');

export const DemandOverviewSchema = z
  .object({ depotId: z.number().int(), year: z.number().int(), state: z.enum(['not_open', 'open', 'closed']), planId: z.number().int().nullable(), status: z.string().nullable(), children: z.array(ChildPlanSchema) })
  .openapi('DemandPlanOverview');

export const ConsolidationSchema = z
  .object({ depotId: z.number().int(), year: z.number().int(), lines: z.array(z.object({ productId: z.number().int(), quantity: z.number().int(), plans: z.number().int() })) })
  .openapi('DemandConsolidation');

export const UsageFiguresInputSchema = z
  .strictObject({ year, half: z.union([z.literal(1), z.literal(2)]), figures: z.array(z.strictObject({ method: z.enum(PRODUCT_CLASSES), users: z.number().int().min(0).max(10_000_000) })).min(1).max(PRODUCT_CLASSES.length) })
  .openapi('UsageFiguresInput');

export const UsageFiguresSchema = z
  .object({
    depotId: z.number().int(),
    year: z.number().int(),
    half: z.number().int(),
    entered: z.array(z.object({ method: z.string(), users: z.number().int(), recordedAt: z.string() })),
    derived: z.array(z.object({ method: z.string(), users: z.number().int() })),
  })
  .openapi('UsageFigures');

export const AllocationPlanCreateSchema = z.strictObject({ depotId: id, year, note: z.string().trim().max(300).optional() }).openapi('AllocationPlanCreate');
export const AllocationPlanUpdateSchema = z
  .strictObject({ lines: z.array(z.strictObject({ childDepotId: id, productId: id, allocated: quantity, reason: z.string().trim().max(300).optional() })).min(1).max(5_000) })
  .openapi('AllocationPlanUpdate');

export const AllocationPlanSchema = z
  .object({
    id: z.number().int(),
    number: z.string(),
    depotId: z.number().int(),
    year: z.number().int(),
    status: z.enum(['draft', 'issued']),
    note: z.string().nullable(),
    createdBy: z.number().int(),
    createdAt: z.string(),
    signedBy: z.number().int().nullable(),
    signedByName: z.string().nullable(),
    issuedAt: z.string().nullable(),
    depot: z.object({ id: z.number().int(), code: z.string(), name: z.string(), tier: z.string() }),
    deadline: z.string(),
    late: z.boolean(),
    available: z.record(z.string(), z.number().int()).nullable(),
    lines: z.array(
      z.object({
        id: z.number().int(),
        childDepotId: z.number().int(),
        productId: z.number().int(),
        requested: z.number().int().nullable(),
        lastYearUse: z.number().int(),
        lastYearUsers: z.number().int(),
        forecastChangePct: z.number(),
        proposed: z.number().int(),
        allocated: z.number().int(),
        reason: z.string().nullable(),
        childName: z.string(),
        childCode: z.string(),
        productCode: z.string(),
        productNameZh: z.string(),
        productNameEn: z.string(),
        dispatched: z.number().int(),
        received: z.number().int(),
      }),
    ),
    orders: z.array(z.object({ id: z.number().int(), number: z.string(), status: z.string(), toDepotId: z.number().int() })),
  })
  .openapi('AllocationPlan');

export const AllocationOverviewSchema = z
  .object({
    depotId: z.number().int(),
    year: z.number().int(),
    deadline: z.string(),
    planId: z.number().int().nullable(),
    status: z.string().nullable(),
    late: z.boolean(),
    allocatedToMe: z.array(z.object({ productId: z.number().int(), allocated: z.number().int() })),
  })
  .openapi('AllocationOverview');

export const AllocationRemainingQuerySchema = z.object({ toDepotId: id.openapi({ description: 'a depot directly below', example: 2 }) });

export const AllocationRemainingSchema = z
  .object({
    depotId: z.number().int(),
    toDepotId: z.number().int(),
    items: z.array(
      z.object({
        planId: z.number().int(),
        planNumber: z.string(),
        year: z.number().int(),
        productId: z.number().int(),
        productCode: z.string(),
        productNameZh: z.string(),
        productNameEn: z.string(),
        allocated: z.number().int(),
        ordered: z.number().int().openapi({ description: 'on the plan’s orders to this depot that are not declined or cancelled' }),
        remaining: z.number().int().openapi({ description: 'allocated less ordered: the most a new order on this line may ask for' }),
      }),
    ),
  })
  .openapi('AllocationRemaining');
