import type { Deps } from '../deps.ts';
import type { DbOrTx } from '../../db/client.ts';
import { assertCanRead, assertCanWriteAt, canRead, type Actor } from '../auth/scope.ts';
import * as q from '../../db/queries/service-desk.ts';
import { findUser } from '../../db/queries/users.ts';
import { insertNotification } from '../../db/queries/inspections.ts';
import { userName } from '../../db/queries/transfers.ts';
import { DomainError } from '../domain/errors.ts';
import { toIsoDate } from '../domain/expiry.ts';
import type { Role } from '../schemas/constants.ts';
import type { ReportSheet } from '../domain/report-sheet.ts';
import {
  SATISFACTION,
  SERVICE_CHANNELS,
  SERVICE_KINDS,
  dueTimes,
  isReplyOverdue,
  isResolveOverdue,
  onTime,
  type Satisfaction,
  type ServiceChannel,
  type ServiceKind,
} from '../domain/service-desk.ts';
import { audit } from './audit.ts';
import { depotOrThrow } from './depot-lookup.ts';

type Depot = ReturnType<typeof depotOrThrow>;
type Row = q.ServiceRequestRow;

/** Who receives and handles requests: a depot's staff; not the system admin nor the county's clinician. */
export const DESK_ROLES: readonly Role[] = ['storekeeper', 'inspector', 'planner', 'leader', 'finance', 'dispenser'];

export type Requester = { kind: 'depot'; depotId: number } | { kind: 'public'; name: string | null; phone?: string | null };

export interface RequestInput {
  depotId: number;
  kind: ServiceKind;
  channel: ServiceChannel;
  requester: Requester;
  subject: string;
  text: string;
  batchId?: number | null;
  transferOrderId?: number | null;
  personId?: number | null;
  adverseReactionId?: number | null;
}

const place = (d: Depot) => ({ id: d.id, code: d.code, name: d.name, tier: d.tier });
const nameOf = (deps: Deps, id: number | null) => (id === null ? null : userName(deps.db, id));

function requestOrThrow(db: DbOrTx, id: number) {
  const row = q.findRequest(db, id);
  if (!row) throw new DomainError('service_request_not_found', `No service request ${id}`);
  return row;
}

/** The requester's name and phone are seen only at the depot that received the request. */
const seesRequester = (actor: Actor, row: Row) => actor.depotId === row.depotId;

/**
 * The linked lot, order, person's record and adverse-reaction report, each checked to exist
 * within the receiving depot's subtree (422 link_not_found otherwise, naming the field).
 */
function checkLinks(deps: Deps, depot: Depot, input: Pick<RequestInput, 'batchId' | 'transferOrderId' | 'personId' | 'adverseReactionId'>) {
  const checks = [
    ['batchId', input.batchId, q.linkedLot],
    ['transferOrderId', input.transferOrderId, q.linkedOrder],
    ['personId', input.personId, q.linkedPerson],
    ['adverseReactionId', input.adverseReactionId, q.linkedAdverseReaction],
  ] as const;
  for (const [field, id, find] of checks) {
    if (id === undefined || id === null) continue;
    if (!find(deps.db, id, depot.path)) throw new DomainError('link_not_found', `No ${field} ${id} at ${depot.name} or below`, { field, id }, [{ path: field, message: 'not found at this depot or below' }]);
  }
}

function presentLinks(deps: Deps, row: Row) {
  const depot = depotOrThrow(deps, row.depotId);
  return {
    lot: row.batchId === null ? null : (q.linkedLot(deps.db, row.batchId, depot.path) ?? null),
    transferOrder: row.transferOrderId === null ? null : (q.linkedOrder(deps.db, row.transferOrderId, depot.path) ?? null),
    person: row.personId === null ? null : (q.linkedPerson(deps.db, row.personId, depot.path) ?? null),
    adverseReaction: row.adverseReactionId === null ? null : (q.linkedAdverseReaction(deps.db, row.adverseReactionId, depot.path) ?? null),
  };
}

