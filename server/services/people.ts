import type { z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import type { DbOrTx } from '../../db/client.ts';
import * as q from '../../db/queries/people.ts';
import { findUser } from '../../db/queries/users.ts';
import { DomainError } from '../domain/errors.ts';
import { toIsoDate } from '../domain/expiry.ts';
import { addDays, daysBetween, isOverdue, nextFollowUpDue } from '../domain/follow-ups.ts';
import {
  assertNotAfter,
  caseNumberOf,
  isActiveStatus,
  seesPersonalData,
  validateClose,
  validateRegistration,
  validateStatusChange,
  type StatusChange,
} from '../domain/people.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import { depotOrThrow } from './depot-lookup.ts';
import { audit } from './audit.ts';
import type { ProductClass } from '../schemas/constants.ts';
import type { DueFollowUpsQuerySchema, FollowUpCreateSchema, PeopleQuerySchema, PersonCreateSchema } from '../schemas/people.ts';

/*
 * The reads that show names write their audit entry to `auditDb`, the write connection: a GET
 * reads on the read-only one (server/http/durable-writes.ts separateReads).
 */
type Placed = q.PersonRow & q.PersonPlace & { dispenserName: string | null };

const todayOf = (deps: Deps) => toIsoDate(deps.clock.now(), deps.config.timeZone);
const pageOf = (p: { page: number; pageSize: number }) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });
const placeOf = (p: q.PersonRow & q.PersonPlace) => ({ id: p.depotId, parentId: p.parentId, tier: p.depotTier, parentTier: p.parentTier });

/** Whether this actor sees the names and contacts of the people registered where `p` is. */
export const seesNames = (deps: Deps, actor: Actor, p: q.PersonRow & q.PersonPlace) => seesPersonalData(actor, placeOf(p), deps.config.people.personalDataRoles);

/** The next follow-up of a user of `method` since `since`, last visited on `lastVisit`. */
export function nextDue(deps: Deps, method: ProductClass, since: string, lastVisit: string | null): string | null {
  return nextFollowUpDue(deps.config.people.followUps[method] ?? null, since, lastVisit, deps.config.people.followUpEarlyDays);
}

/** A register row; its personal fields only for those who see them. */
function presentRow(p: Placed, withNames: boolean) {
  return {
    id: p.id,
    caseNumber: p.caseNumber,
    depotId: p.depotId,
    depotCode: p.depotCode,
    depotName: p.depotName,
    method: p.method,
    methodSince: p.methodSince,
    status: p.status,
    statusOn: p.statusOn,
    lastFollowUpOn: p.lastFollowUpOn,
    nextFollowUpOn: p.nextFollowUpOn,
    dispenserId: p.dispenserId,
    dispenserName: p.dispenserName,
    closedAt: p.closedAt,
    erased: p.erasedAt !== null,
    personal: withNames ? { name: p.name, birthYearMonth: p.birthYearMonth, community: p.community, contact: p.contact } : null,
  };
}

function personOrThrow(db: DbOrTx, id: number) {
  const p = q.findPerson(db, id);
  if (!p) throw new DomainError('person_not_found', `No person ${id}`);
  return p;
}

/**
 * Registers a person at a village or township (花名册, S0:316, 513): a dispenser of the depot, with
 * the person's consent; the first registration opens the depot's register. Name, birth month,
 * community and contact stay at the depot (docs/people.md); the audit log records the case number.
 */
