import { asQuery, call, client } from '../../api.ts';
import type { ArchiveCategory } from '../../../../server/domain/archive.ts';

/** The calls of the business archive (server/routes/archive.ts), carried by the archive chunk. */

export type ArchiveIndex = Awaited<ReturnType<typeof archiveIndex>>;
export type ArchiveEntry = ArchiveIndex['items'][number];
export type { ArchiveCategory };
export type ArchiveDocument = Awaited<ReturnType<typeof archiveDocument>>;
export type Attachment = ArchiveDocument['attachments'][number];

export const archiveIndex = (depotId: number, year?: number, category?: ArchiveCategory) => call(client.archive.$get({ query: asQuery({ depotId, year, category }) }));
export const retentionDue = (depotId: number) => call(client.archive.retention.$get({ query: asQuery({ depotId }) }));
export const archiveDocument = (kind: string, id: number) => call(client.archive[':documentType'][':id'].$get({ param: { documentType: kind, id: String(id) } }));
export const decideRetention = (input: { kind: string; documentId: number; decision: 'keep' | 'dispose'; keepUntil?: string | null; reason: string }) =>
  call(client.archive['retention-decisions'].$post({ json: input }));

/**
 * The file itself is the body, sent as the type the browser gives it (the server checks it
 * against the content); the typed client carries the session's CSRF token and an Idempotency-Key.
 */
export const attachFile = (kind: string, id: number, file: File, note?: string) =>
  call(
    client.archive[':documentType'][':id'].attachments.$post(
      { param: { documentType: kind, id: String(id) }, query: asQuery({ fileName: file.name, note: note || undefined }), header: { 'content-type': file.type || 'application/octet-stream' } } as never,
      { init: { credentials: 'same-origin', body: file } },
    ),
  );

export const downloadUrl = (attachmentId: number) => `/api/archive/attachments/${attachmentId}/content`;
export const sheetUrl = (depotId: number, format: 'html' | 'xlsx', lang: 'zh-CN' | 'en', year?: number) => `/api/archive/sheet?depotId=${depotId}&format=${format}&lang=${lang}${year ? `&year=${year}` : ''}`;