/** A request as a list shows it: never the requester's name or phone. */
function presentSummary(deps: Deps, row: Row, now: Date) {
  const requesterDepot = row.requesterDepotId === null ? null : place(depotOrThrow(deps, row.requesterDepotId));
  const pending = q.pendingHandoverOf(deps.db, row.id);
  return {
    id: row.id,
    number: row.number,
    depot: place(depotOrThrow(deps, row.depotId)),
    kind: row.kind,
    channel: row.channel,
    requester: requesterDepot ? { kind: 'depot' as const, depot: requesterDepot } : { kind: 'public' as const, anonymous: row.requesterName === null },
    subject: row.subject,
    status: row.status,
    receivedAt: row.receivedAt,
    receivedBy: row.receivedBy,
    receivedByName: nameOf(deps, row.receivedBy),
    ownerId: row.ownerId,
    ownerName: nameOf(deps, row.ownerId),
    pendingHandover: pending ? { id: pending.id, toUserId: pending.toUserId, toName: nameOf(deps, pending.toUserId), fromUserId: pending.fromUserId, note: pending.note, offeredAt: pending.offeredAt } : null,
    replyDueAt: row.replyDueAt,
    resolveDueAt: row.resolveDueAt,
    repliedAt: row.repliedAt,
    resolvedAt: row.resolvedAt,
    replyOverdue: isReplyOverdue(row, now),
    resolveOverdue: isResolveOverdue(row, now),
    satisfaction: row.satisfaction,
  };
}

/** The whole request, with the requester's contact where it may be seen. */
function present(deps: Deps, actor: Actor, row: Row) {
  const sees = seesRequester(actor, row);
  return {
    ...presentSummary(deps, row, deps.clock.now()),
    text: row.text,
    contact: sees && row.requesterDepotId === null ? { name: row.requesterName, phone: row.requesterPhone } : null,
    reply: row.reply,
    repliedByName: nameOf(deps, row.repliedBy),
    resolution: row.resolution,
    satisfactionNote: row.satisfactionNote,
    resolvedByName: nameOf(deps, row.resolvedBy),
    links: presentLinks(deps, row),
    handovers: q.handoversOf(deps.db, row.id).map((h) => ({ id: h.id, fromName: nameOf(deps, h.fromUserId), toName: nameOf(deps, h.toUserId), note: h.note, status: h.status, offeredAt: h.offeredAt, decidedAt: h.decidedAt })),
  };
}

/** Reads the request; one that shows a member of the public's name or phone is in the audit log. */
function presentRead(deps: Deps, actor: Actor, row: Row, auditDb: DbOrTx) {
  const shown = present(deps, actor, row);
  if (shown.contact && (shown.contact.name !== null || shown.contact.phone !== null)) {
    audit(auditDb, { actorId: actor.userId, depotId: row.depotId, action: 'read', entity: 'service_request', entityId: row.id, detail: { number: row.number } }, deps.clock.now());
  }
  return shown;
}

// ---- reading ----

/**
 * Readable by the receiving depot and every depot above it (the owner and the one offered it are
 * always among them), and by the depot below that made the request, to follow it.
 */
export function getRequest(deps: Deps, actor: Actor, id: number, auditDb: DbOrTx = deps.db) {
  const row = requestOrThrow(deps.db, id);
  const asker = row.requesterDepotId === null ? null : depotOrThrow(deps, row.requesterDepotId);
  if (!(asker && canRead(actor, asker))) assertCanRead(actor, depotOrThrow(deps, row.depotId));
  return presentRead(deps, actor, row, auditDb);
}

/**
 * A depot's requests (`depotId`, the user's own depot by default), or the user's own: those
 * they own or are offered, wherever received (`mine`), or those their own depot made of the depots
 * above it (`asked`). `open`: not closed. Newest first; overdue counted.
 */
