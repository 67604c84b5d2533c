import { sqliteTable, integer, text, blob, index } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { users } from './access.ts';

/**
 * A scanned paper document (a supplier's delivery note, a national new-product voucher, a signed
 * paper form) attached to a document of the archive index (业务档案, S0:336-337). The document is
 * named by its kind in server/services/archive-sources.ts and its id in that kind's table; the
 * depot is the document's, copied here so that scope checks and lists need no join per kind.
 */
export const archiveAttachments = sqliteTable(
  'archive_attachments',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    documentKind: text().notNull(),
    documentId: integer().notNull(),
    fileName: text().notNull(),
    /** The type its first bytes show (application/pdf, image/jpeg, image/png); the declared type agreed. */
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    sha256: text().notNull(),
    note: text(),
    attachedBy: integer()
      .notNull()
      .references(() => users.id),
    attachedAt: text().notNull(),
    /** Set when a leader disposed of the document past its retention: the bytes are gone, this record stays. */
    disposedBy: integer().references(() => users.id),
    disposedAt: text(),
  },
  (t) => [index('archive_attachments_document_idx').on(t.documentKind, t.documentId), index('archive_attachments_depot_idx').on(t.depotId, t.id)],
);

/** The bytes of an attachment, apart from its record so that lists never read them; in the database, so a backup keeps them. */
export const archiveFiles = sqliteTable('archive_files', {
  attachmentId: integer()
    .primaryKey()
    .references(() => archiveAttachments.id),
  content: blob({ mode: 'buffer' }).notNull(),
});

/**
 * A leader's decision on a document past its retention period (S0:337, S0:564 鉴定、销毁): keep it
 * until a new date, or dispose of it (its attached files' bytes are deleted; the system's own
 * record of the document stays, the ledger needs it). Recorded, never automatic.
 */
export const archiveRetentionDecisions = sqliteTable(
  'archive_retention_decisions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    documentKind: text().notNull(),
    documentId: integer().notNull(),
    decision: text({ enum: ['keep', 'dispose'] }).notNull(),
    /** For `keep`: the new end of retention. */
    keepUntil: text(),
    reason: text().notNull(),
    decidedBy: integer()
      .notNull()
      .references(() => users.id),
    decidedAt: text().notNull(),
  },
  (t) => [index('archive_retention_decisions_document_idx').on(t.documentKind, t.documentId, t.id), index('archive_retention_decisions_depot_idx').on(t.depotId, t.id)],
);
