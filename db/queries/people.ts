import type { DbOrTx } from '../client.ts';
import { prepared } from './statements.ts';
import { subtreeEnd } from './depots.ts';
import { followUps, people, personEvents } from '../schema/index.ts';
import type { DepotTier, ProductClass } from '../../server/schemas/constants.ts';
import type { FollowUpOutcome, PersonStatus } from '../../server/domain/people-vocabulary.ts';

export interface PersonRow {
  id: number;
  depotId: number;
  caseNumber: string;
  name: string | null;
  birthYearMonth: string | null;
  community: string | null;
  contact: string | null;
  method: ProductClass;
  methodSince: string;
  status: PersonStatus;
  statusOn: string;
  statusReason: string | null;
  consentOn: string;
  dispenserId: number | null;
  registeredBy: number;
  registeredAt: string;
  lastFollowUpOn: string | null;
  nextFollowUpOn: string | null;
  closedAt: string | null;
  closeReason: string | null;
  erasedAt: string | null;
}

/** Where a person is registered, as the visibility rule needs it. */
export interface PersonPlace {
  depotCode: string;
  depotName: string;
  depotTier: DepotTier;
  depotPath: string;
  parentId: number | null;
  parentTier: DepotTier | null;
}

const PERSON_COLUMNS = `p.id, p.depot_id as depotId, p.case_number as caseNumber, p.name, p.birth_year_month as birthYearMonth, p.community, p.contact,
  p.method, p.method_since as methodSince, p.status, p.status_on as statusOn, p.status_reason as statusReason, p.consent_on as consentOn,
  p.dispenser_id as dispenserId, p.registered_by as registeredBy, p.registered_at as registeredAt, p.last_follow_up_on as lastFollowUpOn,
  p.next_follow_up_on as nextFollowUpOn, p.closed_at as closedAt, p.close_reason as closeReason, p.erased_at as erasedAt`;

const PLACE_COLUMNS = `d.code as depotCode, d.name as depotName, d.tier as depotTier, d.path as depotPath, d.parent_id as parentId, parent.tier as parentTier`;

export function findRegister(db: DbOrTx, depotId: number) {
  return prepared(db, 'select depot_id as depotId, opened_at as openedAt, next_seq as nextSeq from person_registers where depot_id = ?').get(depotId) as
    | { depotId: number; openedAt: string; nextSeq: number }
    | undefined;
}

/** Takes the depot's next case sequence, opening its register with the first registration. */
export function takeCaseSeq(db: DbOrTx, depotId: number, at: string, by: number): number {
  prepared(db, 'insert into person_registers (depot_id, opened_at, opened_by, next_seq) values (?, ?, ?, 1) on conflict (depot_id) do nothing').run(depotId, at, by);
  return prepared(db, 'update person_registers set next_seq = next_seq + 1 where depot_id = ? returning next_seq - 1 as seq').pluck().get(depotId) as number;
}

export function insertPerson(db: DbOrTx, row: typeof people.$inferInsert) {
  return db.insert(people).values(row).returning({ id: people.id }).get();
}

export function updatePerson(db: DbOrTx, id: number, set: Partial<typeof people.$inferInsert>) {
  const keys = Object.keys(set) as (keyof typeof set)[];
  if (keys.length === 0) return;
  const column = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  prepared(db, `update people set ${keys.map((k) => `${column(k)} = ?`).join(', ')} where id = ?`).run(...keys.map((k) => set[k] ?? null), id);
}

export function findPerson(db: DbOrTx, id: number) {
  return prepared(
    db,
    `select ${PERSON_COLUMNS}, ${PLACE_COLUMNS},
       (select max(e."on") from person_events e where e.person_id = p.id) as lastChangeOn,
       (select u.display_name from users u where u.id = p.dispenser_id) as dispenserName
     from people p join depots d on d.id = p.depot_id left join depots parent on parent.id = d.parent_id where p.id = ?`,
  ).get(id) as (PersonRow & PersonPlace & { lastChangeOn: string; dispenserName: string | null }) | undefined;
}

export function insertPersonEvent(db: DbOrTx, row: typeof personEvents.$inferInsert) {
  db.insert(personEvents).values(row).run();
}

