import { createHash } from 'node:crypto';
import type { Deps } from '../deps.ts';
import type { DbOrTx } from '../../db/client.ts';
import * as q from '../../db/queries/archive.ts';
import { userName } from '../../db/queries/transfers.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import { DomainError } from '../domain/errors.ts';
import { toIsoDate } from '../domain/expiry.ts';
import type { ReportSheet } from '../domain/report-sheet.ts';
import { ARCHIVE_CATEGORIES, CATEGORY_TITLES, essenceOf, isPastRetention, retainUntil, sniffType, type ArchiveCategory } from '../domain/archive.ts';
import { ARCHIVE_SOURCES, sourceOf, type ArchiveSource } from './archive-sources.ts';
import { audit } from './audit.ts';
import { depotOrThrow } from './depot-lookup.ts';

const today = (deps: Deps) => toIsoDate(deps.clock.now(), deps.config.timeZone);
const nameOf = (deps: Deps, id: number | null) => (id === null ? null : userName(deps.db, id));
const key = (kind: string, id: number) => `${kind}:${id}`;

export interface IndexQuery {
  depotId: number;
  year?: number;
  category?: ArchiveCategory;
}

/** A document of the kind, with its depot; 404 archive_document_not_found for an unknown kind or id. */
function documentOrThrow(deps: Deps, kind: string, id: number): { source: ArchiveSource; depot: ReturnType<typeof depotOrThrow> } {
  const source = sourceOf(kind);
  const depotId = source?.depotOf(deps, id);
  if (!source || depotId === undefined) throw new DomainError('archive_document_not_found', `No document ${kind} ${id} in the archive`, { kind, id });
  return { source, depot: depotOrThrow(deps, depotId) };
}

/** Every document of a depot, each with its category, retention and files, in the order of the printed index. */
function entriesOf(deps: Deps, depotId: number) {
  const now = today(deps);
  const counts = q.attachmentCounts(deps.db, depotId);
  const decisions = q.lastDecisions(deps.db, depotId);
  const entries = ARCHIVE_SOURCES.flatMap((source) =>
    source.list(deps, depotId).map((doc) => {
      const years = deps.config.archive.retentionYears[source.category];
      const decision = decisions.get(key(source.kind, doc.id));
      const until = decision?.decision === 'keep' && decision.keepUntil ? decision.keepUntil : retainUntil(doc.date, years);
      const disposed = decision?.decision === 'dispose';
      return {
        kind: source.kind,
        kindTitle: source.title,
        category: source.category,
        id: doc.id,
        number: doc.number,
        title: doc.title,
        date: doc.date,
        year: Number(doc.date.slice(0, 4)),
        retentionYears: years,
        retainUntil: until,
        pastRetention: !disposed && isPastRetention(until, now),
        disposed,
        attachments: counts.get(key(source.kind, doc.id)) ?? 0,
      };
    }),
  );
  const order = (c: ArchiveCategory) => ARCHIVE_CATEGORIES.indexOf(c);
  return entries.sort((a, b) => order(a.category) - order(b.category) || a.date.localeCompare(b.date) || a.number.localeCompare(b.number));
}

/**
 * The archive index (档案文件目录, form 1.1) of one depot: its own documents by category, with the
 * retention of each; read by the depot and every depot above it (S0:444).
 */
export function archiveIndex(deps: Deps, actor: Actor, query: IndexQuery) {
  const depot = depotOrThrow(deps, query.depotId);
  assertCanRead(actor, depot);
  const all = entriesOf(deps, depot.id);
  const items = all.filter((e) => (query.year === undefined || e.year === query.year) && (query.category === undefined || e.category === query.category));
  return {
    depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier },
    categories: ARCHIVE_CATEGORIES.map((c) => ({ key: c, title: CATEGORY_TITLES[c], retentionYears: deps.config.archive.retentionYears[c], count: items.filter((e) => e.category === c).length })),
    years: [...new Set(all.map((e) => e.year))].sort((a, b) => b - a),
    items,
  };
}