export function listRequests(deps: Deps, actor: Actor, query: { depotId?: number; mine?: boolean; asked?: boolean; open?: boolean }) {
  const depotId = query.depotId ?? actor.depotId;
  if (!query.mine && !query.asked) assertCanRead(actor, depotOrThrow(deps, depotId));
  const now = deps.clock.now();
  const filter = query.mine ? { userId: actor.userId } : query.asked ? { requesterDepotId: actor.depotId } : { depotId };
  const rows = q.requestsAt(deps.db, { ...filter, open: query.open });
  const items = rows.map((r) => presentSummary(deps, r, now));
  return { items, overdue: items.filter((i) => i.replyOverdue || i.resolveOverdue).length, open: items.filter((i) => i.status !== 'closed').length };
}

/** The depot's requests past a due time, for its leader's dashboard: longest overdue first. */
export function overdueRequests(deps: Deps, depotId: number) {
  const now = deps.clock.now();
  return q
    .requestsAt(deps.db, { depotId, open: true })
    .filter((r) => isReplyOverdue(r, now) || isResolveOverdue(r, now))
    .map((r) => ({ id: r.id, number: r.number, subject: r.subject, kind: r.kind, ownerName: nameOf(deps, r.ownerId) ?? '', stage: isReplyOverdue(r, now) ? ('reply' as const) : ('resolve' as const), dueAt: isReplyOverdue(r, now) ? r.replyDueAt : r.resolveDueAt }))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** Whom the owner may hand the request over to: active staff of the receiving depot and the depot above, the owner aside. */
export function handoverTargets(deps: Deps, actor: Actor, id: number) {
  const row = requestOrThrow(deps.db, id);
  const depot = depotOrThrow(deps, row.depotId);
  assertCanRead(actor, depot);
  const depots = depot.parentId === null ? [depot.id] : [depot.id, depot.parentId];
  return { items: q.activeUsersWithRoles(deps.db, depots, DESK_ROLES).filter((u) => u.id !== row.ownerId) };
}

// ---- changing ----

/** Only the owner acts on an open request (首问负责: 谁受理、谁负责). */
function owned(deps: Deps, actor: Actor, id: number) {
  const row = requestOrThrow(deps.db, id);
  assertCanRead(actor, depotOrThrow(deps, row.depotId));
  if (row.status === 'closed') throw new DomainError('request_closed', `Request ${row.number} is closed`, { status: row.status });
  if (row.ownerId !== actor.userId) throw new DomainError('not_request_owner', `Only ${nameOf(deps, row.ownerId) ?? 'its owner'} acts on request ${row.number}`, { ownerId: row.ownerId });
  return row;
}

function checkRequester(deps: Deps, depot: Depot, channel: ServiceChannel, requester: Requester) {
  const refuse = (message: string) => new DomainError('requester_invalid', message, { channel }, [{ path: 'requester', message }]);
  if (requester.kind === 'depot') {
    if (channel === 'distribution_point') throw refuse('At a distribution point the requester is a member of the public');
    const from = depotOrThrow(deps, requester.depotId);
    if (from.id === depot.id || !from.path.startsWith(depot.path)) throw refuse('The requesting depot is one below the receiving depot');
  } else if (channel === 'depot_below') {
    throw refuse('A request from a depot below names that depot');
  }
}

/**
 * A request received (首问负责): whoever records it owns it, at their own depot, with the due
 * times of its kind. The requester is a depot below, or a member of the public by name or
 * anonymous, with a phone if they give one; their name and phone are never in the audit log.
 */
export function receiveRequest(deps: Deps, actor: Actor, input: RequestInput) {
  const depot = depotOrThrow(deps, input.depotId);
  assertCanWriteAt(actor, depot, ...DESK_ROLES);
  checkRequester(deps, depot, input.channel, input.requester);
  checkLinks(deps, depot, input);
  const now = deps.clock.now();
  const due = dueTimes(now, input.kind, deps.config.serviceDesk);
  const id = deps.db.transaction((tx) => {
    const number = `FW-${depot.code}-${String(q.countRequestsAt(tx, depot.id) + 1).padStart(4, '0')}`;
    const pub = input.requester.kind === 'public' ? input.requester : null;
    const row = q.insertRequest(tx, {
      number,
      depotId: depot.id,
      kind: input.kind,
      channel: input.channel,
      requesterDepotId: input.requester.kind === 'depot' ? input.requester.depotId : null,
      requesterName: pub?.name ?? null,
      requesterPhone: pub?.phone ?? null,
      subject: input.subject,
      text: input.text,
      status: 'open',
      receivedBy: actor.userId,
      receivedAt: now.toISOString(),
      ownerId: actor.userId,
      ...due,
      batchId: input.batchId ?? null,
      transferOrderId: input.transferOrderId ?? null,
      personId: input.personId ?? null,
      adverseReactionId: input.adverseReactionId ?? null,
    });
    const requester = input.requester.kind === 'depot' ? { depotId: input.requester.depotId } : { public: true, anonymous: pub?.name === null };
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'receive', entity: 'service_request', entityId: row.id, detail: { number, kind: input.kind, channel: input.channel, requester, subject: input.subject, ...due } }, now);
    return row.id;
  });
  return present(deps, actor, requestOrThrow(deps.db, id));
}