export function eventsOf(db: DbOrTx, personId: number) {
  return prepared(
    db,
    `select e.id, e."on", e.status, e.method, e.reason, e.source, e.recorded_at as recordedAt, u.display_name as recordedBy
     from person_events e join users u on u.id = e.recorded_by where e.person_id = ? order by e."on", e.id`,
  ).all(personId) as { id: number; on: string; status: PersonStatus; method: ProductClass | null; reason: string | null; source: string; recordedAt: string; recordedBy: string }[];
}

export function insertFollowUp(db: DbOrTx, row: typeof followUps.$inferInsert) {
  return db.insert(followUps).values(row).returning({ id: followUps.id }).get();
}

export interface FollowUpRow {
  id: number;
  on: string;
  dueOn: string | null;
  method: ProductClass;
  outcome: FollowUpOutcome;
  sideEffects: string | null;
  switchedTo: ProductClass | null;
  stopReason: string | null;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

export function followUpsOf(db: DbOrTx, personId: number) {
  return prepared(
    db,
    `select f.id, f."on", f.due_on as dueOn, f.method, f.outcome, f.side_effects as sideEffects, f.switched_to as switchedTo, f.stop_reason as stopReason, f.note,
       u.display_name as recordedBy, f.recorded_at as recordedAt
     from follow_ups f join users u on u.id = f.recorded_by where f.person_id = ? order by f."on", f.id`,
  ).all(personId) as FollowUpRow[];
}

export function dispensingsOf(db: DbOrTx, personId: number) {
  return prepared(
    db,
    `select s.id, s.dispensed_at as dispensedAt, s.quantity, b.id as batchId, b.lot, b.expires_on as expiresOn, p.code as productCode, p.name_zh as productNameZh, p.name_en as productNameEn,
       p.unit_zh as unitZh, p.unit_en as unitEn, u.display_name as dispensedBy
     from dispensings s join batches b on b.id = s.batch_id join products p on p.id = b.product_id join users u on u.id = s.dispensed_by
     where s.person_id = ? order by s.id`,
  ).all(personId) as {
    id: number;
    dispensedAt: string;
    quantity: number;
    batchId: number;
    lot: string;
    expiresOn: string;
    productCode: string;
    productNameZh: string;
    productNameEn: string;
    unitZh: string;
    unitEn: string;
    dispensedBy: string;
  }[];
}

export interface PeopleFilter {
  status?: PersonStatus;
  method?: ProductClass;
  /** Open records only (the default), closed only, or both. */
  closed?: 'open' | 'closed' | 'all';
  /** Only the people registered at this depot itself, not below. */
  depotId?: number;
  /** A part of the case number, or of the name among the people whose names `namesAt` sees. */
  q?: string;
  /**
   * The depot whose reader may find people by name: those registered there, and at the villages
   * of a township (the rule of seesPersonalData); undefined finds by case number only, so that a
   * search never tells a reader who may not see names whether a name is on the register.
   */
  namesAt?: number;
}

function filterSql(f: PeopleFilter): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  if (f.status) {
    parts.push('p.status = ?');
    args.push(f.status);
  }
  if (f.method) {
    parts.push('p.method = ?');
    args.push(f.method);
  }
  if (f.depotId !== undefined) {
    parts.push('p.depot_id = ?');
    args.push(f.depotId);
  }
  if ((f.closed ?? 'open') === 'open') parts.push('p.closed_at is null');
  if (f.closed === 'closed') parts.push('p.closed_at is not null');
  if (f.q) {
    if (f.namesAt === undefined) {
      parts.push('instr(p.case_number, ?) > 0');
      args.push(f.q);
    } else {
      parts.push("(instr(p.case_number, ?) > 0 or (instr(p.name, ?) > 0 and (d.id = ? or (d.tier = 'village' and parent.id = ? and parent.tier = 'township'))))");
      args.push(f.q, f.q, f.namesAt, f.namesAt);
    }
  }
  return { sql: parts.map((p) => ` and ${p}`).join(''), args };
}

/** The people registered in a subtree (a village, or a township with its villages), by depot then case number. */
export function listPeopleUnder(db: DbOrTx, path: string, filter: PeopleFilter, page: { limit: number; offset: number }) {
  const f = filterSql(filter);
  const from = `from depots d join people p on p.depot_id = d.id left join depots parent on parent.id = d.parent_id where d.path >= ? and d.path < ?${f.sql}`;
  const items = prepared(db, `select ${PERSON_COLUMNS}, ${PLACE_COLUMNS}, (select u.display_name from users u where u.id = p.dispenser_id) as dispenserName ${from} order by d.code, p.case_number limit ? offset ?`).all(
    path,
    subtreeEnd(path),
    ...f.args,
    page.limit,
    page.offset,
  ) as (PersonRow & PersonPlace & { dispenserName: string | null })[];
  const total = prepared(db, `select count(*) ${from}`).pluck().get(path, subtreeEnd(path), ...f.args) as number;
  return { items, total };
}