/** Form 1.1 to print or download: file no. within its category, title, category, date, year, retention, files. */
export function indexSheet(deps: Deps, actor: Actor, query: IndexQuery): ReportSheet {
  const index = archiveIndex(deps, actor, query);
  const t = (zh: string, en: string) => ({ zh, en });
  const seq = new Map<string, number>();
  const rows = index.items.map((e) => {
    const n = (seq.get(e.category) ?? 0) + 1;
    seq.set(e.category, n);
    const category = CATEGORY_TITLES[e.category];
    return {
      fileNo: `${category.zh}-${String(n).padStart(3, '0')}`,
      fileNoEn: `${category.en}-${String(n).padStart(3, '0')}`,
      number: e.number,
      title: e.title.zh,
      titleEn: e.title.en,
      category: category.zh,
      categoryEn: category.en,
      date: e.date,
      retention: `${e.retentionYears}年（至${e.retainUntil}）${e.disposed ? '，已销毁' : ''}`,
      retentionEn: `${e.retentionYears} years (to ${e.retainUntil})${e.disposed ? ', disposed' : ''}`,
      attachments: e.attachments,
    };
  });
  const year = query.year;
  return {
    report: 'archive-index',
    title: t('档案文件目录', 'Archive file index'),
    depot: index.depot,
    period: year === undefined ? { from: '', to: '', label: t('全部年度', 'All years') } : { from: `${year}-01`, to: `${year}-12`, label: t(`${year}年度`, `${year}`) },
    columns: [
      { key: 'fileNo', header: t('档号', 'File no.'), kind: 'text' },
      { key: 'number', header: t('文件编号', 'Document no.'), kind: 'text' },
      { key: 'title', header: t('题名', 'Title'), kind: 'text' },
      { key: 'category', header: t('类别', 'Category'), kind: 'text' },
      { key: 'date', header: t('日期', 'Date'), kind: 'text' },
      { key: 'retention', header: t('保管期限', 'Retention'), kind: 'text' },
      { key: 'attachments', header: t('附件数', 'Files'), kind: 'int' },
    ],
    rows,
    totals: null,
    unitTotals: [],
    notes: [
      t('分类装订，按档案规定年限保存（S0:336-337）；保管期限自文件形成年度终了后起算。', 'Bound by category and kept for the retention period (S0:336-337), counted from the end of the year the document is dated in.'),
      t(`存放地点：${index.depot.name}档案室`, `Kept at: the archive room of ${index.depot.name}`),
    ],
    signatures: [t('档案管理员', 'Archive keeper'), t('单位负责人', 'Head of unit')],
    generatedAt: deps.clock.now().toISOString(),
  };
}

function presentAttachment(deps: Deps, a: q.AttachmentRow) {
  return {
    id: a.id,
    documentKind: a.documentKind,
    documentId: a.documentId,
    fileName: a.fileName,
    contentType: a.contentType,
    byteSize: a.byteSize,
    sha256: a.sha256,
    note: a.note,
    attachedBy: a.attachedBy,
    attachedByName: nameOf(deps, a.attachedBy),
    attachedAt: a.attachedAt,
    disposedAt: a.disposedAt,
    disposedByName: nameOf(deps, a.disposedBy),
  };
}

/** One document of the index with its files and the retention decisions taken on it. */
export function archiveDocument(deps: Deps, actor: Actor, kind: string, id: number) {
  const { depot } = documentOrThrow(deps, kind, id);
  assertCanRead(actor, depot);
  const entry = entriesOf(deps, depot.id).find((e) => e.kind === kind && e.id === id)!;
  return {
    document: entry,
    depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier },
    attachments: q.attachmentsOf(deps.db, kind, id).map((a) => presentAttachment(deps, a)),
    decisions: q.decisionsOf(deps.db, kind, id).map((d) => ({ id: d.id, decision: d.decision, keepUntil: d.keepUntil, reason: d.reason, decidedBy: d.decidedBy, decidedByName: nameOf(deps, d.decidedBy), decidedAt: d.decidedAt })),
  };
}

export interface AttachInput {
  fileName: string;
  note?: string | null;
  /** The Content-Type the client declared. */
  declaredType: string | undefined;
  bytes: Uint8Array;
}

/**
 * A scanned paper document attached to a document of the depot's archive, by the depot's own
 * staff. Its type is read from its first bytes (PDF, JPEG, PNG) and must be the type declared;
 * the size is limited. A refused file leaves nothing behind.
 */
export function attachFile(deps: Deps, actor: Actor, kind: string, id: number, input: AttachInput) {
  const { depot } = documentOrThrow(deps, kind, id);
  assertCanRead(actor, depot);
  assertCanWriteAt(actor, depot);
  const max = deps.config.archive.maxAttachmentBytes;
  if (input.bytes.byteLength > max) throw new DomainError('attachment_too_large', `The file is ${input.bytes.byteLength} bytes; at most ${max}`, { byteSize: input.bytes.byteLength, maxBytes: max });
  const actual = sniffType(input.bytes);
  const declared = essenceOf(input.declaredType);
  if (actual === null) throw new DomainError('attachment_type_not_allowed', 'Only PDF, JPEG and PNG files are kept: this file is none of them', { declared, accepted: ['application/pdf', 'image/jpeg', 'image/png'] });
  if (actual !== declared) throw new DomainError('attachment_type_mismatch', `The file was sent as ${declared} but its content is ${actual}`, { declared, actual });
  const now = deps.clock.now();
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const row = deps.db.transaction((tx) => {
    const row = q.insertAttachment(tx, { depotId: depot.id, documentKind: kind, documentId: id, fileName: input.fileName, contentType: actual, byteSize: input.bytes.byteLength, sha256, note: input.note ?? null, attachedBy: actor.userId, attachedAt: now.toISOString() });
    q.insertFile(tx, row.id, Buffer.from(input.bytes));
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'attach', entity: 'archive_attachment', entityId: row.id, detail: { kind, documentId: id, fileName: input.fileName, contentType: actual, byteSize: input.bytes.byteLength, sha256 } }, now);
    return row;
  });
  return presentAttachment(deps, row);
}

