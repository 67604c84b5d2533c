import type { z } from '@hono/zod-openapi';
import { asQuery, call, client } from '../../api.ts';
import type { RequestCreateSchema } from '../../../../server/schemas/service-desk.ts';
import type { ReportSheetSchema } from '../../../../server/schemas/reports.ts';

/** The service desk's calls (server/routes/service-desk.ts), carried by its chunk; the summary to print and its XLSX are plain links. */
const id = (n: number) => ({ id: String(n) });

export type ServiceRequest = Awaited<ReturnType<typeof getRequest>>;
export type RequestList = Awaited<ReturnType<typeof listRequests>>;
export type RequestSummary = RequestList['items'][number];
export type RequestCreate = z.input<typeof RequestCreateSchema>;
export type SummarySheet = z.infer<typeof ReportSheetSchema>;
export type Kind = RequestSummary['kind'];
export type Channel = RequestSummary['channel'];
export type Satisfaction = NonNullable<RequestSummary['satisfaction']>;

export const KINDS: readonly Kind[] = ['supplies', 'question', 'complaint', 'other'];
export const CHANNELS: readonly Channel[] = ['depot_below', 'distribution_point', 'phone'];
export const SATISFACTIONS: readonly Satisfaction[] = ['satisfied', 'neutral', 'dissatisfied', 'not_reached'];

export const listRequests = (query: { depotId?: number; mine?: boolean; asked?: boolean; open?: boolean }) =>
  call(
    client['service-requests'].$get({
      query: asQuery({ depotId: query.depotId, mine: query.mine ? ('true' as const) : undefined, asked: query.asked ? ('true' as const) : undefined, open: query.open ? ('true' as const) : undefined }),
    }),
  );
export const getRequest = (requestId: number) => call(client['service-requests'][':id'].$get({ param: id(requestId) }));
export const receiveRequest = (input: RequestCreate) => call(client['service-requests'].$post({ json: input }));
export const handoverTargets = (requestId: number) => call(client['service-requests'][':id']['handover-targets'].$get({ param: id(requestId) }));
export const handOver = (requestId: number, toUserId: number, note: string | null) => call(client['service-requests'][':id'].handover.$post({ param: id(requestId), json: { toUserId, note } }));
export const acceptHandover = (requestId: number) => call(client['service-requests'][':id'].accept.$post({ param: id(requestId) }));
export const declineHandover = (requestId: number) => call(client['service-requests'][':id'].decline.$post({ param: id(requestId) }));
export const reply = (requestId: number, text: string) => call(client['service-requests'][':id'].reply.$post({ param: id(requestId), json: { text } }));
export const resolve = (requestId: number, resolution: string, satisfaction: Satisfaction, satisfactionNote: string | null) =>
  call(client['service-requests'][':id'].resolve.$post({ param: id(requestId), json: { resolution, satisfaction, satisfactionNote } }));
export const monthlySummary = (depotId: number, month: string) =>
  call(client.depots[':depotId']['service-summary'].$get({ param: { depotId: String(depotId) }, query: { month } })) as Promise<SummarySheet>;
export const summaryHref = (depotId: number, month: string, format: 'html' | 'xlsx', lang: 'zh-CN' | 'en') => `/api/depots/${depotId}/service-summary?month=${month}&format=${format}&lang=${lang}`;