/**
 * Follow-ups due on or before `until` of the people registered in a subtree, optionally of one
 * dispenser, oldest first. Reads people_due_idx (depot, next follow-up) for each depot of the
 * subtree: a township is itself and its villages.
 */
export function dueFollowUpsUnder(db: DbOrTx, path: string, until: string, dispenserId: number | undefined, page: { limit: number; offset: number }) {
  const mine = dispenserId === undefined ? '' : ' and p.dispenser_id = ?';
  const args = [until, path, subtreeEnd(path), ...(dispenserId === undefined ? [] : [dispenserId])];
  // The page's ids first, sorted from the index alone (a township has thousands due); then their rows.
  return prepared(
    db,
    `select ${PERSON_COLUMNS}, ${PLACE_COLUMNS}, (select u.display_name from users u where u.id = p.dispenser_id) as dispenserName
     from (select p.id from depots d join people p on p.depot_id = d.id and p.next_follow_up_on <= ? where d.path >= ? and d.path < ?${mine}
           order by p.next_follow_up_on, p.id limit ? offset ?) pick
     join people p on p.id = pick.id join depots d on d.id = p.depot_id left join depots parent on parent.id = d.parent_id
     order by p.next_follow_up_on, p.id`,
  ).all(...args, page.limit, page.offset) as (PersonRow & PersonPlace & { dispenserName: string | null })[];
}

/** How many follow-ups of dueFollowUpsUnder's rows there are in all, and how many of them are due before `today` (overdue). */
export function countDueFollowUpsUnder(db: DbOrTx, path: string, until: string, today: string, dispenserId: number | undefined) {
  const mine = dispenserId === undefined ? '' : ' and p.dispenser_id = ?';
  return prepared(
    db,
    `select count(*) as total, coalesce(sum(p.next_follow_up_on < ?), 0) as overdue
     from depots d join people p on p.depot_id = d.id and p.next_follow_up_on <= ? where d.path >= ? and d.path < ?${mine}`,
  ).get(today, until, path, subtreeEnd(path), ...(dispenserId === undefined ? [] : [dispenserId])) as { total: number; overdue: number };
}

/** The registers kept in a subtree: which depot, since when. */
export function registersUnder(db: DbOrTx, path: string) {
  return prepared(db, 'select r.depot_id as depotId, d.path, r.opened_at as openedAt from person_registers r join depots d on d.id = r.depot_id where d.path >= ? and d.path < ?').all(path, subtreeEnd(path)) as {
    depotId: number;
    path: string;
    openedAt: string;
  }[];
}

/**
 * Users by method of the people registered in a subtree on a date: each person's last change on
 * or before it (by date, then as recorded), counted when it left them using or switched to a
 * method. One row per registering depot and method.
 */
export function activeUsersUnder(db: DbOrTx, path: string, date: string) {
  return prepared(
    db,
    `select d.path, e.method, count(*) as users
     from depots d join people p on p.depot_id = d.id
     join person_events e on e.id = (select e2.id from person_events e2 where e2.person_id = p.id and e2."on" <= ? order by e2."on" desc, e2.id desc limit 1)
     where d.path >= ? and d.path < ? and e.status in ('using', 'switched') and e.method is not null
     group by d.path, e.method`,
  ).all(date, path, subtreeEnd(path)) as { path: string; method: ProductClass; users: number }[];
}

/**
 * The same as activeUsersUnder for a date on or after today, from each person's current status:
 * no change is ever dated after today, so their last change is their current state.
 */
export function currentUsersUnder(db: DbOrTx, path: string) {
  return prepared(
    db,
    `select d.path, p.method, count(*) as users from depots d join people p on p.depot_id = d.id
     where d.path >= ? and d.path < ? and p.status in ('using', 'switched') group by d.path, p.method`,
  ).all(path, subtreeEnd(path)) as { path: string; method: ProductClass; users: number }[];
}

