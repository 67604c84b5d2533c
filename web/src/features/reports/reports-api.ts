import type { z } from '@hono/zod-openapi';
import { asQuery, call, client } from '../../api.ts';
import type { ReportCatalogueSchema, ReportSheetSchema } from '../../../../server/schemas/reports.ts';
import type { PeriodKind } from './report-params.ts';

/**
 * The reports calls, typed from the server's routes like api.ts but carried by the reports chunk:
 * only its screen uses them. The XLSX and CSV exports are plain links (exportHref), not calls.
 */

export type ReportCatalogue = z.infer<typeof ReportCatalogueSchema>['reports'];
export type ReportSummary = ReportCatalogue[number];
export type ReportGroup = ReportSummary['group'];
export type ReportSheet = z.infer<typeof ReportSheetSchema>;
export type ReportColumn = ReportSheet['columns'][number];
export type ReportRow = ReportSheet['rows'][number];

export interface ReportRequest {
  report: string;
  depotId: number;
  year: number;
  period: PeriodKind;
  month?: number;
  scope: 'own' | 'summary';
}

export const reportCatalogue = () => call(client.reports.$get()).then((c) => c.reports as ReportCatalogue);

export const reportSheet = ({ report, ...query }: ReportRequest) =>
  call(client.reports[':report'].$get({ param: { report }, query: asQuery({ ...query, format: 'json' as const }) })) as Promise<ReportSheet>;

/** The same report as a download: format=xlsx (laid out like the paper form) or csv, in the given language. */
export function exportHref({ report, ...query }: ReportRequest, format: 'xlsx' | 'csv', lang: string): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, format, lang })) if (value !== undefined) search.set(key, String(value));
  return `/api/reports/${encodeURIComponent(report)}?${search}`;
}

/** Sets a product's CYP conversion factor (折算系数): admin, planner or leader of the region depot. */
export const setCypFactor = (productId: number, cypPerUnit: number) => call(client.products[':id'].$patch({ param: { id: String(productId) }, json: { cypPerUnit } }));
