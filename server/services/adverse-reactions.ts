import type { Deps } from '../deps.ts';
import type { DbOrTx } from '../../db/client.ts';
import * as q from '../../db/queries/adverse-reactions.ts';
import { findAncestors, findDepotPlace } from '../../db/queries/depots.ts';
import { insertNotification } from '../../db/queries/inspections.ts';
import { findHold } from '../../db/queries/quality.ts';
import { DomainError } from '../domain/errors.ts';
import { toIsoDate } from '../domain/expiry.ts';
import {
  adrDueOn,
  ageAtOnset,
  assertConfirmable,
  assertSubmittable,
  daysOverdue,
  doneOn,
  isAdrOverdue,
  isSerious,
  planConfirmation,
  reportsFor,
  seriousCriteriaOf,
  signalDecision,
  signalWindowFrom,
  validateReportDates,
} from '../domain/adverse-reactions.ts';
import type { AdrOutcome, AdrStatus, ConfirmationDecision, DiagnosingBody, SeriousCriterion } from '../domain/adverse-vocabulary.ts';
import { seesPersonalData } from '../domain/people.ts';
import { assertCanRead, assertCanWriteAt, type Actor } from '../auth/scope.ts';
import { assertIndependent } from './users.ts';
import { findScannedBatch } from './scanned-batch.ts';
import { depotOrThrow } from './depot-lookup.ts';
import { placeHold, traceBatch } from './holds.ts';
import { audit } from './audit.ts';

export interface FileReportInput {
  depotId: number;
  personId?: number;
  birthYear?: number;
  community?: string;
  raw?: string;
  batchId?: number;
  dispensingId?: number;
  useStartedOn: string;
  onsetOn: string;
  learnedOn?: string;
  description: string;
  treatment?: string;
  outcome: AdrOutcome;
  criteria: SeriousCriterion[];
}

export interface ConfirmInput {
  decision: ConfirmationDecision;
  criteria?: SeriousCriterion[];
  diagnosingBody: DiagnosingBody;
  institution: string;
  diagnostician: string;
  diagnosedOn: string;
  note?: string;
}

type Depot = ReturnType<typeof depotOrThrow>;

const today = (deps: Deps, now = deps.clock.now()) => toIsoDate(now, deps.config.timeZone);

function reportOrThrow(db: DbOrTx, id: number) {
  const report = q.findReport(db, id);
  if (!report) throw new DomainError('adverse_reaction_not_found', `No adverse-reaction report ${id}`);
  return report;
}

/** The county of a depot (itself, or the one above it), whose technical service confirms its serious reports (S0:438). */
function countyOf(deps: Deps, depot: Depot) {
  if (depot.tier === 'county') return depot;
  return findAncestors(deps.db, depot.path).find((a) => a.tier === 'county') ?? null;
}

/** The top of the tree: the region, told of lot signals and sent the case reports. */
function regionOf(deps: Deps, depot: { id: number; path: string }) {
  return findAncestors(deps.db, depot.path)[0] ?? depot;
}

/** A depot's place as the register's visibility rule reads it: its tier, its parent and the parent's tier. */
function placeOf(db: DbOrTx, depotId: number) {
  const depot = findDepotPlace(db, depotId)!;
  const parent = depot.parentId === null ? undefined : findDepotPlace(db, depot.parentId);
  return { id: depot.id, parentId: depot.parentId, tier: depot.tier, parentTier: parent?.tier ?? null };
}

/**
 * Whether the reader sees the person's details on reports of this depot: the same rule as the
 * register's (server/domain/people.ts): the reporting depot and the township directly above a
 * village, by the roles that serve people.
 */
function personalVisibleTo(deps: Deps, actor: Actor, reportingDepotId: number) {
  return seesPersonalData(actor, placeOf(deps.db, reportingDepotId), deps.config.people.personalDataRoles);
}

