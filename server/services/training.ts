import type { Deps } from '../deps.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import * as q from '../../db/queries/training.ts';
import { findUser } from '../../db/queries/users.ts';
import { findDepotPlace, subtreeEnd } from '../../db/queries/depots.ts';
import { userName } from '../../db/queries/transfers.ts';
import { DomainError } from '../domain/errors.ts';
import { toIsoDate } from '../domain/expiry.ts';
import { cadenceStatus, type CadenceRule, type CadenceStatus } from '../domain/training-cadence.ts';
import type { CadenceKind, EducationTopic, TrainingTopic } from '../domain/training.ts';
import type { DepotTier, Role } from '../schemas/constants.ts';
import { audit } from './audit.ts';
import { depotOrThrow } from './depot-lookup.ts';

type Depot = ReturnType<typeof depotOrThrow>;

/** Who records a staff training for their depot: its management (S0:464, 「本级和下级」). */
const TRAINING_ROLES: readonly Role[] = ['leader', 'planner', 'admin'];
/** Who records a public education session: the township's management and its dispensers (S0:471). */
const EDUCATION_ROLES: readonly Role[] = ['leader', 'planner', 'dispenser'];

const today = (deps: Deps) => toIsoDate(deps.clock.now(), deps.config.timeZone);
const place = (d: Depot) => ({ id: d.id, code: d.code, name: d.name, tier: d.tier });

export interface TrainingInput {
  heldOn: string;
  title: string;
  topics: TrainingTopic[];
  topicsNote?: string | null;
  trainer: string;
  materials?: string | null;
  /** Users of the organiser's subtree, and people without an account by name and depot. */
  attendees: ({ userId: number } | { name: string; depotId: number })[];
}

export interface EducationInput {
  heldOn: string;
  place: string;
  topics: EducationTopic[];
  topicsNote?: string | null;
  attendance: number;
  materials?: string | null;
}

function notInFuture(deps: Deps, heldOn: string) {
  if (heldOn > today(deps)) throw new DomainError('date_in_future', 'A training is recorded once it has been held', { heldOn }, [{ path: 'heldOn', message: 'today or earlier' }]);
}

// ---- staff trainings ----

function presentTraining(deps: Deps, t: q.TrainingRow, attendees: readonly q.AttendeeRow[]) {
  const organiser = depotOrThrow(deps, t.organiserDepotId);
  const depotNames = new Map<number, string>();
  const depotName = (id: number) => {
    if (!depotNames.has(id)) depotNames.set(id, findDepotPlace(deps.db, id)?.name ?? '');
    return depotNames.get(id)!;
  };
  return {
    id: t.id,
    organiserDepot: place(organiser),
    heldOn: t.heldOn,
    title: t.title,
    topics: t.topics,
    topicsNote: t.topicsNote,
    trainer: t.trainer,
    materials: t.materials,
    attendees: attendees.map((a) => ({ userId: a.userId, name: a.name, depotId: a.depotId, depotName: depotName(a.depotId) })),
    createdBy: t.createdBy,
    createdByName: userName(deps.db, t.createdBy),
    createdAt: t.createdAt,
  };
}

/**
 * Attendees are users of the organiser's subtree (each level trains its own staff and those
 * below, S0:464, 467), or people without an account, kept by name and depot only. Nobody twice.
 */
function resolveAttendees(deps: Deps, organiser: Depot, attendees: TrainingInput['attendees']) {
  const seen = new Set<number>();
  return attendees.map((a, i) => {
    if ('userId' in a) {
      const user = findUser(deps.db, a.userId);
      if (!user || !user.active || !user.depotPath.startsWith(organiser.path)) {
        throw new DomainError('attendee_invalid', `An attendee is an active user of ${organiser.name} or a depot below it`, { userId: a.userId }, [{ path: `attendees.${i}.userId`, message: 'an active user of the organiser’s subtree' }]);
      }
      if (seen.has(user.id)) throw new DomainError('attendee_invalid', `${user.displayName} is named twice`, { userId: user.id }, [{ path: `attendees.${i}.userId`, message: 'named twice' }]);
      seen.add(user.id);
      return { userId: user.id, name: user.displayName, depotId: user.depotId };
    }
    const depot = findDepotPlace(deps.db, a.depotId);
    if (!depot || !depot.path.startsWith(organiser.path)) {
      throw new DomainError('attendee_invalid', `An attendee’s depot is ${organiser.name} or a depot below it`, { depotId: a.depotId }, [{ path: `attendees.${i}.depotId`, message: 'the organiser or a depot below it' }]);
    }
    return { userId: null, name: a.name, depotId: depot.id };
  });
}

/**
 * A depot records a training it held (TRN-1, TRN-2): a leader, planner or admin of that depot.
 * A new user it names has their roles active from then on (S0:466); audited at the organiser and
 * at each attendee's depot below it.
 */
