import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import { ChecklistsSchema, IdParamSchema, InspectionCreateSchema, InspectionSchema, NotificationCountSchema, NotificationListSchema } from '../schemas/api.ts';
import { router, problems, refused, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import { getInspection, recordInspection } from '../services/inspections.ts';
import { countUnreadNotifications, listNotifications, markNotificationRead } from '../services/notifications.ts';
import { CHECKLISTS } from '../domain/inspection.ts';
import type { DosageForm } from '../schemas/constants.ts';

const tags = ['inspections'];

const create = createRoute({
  method: 'post',
  path: '/inspections',
  tags,
  operationId: 'recordInspection',
  summary: 'Record an appearance check; passed goes to the qualified zone, failed to non-conforming',
  description:
    'An inspector of the depot (403 out_of_scope, role_required). Records the appearance check of one batch against every item of its dosage form’s checklist (S0:503-509; 422 validation_failed names an item missing or unknown) and moves the stock it covers: passed units to the qualified (green) zone, failed ones to the non-conforming (red) zone, one posting each (S0:387, 396). `receipt` checks a counted receipt of this depot (409 receipt_not_counted) from its pending zone, or opening stock waiting in the pending zone (`openingBalanceId`, where the tier inspects goods-in); `storage` and `pre_issue` (S0:397) check stock already qualified. An expired batch never passes (422 batch_expired, S0:419). Failed goods of a lot that never entered stock go back to the maker, and at county level and above a quality problem report is drafted (S0:399, 422). A failed pre-issue check tells the leader of the depot above (S0:394); a suspected quality change tells this depot’s leader (S0:387).',
  security: sessionAndCsrf,
  request: { body: body(InspectionCreateSchema) },
  responses: { 201: json(InspectionSchema), ...problems.change },
});
const one = createRoute({
  method: 'get',
  path: '/inspections/{id}',
  tags,
  operationId: 'getInspection',
  summary: 'One inspection record',
  description: 'Any logged-in user, for an inspection at their own depot or one below it (403 out_of_scope): the checklist answers, quantities passed and failed, the nonconformities found, and the supplier return and quality problem report it gave rise to.',
  security: session,
  request: { params: IdParamSchema },
  responses: { 200: json(InspectionSchema), ...problems.read },
});
const checklists = createRoute({
  method: 'get',
  path: '/inspections/checklists',
  tags,
  operationId: 'listInspectionChecklists',
  summary: 'The checklist items of each dosage form',
  description: 'Any logged-in user. The items an inspection of each dosage form answers (S0:503-509: tablets, injections, suppositories, films, gels, IUDs, condoms, implants), every one of them with its outer pack and markings.',
  security: session,
  responses: { 200: json(ChecklistsSchema), ...refused(401) },
});
const notifications = createRoute({
  method: 'get',
  path: '/notifications',
  tags,
  operationId: 'listNotifications',
  summary: 'Notifications for your roles at your depot',
  description: 'Any logged-in user: what the product told the roles you hold at your own depot, the latest 200, newest first, each with when you read it, what its text names (`params`: the document’s number, the product and lot, the depot, who reset a password) for each language to word its `kind` and link to its document, and the count you have not read, e.g. a transfer order waiting for a leader’s approval, a shipment dispatched to the storekeeper, expired stock still in the qualified zone, a failed pre-issue check below, a batch hold from above.',
  security: session,
  responses: {
    200: json(NotificationListSchema),
    ...refused(401),
  },
});

const unreadNotifications = createRoute({
  method: 'get',
  path: '/notifications/unread-count',
  tags,
  operationId: 'countUnreadNotifications',
  summary: 'How many of your notifications you have not read',
  description: 'Any logged-in user: the count of the bell, for the notifications to the roles you hold at your own depot that you have not marked read. One count and no documents, for the app to ask every minute and after each screen change.',
  security: session,
  responses: {
    200: json(NotificationCountSchema),
    ...refused(401),
  },
});

const readNotification = createRoute({
  method: 'post',
  path: '/notifications/{id}/read',
  tags,
  operationId: 'markNotificationRead',
  summary: 'Mark a notification read, for yourself',
  description: 'Any logged-in user, for a notification to a role they hold at their own depot (404 not_found otherwise). Read per user: the other people of the role still see it unread. Marking it again changes nothing. Answers the list as GET /notifications does.',
  security: sessionAndCsrf,
  request: { params: IdParamSchema },
  responses: { 200: json(NotificationListSchema), ...problems.change },
});

export const inspectionRoutes = (deps: Deps) =>
  router()
    .openapi(checklists, (c) => c.json(CHECKLISTS as Record<DosageForm, string[]>, 200))
    .openapi(create, (c) => c.json(recordInspection(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(one, (c) => c.json(getInspection(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(notifications, (c) => c.json(listNotifications(deps, c.get('actor')), 200))
    .openapi(unreadNotifications, (c) => c.json(countUnreadNotifications(deps, c.get('actor')), 200))
    .openapi(readNotification, (c) => c.json(markNotificationRead(deps, c.get('actor'), c.req.valid('param').id), 200));