export function registerPerson(deps: Deps, actor: Actor, input: z.infer<typeof PersonCreateSchema>) {
  const depot = depotOrThrow(deps, input.depotId);
  assertCanWriteAt(actor, depot, 'dispenser');
  const today = todayOf(deps);
  validateRegistration(depot.tier, input, today, deps.config.people.registerTiers);
  if (input.dispenserId !== undefined && input.dispenserId !== actor.userId) {
    const dispenser = findUser(deps.db, input.dispenserId);
    if (!dispenser || dispenser.depotId !== depot.id || !dispenser.roles.includes('dispenser') || !dispenser.active) {
      throw new DomainError('validation_failed', 'The dispenser who follows the person up must be an active dispenser of this depot', undefined, [{ path: 'dispenserId', message: 'not a dispenser of this depot' }]);
    }
  }
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) => {
    const seq = q.takeCaseSeq(tx, depot.id, now.toISOString(), actor.userId);
    const caseNumber = caseNumberOf(depot.code, seq);
    const row = q.insertPerson(tx, {
      depotId: depot.id,
      caseNumber,
      name: input.name,
      birthYearMonth: input.birthYearMonth,
      community: input.community,
      contact: input.contact || null,
      method: input.method,
      methodSince: input.methodSince,
      status: 'using',
      statusOn: input.methodSince,
      consentOn: input.consentOn,
      dispenserId: input.dispenserId ?? actor.userId,
      registeredBy: actor.userId,
      registeredAt: now.toISOString(),
      nextFollowUpOn: nextDue(deps, input.method, input.methodSince, null),
    });
    q.insertPersonEvent(tx, { personId: row.id, on: input.methodSince, status: 'using', method: input.method, source: 'register', recordedBy: actor.userId, recordedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'register', entity: 'person', entityId: row.id, detail: { caseNumber, method: input.method } }, now);
    return row.id;
  });
  return presentRow(personOrThrow(deps.db, id), true);
}

/**
 * One person's record with its history, follow-ups and dispensings (form 8.1): only where names
 * are seen (403 personal_data_restricted elsewhere, also to readers of the depot above); every
 * read is in the audit log.
 */
export function getPerson(deps: Deps, actor: Actor, id: number, auditDb: DbOrTx = deps.db) {
  const p = personOrThrow(deps.db, id);
  assertCanRead(actor, { id: p.depotId, path: p.depotPath });
  if (!seesNames(deps, actor, p)) throw new DomainError('personal_data_restricted', 'A person’s record is read at the depot that registered them and the township above; elsewhere the register shows case numbers and counts', { caseNumber: p.caseNumber });
  audit(auditDb, { actorId: actor.userId, depotId: p.depotId, action: 'read', entity: 'person', entityId: p.id, detail: { caseNumber: p.caseNumber } }, deps.clock.now());
  const { personal: _none, ...row } = presentRow(p, false);
  return {
    ...row,
    name: p.name,
    birthYearMonth: p.birthYearMonth,
    community: p.community,
    contact: p.contact,
    statusReason: p.statusReason,
    consentOn: p.consentOn,
    registeredAt: p.registeredAt,
    closeReason: p.closeReason,
    history: q.eventsOf(deps.db, p.id).map(({ id: _id, ...e }) => e),
    followUps: q.followUpsOf(deps.db, p.id),
    dispensings: q.dispensingsOf(deps.db, p.id),
  };
}

/**
 * The register of a depot and the depots below it: every reader of the depot sees case numbers,
 * methods and statuses; names only where they are seen, and such a list is in the audit log
 * with the case numbers it showed.
 */
export function listPeople(deps: Deps, actor: Actor, query: z.infer<typeof PeopleQuerySchema>, auditDb: DbOrTx = deps.db) {
  const depot = depotOrThrow(deps, query.depotId);
  assertCanRead(actor, depot);
  const namesAt = actor.roles.some((r) => deps.config.people.personalDataRoles.includes(r)) ? actor.depotId : undefined;
  const { items, total } = q.listPeopleUnder(deps.db, depot.path, { status: query.status, method: query.method, closed: query.closed, q: query.q, namesAt }, pageOf(query));
  const rows = items.map((p) => presentRow(p, seesNames(deps, actor, p)));
  const named = rows.filter((r) => r.personal !== null).map((r) => r.caseNumber);
  if (named.length > 0) audit(auditDb, { actorId: actor.userId, depotId: depot.id, action: 'read', entity: 'people_list', entityId: depot.id, detail: { caseNumbers: named, page: query.page } }, deps.clock.now());
  return { items: rows, total, page: query.page, pageSize: query.pageSize, withNames: named.length > 0 };
}

/** The register's state after a change: the person's row as the writer sees it. */
function afterWrite(deps: Deps, actor: Actor, id: number) {
  const p = personOrThrow(deps.db, id);
  return presentRow(p, seesNames(deps, actor, p));
}