/**
 * The owner offers the request to another active user of the receiving depot or the depot
 * above, holding a desk role; it stays theirs until the other accepts. A second offer replaces
 * one not yet answered. The one offered is told through their role at their depot.
 */
export function handOver(deps: Deps, actor: Actor, id: number, input: { toUserId: number; note?: string | null }) {
  const row = owned(deps, actor, id);
  if (input.toUserId === actor.userId) throw new DomainError('handover_to_self', 'A request is handed over to someone else', { toUserId: input.toUserId });
  const depot = depotOrThrow(deps, row.depotId);
  const to = findUser(deps.db, input.toUserId);
  const desk = to?.roles.filter((r) => DESK_ROLES.includes(r)) ?? [];
  if (!to || !to.active || (to.depotId !== depot.id && to.depotId !== depot.parentId) || desk.length === 0) {
    throw new DomainError('handover_target_invalid', 'Hand over to an active user of this depot or the depot above', { toUserId: input.toUserId }, [{ path: 'toUserId', message: 'an active user of this depot or the depot above' }]);
  }
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const pending = q.pendingHandoverOf(tx, id);
    if (pending) q.updateHandover(tx, pending.id, { status: 'withdrawn', decidedAt: now.toISOString() });
    const h = q.insertHandover(tx, { requestId: id, fromUserId: actor.userId, toUserId: to.id, note: input.note ?? null, status: 'pending', offeredAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: row.depotId, action: 'hand_over', entity: 'service_request', entityId: id, detail: { handoverId: h.id, toUserId: to.id, note: input.note ?? null } }, now);
    const role = desk.includes('leader') ? 'leader' : desk[0]!;
    insertNotification(tx, { depotId: to.depotId, role, kind: 'service_handover', entity: 'service_request', entityId: id, message: `${actor.displayName} 将服务事项 ${row.number}（${row.subject}）转交给 ${to.displayName}，请接收`, createdAt: now.toISOString() });
  });
  return present(deps, actor, requestOrThrow(deps.db, id));
}

function offeredTo(deps: Deps, actor: Actor, id: number) {
  const row = requestOrThrow(deps.db, id);
  assertCanRead(actor, depotOrThrow(deps, row.depotId));
  if (row.status === 'closed') throw new DomainError('request_closed', `Request ${row.number} is closed`, { status: row.status });
  const pending = q.pendingHandoverOf(deps.db, id);
  if (!pending) throw new DomainError('no_pending_handover', `Request ${row.number} is not being handed over`);
  if (pending.toUserId !== actor.userId) throw new DomainError('not_handover_target', 'Only the user it is handed over to accepts or declines it', { toUserId: pending.toUserId });
  return { row, pending };
}

