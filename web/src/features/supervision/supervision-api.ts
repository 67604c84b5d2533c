import { asQuery, call, client } from '../../api.ts';

/** The calls of supervision visits (server/routes/supervision.ts), carried by the supervision chunk. */
const id = (n: number) => ({ id: String(n) });

export type Visit = Awaited<ReturnType<typeof getVisit>>;
export type ChecklistItem = NonNullable<Visit['checklist']>[number];
export type Finding = Visit['findings'][number];
export type Action = Finding['actions'][number];
export type ActionList = Awaited<ReturnType<typeof listActions>>;
export type Verdict = 'pass' | 'attention';

export const listVisits = (depotId: number) => call(client['supervision-visits'].$get({ query: asQuery({ depotId }) }));
export const getVisit = (visitId: number) => call(client['supervision-visits'][':id'].$get({ param: id(visitId) }));
export const planVisit = (input: { visitedDepotId: number; plannedOn: string; visitors: string[]; methods: ('questioning' | 'visiting' | 'auditing_accounts' | 'tracking_supplies')[]; leaderId?: number }) =>
  call(client['supervision-visits'].$post({ json: input }));
export const startVisit = (visitId: number) => call(client['supervision-visits'][':id'].start.$post({ param: id(visitId) }));
export const decideItem = (visitId: number, item: ChecklistItem['key'], result: Verdict, note: string | null) =>
  call(client['supervision-visits'][':id'].checklist[':item'].$put({ param: { id: String(visitId), item }, json: { result, note } }));
export const addFinding = (visitId: number, input: { text: string; severity: Finding['severity']; item: ChecklistItem['key'] | null; actions: { text: string; ownerId: number; dueOn: string }[] }) =>
  call(client['supervision-visits'][':id'].findings.$post({ param: id(visitId), json: input }));
export const signFindings = (visitId: number) => call(client['supervision-visits'][':id'].sign.$post({ param: id(visitId) }));
export const closeVisit = (visitId: number) => call(client['supervision-visits'][':id'].close.$post({ param: id(visitId), json: {} }));
export const cancelVisit = (visitId: number, reason: string) => call(client['supervision-visits'][':id'].cancel.$post({ param: id(visitId), json: { reason } }));
export const listActions = (depotId: number, side: 'visited' | 'visiting') => call(client['supervision-actions'].$get({ query: asQuery({ depotId, side }) }));
export const closeAction = (actionId: number, note: string) => call(client['supervision-actions'][':id'].close.$post({ param: id(actionId), json: { note } }));
export const verifyAction = (actionId: number) => call(client['supervision-actions'][':id'].verify.$post({ param: id(actionId) }));
export const reopenAction = (actionId: number, note: string, dueOn: string | null) => call(client['supervision-actions'][':id'].reopen.$post({ param: id(actionId), json: { note, dueOn } }));
export const recordUrl = (visitId: number, format: 'html' | 'xlsx', lang: 'zh-CN' | 'en') => `/api/supervision-visits/${visitId}/record?format=${format}&lang=${lang}`;
