import { z } from '@hono/zod-openapi';
import { ARCHIVE_CATEGORIES, ATTACHMENT_TYPES } from '../domain/archive.ts';

/** The business archive (业务档案, S0:335-337): the index of form 1.1, attached scans, retention decisions. */

const id = z.coerce.number().int().positive();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const TextSchema = z.object({ zh: z.string(), en: z.string() });
const DepotRefSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), tier: z.string() });
const category = z.enum(ARCHIVE_CATEGORIES).openapi({ description: 'S0:336: vouchers 票据, accounts 药具账目, plans 计划, reports 报表, business 业务文件, training 宣传培训资料' });
const KINDS =
  'receipt 入库单, issue_note 出库单, write_off 报废审批表, opening_balance 期初库存, stock_count 盘点表, demand_plan 需求计划, allocation_plan 分配计划, report_submission 上报报表, adverse_reaction 不良反应报告表, supervision_visit 监督检查记录, assessment_round 考核评估';

export const IndexQuerySchema = z.object({
  depotId: id,
  year: z.coerce.number().int().min(2000).max(2100).optional().openapi({ description: 'the year the documents are dated in; all years without it' }),
  category: category.optional(),
});
export const IndexSheetQuerySchema = IndexQuerySchema.extend({ format: z.enum(['html', 'xlsx']).default('html'), lang: z.enum(['zh-CN', 'en']).default('zh-CN') });
export const DepotQuerySchema = z.object({ depotId: id });
export const DocumentParamSchema = z.object({
  documentType: z.string().min(1).max(40).openapi({ param: { name: 'documentType', in: 'path' }, description: `the kind of document: ${KINDS}` }),
  id: id.openapi({ param: { name: 'id', in: 'path' } }),
});
export const AttachmentParamSchema = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) });
export const AttachQuerySchema = z.object({
  fileName: z.string().trim().min(1).max(200).openapi({ description: 'the file’s name as the user chose it', example: 'delivery-note.pdf' }),
  note: z.string().trim().max(500).optional(),
});
export const AttachBodySchema = z.string().openapi({ format: 'binary' });

export const EntrySchema = z.object({
  kind: z.string(),
  kindTitle: TextSchema,
  category,
  id: z.number().int(),
  number: z.string(),
  title: TextSchema,
  date: z.string(),
  year: z.number().int(),
  retentionYears: z.number().int(),
  retainUntil: z.string().openapi({ description: 'the last day it is kept: the end of its year plus the category’s years, or a leader’s later date' }),
  pastRetention: z.boolean().openapi({ description: 'past its retention and not disposed of: awaiting the leader’s decision' }),
  disposed: z.boolean(),
  attachments: z.number().int(),
});

export const IndexSchema = z
  .object({
    depot: DepotRefSchema,
    categories: z.array(z.object({ key: category, title: TextSchema, retentionYears: z.number().int(), count: z.number().int() })),
    years: z.array(z.number().int()).openapi({ description: 'the years the depot has documents of, newest first' }),
    items: z.array(EntrySchema),
  })
  .openapi('ArchiveIndex');

export const AttachmentSchema = z
  .object({
    id: z.number().int(),
    documentKind: z.string(),
    documentId: z.number().int(),
    fileName: z.string(),
    contentType: z.enum(ATTACHMENT_TYPES),
    byteSize: z.number().int(),
    sha256: z.string(),
    note: z.string().nullable(),
    attachedBy: z.number().int(),
    attachedByName: z.string().nullable(),
    attachedAt: z.string(),
    disposedAt: z.string().nullable().openapi({ description: 'when a leader disposed of the document: the bytes are gone, this record stays' }),
    disposedByName: z.string().nullable(),
  })
  .openapi('ArchiveAttachment');

export const DocumentSchema = z
  .object({
    document: EntrySchema,
    depot: DepotRefSchema,
    attachments: z.array(AttachmentSchema),
    decisions: z.array(z.object({ id: z.number().int(), decision: z.enum(['keep', 'dispose']), keepUntil: z.string().nullable(), reason: z.string(), decidedBy: z.number().int(), decidedByName: z.string().nullable(), decidedAt: z.string() })),
  })
  .openapi('ArchiveDocument');

export const RetentionListSchema = z.object({ items: z.array(EntrySchema) }).openapi('ArchiveRetentionList');

export const RetentionDecisionSchema = z
  .strictObject({
    kind: z.string().min(1).max(40),
    documentId: z.number().int().positive(),
    decision: z.enum(['keep', 'dispose']),
    keepUntil: date.nullable().optional().openapi({ description: 'with keep: the new last day, after today' }),
    reason: z.string().trim().min(2).max(500),
  })
  .openapi('ArchiveRetentionDecision');