/** The one offered takes the request over: from now on it is theirs to act on (首问责任人 stays recorded). */
export function acceptHandover(deps: Deps, actor: Actor, id: number) {
  const { row, pending } = offeredTo(deps, actor, id);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateHandover(tx, pending.id, { status: 'accepted', decidedAt: now.toISOString() });
    q.updateRequest(tx, id, { ownerId: actor.userId });
    audit(tx, { actorId: actor.userId, depotId: row.depotId, action: 'accept', entity: 'service_request', entityId: id, detail: { handoverId: pending.id, fromUserId: pending.fromUserId } }, now);
  });
  return present(deps, actor, requestOrThrow(deps.db, id));
}

/** The one offered declines: the request stays with its owner. */
export function declineHandover(deps: Deps, actor: Actor, id: number) {
  const { row, pending } = offeredTo(deps, actor, id);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateHandover(tx, pending.id, { status: 'declined', decidedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: row.depotId, action: 'decline', entity: 'service_request', entityId: id, detail: { handoverId: pending.id } }, now);
  });
  return present(deps, actor, requestOrThrow(deps.db, id));
}

/**
 * A depot below that asked is told of the reply and of the resolution: its leader, or at a village
 * its dispenser (a village's one post). A member of the public is answered by the owner directly.
 */
function tellAsker(deps: Deps, tx: DbOrTx, row: Row, { kind, message }: { kind: 'service_replied' | 'service_resolved'; message: string }, now: Date) {
  if (row.requesterDepotId === null) return;
  const asker = depotOrThrow(deps, row.requesterDepotId);
  insertNotification(tx, { depotId: asker.id, role: asker.tier === 'village' ? 'dispenser' : 'leader', kind, entity: 'service_request', entityId: row.id, message, createdAt: now.toISOString() });
}

/** The owner's reply to the requester (S0:31: within 24 hours when it cannot be solved at once); once. */
export function replyToRequest(deps: Deps, actor: Actor, id: number, input: { text: string }) {
  const row = owned(deps, actor, id);
  if (row.repliedAt !== null) throw new DomainError('request_already_replied', `Request ${row.number} was replied to on ${row.repliedAt}`, { repliedAt: row.repliedAt });
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updateRequest(tx, id, { status: 'replied', reply: input.text, repliedBy: actor.userId, repliedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: row.depotId, action: 'reply', entity: 'service_request', entityId: id, detail: { text: input.text, onTime: onTime(now.toISOString(), row.replyDueAt) } }, now);
    tellAsker(deps, tx, row, { kind: 'service_replied', message: `${depotOrThrow(deps, row.depotId).name} 已答复服务事项 ${row.number}（${row.subject}）` }, now);
  });
  return present(deps, actor, requestOrThrow(deps.db, id));
}

/**
 * The owner closes the request with its resolution and the requester's satisfaction; a closed
 * request never changes again (409 request_closed). An offer not yet answered lapses.
 */
export function resolveRequest(deps: Deps, actor: Actor, id: number, input: { resolution: string; satisfaction: Satisfaction; satisfactionNote?: string | null }) {
  const row = owned(deps, actor, id);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const pending = q.pendingHandoverOf(tx, id);
    if (pending) q.updateHandover(tx, pending.id, { status: 'withdrawn', decidedAt: now.toISOString() });
    q.updateRequest(tx, id, { status: 'closed', resolution: input.resolution, satisfaction: input.satisfaction, satisfactionNote: input.satisfactionNote ?? null, resolvedBy: actor.userId, resolvedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: row.depotId, action: 'resolve', entity: 'service_request', entityId: id, detail: { resolution: input.resolution, satisfaction: input.satisfaction, onTime: onTime(now.toISOString(), row.resolveDueAt) } }, now);
    tellAsker(deps, tx, row, { kind: 'service_resolved', message: `${depotOrThrow(deps, row.depotId).name} 已办结服务事项 ${row.number}（${row.subject}）` }, now);
  });
  return present(deps, actor, requestOrThrow(deps.db, id));
}

