import { z } from '@hono/zod-openapi';
import { DEPOT_TIERS } from './constants.ts';
import { EXCURSION_KIND_NAMES } from './climate.ts';
import { UnitQuantitySchema, byUnit } from './units.ts';
import { SUBMISSION_KINDS } from '../domain/report-submissions.ts';
import { FacilityGlanceSchema } from './facilities.ts';
import { SERVICE_KINDS } from '../domain/service-desk.ts';
import { CADENCE_KINDS } from '../domain/training.ts';

const TextSchema = z.object({ zh: z.string(), en: z.string() });

/** A depot's dashboard (issue 10, item 6): the panels of the user's roles and the tree below. */

const id = z.coerce.number().int().positive();
const int = z.number().int();
const date = z.string().openapi({ description: 'a calendar date YYYY-MM-DD in the depots’ time zone' });
const epochMs = int.nonnegative().openapi({ description: 'epoch milliseconds, UTC' });

export const DepotParamSchema = z.object({ depotId: id.openapi({ param: { name: 'depotId', in: 'path' } }) });

export const DEPOT_STATES = ['ok', 'attention', 'alert'] as const;
export const DEMAND_PLAN_STATUSES = ['none', 'draft', 'signed', 'returned', 'submitted'] as const;
const DEMAND_WINDOWS = ['not_open', 'open', 'closed'] as const;

const StorekeeperPanelSchema = z
  .object({
    receipts: z.array(
      z.object({
        id: int,
        number: z.string(),
        source: z.enum(['supplier', 'transfer']),
        transferOrderId: int.nullable(),
        supplierName: z.string(),
        deliveryNote: z.string(),
        arrivedOn: date,
        stage: z.enum(['count', 'sign']).openapi({ description: 'count: open, to scan and count; sign: counted, without the storekeeper’s signature' }),
      }),
    ),
    ordersToPick: z.array(
      z.object({
        id: int,
        number: z.string(),
        toDepotId: int,
        toDepotName: z.string(),
        basis: z.string(),
        createdAt: z.string(),
        quantities: z.array(UnitQuantitySchema.extend({ picked: int })).openapi({ description: 'ordered and picked so far, per unit' }),
      }),
    ),
    shipmentsToReceive: z.array(z.object({ id: int, number: z.string(), fromDepotId: int, fromDepotName: z.string(), dispatchedAt: z.string(), quantities: byUnit })),
    counts: z.object({
      open: z.array(z.object({ id: int, number: z.string(), status: z.enum(['counting', 'submitted']) })),
      lastCountedAt: z.string().nullable(),
      dueOn: date.nullable(),
      overdue: z.boolean(),
    }),
    expiredInQualified: z
      .object({ lots: int, quantities: byUnit })
      .openapi({ description: 'expired stock still in the qualified zone here, to move to the red zone: how many lots, and how much per unit' }),
  })
  .openapi('DashboardStorekeeper');

const InspectorPanelSchema = z
  .object({
    awaitingInspection: z.array(z.object({ id: int, number: z.string(), supplierName: z.string(), countedAt: z.string(), lots: int, quantities: byUnit })),
    pending: byUnit.openapi({ description: 'everything in the pending zone here, per unit' }),
    preIssueChecks: z.object({
      items: z.array(
        z.object({
          batchId: int,
          lot: z.string(),
          expiresOn: date,
          productCode: z.string(),
          productNameZh: z.string(),
          productNameEn: z.string(),
          quantity: int,
          unitZh: z.string(),
          unitEn: z.string(),
          reason: z.enum(['climate', 'held_long']).openapi({ description: 'climate: stood through an excursion since its last check; held_long: the 90/30-day rule (S0:397)' }),
          orderId: int.nullable().openapi({ description: 'an approved order from here that wants the product' }),
        }),
      ),
      total: int,
    }),
    excursions: z.array(z.object({ id: int, areaId: int, areaName: z.string(), kind: z.enum(EXCURSION_KIND_NAMES), startAt: epochMs, endAt: epochMs.nullable() })),
    holds: z.array(z.object({ id: int, batchId: int, lot: z.string(), productCode: z.string(), productNameZh: z.string(), productNameEn: z.string(), reason: z.string(), raisedAt: z.string() })),
  })
  .openapi('DashboardInspector');

