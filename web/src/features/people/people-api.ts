import type { z } from '@hono/zod-openapi';
import { asQuery, call, client } from '../../api.ts';
import type { FollowUpCreateSchema, FollowUpSummarySchema, PersonCreateSchema, PersonStatusChangeSchema, UserCountsSchema } from '../../../../server/schemas/people.ts';
import type { ReportSheetSchema } from '../../../../server/schemas/reports.ts';
import type { PersonStatus } from '../../../../server/domain/people-vocabulary.ts';
import type { ProductClass } from '../../../../server/schemas/constants.ts';

/**
 * The users register's calls (花名册, 随访, 发放登记表: docs/people.md), typed from the server's
 * routes like api.ts. The forms to print and the XLSX exports are plain same-origin links.
 */

export type PeoplePage = Awaited<ReturnType<typeof people>>;
export type PersonRow = PeoplePage['items'][number];
export type Person = Awaited<ReturnType<typeof person>>;
export type DuePage = Awaited<ReturnType<typeof dueFollowUps>>;
export type DueFollowUp = DuePage['items'][number];
export type UserCounts = z.infer<typeof UserCountsSchema>;
export type FollowUpSummary = z.infer<typeof FollowUpSummarySchema>;
export type RegisterSheet = z.infer<typeof ReportSheetSchema>;
export type PersonCreate = z.input<typeof PersonCreateSchema>;
export type StatusChange = z.input<typeof PersonStatusChangeSchema>;
export type FollowUpCreate = z.input<typeof FollowUpCreateSchema>;

export interface PeopleQuery {
  depotId: number;
  status?: PersonStatus;
  method?: ProductClass;
  closed?: 'open' | 'closed' | 'all';
  q?: string;
  page?: number;
  pageSize?: number;
}

const id = (n: number) => ({ id: String(n) });
const depotParam = (n: number) => ({ depotId: String(n) });

export const people = (query: PeopleQuery) => call(client.people.$get({ query: asQuery(query) }));
export const person = (personId: number) => call(client.people[':id'].$get({ param: id(personId) }));
export const registerPerson = (input: PersonCreate) => call(client.people.$post({ json: input }));
export const changeStatus = (personId: number, input: StatusChange) => call(client.people[':id'].status.$post({ param: id(personId), json: input }));
export const closePerson = (personId: number, reason: string) => call(client.people[':id'].close.$post({ param: id(personId), json: { reason } }));
export const recordFollowUp = (personId: number, input: FollowUpCreate) => call(client.people[':id']['follow-ups'].$post({ param: id(personId), json: input }));
export const dueFollowUps = (depotId: number, withinDays = 30, page = 1) => call(client['follow-ups'].due.$get({ query: asQuery({ depotId, withinDays, page }) }));
export const userCounts = (depotId: number, year: number, half: 1 | 2) =>
  call(client.depots[':depotId']['user-counts'].$get({ param: depotParam(depotId), query: asQuery({ year, half, format: 'json' as const }) })) as Promise<UserCounts>;
export const followUpSummary = (depotId: number, year: number, quarter: number) =>
  call(client.depots[':depotId']['follow-up-summary'].$get({ param: depotParam(depotId), query: asQuery({ year, quarter, format: 'json' as const }) })) as Promise<FollowUpSummary>;
export const dispensingRegister = (depotId: number, from: string, to: string) =>
  call(client.dispensings.register.$get({ query: asQuery({ depotId, from, to, format: 'json' as const }) })) as Promise<RegisterSheet>;

const link = (path: string, query: Record<string, string | number>) => `/api${path}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`;

/** Form 8.1 of one person: `html` opens to print, `pdf` and `xlsx` download. */
export const followUpFormHref = (personId: number, format: 'html' | 'pdf' | 'xlsx', lang: string) => link(`/people/${personId}/follow-up-form`, { format, lang });
/** Form 8.2 with names: a leader's XLSX download, logged by the server. */
export const registerExportHref = (depotId: number, lang: string) => link(`/depots/${depotId}/people-register`, { lang });
/** Form 8.3 between two dates. */
export const dispensingRegisterHref = (depotId: number, from: string, to: string, format: 'html' | 'pdf' | 'xlsx', lang: string) => link('/dispensings/register', { depotId, from, to, format, lang });
export const userCountsHref = (depotId: number, year: number, half: number, lang: string) => link(`/depots/${depotId}/user-counts`, { year, half, format: 'xlsx', lang });
export const followUpSummaryHref = (depotId: number, year: number, quarter: number, format: 'html' | 'pdf' | 'xlsx', lang: string) => link(`/depots/${depotId}/follow-up-summary`, { year, quarter, format, lang });