/**
 * The server's sweep (server/jobs.ts): a request past its reply or resolution due time is put
 * before the receiving depot's leader, once for each (S4:1406 重大投诉…报告部门负责人; S3:43 超期提示).
 */
export function flagOverdueRequests(deps: Deps) {
  const now = deps.clock.now();
  let flagged = 0;
  for (const r of q.unclosedRequests(deps.db)) {
    const reply = r.replyEscalatedAt === null && isReplyOverdue(r, now);
    const resolve = r.resolveEscalatedAt === null && isResolveOverdue(r, now);
    if (!reply && !resolve) continue;
    deps.db.transaction((tx) => {
      const owner = userName(tx, r.ownerId) ?? '';
      if (reply) {
        insertNotification(tx, { depotId: r.depotId, role: 'leader', kind: 'service_reply_overdue', entity: 'service_request', entityId: r.id, message: `服务事项 ${r.number}（${r.subject}）超过答复时限，负责人 ${owner}`, createdAt: now.toISOString() });
        q.updateRequest(tx, r.id, { replyEscalatedAt: now.toISOString() });
      }
      if (resolve) {
        insertNotification(tx, { depotId: r.depotId, role: 'leader', kind: 'service_resolve_overdue', entity: 'service_request', entityId: r.id, message: `服务事项 ${r.number}（${r.subject}）超过办结时限，负责人 ${owner}`, createdAt: now.toISOString() });
        q.updateRequest(tx, r.id, { resolveEscalatedAt: now.toISOString() });
      }
    });
    flagged++;
  }
  return { checkedAt: now.toISOString(), flagged };
}

// ---- the monthly summary ----

const KIND_NAMES: Record<ServiceKind, { zh: string; en: string }> = {
  supplies: { zh: '药具需求', en: 'Supplies' },
  question: { zh: '咨询', en: 'Question' },
  complaint: { zh: '投诉', en: 'Complaint' },
  other: { zh: '其他', en: 'Other' },
};
const CHANNEL_NAMES: Record<ServiceChannel, { zh: string; en: string }> = {
  depot_below: { zh: '下级单位', en: 'Depot below' },
  distribution_point: { zh: '发放点群众', en: 'At a distribution point' },
  phone: { zh: '电话', en: 'Phone' },
};

/** Counts of a group of requests: received, replies and resolutions on time or late, still open, and satisfaction. */
function tally(rows: readonly Row[], now: Date) {
  const replied = rows.map((r) => onTime(r.repliedAt ?? r.resolvedAt, r.replyDueAt));
  const resolved = rows.map((r) => onTime(r.resolvedAt, r.resolveDueAt));
  const counts = Object.fromEntries(SATISFACTION.map((s) => [s, rows.filter((r) => r.satisfaction === s).length]));
  return {
    received: rows.length,
    repliedOnTime: replied.filter((x) => x === true).length,
    repliedLate: replied.filter((x) => x === false).length,
    resolvedOnTime: resolved.filter((x) => x === true).length,
    resolvedLate: resolved.filter((x) => x === false).length,
    open: rows.filter((r) => r.status !== 'closed').length,
    overdue: rows.filter((r) => r.status !== 'closed' && (isReplyOverdue(r, now) || isResolveOverdue(r, now))).length,
    ...counts,
  };
}

/**
 * 服务事项月度汇总 of one depot: the requests it received in the month (the depots' calendar),
 * by kind and by channel, with replies and resolutions on time or late (a resolution that came
 * before any reply counts as the reply), those still open and overdue, and the satisfaction
 * recorded. Printable and XLSX like every report sheet.
 */