const PlanningPanelSchema = z
  .object({
    receiptsToSign: z
      .array(
        z.object({
          id: int,
          number: z.string(),
          source: z.enum(['supplier', 'transfer']),
          supplierName: z.string(),
          deliveryNote: z.string(),
          arrivedOn: date,
          countedAt: z.string(),
          storekeeperSigned: z.boolean(),
          quantities: byUnit,
        }),
      )
      .openapi({ description: 'for a planner: counted receipts here still without the planner’s signature (S0:356), oldest first; empty for a leader' }),
    approvals: z.object({
      transferOrders: z.array(z.object({ id: int, number: z.string(), fromDepotName: z.string(), toDepotName: z.string(), basis: z.string(), createdAt: z.string() })),
      writeOffs: z.array(z.object({ id: int, number: z.string(), depotId: int, depotName: z.string(), quantities: byUnit, totalValueFen: int, requestedAt: z.string() })),
      stockCounts: z.array(z.object({ id: int, number: z.string(), submittedAt: z.string() })),
      demandPlans: z.array(z.object({ id: int, year: int, status: z.enum(['draft', 'returned']) })),
      allocationPlans: z.array(z.object({ id: int, number: z.string(), year: int })),
    }),
    deadlines: z.object({
      demand: z
        .object({
          year: int,
          state: z.enum(DEMAND_WINDOWS),
          opensOn: date,
          closesOn: date.openapi({ description: 'the window’s last day' }),
          daysToOpen: int.nullable(),
          daysLeft: int.nullable(),
          planId: int.nullable(),
          status: z.enum(DEMAND_PLAN_STATUSES),
        })
        .nullable(),
      allocation: z
        .object({ year: int, dueOn: date, daysLeft: int.openapi({ description: 'negative once past' }), planId: int.nullable(), status: z.enum(['none', 'draft', 'issued']), late: z.boolean() })
        .nullable(),
    }),
    notReporting: z.object({
      demandYear: int.nullable().openapi({ description: 'the year whose demand plans are being compiled; null outside the window' }),
      demandPlans: z.array(z.object({ depotId: int, code: z.string(), name: z.string(), planId: int.nullable(), status: z.enum(DEMAND_PLAN_STATUSES) })),
      usageHalf: z.object({ year: int, half: int }),
      usageFigures: z.object({ items: z.array(z.object({ depotId: int, code: z.string(), name: z.string() })), total: int }),
    }),
  })
  .openapi('DashboardPlanning');

const GlanceSchema = z.object({
  id: int,
  code: z.string(),
  name: z.string(),
  tier: z.enum(DEPOT_TIERS),
  depots: int.openapi({ description: 'depots summed: the depot and every depot below it (1 for the depot itself)' }),
  stockValueFen: int,
  expired: byUnit.openapi({ description: 'expired stock in every zone, per unit' }),
  expiredInQualified: byUnit.openapi({ description: 'of it, what still stands in the qualified zone' }),
  nearExpiry: byUnit.openapi({ description: 'near-expiry stock in the qualified zone, per unit' }),
  openExcursions: int,
  missingLogs: int,
  countsOverdue: int,
  openWriteOffs: int,
  demandPlan: z.enum(DEMAND_PLAN_STATUSES).nullable(),
  state: z.enum(DEPOT_STATES),
});

const TreePanelSchema = z
  .object({
    planYear: int,
    planWindow: z.enum(DEMAND_WINDOWS),
    self: GlanceSchema.openapi({ description: 'the depot alone' }),
    children: z.array(GlanceSchema.extend({ childCount: int }).openapi({ description: 'a depot directly below, its figures summed over its subtree' })),
  })
  .openapi('DashboardTree');