function applyChange(deps: Deps, tx: DbOrTx, actor: Actor, p: q.PersonRow, change: StatusChange, source: 'status_change' | 'follow_up', now: Date) {
  const moves = change.status === 'using' || change.status === 'switched';
  const method = moves ? change.method : p.method;
  q.updatePerson(tx, p.id, {
    status: change.status,
    statusOn: change.on,
    statusReason: 'reason' in change ? (change.reason ?? null) : null,
    ...(moves && { method, methodSince: change.on }),
    nextFollowUpOn: moves ? nextDue(deps, method, change.on, null) : null,
  });
  q.insertPersonEvent(tx, { personId: p.id, on: change.on, status: change.status, method: moves ? method : null, reason: 'reason' in change ? (change.reason ?? null) : null, source, recordedBy: actor.userId, recordedAt: now.toISOString() });
}

/** Records that a person switched method, stopped (why), moved away, or uses a method again; the register's history keeps each change with its date. */
export function changeStatus(deps: Deps, actor: Actor, id: number, input: { status: StatusChange['status']; on: string; method?: ProductClass; reason?: string }) {
  const p = personOrThrow(deps.db, id);
  assertCanWriteAt(actor, { id: p.depotId, path: p.depotPath }, 'dispenser');
  const change = input as StatusChange;
  validateStatusChange(p, change, todayOf(deps));
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    applyChange(deps, tx, actor, p, change, 'status_change', now);
    audit(tx, { actorId: actor.userId, depotId: p.depotId, action: 'status_change', entity: 'person', entityId: p.id, detail: { caseNumber: p.caseNumber, status: input.status, method: input.method ?? null, on: input.on } }, now);
  });
  return afterWrite(deps, actor, id);
}

/** Closes a record of someone who no longer uses a method (409 person_still_using otherwise); its personal fields are erased after the retention period. */
export function closePerson(deps: Deps, actor: Actor, id: number, input: { reason: string }) {
  const p = personOrThrow(deps.db, id);
  assertCanWriteAt(actor, { id: p.depotId, path: p.depotPath }, 'dispenser', 'leader');
  validateClose(p);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.updatePerson(tx, p.id, { closedAt: now.toISOString(), closedBy: actor.userId, closeReason: input.reason, nextFollowUpOn: null });
    audit(tx, { actorId: actor.userId, depotId: p.depotId, action: 'close', entity: 'person', entityId: p.id, detail: { caseNumber: p.caseNumber } }, now);
  });
  return afterWrite(deps, actor, id);
}

/**
 * A follow-up visit (随访, S0:365), entered in one step: continuing, side effects (what), switched
 * (to which method) or stopped (why). It answers the scheduled date it falls on or just before,
 * updates the register and sets the next date from the method's schedule.
 */
export function recordFollowUp(deps: Deps, actor: Actor, id: number, input: z.infer<typeof FollowUpCreateSchema>) {
  const p = personOrThrow(deps.db, id);
  assertCanWriteAt(actor, { id: p.depotId, path: p.depotPath }, 'dispenser');
  if (p.closedAt) throw new DomainError('person_closed', 'The record is closed');
  if (!isActiveStatus(p.status)) throw new DomainError('person_not_using', `The person’s status is ${p.status}: follow-ups are for users of a method`);
  const today = todayOf(deps);
  const on = input.on ?? today;
  assertNotAfter(today, { on });
  if (on < p.methodSince) throw new DomainError('date_before_last_change', `The method was started on ${p.methodSince}; a follow-up of it is on that day or later`, { lastChangeOn: p.methodSince });
  const change: StatusChange | null =
    input.outcome === 'switched' ? { status: 'switched', method: input.switchedTo!, on } : input.outcome === 'stopped' ? { status: 'stopped', reason: input.stopReason!, on } : null;
  if (change) validateStatusChange(p, change, today);
  const early = deps.config.people.followUpEarlyDays;
  const dueOn = p.nextFollowUpOn !== null && on >= addDays(p.nextFollowUpOn, -early) ? p.nextFollowUpOn : null;
  const now = deps.clock.now();
  const followUpId = deps.db.transaction((tx) => {
    const row = q.insertFollowUp(tx, {
      personId: p.id,
      depotId: p.depotId,
      on,
      dueOn,
      method: p.method,
      outcome: input.outcome,
      sideEffects: input.sideEffects ?? null,
      switchedTo: input.switchedTo ?? null,
      stopReason: input.stopReason ?? null,
      note: input.note || null,
      recordedBy: actor.userId,
      recordedAt: now.toISOString(),
    });
    const lastVisit = p.lastFollowUpOn !== null && p.lastFollowUpOn > on ? p.lastFollowUpOn : on;
    q.updatePerson(tx, p.id, { lastFollowUpOn: lastVisit });
    if (change) applyChange(deps, tx, actor, { ...p, lastFollowUpOn: lastVisit }, change, 'follow_up', now);
    else q.updatePerson(tx, p.id, { nextFollowUpOn: nextDue(deps, p.method, p.methodSince, lastVisit) });
    audit(tx, { actorId: actor.userId, depotId: p.depotId, action: 'follow_up', entity: 'person', entityId: p.id, detail: { caseNumber: p.caseNumber, followUpId: row.id, outcome: input.outcome, on } }, now);
    return row.id;
  });
  const after = personOrThrow(deps.db, id);
  return { id: followUpId, personId: p.id, caseNumber: p.caseNumber, on, dueOn, outcome: input.outcome, status: after.status, method: after.method, nextFollowUpOn: after.nextFollowUpOn };
}

