import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/training.ts';
import { router, problems, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import * as svc from '../services/training.ts';

const tags = ['training'];

const record = createRoute({
  method: 'post',
  path: '/trainings',
  tags,
  operationId: 'recordTraining',
  summary: 'A depot records a staff training it held (培训, S0:462-468)',
  description:
    'A leader, planner or admin, for their own depot (403 role_required): the day it was held (not in the future, 422 date_in_future), the topics of TRN-2 and words for the rest, the trainer, the materials by name (scanned files are archive attachments) and the attendees: active users of the depot or a depot below it, or people without an account by name and depot only (422 attendee_invalid; nobody twice). A new user it names has their roles active from then on (S0:466). Audited at the organiser and at each attendee’s depot.',
  security: sessionAndCsrf,
  request: { body: body(s.TrainingCreateSchema) },
  responses: { 201: json(s.TrainingSchema), ...problems.change },
});
const list = createRoute({
  method: 'get',
  path: '/trainings',
  tags,
  operationId: 'listTrainings',
  summary: 'The trainings a depot held, or every depot of its subtree held, newest first',
  description: 'Any reader of the depot (403 out_of_scope): `scope=own` the depot’s own trainings, `scope=subtree` those of every depot below it too, each with its attendees.',
  security: session,
  request: { query: s.ListQuerySchema },
  responses: { 200: json(s.TrainingListSchema), ...problems.read },
});
const get = createRoute({
  method: 'get',
  path: '/trainings/{id}',
  tags,
  operationId: 'getTraining',
  summary: 'One training with its attendees',
  description: 'Any reader of the organising depot (403 out_of_scope; 404 training_not_found).',
  security: session,
  request: { params: s.IdParamSchema },
  responses: { 200: json(s.TrainingSchema), ...problems.read },
});
const recordEducation = createRoute({
  method: 'post',
  path: '/education-sessions',
  tags,
  operationId: 'recordEducationSession',
  summary: 'A depot records a public education session it held (药具知识宣传, S0:469-472)',
  description: 'A leader, planner or dispenser, for their own depot (403 role_required): the day (not in the future, 422 date_in_future), the place, the topics of TRN-8, how many people came, the materials by name. Audited.',
  security: sessionAndCsrf,
  request: { body: body(s.EducationCreateSchema) },
  responses: { 201: json(s.EducationSchema), ...problems.change },
});
const listEducation = createRoute({
  method: 'get',
  path: '/education-sessions',
  tags,
  operationId: 'listEducationSessions',
  summary: 'The public education sessions of a depot, or of its subtree, newest first',
  description: 'Any reader of the depot (403 out_of_scope): `scope=own` the depot’s own sessions, `scope=subtree` those of every depot below it too, with place, topics and attendance.',
  security: session,
  request: { query: s.ListQuerySchema },
  responses: { 200: json(s.EducationListSchema), ...problems.read },
});
const getEducation = createRoute({
  method: 'get',
  path: '/education-sessions/{id}',
  tags,
  operationId: 'getEducationSession',
  summary: 'One public education session',
  description: 'Any reader of its depot (403 out_of_scope; 404 education_session_not_found).',
  security: session,
  request: { params: s.IdParamSchema },
  responses: { 200: json(s.EducationSchema), ...problems.read },
});
const cadence = createRoute({
  method: 'get',
  path: '/training-cadence',
  tags,
  operationId: 'getTrainingCadence',
  summary: 'The training and public education cadence of a depot or its subtree, overdue first',
  description:
    'Any reader of the depot (403 out_of_scope). Each depot that uses the system (an active user there) against its tier’s rules (settings `training`): staff trainings at least once in two years at the region, once a year at a city or county, twice a year at a township (TRN-6, S0:468); public education twice a year at a township (TRN-10, S0:472). A rolling window: the rule’s `times`-th latest record counts for `everyMonths` months, to `dueBy`; overdue the day after, or when never met.',
  security: session,
  request: { query: s.CadenceQuerySchema },
  responses: { 200: json(s.CadenceSchema), ...problems.read },
});
const pending = createRoute({
  method: 'get',
  path: '/training-requirements',
  tags,
  operationId: 'listUntrainedUsers',
  summary: 'The new users of a depot whose roles wait for training (S0:466)',
  description: 'Any reader of the depot (403 out_of_scope). Users created through the users API while `training.newStaffTrainedFirst` is on, neither named by a training nor waived.',
  security: session,
  request: { query: s.DepotQuerySchema },
  responses: { 200: json(s.PendingListSchema), ...problems.read },
});
const state = createRoute({
  method: 'get',
  path: '/training-requirements/{userId}',
  tags,
  operationId: 'getTrainingState',
  summary: 'Where a user stands: waiting for training, trained (by which training), waived',
  description: 'Any reader of the user’s depot (403 out_of_scope; 404 user_not_found).',
  security: session,
  request: { params: s.UserIdParamSchema },
  responses: { 200: json(s.TrainingStateSchema), ...problems.read },
});
const waive = createRoute({
  method: 'post',
  path: '/training-requirements/{userId}/waiver',
  tags,
  operationId: 'waiveTraining',
  summary: 'The user’s leader waives the training a new user waits for, with a reason',
  description:
    'A leader of the user’s own depot (403 out_of_scope, role_required), never for themself (403 own_waiver; an untrained user’s roles are not active anyway, 403 training_required), for a user who waits (409 training_not_pending; 404 user_not_found). Their roles are active from then on; audited.',
  security: sessionAndCsrf,
  request: { params: s.UserIdParamSchema, body: body(s.WaiverSchema) },
  responses: { 200: json(s.TrainingStateSchema), ...problems.change },
});

export const trainingRoutes = (deps: Deps) =>
  router()
    .openapi(record, (c) => c.json(svc.recordTraining(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(list, (c) => c.json(svc.listTrainings(deps, c.get('actor'), c.req.valid('query').depotId, c.req.valid('query').scope), 200))
    .openapi(get, (c) => c.json(svc.getTraining(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(recordEducation, (c) => c.json(svc.recordEducation(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(listEducation, (c) => c.json(svc.listEducation(deps, c.get('actor'), c.req.valid('query').depotId, c.req.valid('query').scope), 200))
    .openapi(getEducation, (c) => c.json(svc.getEducation(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(cadence, (c) => {
      const { depotId, scope, overdueOnly } = c.req.valid('query');
      return c.json(svc.trainingCadence(deps, c.get('actor'), depotId, scope, overdueOnly), 200);
    })
    .openapi(pending, (c) => c.json(svc.pendingTraining(deps, c.get('actor'), c.req.valid('query').depotId), 200))
    .openapi(state, (c) => c.json(svc.userTrainingState(deps, c.get('actor'), c.req.valid('param').userId), 200))
    .openapi(waive, (c) => c.json(svc.waiveTraining(deps, c.get('actor'), c.req.valid('param').userId, c.req.valid('json')), 200));
