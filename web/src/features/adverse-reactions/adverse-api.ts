import type { z } from '@hono/zod-openapi';
import { asQuery, call, client } from '../../api.ts';
import type { AdverseReactionConfirmSchema, AdverseReactionCreateSchema } from '../../../../server/schemas/adverse-reactions.ts';
import type { AdrStatus } from '../../../../server/domain/adverse-vocabulary.ts';

/**
 * The adverse-reaction calls (不良反应, form 11, the county's confirmation, form 13, lot signals),
 * typed from the server's routes like api.ts but carried by this feature's chunk. The printed
 * forms and their XLSX are plain links (formHref), not calls.
 */

export type AdverseReaction = Awaited<ReturnType<typeof adverseReaction>>;
export type AdverseReactionPage = Awaited<ReturnType<typeof adverseReactions>>;
export type OverdueCase = Awaited<ReturnType<typeof overdueCases>>['items'][number];
export type SignalSummary = Awaited<ReturnType<typeof signals>>['items'][number];
export type Signal = Awaited<ReturnType<typeof signal>>;
export type ReportInput = z.input<typeof AdverseReactionCreateSchema>;
export type ConfirmInput = z.input<typeof AdverseReactionConfirmSchema>;

const id = (n: number) => ({ id: String(n) });

export interface ListQuery {
  depotId: number;
  page?: number;
  status?: AdrStatus;
  serious?: 'true' | 'false';
}

export const adverseReactions = (query: ListQuery) => call(client['adverse-reactions'].$get({ query: asQuery(query) }));
export const adverseReaction = (reportId: number) => call(client['adverse-reactions'][':id'].$get({ param: id(reportId) }));
export const fileReport = (input: ReportInput) => call(client['adverse-reactions'].$post({ json: input }));
export const confirmReport = (reportId: number, input: ConfirmInput) => call(client['adverse-reactions'][':id'].confirm.$post({ param: id(reportId), json: input }));
export const submitCaseReport = (reportId: number) => call(client['adverse-reactions'][':id'].submit.$post({ param: id(reportId) }));
export const overdueCases = (depotId: number) => call(client['adverse-reactions'].overdue.$get({ query: asQuery({ depotId }) }));
export const signals = (depotId: number) => call(client['adverse-signals'].$get({ query: asQuery({ depotId }) }));
export const signal = (signalId: number) => call(client['adverse-signals'][':id'].$get({ param: id(signalId) }));
export const holdSignalLot = (signalId: number) => call(client['adverse-signals'][':id'].hold.$post({ param: id(signalId) }));
/** The register of the depot and the villages below it, to name the person a report is about. */

export type FormFormat = 'html' | 'pdf' | 'xlsx';

/** Form 11 of a depot for a year (the reports filed there and below), to print or download. */
export function form11Href(depotId: number, year: number, format: FormFormat, lang: string): string {
  return `/api/adverse-reactions/sheet?${new URLSearchParams({ depotId: String(depotId), year: String(year), period: 'year', format, lang })}`;
}

/** Form 13, the case report of one serious reaction, to print or download. */
export function form13Href(reportId: number, format: FormFormat, lang: string): string {
  return `/api/adverse-reactions/${reportId}/sheet?${new URLSearchParams({ format, lang })}`;
}
