import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/reports.ts';
import { router, problems, json } from '../http/openapi.ts';
import { buildReport, reportCatalogue } from '../services/reports/registry.ts';
import { exportFileName, sheetToCsv, sheetToXlsx } from '../services/reports/export.ts';

const tags = ['reports'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const catalogue = createRoute({ method: 'get', path: '/reports', tags, summary: 'The reports the product makes', responses: { 200: json(s.ReportCatalogueSchema), ...problems } });
const report = createRoute({
  method: 'get',
  path: '/reports/{report}',
  tags,
  summary: 'A report of a depot for a period (default: this year), as JSON, or as XLSX in the layout of the official form, or CSV',
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
    ...problems,
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