export function monthlySummary(deps: Deps, actor: Actor, depotId: number, month: string): ReportSheet {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const tz = deps.config.timeZone;
  const [y, m] = month.split('-').map(Number) as [number, number];
  // A day either side in UTC, then the depots' own calendar decides.
  const from = new Date(Date.UTC(y, m - 1, 0)).toISOString();
  const to = new Date(Date.UTC(y, m, 2)).toISOString();
  const rows = q.requestsReceivedBetween(deps.db, depot.id, from, to).filter((r) => toIsoDate(new Date(r.receivedAt), tz).slice(0, 7) === month);
  const now = deps.clock.now();
  const t = (zh: string, en: string) => ({ zh, en });
  const line = (section: { zh: string; en: string }, item: { zh: string; en: string }, group: readonly Row[]) => ({ section: section.zh, sectionEn: section.en, item: item.zh, itemEn: item.en, ...tally(group, now) });
  const byKind = t('按类别', 'By kind');
  const byChannel = t('按来源', 'By channel');
  const sheetRows = [
    ...SERVICE_KINDS.map((k) => line(byKind, KIND_NAMES[k], rows.filter((r) => r.kind === k))),
    ...SERVICE_CHANNELS.map((c) => line(byChannel, CHANNEL_NAMES[c], rows.filter((r) => r.channel === c))),
  ];
  const int = (key: string, zh: string, en: string, group?: { zh: string; en: string }) => ({ key, header: t(zh, en), kind: 'int' as const, ...(group ? { group } : {}) });
  const total = { section: '合计', sectionEn: 'Total', item: '', itemEn: '', ...tally(rows, now) };
  const rule = deps.config.serviceDesk;
  return {
    report: 'service-summary',
    title: t('服务事项月度汇总表', 'Service requests: monthly summary'),
    depot: place(depot),
    period: { from: month, to: month, label: t(`${y}年${m}月`, month) },
    columns: [
      { key: 'section', header: t('分类', 'Grouped'), kind: 'text' },
      { key: 'item', header: t('项目', 'Item'), kind: 'text' },
      int('received', '受理', 'Received'),
      int('repliedOnTime', '按时', 'On time', t('答复', 'Reply')),
      int('repliedLate', '超时', 'Late', t('答复', 'Reply')),
      int('resolvedOnTime', '按时', 'On time', t('办结', 'Resolution')),
      int('resolvedLate', '超时', 'Late', t('办结', 'Resolution')),
      int('open', '未办结', 'Open'),
      int('overdue', '已超期', 'Overdue'),
      int('satisfied', '满意', 'Satisfied', t('满意度', 'Satisfaction')),
      int('neutral', '基本满意', 'Neutral', t('满意度', 'Satisfaction')),
      int('dissatisfied', '不满意', 'Dissatisfied', t('满意度', 'Satisfaction')),
      int('not_reached', '未回访', 'Not reached', t('满意度', 'Satisfaction')),
    ],
    rows: sheetRows,
    totals: total,
    unitTotals: [],
    notes: [
      t(`答复时限 ${rule.replyHours} 小时；办结时限：药具需求 ${rule.resolveDays.supplies} 天，咨询 ${rule.resolveDays.question} 天，投诉 ${rule.resolveDays.complaint} 天，其他 ${rule.resolveDays.other} 天（自受理时起）。`, `Reply within ${rule.replyHours} hours; resolved within ${rule.resolveDays.supplies} days for supplies, ${rule.resolveDays.question} for a question, ${rule.resolveDays.complaint} for a complaint, ${rule.resolveDays.other} for other (from receipt).`),
      t('按类别与按来源各计一次，合计为本月受理的全部事项；未答复先办结的，按办结时间计答复。', 'Each request counts once by kind and once by channel; the total is every request received in the month. A request resolved before any reply counts its resolution as the reply.'),
    ],
    signatures: [t('单位负责人：', 'Head of unit:'), t('制表人：', 'Prepared by:')],
    generatedAt: now.toISOString(),
  };
}
