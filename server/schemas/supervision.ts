import { z } from '@hono/zod-openapi';
import { ACTION_STATUSES, CHECKLIST_ITEMS, FINDING_SEVERITIES, VISIT_METHODS, VISIT_STATUSES } from '../domain/supervision.ts';

/** Supervision visits (监督检查, S0:473-483): planned, performed against the checklist, findings signed, actions followed up. */

const id = z.coerce.number().int().positive();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const TextSchema = z.object({ zh: z.string(), en: z.string() });
const item = z.enum(CHECKLIST_ITEMS).openapi({ description: 'S0:479: funds 经费开支, transfers 调拨上下对应, dispensing_scope 发放范围, dispensing_steps 发放环节, accounts 账目记载, storage 储存' });
const severity = z.enum(FINDING_SEVERITIES);
const DepotRefSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), tier: z.string() });

export const VisitIdParamSchema = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) });
export const ChecklistItemParamSchema = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }), item: item.openapi({ param: { name: 'item', in: 'path' } }) });
export const DepotQuerySchema = z.object({ depotId: id });
export const ActionListQuerySchema = z.object({ depotId: id, side: z.enum(['visited', 'visiting']).default('visited').openapi({ description: 'visited: the actions the depot owes; visiting: those it follows up below' }) });
export const RecordQuerySchema = z.object({ format: z.enum(['html', 'xlsx']).default('html'), lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

const ActionInputSchema = z.strictObject({
  text: z.string().trim().min(2).max(500),
  ownerId: z.number().int().positive().openapi({ description: 'an active user of the visited depot (422 action_owner_invalid)' }),
  dueOn: date.openapi({ description: 'the deadline, today or later' }),
});

export const VisitCreateSchema = z
  .strictObject({
    visitedDepotId: z.number().int().positive(),
    plannedOn: date,
    visitors: z.array(z.string().trim().min(1).max(60)).min(1).max(20),
    methods: z.array(z.enum(VISIT_METHODS)).max(4).default([]).openapi({ description: 'S0:481: questioning 询问, visiting 走访, auditing_accounts 查账, tracking_supplies 跟踪药具去向' }),
    leaderId: z.number().int().positive().optional().openapi({ description: 'who leads the visit and signs its findings: an active user of the visiting depot; the planner by default' }),
  })
  .openapi('SupervisionVisitCreate');
export const ChecklistDecisionSchema = z.strictObject({ result: z.enum(['pass', 'attention']), note: z.string().trim().max(500).nullable().optional() }).openapi('SupervisionChecklistDecision');
export const FindingCreateSchema = z
  .strictObject({ text: z.string().trim().min(2).max(1000), severity, item: item.nullable().optional(), actions: z.array(ActionInputSchema).max(20).default([]) })
  .openapi('SupervisionFindingCreate');
export const ActionCreateSchema = ActionInputSchema.extend({ findingId: z.number().int().positive() }).openapi('SupervisionActionCreate');
export const ActionCloseSchema = z.strictObject({ note: z.string().trim().min(2).max(1000).openapi({ description: 'what the visited depot did' }) }).openapi('SupervisionActionClose');
export const ActionReopenSchema = z
  .strictObject({
    note: z.string().trim().min(2).max(1000).openapi({ description: 'why the correction is not accepted' }),
    dueOn: date.nullable().optional().openapi({ description: 'a new deadline, today or later; the old one stays when omitted' }),
  })
  .openapi('SupervisionActionReopen');
export const VisitCancelSchema = z.strictObject({ reason: z.string().trim().min(2).max(1000) }).openapi('SupervisionVisitCancel');
export const VisitCloseSchema = z.strictObject({ note: z.string().trim().max(1000).nullable().optional() }).openapi('SupervisionVisitClose');

const EvidenceSchema = z.object({ label: TextSchema, value: TextSchema, flag: z.boolean().openapi({ description: 'this figure calls for attention' }) });
const ChecklistItemSchema = z.object({
  key: item,
  title: TextSchema,
  evidence: z.array(EvidenceSchema),
  suggested: z.enum(['pass', 'attention']).nullable().openapi({ description: 'from the evidence: attention when any is flagged; null where the system holds nothing (funds)' }),
  result: z.enum(['pass', 'attention']).nullable().openapi({ description: 'the inspector’s decision' }),
  note: z.string().nullable(),
});

export const ActionSchema = z
  .object({
    id: z.number().int(),
    visitId: z.number().int(),
    findingId: z.number().int(),
    text: z.string(),
    ownerId: z.number().int(),
    ownerName: z.string().nullable(),
    dueOn: z.string(),
    status: z.enum(ACTION_STATUSES),
    overdue: z.boolean().openapi({ description: 'open past its deadline' }),
    closedBy: z.number().int().nullable(),
    closedByName: z.string().nullable(),
    closedAt: z.string().nullable(),
    closeNote: z.string().nullable(),
    verifiedBy: z.number().int().nullable(),
    verifiedByName: z.string().nullable(),
    verifiedAt: z.string().nullable(),
    reopenNote: z.string().nullable().openapi({ description: 'why the visiting depot last sent the closed action back' }),
    reopenedAt: z.string().nullable(),
  })
  .openapi('SupervisionAction');

export const VisitSchema = z
  .object({
    id: z.number().int(),
    visitingDepot: DepotRefSchema,
    visitedDepot: DepotRefSchema,
    status: z.enum(VISIT_STATUSES),
    plannedOn: z.string(),
    visitors: z.array(z.string()),
    methods: z.array(z.string()),
    leaderId: z.number().int(),
    leaderName: z.string().nullable(),
    createdBy: z.number().int(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    checklist: z.array(ChecklistItemSchema).nullable().openapi({ description: 'drawn when the visit starts and kept as the system knew the depot then; null while planned' }),
    signedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    closedByName: z.string().nullable(),
    closeNote: z.string().nullable().openapi({ description: 'the closing note, or why a cancelled visit was called off' }),
    findings: z.array(z.object({ id: z.number().int(), item: item.nullable(), text: z.string(), severity, createdAt: z.string(), actions: z.array(ActionSchema) })),
    openActions: z.number().int().openapi({ description: 'actions not yet verified' }),
    overdueActions: z.number().int(),
  })
  .openapi('SupervisionVisit');

export const VisitListSchema = z.object({ items: z.array(VisitSchema) }).openapi('SupervisionVisitList');

export const ActionListSchema = z
  .object({
    items: z.array(
      ActionSchema.extend({
        visitStatus: z.enum(VISIT_STATUSES),
        plannedOn: z.string(),
        otherDepot: DepotRefSchema.openapi({ description: 'the visiting depot (side=visited) or the visited one (side=visiting)' }),
        finding: z.object({ text: z.string(), severity }),
      }),
    ),
    overdue: z.number().int(),
    open: z.number().int(),
    toVerify: z.number().int(),
  })
  .openapi('SupervisionActionList');