const OverdueActionSchema = z.object({ id: int, visitId: int, text: z.string(), dueOn: date, depot: z.string() });

const TrainingOverdueSchema = z.object({
  depot: z.object({ id: int, code: z.string(), name: z.string(), tier: z.enum(DEPOT_TIERS) }),
  kind: z.enum(CADENCE_KINDS),
  lastHeldOn: z.string().nullable(),
  dueBy: z.string().nullable(),
  held: int,
  times: int,
  everyMonths: int,
});

export const DashboardSchema = z
  .object({
    depot: z.object({ id: int, code: z.string(), name: z.string(), tier: z.enum(DEPOT_TIERS) }),
    today: date,
    own: z.boolean().openapi({ description: 'the user’s own depot: only there do the role panels show' }),
    storekeeper: StorekeeperPanelSchema.nullable(),
    inspector: InspectorPanelSchema.nullable(),
    planning: PlanningPanelSchema.nullable(),
    tree: TreePanelSchema.nullable(),
    adverseReactions: z
      .object({ overdue: int, awaitingConfirmation: int, openSignals: int })
      .openapi('DashboardAdverseReactions', {
        description: 'over the subtree: serious adverse-reaction cases past their due date and not yet at the region, reports awaiting the county’s confirmation, lot signals of the current window whose lot is not held (GET /adverse-reactions/overdue, /adverse-signals)',
      }),
    serviceDesk: z
      .object({
        overdue: z.array(
          z.object({ id: int, number: z.string(), subject: z.string(), kind: z.enum(SERVICE_KINDS), ownerName: z.string(), stage: z.enum(['reply', 'resolve']), dueAt: z.string() }),
        ),
      })
      .nullable()
      .openapi('DashboardServiceDesk', { description: 'for the depot’s leader: requests it received past their reply or resolution time, longest overdue first (GET /service-requests)' }),
    supervision: z
      .object({ owed: z.array(OverdueActionSchema), below: z.array(OverdueActionSchema) })
      .openapi('DashboardSupervision', { description: 'corrective actions of supervision visits open past their deadline: those this depot owes (`depot` the visiting one) and those it waits for at depots it visited (`depot` the visited one) (GET /supervision-actions)' }),
    facilities: FacilityGlanceSchema,
    training: z
      .object({
        own: z.array(TrainingOverdueSchema),
        below: z.array(TrainingOverdueSchema),
        belowTotal: int.openapi({ description: 'overdue rows below, of which `below` lists the first 50' }),
      })
      .openapi('DashboardTraining', { description: 'staff trainings and public education overdue against their cadence: this depot’s own and the depots below it (GET /training-cadence)' }),
    reports: z
      .object({
        own: z.array(
          z.object({
            kind: z.enum(SUBMISSION_KINDS),
            title: TextSchema,
            periodLabel: TextSchema,
            dueOn: date,
            state: z.enum(['due', 'late', 'returned']),
            late: z.boolean(),
            submissionId: int.nullable(),
            returnReason: z.string().nullable(),
          }),
        ),
        notReported: z.array(
          z.object({
            kind: z.enum(SUBMISSION_KINDS),
            title: TextSchema,
            periodLabel: TextSchema,
            dueOn: date,
            expected: int,
            depots: z.array(z.object({ depotId: int, name: z.string(), state: z.enum(['due', 'late', 'returned']) })),
          }),
        ),
        awaiting: int.openapi({ description: 'reports from the depots below waiting for this depot to accept or return them' }),
      })
      .nullable()
      .openapi('DashboardReports', {
        description: 'for the leader and planner at their own depot (else null), the reports falling due this year (last year’s second-half, fourth-quarter and yearly ones included): this depot’s own due, late or returned, and for each report and period the depots directly below that have not reported (GET /depots/{depotId}/report-status)',
      }),
  })
  .openapi('Dashboard');