/**
 * Follow-ups due and overdue at a depot and the depots below it (a township: itself and its
 * villages), optionally of one dispenser: every follow-up due up to `withinDays` from today,
 * oldest first. Names and contacts only where they are seen, and then the read is audited.
 */
export function listDueFollowUps(deps: Deps, actor: Actor, query: z.infer<typeof DueFollowUpsQuerySchema>, auditDb: DbOrTx = deps.db) {
  const depot = depotOrThrow(deps, query.depotId);
  assertCanRead(actor, depot);
  const today = todayOf(deps);
  const until = addDays(today, query.withinDays);
  const items = q.dueFollowUpsUnder(deps.db, depot.path, until, query.dispenserId, pageOf(query));
  const { total, overdue } = q.countDueFollowUpsUnder(deps.db, depot.path, until, today, query.dispenserId);
  const rows = items.map((p) => ({
    personId: p.id,
    caseNumber: p.caseNumber,
    depotId: p.depotId,
    depotCode: p.depotCode,
    depotName: p.depotName,
    method: p.method,
    methodSince: p.methodSince,
    dueOn: p.nextFollowUpOn!,
    overdue: isOverdue(p.nextFollowUpOn!, today),
    daysOverdue: Math.max(0, daysBetween(p.nextFollowUpOn!, today)),
    lastFollowUpOn: p.lastFollowUpOn,
    dispenserId: p.dispenserId,
    dispenserName: p.dispenserName,
    personal: seesNames(deps, actor, p) ? { name: p.name, contact: p.contact, community: p.community } : null,
  }));
  const named = rows.filter((r) => r.personal !== null).map((r) => r.caseNumber);
  if (named.length > 0) audit(auditDb, { actorId: actor.userId, depotId: depot.id, action: 'read', entity: 'follow_ups_due', entityId: depot.id, detail: { caseNumbers: named } }, deps.clock.now());
  return { items: rows, total, overdue, today, until, page: query.page, pageSize: query.pageSize, withNames: named.length > 0 };
}

/**
 * Erases the personal fields (name, birth month, community, contact, free text) of records closed
 * longer ago than the retention period, in a subtree (everywhere when `path` is '/'). Case
 * numbers, methods, dates and outcomes stay, so every count stays as it was.
 */
export function erasePersonalDataUnder(deps: Deps, path: string, actorId: number | null, depotId: number | null) {
  const now = deps.clock.now();
  const closedBefore = new Date(now.getTime() - deps.config.people.retentionDays * 86_400_000).toISOString();
  return deps.db.transaction((tx) => {
    const due = q.erasableUnder(tx, path, closedBefore);
    for (const p of due) q.erasePerson(tx, p.id, now.toISOString());
    // One entry per registering depot, so that each depot's audit log shows its own erasures.
    const byDepot = new Map<number, typeof due>();
    for (const p of due) byDepot.set(p.depotId, [...(byDepot.get(p.depotId) ?? []), p]);
    for (const [at, erased] of byDepot) audit(tx, { actorId, depotId: at, action: 'erase', entity: 'people', entityId: depotId ?? undefined, detail: { caseNumbers: erased.map((p) => p.caseNumber), closedBefore } }, now);
    return { erased: due.length, caseNumbers: due.map((p) => p.caseNumber), closedBefore };
  });
}

/** The erasure a leader or admin starts for their depot and those below (the server also runs it daily for all). */
export function erasePersonalData(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanWriteAt(actor, depot, 'leader', 'admin');
  return erasePersonalDataUnder(deps, depot.path, actor.userId, depot.id);
}