/** An attached file's bytes, read as its document is; every read is in the audit log (`auditDb`: the write connection). */
export function readAttachment(deps: Deps, actor: Actor, attachmentId: number, auditDb: DbOrTx = deps.db) {
  const row = q.findAttachment(deps.db, attachmentId);
  if (!row) throw new DomainError('attachment_not_found', `No attachment ${attachmentId}`);
  assertCanRead(actor, depotOrThrow(deps, row.depotId));
  const content = q.fileContent(deps.db, row.id);
  if (row.disposedAt !== null || content === undefined) throw new DomainError('attachment_disposed', `The file was disposed of on ${row.disposedAt}`, { disposedAt: row.disposedAt });
  audit(auditDb, { actorId: actor.userId, depotId: row.depotId, action: 'read', entity: 'archive_attachment', entityId: row.id, detail: { kind: row.documentKind, documentId: row.documentId, fileName: row.fileName } }, deps.clock.now());
  return { fileName: row.fileName, contentType: row.contentType, content };
}

/** The depot's documents past their retention, not yet disposed of: for its leader's decision. */
export function retentionDue(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  return { items: entriesOf(deps, depot.id).filter((e) => e.pastRetention) };
}

export interface RetentionDecisionInput {
  kind: string;
  documentId: number;
  decision: 'keep' | 'dispose';
  keepUntil?: string | null;
  reason: string;
}

/**
 * A leader of the document's depot decides on a document past its retention (S0:564 鉴定、销毁):
 * keep it until a later date, or dispose of it, which deletes its attached files' bytes (their
 * records, hashes and who attached them stay) and marks it disposed in the index. Never
 * automatic; recorded with who, when and why, and audited. A leader who attached one of its files
 * does not dispose of it: another leader does (self_approval).
 */
export function decideRetention(deps: Deps, actor: Actor, input: RetentionDecisionInput) {
  const { depot } = documentOrThrow(deps, input.kind, input.documentId);
  assertCanRead(actor, depot);
  assertCanWriteAt(actor, depot, 'leader');
  const entry = entriesOf(deps, depot.id).find((e) => e.kind === input.kind && e.id === input.documentId)!;
  if (entry.disposed) throw new DomainError('already_disposed', 'This document was disposed of already');
  if (!entry.pastRetention) throw new DomainError('retention_not_due', `The document is kept until ${entry.retainUntil}`, { retainUntil: entry.retainUntil });
  const now = deps.clock.now();
  if (input.decision === 'keep' && !(input.keepUntil && input.keepUntil > today(deps))) {
    throw new DomainError('validation_failed', 'Keeping a document longer needs a new date after today', { keepUntil: input.keepUntil ?? null }, [{ path: 'keepUntil', message: 'a date after today' }]);
  }
  const files = q.attachmentsOf(deps.db, input.kind, input.documentId);
  if (input.decision === 'dispose' && files.some((f) => f.attachedBy === actor.userId)) {
    throw new DomainError('self_approval', 'You attached a file of this document: another leader disposes of it');
  }
  deps.db.transaction((tx) => {
    const row = q.insertDecision(tx, { depotId: depot.id, documentKind: input.kind, documentId: input.documentId, decision: input.decision, keepUntil: input.decision === 'keep' ? input.keepUntil! : null, reason: input.reason, decidedBy: actor.userId, decidedAt: now.toISOString() });
    const disposedFiles = input.decision === 'dispose' ? q.disposeFiles(tx, input.kind, input.documentId, actor.userId, now.toISOString()) : [];
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: input.decision === 'keep' ? 'keep_longer' : 'dispose', entity: 'archive_document', entityId: key(input.kind, input.documentId), detail: { decisionId: row.id, number: entry.number, retainUntil: entry.retainUntil, keepUntil: row.keepUntil, reason: input.reason, disposedFiles } }, now);
  });
  return archiveDocument(deps, actor, input.kind, input.documentId);
}
