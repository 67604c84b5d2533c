import { z } from '@hono/zod-openapi';
import { byUnit, totalsByUnit } from './units.ts';
import { MAX_LINE_QUANTITY } from '../domain/limits.ts';

/** Non-conforming stock: expiry sweep, batch holds and trace, write-offs and their disposal. */

const id = z.coerce.number().int().positive();
const quantity = z.number().int().positive().max(MAX_LINE_QUANTITY);
const NONCONFORMITY = z.enum(['expired', 'inner_pack_broken', 'count_differs_from_label', 'markings_missing', 'visible_defect']);

export const DepotParamSchema = z.object({ depotId: id.openapi({ param: { name: 'depotId', in: 'path' } }) });
export const TraceQuerySchema = z.object({ depotId: id.optional() });

const ExpiredRowSchema = z.object({
  depotId: z.number().int(),
  depotName: z.string(),
  batchId: z.number().int(),
  lot: z.string(),
  expiresOn: z.string(),
  productCode: z.string(),
  productNameZh: z.string(),
  productNameEn: z.string(),
  unitZh: z.string(),
  unitEn: z.string(),
  quantity: z.number().int(),
  valueFen: z.number().int(),
  unitPriceFen: z.number().int(),
});

const allUnits = z.number().int().openapi({ description: 'every unit added up: tells only whether there is any; show the quantities per unit (byUnit, or the items by their unit)' });
export const ExpiredStockSchema = z.object({ items: z.array(ExpiredRowSchema), quantity: allUnits, valueFen: z.number().int() }).openapi('ExpiredStock');
export const SweepResultSchema = z
  .object({ sweepId: z.number().int().nullable(), postingId: z.number().int().optional(), moved: allUnits, lines: z.array(ExpiredRowSchema) })
  .openapi('ExpirySweepResult');

const ExpiryTotalsSchema = z.object({ expiredQuantity: allUnits, expiredValueFen: z.number().int(), expiredInQualified: allUnits, nearQuantity: allUnits, nearValueFen: z.number().int() });
const ExpiryByUnitSchema = z.object({ expired: byUnit, near: byUnit, expiredInQualified: byUnit }).openapi('ExpiryByUnit');
export const ExpirySummarySchema = z
  .object({
    depotId: z.number().int(),
    nearExpiryDays: z.number().int(),
    total: ExpiryTotalsSchema,
    totalByUnit: ExpiryByUnitSchema,
    depots: z.array(ExpiryTotalsSchema.extend({ id: z.number().int(), name: z.string(), code: z.string(), byUnit: ExpiryByUnitSchema })),
  })
  .openapi('ExpirySummary');

export const HoldCreateSchema = z
  .strictObject({ depotId: id, batchId: id, reason: z.string().trim().min(2).max(500), inspectionId: id.optional() })
  .openapi('BatchHoldCreate');
export const HoldReleaseSchema = z.strictObject({ reason: z.string().trim().min(2).max(500) }).openapi('BatchHoldRelease');

export const HoldSchema = z
  .object({
    id: z.number().int(),
    batchId: z.number().int(),
    depotId: z.number().int(),
    depotPath: z.string(),
    reason: z.string(),
    inspectionId: z.number().int().nullable(),
    raisedBy: z.number().int(),
    raisedAt: z.string(),
    releasedBy: z.number().int().nullable(),
    releasedAt: z.string().nullable(),
    releaseReason: z.string().nullable(),
  })
  .openapi('BatchHold');
export const HoldListSchema = z
  .object({ items: z.array(HoldSchema.extend({ lot: z.string(), expiresOn: z.string(), productCode: z.string(), productNameZh: z.string(), productNameEn: z.string(), depotName: z.string(), appliesHere: z.boolean() })) })
  .openapi('BatchHoldList');

const int = z.number().int();

export const ReconciliationSchema = z
  .object({
    fromSupplier: int,
    fromAbove: int,
    inTransit: int,
    shortOnArrival: int,
    issued: int,
    dispensed: int,
    writtenOff: int,
    returnedToMaker: int,
    countDifference: int,
    onHand: int,
    balanced: z.boolean(),
    unaccounted: int,
  })
  .openapi('TraceReconciliation', { description: 'A depot reconciled: fromSupplier + fromAbove + countDifference − issued − dispensed − writtenOff − returnedToMaker = onHand (in its zones, not counting what is in transit to it; `balanced`). Unaccounted: found short on arrival plus stock-count shortages. Net of reversals.' });

const TraceDepotSchema = z.object({
  id: int,
  code: z.string(),
  name: z.string(),
  tier: z.string(),
  depth: int,
  received: int,
  issued: int,
  dispensed: int,
  dispensings: int,
  toPeople: z.object({ people: int, quantity: int }).openapi({ description: 'Dispensed to registered people (how many people, never who), reversed dispensings left out.' }),
  anonymous: int,
  writtenOff: int,
  returnedToMaker: int,
  onHand: z.record(z.string(), int),
  held: z.boolean(),
  reconciliation: ReconciliationSchema,
});

const TraceShipmentSchema = z.object({ orderId: int, number: z.string(), fromDepotId: int, toDepotId: int, status: z.string(), dispatchedAt: z.string(), quantity: int, short: int, received: int.nullable() });

const TraceTotalsSchema = z
  .object({ dispensed: int, writtenOff: int, returnedToMaker: int, onHand: int, inTransit: int, shortOnArrival: int, countShortage: int, unaccounted: int, balanced: z.boolean() })
  .openapi('TraceTotals');