/**
 * Files form 11 (不良反应报告表, S0:436) at a village or township depot: a dispenser of the depot
 * (403), at a tier that reports (409 reporting_not_here). The person is one on the register of
 * this depot (or of a village under this township), or given by birth year and community only.
 * The lot is scanned or chosen. A reaction meeting a serious criterion waits for the county's
 * confirmation, whose clinicians are told; every report counts towards its lot's signal.
 */
export function fileReport(deps: Deps, actor: Actor, input: FileReportInput) {
  const depot = depotOrThrow(deps, input.depotId);
  assertCanWriteAt(actor, depot, 'dispenser');
  if (!deps.config.adverseReactions.reportingTiers.includes(depot.tier)) {
    throw new DomainError('reporting_not_here', `A ${depot.tier} depot does not file adverse-reaction reports; the village and township dispensers do (S0:436)`);
  }
  const now = deps.clock.now();
  const day = today(deps, now);
  const learnedOn = input.learnedOn ?? day;
  validateReportDates({ useStartedOn: input.useStartedOn, onsetOn: input.onsetOn, learnedOn }, day);
  const county = countyOf(deps, depot);
  const criteria = seriousCriteriaOf(input.criteria, input.outcome);
  const serious = isSerious(criteria);

  const id = deps.db.transaction((tx) => {
    const { batch, entry } = findScannedBatch(tx, input);
    let personId = input.personId ?? null;
    if (input.dispensingId !== undefined) {
      const dispensing = q.findDispensingOf(tx, input.dispensingId);
      if (!dispensing || dispensing.batchId !== batch.id || !reportsFor(depot, placeOf(tx, dispensing.depotId))) {
        throw new DomainError('not_found', `No dispensing ${input.dispensingId} of this lot at this depot`, undefined, [{ path: 'dispensingId', message: 'not a dispensing of this lot here' }]);
      }
      if (dispensing.personId !== null && personId !== null && dispensing.personId !== personId) {
        throw new DomainError('validation_failed', 'The dispensing was for another person', undefined, [{ path: 'dispensingId', message: 'dispensed to another person' }]);
      }
      personId ??= dispensing.personId;
    }
    if (personId !== null) {
      const person = q.findPersonPlace(tx, personId);
      if (!person || !reportsFor(depot, { id: person.depotId, parentId: person.depotParentId })) {
        throw new DomainError('person_not_found', `No person ${personId} on the register here`, undefined, [{ path: 'personId', message: 'not on the register of this depot' }]);
      }
    }
    const number = `BL-${depot.code}-${String(q.countReportsAt(tx, depot.id) + 1).padStart(4, '0')}`;
    const row = q.insertReport(tx, {
      number,
      depotId: depot.id,
      countyId: county?.id ?? null,
      personId,
      birthYear: personId === null ? (input.birthYear ?? null) : null,
      community: personId === null ? (input.community ?? null) : null,
      dispensingId: input.dispensingId ?? null,
      batchId: batch.id,
      entry,
      useStartedOn: input.useStartedOn,
      onsetOn: input.onsetOn,
      learnedOn,
      description: input.description,
      treatment: input.treatment ?? null,
      outcome: input.outcome,
      reportedCriteria: criteria,
      criteria,
      serious,
      status: serious ? 'awaiting_confirmation' : 'filed',
      dueOn: adrDueOn(learnedOn, criteria, deps.config.adverseReactions.dueDays),
      filedOn: day,
      filedBy: actor.userId,
      filedAt: now.toISOString(),
    });
    if (serious && county) {
      insertNotification(tx, { depotId: county.id, role: 'clinician', kind: 'adverse_reaction_serious', entity: 'adverse_reaction', entityId: row.id, message: `${depot.name} 报告严重不良反应 ${number}（批号 ${batch.lot}），请诊断确认`, createdAt: now.toISOString() });
    }
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: 'file', entity: 'adverse_reaction', entityId: row.id, detail: { number, batchId: batch.id, serious, criteria } }, now);
    countTowardsSignal(deps, tx, { id: row.id, batchId: batch.id, lot: batch.lot, depot }, day, now);
    return row.id;
  });
  // The reporter sees what they just wrote: the filing is audited already.
  return presentDetail(deps, actor, q.findReportDetail(deps.db, id)!);
}