export function recordTraining(deps: Deps, actor: Actor, input: TrainingInput) {
  const organiser = depotOrThrow(deps, actor.depotId);
  assertCanWriteAt(actor, organiser, ...TRAINING_ROLES);
  notInFuture(deps, input.heldOn);
  const attendees = resolveAttendees(deps, organiser, input.attendees);
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) => {
    const row = q.insertTraining(tx, {
      organiserDepotId: organiser.id,
      heldOn: input.heldOn,
      title: input.title,
      topics: input.topics,
      topicsNote: input.topicsNote ?? null,
      trainer: input.trainer,
      materials: input.materials ?? null,
      createdBy: actor.userId,
      createdAt: now.toISOString(),
    });
    q.insertAttendees(tx, attendees.map((a) => ({ ...a, trainingId: row.id })));
    const detail = { heldOn: input.heldOn, title: input.title, topics: input.topics, trainer: input.trainer, attendees: attendees.length, userIds: attendees.flatMap((a) => (a.userId === null ? [] : [a.userId])) };
    audit(tx, { actorId: actor.userId, depotId: organiser.id, action: 'record', entity: 'training', entityId: row.id, detail }, now);
    for (const depotId of new Set(attendees.map((a) => a.depotId).filter((d) => d !== organiser.id))) {
      audit(tx, { actorId: actor.userId, depotId, action: 'trained', entity: 'training', entityId: row.id, detail: { organiserDepotId: organiser.id, heldOn: input.heldOn } }, now);
    }
    return row.id;
  });
  return getTraining(deps, actor, id);
}

function trainingOrThrow(deps: Deps, id: number) {
  const t = q.findTraining(deps.db, id);
  if (!t) throw new DomainError('training_not_found', `No training ${id}`);
  return t;
}

/** Read by whoever reads the organiser (it and the depots above). */
export function getTraining(deps: Deps, actor: Actor, id: number) {
  const t = trainingOrThrow(deps, id);
  assertCanRead(actor, depotOrThrow(deps, t.organiserDepotId));
  return presentTraining(deps, t, q.attendeesOf(deps.db, [t.id]));
}

/** The trainings a depot held, or every depot of its subtree held; newest first. */
export function listTrainings(deps: Deps, actor: Actor, depotId: number, scope: 'own' | 'subtree') {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const rows = q.trainingsUnder(deps.db, depot, scope);
  const attendees = q.attendeesOf(deps.db, rows.map((r) => r.id));
  return { items: rows.map((t) => presentTraining(deps, t, attendees.filter((a) => a.trainingId === t.id))) };
}

// ---- public education ----

function presentEducation(deps: Deps, e: q.EducationRow) {
  return {
    id: e.id,
    depot: place(depotOrThrow(deps, e.depotId)),
    heldOn: e.heldOn,
    place: e.place,
    topics: e.topics,
    topicsNote: e.topicsNote,
    attendance: e.attendance,
    materials: e.materials,
    createdBy: e.createdBy,
    createdByName: userName(deps.db, e.createdBy),
    createdAt: e.createdAt,
  };
}

/** A public education session the actor's depot held (TRN-7 to TRN-10); audited. */
export function recordEducation(deps: Deps, actor: Actor, input: EducationInput) {
  const depot = depotOrThrow(deps, actor.depotId);
  assertCanWriteAt(actor, depot, ...EDUCATION_ROLES);
  notInFuture(deps, input.heldOn);
  const now = deps.clock.now();
  const id = deps.db.transaction((tx) => {
    const row = q.insertEducation(tx, { depotId: depot.id, heldOn: input.heldOn, place: input.place, topics: input.topics, topicsNote: input.topicsNote ?? null, attendance: input.attendance, materials: input.materials ?? null, createdBy: actor.userId, createdAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'record', entity: 'education_session', entityId: row.id, detail: { heldOn: input.heldOn, place: input.place, topics: input.topics, attendance: input.attendance } }, now);
    return row.id;
  });
  return getEducation(deps, actor, id);
}

export function getEducation(deps: Deps, actor: Actor, id: number) {
  const e = q.findEducation(deps.db, id);
  if (!e) throw new DomainError('education_session_not_found', `No education session ${id}`);
  assertCanRead(actor, depotOrThrow(deps, e.depotId));
  return presentEducation(deps, e);
}

export function listEducation(deps: Deps, actor: Actor, depotId: number, scope: 'own' | 'subtree') {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  return { items: q.educationUnder(deps.db, depot, scope).map((e) => presentEducation(deps, e)) };
}

// ---- the cadence ----

export interface CadenceRow extends CadenceStatus {
  depot: { id: number; code: string; name: string; tier: DepotTier };
  kind: CadenceKind;
}

