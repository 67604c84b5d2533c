import { z } from '@hono/zod-openapi';
import { HANDOVER_STATUSES, SATISFACTION, SERVICE_CHANNELS, SERVICE_KINDS, SERVICE_STATUSES } from '../domain/service-desk.ts';

/** The service desk (docs/service-desk.md): requests and complaints, their owner, due times, reply and resolution. */

const id = z.coerce.number().int().positive();
const linkId = z.number().int().positive().nullable().optional();
const DepotRefSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), tier: z.string() });
const kind = z.enum(SERVICE_KINDS).openapi({ description: 'supplies 药具需求, question 咨询, complaint 投诉, other 其他' });
const channel = z.enum(SERVICE_CHANNELS).openapi({ description: 'depot_below 下级单位, distribution_point 发放点群众, phone 电话' });

export const RequestIdParamSchema = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) });
export const DepotIdParamSchema = z.object({ depotId: id.openapi({ param: { name: 'depotId', in: 'path' } }) });
export const RequestListQuerySchema = z.object({
  depotId: id.optional().openapi({ description: 'the receiving depot; the user’s own by default' }),
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional().openapi({ description: 'true: the requests the user owns or is offered, wherever received' }),
  asked: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true: the requests the user’s own depot made of the depots above it (recorded there as from a depot below), to follow them' }),
  open: z.enum(['true', 'false']).transform((v) => v === 'true').optional().openapi({ description: 'true: not closed' }),
});
export const SummaryQuerySchema = z.object({
  month: z.string().regex(/^(19|20|21)\d\d-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  format: z.enum(['json', 'html', 'xlsx']).default('json'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

const RequesterInputSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('depot'), depotId: z.number().int().positive().openapi({ description: 'a depot below the receiving one' }) }),
    z.strictObject({
      kind: z.literal('public'),
      name: z.string().trim().min(1).max(60).nullable().openapi({ description: 'the person’s name, or null for anonymous' }),
      phone: z.string().trim().regex(/^[0-9+\-() ]{5,20}$/, 'a phone number').nullable().optional(),
    }),
  ])
  .openapi({ description: 'a depot below, or a member of the public (name or anonymous, optional phone: personal data, seen only at the receiving depot)' });

export const RequestCreateSchema = z
  .strictObject({
    depotId: z.number().int().positive().openapi({ description: 'the receiving depot: the user’s own' }),
    kind,
    channel,
    requester: RequesterInputSchema,
    subject: z.string().trim().min(2).max(120),
    text: z.string().trim().min(2).max(4000),
    batchId: linkId.openapi({ description: 'a lot held at the receiving depot or below' }),
    transferOrderId: linkId.openapi({ description: 'a transfer order to or from the receiving depot or a depot below' }),
    personId: linkId.openapi({ description: 'a person registered at the receiving depot or below' }),
    adverseReactionId: linkId.openapi({ description: 'an adverse-reaction report filed at the receiving depot or below' }),
  })
  .openapi('ServiceRequestCreate');
export const HandoverSchema = z
  .strictObject({ toUserId: z.number().int().positive().openapi({ description: 'an active user of the receiving depot or the depot above' }), note: z.string().trim().max(500).nullable().optional() })
  .openapi('ServiceHandover');
export const ReplySchema = z.strictObject({ text: z.string().trim().min(2).max(2000) }).openapi('ServiceReply');
export const ResolveSchema = z
  .strictObject({ resolution: z.string().trim().min(2).max(2000), satisfaction: z.enum(SATISFACTION).openapi({ description: 'the requester’s word: satisfied, neutral, dissatisfied, or not_reached' }), satisfactionNote: z.string().trim().max(500).nullable().optional() })
  .openapi('ServiceResolve');

const RequesterSchema = z.discriminatedUnion('kind', [z.object({ kind: z.literal('depot'), depot: DepotRefSchema }), z.object({ kind: z.literal('public'), anonymous: z.boolean() })]);

export const RequestSummarySchema = z
  .object({
    id: z.number().int(),
    number: z.string(),
    depot: DepotRefSchema,
    kind,
    channel,
    requester: RequesterSchema,
    subject: z.string(),
    status: z.enum(SERVICE_STATUSES),
    receivedAt: z.string(),
    receivedBy: z.number().int().openapi({ description: '首问责任人: who received it' }),
    receivedByName: z.string().nullable(),
    ownerId: z.number().int().openapi({ description: 'who acts on it now' }),
    ownerName: z.string().nullable(),
    pendingHandover: z.object({ id: z.number().int(), toUserId: z.number().int(), toName: z.string().nullable(), fromUserId: z.number().int(), note: z.string().nullable(), offeredAt: z.string() }).nullable(),
    replyDueAt: z.string(),
    resolveDueAt: z.string(),
    repliedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    replyOverdue: z.boolean(),
    resolveOverdue: z.boolean(),
    satisfaction: z.enum(SATISFACTION).nullable(),
  })
  .openapi('ServiceRequestSummary');

export const RequestSchema = RequestSummarySchema.extend({
  text: z.string(),
  contact: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable().openapi({ description: 'a member of the public’s name and phone: only to users of the receiving depot, and the read is audited' }),
  reply: z.string().nullable(),
  repliedByName: z.string().nullable(),
  resolution: z.string().nullable(),
  satisfactionNote: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  links: z.object({
    lot: z.object({ id: z.number().int(), lot: z.string(), productZh: z.string(), productEn: z.string() }).nullable(),
    transferOrder: z.object({ id: z.number().int(), number: z.string() }).nullable(),
    person: z.object({ id: z.number().int(), caseNumber: z.string() }).nullable(),
    adverseReaction: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  }),
  handovers: z.array(z.object({ id: z.number().int(), fromName: z.string().nullable(), toName: z.string().nullable(), note: z.string().nullable(), status: z.enum(HANDOVER_STATUSES), offeredAt: z.string(), decidedAt: z.string().nullable() })),
}).openapi('ServiceRequest');

export const RequestListSchema = z.object({ items: z.array(RequestSummarySchema), overdue: z.number().int(), open: z.number().int() }).openapi('ServiceRequestList');

export const HandoverTargetsSchema = z
  .object({ items: z.array(z.object({ id: z.number().int(), displayName: z.string(), depotId: z.number().int(), depotName: z.string(), roles: z.array(z.string()) })) })
  .openapi('ServiceHandoverTargets');