/**
 * A report on a lot joins the lot's recent signal, raises one when the lot has reached the
 * threshold within the window (server/domain/adverse-reactions.ts signalDecision), or neither.
 * A new signal tells the region's inspector once, however many reports follow.
 */
function countTowardsSignal(deps: Deps, tx: DbOrTx, report: { id: number; batchId: number; lot: string; depot: Depot }, day: string, now: Date) {
  const rule = deps.config.adverseReactions.signal;
  const from = signalWindowFrom(day, rule);
  const recent = q.reportsOnBatchSince(tx, report.batchId, from);
  const last = q.lastSignalOf(tx, report.batchId);
  const decision = signalDecision(
    recent.map((r) => r.filedOn),
    last?.raisedOn ?? null,
    day,
    rule,
  );
  if (decision === 'join') {
    q.setReportsSignal(tx, [report.id], last!.id);
    q.bumpSignalCount(tx, last!.id);
    return;
  }
  if (decision === 'none') return;
  const region = regionOf(deps, report.depot);
  const signal = q.insertSignal(tx, { batchId: report.batchId, depotId: region.id, raisedOn: day, raisedAt: now.toISOString(), windowFrom: from, reportCount: recent.length });
  q.setReportsSignal(
    tx,
    recent.filter((r) => r.signalId === null).map((r) => r.id),
    signal.id,
  );
  insertNotification(tx, {
    depotId: region.id,
    role: 'inspector',
    kind: 'adverse_signal',
    entity: 'adverse_signal',
    entityId: signal.id,
    message: `批号 ${report.lot} ${rule.windowDays} 天内有 ${recent.length} 例不良反应报告：请查看该批号去向，必要时暂停发放`,
    createdAt: now.toISOString(),
  });
  audit(tx, { actorId: null, depotId: region.id, action: 'raise', entity: 'adverse_signal', entityId: signal.id, detail: { batchId: report.batchId, reports: recent.length, windowFrom: from } }, now);
}

/**
 * The county's technical service decides a report flagged serious (S0:438): a clinician of the
 * county above the reporting depot (403 out_of_scope, role_required), never the reporter
 * (409 self_approval) nor one whose account the reporter granted or who granted the reporter's
 * (409 not_independent), once (409 already_confirmed; not_serious for an ordinary report).
 */
export function confirmReport(deps: Deps, actor: Actor, id: number, input: ConfirmInput) {
  const report = reportOrThrow(deps.db, id);
  const county = report.countyId === null ? null : depotOrThrow(deps, report.countyId);
  if (!county) throw new DomainError('out_of_scope', 'No county above the reporting depot confirms this report');
  assertCanWriteAt(actor, county, 'clinician');
  if (report.filedBy === actor.userId) throw new DomainError('self_approval', 'Nobody confirms a report they filed');
  assertConfirmable(report);
  const now = deps.clock.now();
  const day = today(deps, now);
  const errors = [];
  if (input.diagnosedOn > day) errors.push({ path: 'diagnosedOn', message: `not after today (${day})` });
  if (input.diagnosedOn < report.onsetOn) errors.push({ path: 'diagnosedOn', message: 'not before the onset' });
  if (errors.length > 0) throw new DomainError('validation_failed', 'The diagnosis date does not fit the report', undefined, errors);
  const plan = planConfirmation({ learnedOn: report.learnedOn, criteria: report.criteria }, input, deps.config.adverseReactions.dueDays);
  deps.db.transaction((tx) => {
    assertIndependent(tx, report.filedBy, actor.userId);
    q.updateReport(tx, id, {
      status: plan.status,
      criteria: plan.criteria,
      serious: isSerious(plan.criteria),
      dueOn: plan.dueOn,
      decision: input.decision,
      diagnosingBody: input.diagnosingBody,
      institution: input.institution,
      diagnostician: input.diagnostician,
      diagnosedOn: input.diagnosedOn,
      confirmationNote: input.note ?? null,
      confirmedBy: actor.userId,
      confirmedAt: now.toISOString(),
    });
    insertNotification(tx, {
      depotId: report.depotId,
      role: 'dispenser',
      kind: input.decision === 'confirmed' ? 'adverse_reaction_confirmed' : 'adverse_reaction_not_serious',
      entity: 'adverse_reaction',
      entityId: id,
      message: input.decision === 'confirmed' ? `${county.name} 已确认 ${report.number} 为严重不良反应` : `${county.name} 诊断 ${report.number} 不属于严重不良反应`,
      createdAt: now.toISOString(),
    });
    audit(tx, { actorId: actor.userId, depotId: county.id, action: 'confirm', entity: 'adverse_reaction', entityId: id, detail: { decision: input.decision, criteria: plan.criteria, institution: input.institution } }, now);
  });
  return getReport(deps, actor, id);
}