/**
 * Every depot of a subtree (or the one depot) that uses the system (has an active user) checked
 * against its tier's rules: staff trainings (TRN-6) and public education (TRN-10). Overdue first.
 */
export function cadenceUnder(deps: Deps, depot: Depot, scope: 'own' | 'subtree'): CadenceRow[] {
  const now = today(deps);
  const rules = deps.config.training;
  const rows: CadenceRow[] = [];
  for (const d of q.heldDatesUnder(deps.db, depot.path, subtreeEnd(depot.path))) {
    if (scope === 'own' && d.id !== depot.id) continue;
    const tier = d.tier as DepotTier;
    const checks: [CadenceKind, CadenceRule | null, string[]][] = [
      ['staff_training', rules.staff[tier], d.staff],
      ['public_education', rules.education[tier], d.education],
    ];
    for (const [kind, rule, dates] of checks) {
      if (rule) rows.push({ depot: { id: d.id, code: d.code, name: d.name, tier }, kind, ...cadenceStatus(rule, dates, now) });
    }
  }
  return rows.sort((a, b) => Number(b.overdue) - Number(a.overdue));
}

/** The cadence list for a reader of the depot; `overdueOnly` keeps the overdue rows. */
export function trainingCadence(deps: Deps, actor: Actor, depotId: number, scope: 'own' | 'subtree', overdueOnly: boolean) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const all = cadenceUnder(deps, depot, scope);
  return { today: today(deps), items: overdueOnly ? all.filter((r) => r.overdue) : all, overdue: all.filter((r) => r.overdue).length, checked: all.length };
}

/** For a dashboard: the depot's own rows and the overdue depots below, at most `limit`. */
export function overdueTraining(deps: Deps, depotId: number, limit = 50) {
  const depot = depotOrThrow(deps, depotId);
  const all = cadenceUnder(deps, depot, 'subtree');
  const overdue = all.filter((r) => r.overdue);
  const present = (r: CadenceRow) => ({ depot: r.depot, kind: r.kind, lastHeldOn: r.lastHeldOn, dueBy: r.dueBy, held: r.held, times: r.rule.times, everyMonths: r.rule.everyMonths });
  return { own: overdue.filter((r) => r.depot.id === depot.id).map(present), below: overdue.filter((r) => r.depot.id !== depot.id).slice(0, limit).map(present), belowTotal: overdue.filter((r) => r.depot.id !== depot.id).length };
}

// ---- new staff trained first (S0:466) ----

/** The users of a depot whose roles wait for a training or a waiver; read by whoever reads the depot. */
export function pendingTraining(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  return { items: q.pendingUsersAt(deps.db, depot.id) };
}

/**
 * The user's depot's leader waives the training a new user waits for, with a reason: someone
 * trained elsewhere, moved in from another depot. Never one's own waiver: an untrained user holds
 * no active role, whatever roles they were given, and the waiver needs another person.
 */
export function waiveTraining(deps: Deps, actor: Actor, userId: number, input: { reason: string }) {
  if (userId === actor.userId) throw new DomainError('own_waiver', 'Your own training is waived by another leader of your depot', { userId });
  const user = findUser(deps.db, userId);
  if (!user) throw new DomainError('user_not_found', `No user ${userId}`);
  assertCanRead(actor, { id: user.depotId, path: user.depotPath });
  assertCanWriteAt(actor, { id: user.depotId, path: user.depotPath }, 'leader');
  if (!q.isTrainingPending(deps.db, userId)) throw new DomainError('training_not_pending', `${user.displayName} is not waiting for training`, { userId });
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.waiveRequirement(tx, userId, { waivedBy: actor.userId, waivedAt: now.toISOString(), waiverReason: input.reason });
    audit(tx, { actorId: actor.userId, depotId: user.depotId, action: 'waive_training', entity: 'user', entityId: userId, detail: { reason: input.reason, roles: user.roles } }, now);
  });
  return trainingState(deps, userId);
}

export function userTrainingState(deps: Deps, actor: Actor, userId: number) {
  const user = findUser(deps.db, userId);
  if (!user) throw new DomainError('user_not_found', `No user ${userId}`);
  assertCanRead(actor, { id: user.depotId, path: user.depotPath });
  return trainingState(deps, userId);
}

/** Where a user stands: held until trained, trained (by which training), waived, or never held. */
export function trainingState(deps: Deps, userId: number) {
  const req = q.findRequirement(deps.db, userId);
  const first = q.firstTrainingOf(deps.db, userId);
  return {
    userId,
    pending: q.isTrainingPending(deps.db, userId),
    required: req !== undefined,
    trainedBy: first ?? null,
    waivedBy: req?.waivedBy ?? null,
    waivedByName: req?.waivedBy ? userName(deps.db, req.waivedBy) : null,
    waivedAt: req?.waivedAt ?? null,
    waiverReason: req?.waiverReason ?? null,
  };
}
