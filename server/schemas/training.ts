import { z } from '@hono/zod-openapi';
import { CADENCE_KINDS, EDUCATION_TOPICS, TRAINING_TOPICS } from '../domain/training.ts';
import { DEPOT_TIERS } from './constants.ts';
import { calendarDate } from './dates.ts';

/** Staff trainings and public education (S0:462-472), their cadence, and new staff trained first (S0:466). */

const id = z.coerce.number().int().positive();
const DepotRefSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), tier: z.enum(DEPOT_TIERS) });
const note = z.string().trim().max(1000).nullable().optional();

export const IdParamSchema = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) });
export const UserIdParamSchema = z.object({ userId: id.openapi({ param: { name: 'userId', in: 'path' } }) });
export const ListQuerySchema = z.object({
  depotId: id,
  scope: z.enum(['own', 'subtree']).default('own').openapi({ description: 'own: the depot’s own records; subtree: those of every depot below it too' }),
});
export const CadenceQuerySchema = ListQuerySchema.extend({
  overdueOnly: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .openapi({ description: 'keep only the overdue rows' }),
});
export const DepotQuerySchema = z.object({ depotId: id });

const AttendeeInputSchema = z.union([
  z.strictObject({ userId: z.number().int().positive().openapi({ description: 'an active user of the organiser or a depot below it' }) }),
  z.strictObject({
    name: z.string().trim().min(1).max(60).openapi({ description: 'someone without an account (a village group’s dispenser): name only' }),
    depotId: z.number().int().positive().openapi({ description: 'their depot: the organiser or one below it' }),
  }),
]);

export const TrainingCreateSchema = z
  .strictObject({
    heldOn: calendarDate.openapi({ description: 'the day it was held: today or earlier (422 date_in_future)' }),
    title: z.string().trim().min(2).max(200),
    topics: z.array(z.enum(TRAINING_TOPICS)).min(1).max(3).openapi({ description: 'TRN-2, S0:465: supplies_knowledge 药具基础知识, business_skills 业务技能, service_skills 服务技能' }),
    topicsNote: note.openapi({ description: 'what else it covered, in words' }),
    trainer: z.string().trim().min(1).max(120),
    materials: note.openapi({ description: 'the handouts by name; scanned files are attached in the archive' }),
    attendees: z.array(AttendeeInputSchema).min(1).max(500),
  })
  .openapi('TrainingCreate');

export const EducationCreateSchema = z
  .strictObject({
    heldOn: calendarDate.openapi({ description: 'today or earlier (422 date_in_future)' }),
    place: z.string().trim().min(1).max(200),
    topics: z.array(z.enum(EDUCATION_TOPICS)).min(1).max(5).openapi({ description: 'TRN-8, S0:470: action_and_use 作用与用法, precautions 注意事项与禁忌, side_effects 副作用及处理, free_supply_policy 免费发放政策, local_rules 地方规定' }),
    topicsNote: note,
    attendance: z.number().int().min(0).max(100_000).openapi({ description: 'how many people came' }),
    materials: note,
  })
  .openapi('EducationSessionCreate');

export const WaiverSchema = z.strictObject({ reason: z.string().trim().min(4).max(500).openapi({ description: 'why the training is waived (trained elsewhere, moved in from another depot)' }) }).openapi('TrainingWaiver');

export const TrainingSchema = z
  .object({
    id: z.number().int(),
    organiserDepot: DepotRefSchema,
    heldOn: z.string(),
    title: z.string(),
    topics: z.array(z.enum(TRAINING_TOPICS)),
    topicsNote: z.string().nullable(),
    trainer: z.string(),
    materials: z.string().nullable(),
    attendees: z.array(z.object({ userId: z.number().int().nullable(), name: z.string(), depotId: z.number().int(), depotName: z.string() })),
    createdBy: z.number().int(),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Training');
export const TrainingListSchema = z.object({ items: z.array(TrainingSchema) }).openapi('TrainingList');

export const EducationSchema = z
  .object({
    id: z.number().int(),
    depot: DepotRefSchema,
    heldOn: z.string(),
    place: z.string(),
    topics: z.array(z.enum(EDUCATION_TOPICS)),
    topicsNote: z.string().nullable(),
    attendance: z.number().int(),
    materials: z.string().nullable(),
    createdBy: z.number().int(),
    createdByName: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('EducationSession');
export const EducationListSchema = z.object({ items: z.array(EducationSchema) }).openapi('EducationSessionList');

const RuleSchema = z.object({ times: z.number().int(), everyMonths: z.number().int() });
export const CadenceSchema = z
  .object({
    today: z.string(),
    items: z.array(
      z.object({
        depot: DepotRefSchema,
        kind: z.enum(CADENCE_KINDS),
        rule: RuleSchema.openapi({ description: 'at least `times` in every `everyMonths` months (settings `training`)' }),
        held: z.number().int().openapi({ description: 'records that still count today' }),
        lastHeldOn: z.string().nullable(),
        dueBy: z.string().nullable().openapi({ description: 'the last day within the rule without a further record; null when never met' }),
        overdue: z.boolean(),
      }),
    ),
    overdue: z.number().int(),
    checked: z.number().int(),
  })
  .openapi('TrainingCadence');

export const PendingListSchema = z
  .object({ items: z.array(z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), createdAt: z.string() })) })
  .openapi('TrainingPendingUsers');
export const TrainingStateSchema = z
  .object({
    userId: z.number().int(),
    pending: z.boolean().openapi({ description: 'the user’s roles are not active yet' }),
    required: z.boolean().openapi({ description: 'created while new staff are trained first' }),
    trainedBy: z.object({ id: z.number().int(), heldOn: z.string(), title: z.string() }).nullable(),
    waivedBy: z.number().int().nullable(),
    waivedByName: z.string().nullable(),
    waivedAt: z.string().nullable(),
    waiverReason: z.string().nullable(),
  })
  .openapi('TrainingState');