/**
 * Sends the case report (form 13, 严重不良反应个例报告表) of a confirmed serious reaction to the
 * region, at once and one case per report (S0:438 随时上报，一例一报): a clinician or leader of the
 * confirming county (403); refused before the confirmation (409 confirmation_required), for an
 * ordinary report (409 not_serious) and a second time (409 case_already_submitted). The region's
 * inspector is told.
 */
export function submitCaseReport(deps: Deps, actor: Actor, id: number) {
  const report = reportOrThrow(deps.db, id);
  const county = report.countyId === null ? null : depotOrThrow(deps, report.countyId);
  if (!county) throw new DomainError('out_of_scope', 'No county above the reporting depot sends this case report');
  assertCanWriteAt(actor, county, 'clinician', 'leader');
  assertSubmittable(report);
  const now = deps.clock.now();
  const region = regionOf(deps, county);
  deps.db.transaction((tx) => {
    q.updateReport(tx, id, { status: 'submitted', submittedBy: actor.userId, submittedAt: now.toISOString(), submittedOn: today(deps, now) });
    insertNotification(tx, { depotId: region.id, role: 'inspector', kind: 'adverse_case_submitted', entity: 'adverse_reaction', entityId: id, message: `${county.name} 上报严重不良反应个例报告 ${report.number}`, createdAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: county.id, action: 'submit', entity: 'adverse_reaction', entityId: id, detail: { number: report.number, regionId: region.id } }, now);
  });
  return getReport(deps, actor, id);
}

/**
 * One report, for a reader of the reporting depot or above (403 out_of_scope elsewhere); its
 * personal details only where visible, and that read is audited. `auditDb` is the write
 * connection: a GET reads on the read-only one (server/http/durable-writes.ts separateReads).
 */
export function getReport(deps: Deps, actor: Actor, id: number, auditDb: DbOrTx = deps.db) {
  const row = q.findReportDetail(deps.db, id);
  if (!row) throw new DomainError('adverse_reaction_not_found', `No adverse-reaction report ${id}`);
  assertCanRead(actor, row.depot);
  const shown = presentDetail(deps, actor, row);
  if (shown.personal) auditRead(auditDb, actor, [row.report.id], deps.clock.now());
  return shown;
}