export const TraceSchema = z
  .object({
    batch: z.object({ id: int, lot: z.string(), expiresOn: z.string(), manufacturer: z.string().nullable(), productId: int, productCode: z.string(), productNameZh: z.string(), productNameEn: z.string() }),
    root: z.object({ id: int, code: z.string(), name: z.string() }),
    depots: z.array(TraceDepotSchema),
    shipments: z.array(TraceShipmentSchema),
    totals: TraceTotalsSchema,
    holds: z.array(HoldSchema),
  })
  .openapi('BatchTrace');

export const ProductTraceSchema = z
  .object({
    product: z.object({ id: int, code: z.string(), nameZh: z.string(), nameEn: z.string(), unitZh: z.string(), unitEn: z.string() }),
    root: z.object({ id: int, code: z.string(), name: z.string() }),
    lots: z.array(z.object({ id: int, lot: z.string(), expiresOn: z.string(), onHand: int })),
    depots: z.array(TraceDepotSchema),
    shipments: z.array(TraceShipmentSchema),
    totals: TraceTotalsSchema,
  })
  .openapi('ProductTrace');

const WriteOffLineInputSchema = z.strictObject({ batchId: id, quantity, kind: NONCONFORMITY, note: z.string().trim().max(200).optional() });

export const WriteOffCreateSchema = z
  .strictObject({ depotId: id, inspectionId: id.optional(), note: z.string().trim().max(500).optional(), lines: z.array(WriteOffLineInputSchema).min(1).max(200) })
  .openapi('WriteOffCreate');
export const WriteOffResubmitSchema = WriteOffCreateSchema.omit({ depotId: true }).openapi('WriteOffResubmit');

export const WriteOffDecisionSchema = z
  .strictObject({ decision: z.enum(['approved', 'returned']), reason: z.string().trim().min(2).max(500).optional() })
  .refine((d) => d.decision === 'approved' || d.reason !== undefined, { path: ['reason'], message: 'a returned request needs a reason' })
  .openapi('WriteOffDecision');

export const DisposalSchema = z
  .strictObject({
    method: z.enum(['destroy', 'return_to_maker']),
    place: z.string().trim().max(120).optional(),
    detail: z.string().trim().max(500).optional(),
    witnesses: z.array(z.strictObject({ username: z.string().trim().min(1).max(60), password: z.string().min(1).max(200) })).max(10).default([]),
  })
  .openapi('Disposal');

const WriteOffLineSchema = z.object({
  id: z.number().int(),
  batchId: z.number().int(),
  quantity: z.number().int(),
  kind: z.string(),
  note: z.string().nullable(),
  unitPriceFen: z.number().int(),
  valueFen: z.number().int(),
  lot: z.string(),
  expiresOn: z.string(),
  manufacturer: z.string().nullable(),
  productCode: z.string(),
  productNameZh: z.string(),
  productNameEn: z.string(),
  specZh: z.string(),
  unitZh: z.string(),
  unitEn: z.string(),
});

export const WriteOffSchema = z
  .object({
    id: z.number().int(),
    number: z.string(),
    depotId: z.number().int(),
    approvalDepotId: z.number().int(),
    status: z.enum(['submitted', 'returned', 'approved', 'disposed', 'withdrawn']),
    inspectionId: z.number().int().nullable(),
    note: z.string().nullable(),
    requestedBy: z.number().int(),
    requestedAt: z.string(),
    requestedByName: z.string().nullable(),
    decidedBy: z.number().int().nullable(),
    decidedAt: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decisionReason: z.string().nullable(),
    depot: z.object({ id: z.number().int(), code: z.string(), name: z.string(), tier: z.string() }),
    approvalDepot: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
    inspection: z.object({ id: z.number().int(), kind: z.string(), inspectedAt: z.string(), nonconformities: z.array(z.string()), note: z.string().nullable() }).nullable(),
    lines: z.array(WriteOffLineSchema),
    totalQuantity: z.number().int().openapi({ description: 'every unit added up; show totalsByUnit' }),
    totalValueFen: z.number().int(),
    totalsByUnit,
    disposal: z
      .object({
        id: z.number().int(),
        requestId: z.number().int(),
        method: z.enum(['destroy', 'return_to_maker']),
        place: z.string().nullable(),
        detail: z.string().nullable(),
        recordedBy: z.number().int(),
        disposedAt: z.string(),
        postingId: z.number().int(),
        witnesses: z.array(z.object({ userId: z.number().int(), name: z.string(), username: z.string(), confirmedAt: z.string() })),
      })
      .nullable(),
  })
  .openapi('WriteOff');

const WriteOffSummarySchema = WriteOffSchema.pick({
  id: true,
  number: true,
  depotId: true,
  approvalDepotId: true,
  status: true,
  inspectionId: true,
  note: true,
  requestedBy: true,
  requestedAt: true,
  decidedBy: true,
  decidedAt: true,
  decisionReason: true,
}).extend({ depotName: z.string(), lines: z.number().int(), totalQuantity: z.number().int().openapi({ description: 'every unit added up; show totalsByUnit' }), totalValueFen: z.number().int(), totalsByUnit });
export const WriteOffListSchema = z.object({ items: z.array(WriteOffSummarySchema), toDecide: z.array(WriteOffSummarySchema) }).openapi('WriteOffList');
export const WriteOffListQuerySchema = z.object({ depotId: id });
