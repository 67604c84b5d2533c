import { z } from '@hono/zod-openapi';
import { PERIOD_KINDS } from '../domain/report-period.ts';

/** Reports (报表): one query shape for every report, one sheet shape for every answer. */

const TextSchema = z.object({ zh: z.string(), en: z.string() });

export const ReportParamSchema = z.object({ report: z.string().min(1).max(60).openapi({ param: { name: 'report', in: 'path' }, example: 'pts' }) });

export const ReportQuerySchema = z.object({
  depotId: z.coerce.number().int().positive(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  period: z.enum(PERIOD_KINDS).default('year'),
  month: z.coerce.number().int().min(1).max(12).optional(),
  scope: z.enum(['own', 'summary']).default('own'),
  format: z.enum(['json', 'xlsx', 'csv']).default('json'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

const CellSchema = z.union([z.string(), z.number(), z.null()]);

export const ReportSheetSchema = z
  .object({
    report: z.string(),
    title: TextSchema,
    depot: z.object({ id: z.number(), code: z.string(), name: z.string(), tier: z.string() }),
    period: z.object({ from: z.string(), to: z.string(), label: TextSchema }),
    columns: z.array(
      z.object({
        key: z.string(),
        header: TextSchema,
        group: TextSchema.optional(),
        kind: z.enum(['text', 'int', 'money', 'decimal', 'percent']),
        perUnit: z.boolean().optional().openapi({ description: 'a quantity in the row’s product unit (its `unit` cell): totalled per unit, never across units' }),
      }),
    ),
    rows: z.array(z.record(z.string(), CellSchema)),
    totals: z.record(z.string(), CellSchema).nullable().openapi({ description: '合计: its quantity columns are empty when the rows hold more than one unit (see unitTotals)' }),
    unitTotals: z.array(z.record(z.string(), CellSchema)).openapi({ description: '合计（盒）, 合计（板）…: a total row per unit, shown before 合计, when the rows hold more than one unit; empty otherwise' }),
    notes: z.array(TextSchema),
    signatures: z.array(TextSchema),
    generatedAt: z.string(),
  })
  .openapi('ReportSheet');

export const ReportCatalogueSchema = z
  .object({ reports: z.array(z.object({ id: z.string(), title: TextSchema, group: z.enum(['statistics', 'finance', 'risk', 'indicators']), hasScope: z.boolean() })) })
  .openapi('ReportCatalogue');