/** Reports filed at a depot and below, newest first; personal details as in getReport, one audit entry for the page's reads. */
export function listReports(
  deps: Deps,
  actor: Actor,
  query: { depotId: number; status?: AdrStatus; serious?: boolean; batchId?: number; page: number; pageSize: number },
  auditDb: DbOrTx = deps.db,
) {
  const depot = depotOrThrow(deps, query.depotId);
  assertCanRead(actor, depot);
  const { items, total } = q.listReports(deps.db, { path: depot.path, status: query.status, serious: query.serious, batchId: query.batchId }, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  const shown = items.map((row) => presentDetail(deps, actor, row));
  const read = shown.filter((r) => r.personal !== null).map((r) => r.id);
  if (read.length > 0) auditRead(auditDb, actor, read, deps.clock.now());
  return { items: shown, total, page: query.page, pageSize: query.pageSize };
}

/** Every read of a person's details on a report is in the audit log (PIPL; issue 20, item 4). */
export function auditRead(db: DbOrTx, actor: Actor, reportIds: readonly number[], now: Date) {
  audit(db, { actorId: actor.userId, depotId: actor.depotId, action: 'read', entity: 'adverse_reaction', entityId: reportIds.length === 1 ? reportIds[0] : undefined, detail: { reportIds } }, now);
}

/** The number every depot reads: the person's case number on the register, else the report's own. */
export const caseNumberOf = (row: q.ReportDetail) => row.person?.caseNumber ?? row.report.number;

/** The birth year of the person, from the register or the report. */
const birthYearOf = (row: q.ReportDetail) => (row.person?.birthYearMonth ? Number(row.person.birthYearMonth.slice(0, 4)) : row.report.birthYear);

export function presentDetail(deps: Deps, actor: Actor, row: q.ReportDetail) {
  const r = row.report;
  const visible = personalVisibleTo(deps, actor, row.depot.id);
  return {
    id: r.id,
    number: r.number,
    caseNumber: caseNumberOf(row),
    status: r.status,
    serious: r.serious,
    criteria: r.criteria,
    reportedCriteria: r.reportedCriteria,
    depot: { id: row.depot.id, code: row.depot.code, name: row.depot.name },
    countyId: r.countyId,
    product: { id: row.product.id, code: row.product.code, nameZh: row.product.nameZh, nameEn: row.product.nameEn },
    batch: row.batch,
    entry: r.entry,
    dispensingId: r.dispensingId,
    useStartedOn: r.useStartedOn,
    onsetOn: r.onsetOn,
    learnedOn: r.learnedOn,
    ageAtOnset: ageAtOnset(birthYearOf(row), r.onsetOn),
    description: r.description,
    treatment: r.treatment,
    outcome: r.outcome,
    dueOn: r.dueOn,
    overdue: isAdrOverdue({ dueOn: r.dueOn, doneOn: doneOn(r) }, today(deps)),
    filedOn: r.filedOn,
    filedAt: r.filedAt,
    reporter: { id: r.filedBy, displayName: row.reporterName },
    personal: visible
      ? { personId: r.personId, name: row.person?.name ?? null, birthYearMonth: row.person?.birthYearMonth ?? null, birthYear: r.birthYear, community: row.person?.community ?? r.community }
      : null,
    confirmation:
      r.decision === null
        ? null
        : {
            decision: r.decision,
            diagnosingBody: r.diagnosingBody!,
            institution: r.institution!,
            diagnostician: r.diagnostician!,
            diagnosedOn: r.diagnosedOn!,
            note: r.confirmationNote,
            confirmedBy: r.confirmedBy!,
            confirmedAt: r.confirmedAt!,
          },
    submission: r.submittedAt === null ? null : { submittedBy: r.submittedBy!, submittedAt: r.submittedAt, submittedOn: r.submittedOn! },
    signalId: r.signalId,
  };
}

/**
 * Serious cases of a depot and below not yet at the region past their due date (death the same
 * day, other serious 15 days from learning of it), the longest overdue first: for the dashboards.
 * Case numbers only.
 */
export function overdueCases(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const day = today(deps);
  return {
    today: day,
    items: q.overdueReports(deps.db, depot.path, day).map((row) => ({
      id: row.report.id,
      number: row.report.number,
      caseNumber: caseNumberOf(row),
      depot: { id: row.depot.id, code: row.depot.code, name: row.depot.name },
      countyId: row.report.countyId,
      status: row.report.status,
      criteria: row.report.criteria,
      productCode: row.product.code,
      productNameZh: row.product.nameZh,
      productNameEn: row.product.nameEn,
      lot: row.batch.lot,
      learnedOn: row.report.learnedOn,
      dueOn: row.report.dueOn,
      daysOverdue: daysOverdue(row.report.dueOn, day),
    })),
  };
}

/**
 * A depot's adverse-reaction figures for its dashboard, over its subtree: serious cases overdue,
 * reports awaiting the county's confirmation, and lot signals of the current window whose lot is
 * not held. The caller has checked the reader may read the depot.
 */
export function adverseGlance(deps: Deps, depot: { path: string }) {
  const day = today(deps);
  return q.adverseCounts(deps.db, depot.path, day, signalWindowFrom(day, deps.config.adverseReactions.signal));
}

function signalOrThrow(db: DbOrTx, id: number) {
  const signal = q.findSignal(db, id);
  if (!signal) throw new DomainError('adverse_signal_not_found', `No lot signal ${id}`);
  return signal;
}

/** Lot signals raised at a depot and below (the region), newest first. */
export function listSignals(deps: Deps, actor: Actor, depotId: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  return { items: q.listSignals(deps.db, depot.path).map(presentSignal) };
}

const presentSignal = (row: q.SignalRow) => ({
  ...row.signal,
  holdReleasedAt: row.holdReleasedAt,
  depotName: row.depotName,
  lot: row.lot,
  expiresOn: row.expiresOn,
  productCode: row.productCode,
  productNameZh: row.productNameZh,
  productNameEn: row.productNameEn,
});

/**
 * A lot signal with what the inspector needs to act: the reports (case numbers only), where the
 * lot went (the trace over the region, server/services/holds.ts) and the hold placed from it.
 */
export function getSignal(deps: Deps, actor: Actor, id: number) {
  const row = q.findSignalRow(deps.db, id);
  if (!row) throw new DomainError('adverse_signal_not_found', `No lot signal ${id}`);
  const { signal } = row;
  const depot = depotOrThrow(deps, signal.depotId);
  assertCanRead(actor, depot);
  const reports = q.allReports(deps.db, { path: depot.path, signalId: id }).map((r) => ({
    id: r.report.id,
    number: r.report.number,
    caseNumber: caseNumberOf(r),
    depotId: r.depot.id,
    depotName: r.depot.name,
    filedOn: r.report.filedOn,
    onsetOn: r.report.onsetOn,
    serious: r.report.serious,
    status: r.report.status,
    outcome: r.report.outcome,
  }));
  return {
    ...presentSignal(row),
    reports,
    trace: traceBatch(deps, actor, signal.batchId, signal.depotId),
    hold: signal.holdId === null ? null : (findHold(deps.db, signal.holdId) ?? null),
  };
}

/**
 * The one-click hold of a signal's lot: the existing batch hold (server/services/holds.ts),
 * placed at the region so that it covers every depot, by an inspector or leader of the region
 * (403), with the signal as its reason; once (409 batch_on_hold while that hold stands).
 */
export function holdSignalLot(deps: Deps, actor: Actor, id: number) {
  const signal = signalOrThrow(deps.db, id);
  const current = signal.holdId === null ? undefined : findHold(deps.db, signal.holdId);
  if (current && current.releasedAt === null) {
    assertCanWriteAt(actor, depotOrThrow(deps, signal.depotId), 'inspector', 'leader');
    throw new DomainError('batch_on_hold', 'The lot of this signal is on hold already', { batchId: signal.batchId, holdId: current.id });
  }
  const reason = `不良反应信号：${deps.config.adverseReactions.signal.windowDays} 天内 ${signal.reportCount} 例报告（信号 ${signal.id}）`;
  // placeHold's own transaction nests in this one, so that the hold and its link stand or fall together.
  deps.db.transaction((tx) => {
    const hold = placeHold(deps, actor, { depotId: signal.depotId, batchId: signal.batchId, reason });
    q.updateSignal(tx, id, { holdId: hold.id });
  });
  return getSignal(deps, actor, id);
}