/** Every registering-tier depot of a subtree (the townships and villages that could keep a register). */
export function depotsOfTiersUnder(db: DbOrTx, path: string, tiers: readonly DepotTier[]) {
  if (tiers.length === 0) return [];
  return prepared(db, `select id, code, name, tier, path from depots where path >= ? and path < ? and tier in (${tiers.map(() => '?').join(', ')}) order by code`).all(path, subtreeEnd(path), ...tiers) as {
    id: number;
    code: string;
    name: string;
    tier: DepotTier;
    path: string;
  }[];
}

/** Closed records still holding personal fields, closed before `closedBefore`, in a subtree. */
export function erasableUnder(db: DbOrTx, path: string, closedBefore: string) {
  return prepared(
    db,
    `select p.id, p.case_number as caseNumber, p.depot_id as depotId from people p join depots d on d.id = p.depot_id
     where p.closed_at is not null and p.closed_at < ? and p.erased_at is null and d.path >= ? and d.path < ? order by p.id`,
  ).all(closedBefore, path, subtreeEnd(path)) as { id: number; caseNumber: string; depotId: number }[];
}

/**
 * Erases a person's personal fields and the free text written about them; what the counts and
 * reports need (case number, method, dates, statuses, outcomes) stays.
 */
export function erasePerson(db: DbOrTx, id: number, at: string) {
  prepared(db, 'update people set name = null, birth_year_month = null, community = null, contact = null, status_reason = null, close_reason = null, erased_at = ? where id = ?').run(at, id);
  prepared(db, 'update person_events set reason = null where person_id = ?').run(id);
  prepared(db, 'update follow_ups set side_effects = null, stop_reason = null, note = null where person_id = ?').run(id);
  prepared(db, 'update dispensings set recipient = null where person_id = ?').run(id);
}

/** The dispensing register (发放登记表) of a depot over [fromIso, toIso): one row per dispensing, oldest first. */
export function dispensingRegisterRows(db: DbOrTx, depotId: number, fromIso: string, toIso: string) {
  return prepared(
    db,
    `select s.id, s.dispensed_at as dispensedAt, s.quantity, s.recipient, s.person_id as personId, pe.case_number as caseNumber, pe.name as personName,
       b.lot, b.expires_on as expiresOn, p.code as productCode, p.name_zh as productNameZh, p.name_en as productNameEn, p.spec_zh as specZh, p.spec_en as specEn,
       p.unit_zh as unitZh, p.unit_en as unitEn, p.product_class as productClass, u.display_name as dispensedBy
     from dispensings s join batches b on b.id = s.batch_id join products p on p.id = b.product_id join users u on u.id = s.dispensed_by
     left join people pe on pe.id = s.person_id
     where s.depot_id = ? and s.dispensed_at >= ? and s.dispensed_at < ? order by s.dispensed_at, s.id`,
  ).all(depotId, fromIso, toIso) as {
    id: number;
    dispensedAt: string;
    quantity: number;
    recipient: string | null;
    personId: number | null;
    caseNumber: string | null;
    personName: string | null;
    lot: string;
    expiresOn: string;
    productCode: string;
    productNameZh: string;
    productNameEn: string;
    specZh: string;
    specEn: string;
    unitZh: string;
    unitEn: string;
    productClass: ProductClass;
    dispensedBy: string;
  }[];
}

/** Follow-up visits of a subtree in [from, to] (inclusive dates), per registering depot: visits, people visited, visits that found side effects. */
export function followUpsBetweenUnder(db: DbOrTx, path: string, from: string, to: string) {
  return prepared(
    db,
    `select d.path, count(*) as visits, count(distinct f.person_id) as people, coalesce(sum(f.outcome = 'side_effects'), 0) as sideEffects
     from depots d join follow_ups f on f.depot_id = d.id and f."on" >= ? and f."on" <= ?
     where d.path >= ? and d.path < ? group by d.path`,
  ).all(from, to, path, subtreeEnd(path)) as { path: string; visits: number; people: number; sideEffects: number }[];
}

/** Switches and stops of the people of a subtree that took effect in [from, to], per registering depot. */
export function changesBetweenUnder(db: DbOrTx, path: string, from: string, to: string) {
  return prepared(
    db,
    `select d.path, coalesce(sum(e.status = 'switched'), 0) as switched, coalesce(sum(e.status = 'stopped'), 0) as stopped
     from depots d join people p on p.depot_id = d.id join person_events e on e.person_id = p.id and e."on" >= ? and e."on" <= ?
     where d.path >= ? and d.path < ? group by d.path`,
  ).all(from, to, path, subtreeEnd(path)) as { path: string; switched: number; stopped: number }[];
}
