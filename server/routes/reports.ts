import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/reports.ts';
import { router, problems, refused, session, json } from '../http/openapi.ts';
import { buildReport, reportCatalogue } from '../services/reports/registry.ts';
import { exportFileName, sheetToCsv, sheetToXlsx } from '../services/reports/export.ts';

const tags = ['reports'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const catalogue = createRoute({
  method: 'get',
  path: '/reports',
  tags,
  operationId: 'listReports',
  summary: 'The reports the product makes',
  description: 'Any logged-in user. Each report’s id, Chinese and English title, its group (statistics, finance, risk, indicators) and whether it exists both at own level and as a summary of the depots below.',
  security: session,
  responses: { 200: json(s.ReportCatalogueSchema), ...refused(401) },
});
const report = createRoute({
  method: 'get',
  path: '/reports/{report}',
  tags,
  operationId: 'getReport',
  summary: 'A report of a depot for a period (default: this year), as JSON, or as XLSX in the layout of the official form, or CSV',
  description:
    'Any logged-in user, for their own depot or one below it (403 out_of_scope; 404 report_not_found for an id GET /reports does not list). One sheet shape for every report (购调存 pts, usage, users, general and detail ledgers, risk views, CYP and method-mix indicators; S0:370-374, 402-412): columns, rows, totals (a 合计 per unit of measure when the rows hold several units, whose quantities are never added up, then 合计 of the rest) and notes for the year, a half-year, a quarter or a month, at own level or summed over the depots below (`scope=summary`). `format=xlsx` answers a workbook laid out like the official form (title, 填报单位, 统计期间, grouped headers, 合计, signature lines) and `format=csv` UTF-8 with a BOM, both as downloads; `lang=en` gives English headers.',
  security: session,
  request: { params: s.ReportParamSchema, query: s.ReportQuerySchema },
  responses: {
    200: {
      description: 'The report sheet; with format=xlsx or csv a download',
      content: {
        'application/json': { schema: s.ReportSheetSchema },
        [XLSX]: { schema: z.string().openapi({ format: 'binary' }) },
        'text/csv': { schema: z.string() },
      },
    },
    ...problems.read,
  },
});

const attachment = (name: string) => `attachment; filename="report.${name.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const reportRoutes = (deps: Deps) =>
  router()
    .openapi(catalogue, (c) => c.json({ reports: reportCatalogue() }, 200))
    .openapi(report, async (c) => {
      const { format, lang, ...params } = c.req.valid('query');
      const sheet = buildReport(deps, c.get('actor'), c.req.valid('param').report, params);
      if (format === 'xlsx') {
        const body = await sheetToXlsx(sheet, lang);
        return c.body(new Uint8Array(body), 200, { 'content-type': XLSX, 'content-disposition': attachment(exportFileName(sheet, lang, 'xlsx')) }) as never;
      }
      if (format === 'csv') {
        return c.body(sheetToCsv(sheet, lang), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachment(exportFileName(sheet, lang, 'csv')) }) as never;
      }
      return c.json(sheet, 200);
    });
