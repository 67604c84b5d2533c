import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/archive.ts';
import { router, problems, refused, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import * as svc from '../services/archive.ts';
import { sheetToHtml } from '../services/people-print.ts';
import { exportFileName, sheetToXlsx } from '../services/reports/export.ts';

const tags = ['archive'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const binary = z.string().openapi({ format: 'binary' });
const FILE_TYPES = { 'application/pdf': { schema: binary }, 'image/jpeg': { schema: binary }, 'image/png': { schema: binary } };
const READ = 'Any logged-in user, for their own depot or one below it (403 out_of_scope).';

/** A download's name for every browser: an ASCII fallback, and the real (often Chinese) name in UTF-8. */
const disposition = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

const index = createRoute({
  method: 'get',
  path: '/archive',
  tags,
  operationId: 'getArchiveIndex',
  summary: 'The archive index (档案文件目录, form 1.1) of a depot: every document the system produced there, by category',
  description: `${READ} The depot’s own documents (receipts, issue notes, write-offs, opening balances, counts, plans, submitted reports, adverse-reaction reports, supervision records, assessment rounds), each with its category (S0:336), number, title, date, retention period and end, whether it awaits a retention decision or was disposed of, and how many scanned files it has; by year and category if asked.`,
  security: session,
  request: { query: s.IndexQuerySchema },
  responses: { 200: json(s.IndexSchema), ...problems.read },
});
const sheet = createRoute({
  method: 'get',
  path: '/archive/sheet',
  tags,
  operationId: 'getArchiveIndexSheet',
  summary: 'Form 1.1 档案文件目录: printable HTML or XLSX',
  description: `${READ} The index as the paper form: file number within its category, document number, title, category, date, retention, number of files, and the archive keeper’s and the head of unit’s signature lines.`,
  security: session,
  request: { query: s.IndexSheetQuerySchema },
  responses: {
    200: { description: 'The form: HTML to print, or an XLSX download', content: { 'text/html': { schema: z.string() }, [XLSX]: { schema: binary } } },
    ...problems.read,
  },
});
const retention = createRoute({
  method: 'get',
  path: '/archive/retention',
  tags,
  operationId: 'listArchiveRetentionDue',
  summary: 'The documents of a depot past their retention, awaiting its leader’s decision',
  description: `${READ} Nothing is deleted by itself: each stays listed until a leader keeps it longer or disposes of it.`,
  security: session,
  request: { query: s.DepotQuerySchema },
  responses: { 200: json(s.RetentionListSchema), ...problems.read },
});
const decide = createRoute({
  method: 'post',
  path: '/archive/retention-decisions',
  tags,
  operationId: 'decideArchiveRetention',
  summary: 'A leader keeps a document past its retention longer, or disposes of it',
  description:
    'A leader of the document’s depot (403 out_of_scope, role_required; 404 archive_document_not_found), for a document past its retention (409 retention_not_due) not yet disposed of (409 already_disposed). `keep` needs a new last day after today (422 validation_failed); `dispose` deletes the bytes of its attached files (their records, SHA-256 and who attached them stay) and marks the document disposed in the index; the system’s own record of the document stays. A leader who attached one of its files does not dispose of it (409 self_approval). Recorded with who, when and why; audited.',
  security: sessionAndCsrf,
  request: { body: body(s.RetentionDecisionSchema) },
  responses: { 200: json(s.DocumentSchema), ...problems.change },
});
const document = createRoute({
  method: 'get',
  path: '/archive/{documentType}/{id}',
  tags,
  operationId: 'getArchiveDocument',
  summary: 'A document of the archive index with its attached files and retention decisions',
  description: `Read as the document’s depot is (403 out_of_scope; 404 archive_document_not_found for an unknown kind or id).`,
  security: session,
  request: { params: s.DocumentParamSchema },
  responses: { 200: json(s.DocumentSchema), ...problems.read },
});
const attach = createRoute({
  method: 'post',
  path: '/archive/{documentType}/{id}/attachments',
  tags,
  operationId: 'attachArchiveFile',
  summary: 'Attach a scanned paper document (a delivery note, a voucher, a signed form) to a document of the archive',
  description:
    'Any user of the document’s own depot (403 out_of_scope elsewhere; 404 archive_document_not_found). The body is the file itself, sent as application/pdf, image/jpeg or image/png (415 unsupported_media_type for another declared type); its first bytes must show one of these (415 attachment_type_not_allowed) and the very type declared (422 attachment_type_mismatch), within the configured size (413 attachment_too_large, 4 MiB by default). A refused file leaves nothing stored. Kept in the database with its SHA-256; audited.',
  security: sessionAndCsrf,
  request: { params: s.DocumentParamSchema, query: s.AttachQuerySchema, body: { content: FILE_TYPES, required: true } },
  responses: { 201: json(s.AttachmentSchema), ...problems.change },
});
const download = createRoute({
  method: 'get',
  path: '/archive/attachments/{id}/content',
  tags,
  operationId: 'downloadArchiveFile',
  summary: 'Download an attached file',
  description: 'Read as its document is (403 out_of_scope; 404 attachment_not_found); a file whose document was disposed of is gone (409 attachment_disposed). The file in its own type, as a download under its name. Every read is in the audit log.',
  security: session,
  request: { params: s.AttachmentParamSchema },
  responses: { 200: { description: 'The file', content: FILE_TYPES }, ...problems.read, ...refused(409) },
});

export const archiveRoutes = (deps: Deps, writes: Deps = deps) =>
  router()
    .openapi(index, (c) => c.json(svc.archiveIndex(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(sheet, async (c) => {
      const { format, lang, ...query } = c.req.valid('query');
      const form = svc.indexSheet(deps, c.get('actor'), query);
      if (format === 'html') return c.html(sheetToHtml(form, lang)) as never;
      const file = await sheetToXlsx(form, lang);
      return c.body(new Uint8Array(file), 200, { 'content-type': XLSX, 'content-disposition': disposition(exportFileName(form, lang, 'xlsx')) }) as never;
    })
    .openapi(retention, (c) => c.json(svc.retentionDue(deps, c.get('actor'), c.req.valid('query').depotId), 200))
    .openapi(decide, (c) => c.json(svc.decideRetention(deps, c.get('actor'), c.req.valid('json')), 200))
    .openapi(document, (c) => c.json(svc.archiveDocument(deps, c.get('actor'), c.req.valid('param').documentType, c.req.valid('param').id), 200))
    .openapi(attach, async (c) => {
      const { documentType, id } = c.req.valid('param');
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const input = { ...c.req.valid('query'), declaredType: c.req.header('content-type'), bytes };
      return c.json(svc.attachFile(deps, c.get('actor'), documentType, id, input), 201);
    })
    .openapi(download, (c) => {
      const file = svc.readAttachment(deps, c.get('actor'), c.req.valid('param').id, writes.db);
      return c.body(new Uint8Array(file.content), 200, { 'content-type': file.contentType, 'content-disposition': disposition(file.fileName) }) as never;
    });
