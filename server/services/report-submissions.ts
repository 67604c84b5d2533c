import type { Deps } from '../deps.ts';
import { assertCanRead, assertCanWriteAt, assertRole, canRead, type Actor } from '../auth/scope.ts';
import * as q from '../../db/queries/report-submissions.ts';
import { findChildren } from '../../db/queries/depots.ts';
import { findDemandPlanOf } from '../../db/queries/planning.ts';
import { insertNotification } from '../../db/queries/inspections.ts';
import { userName } from '../../db/queries/transfers.ts';
import { DomainError } from '../domain/errors.ts';
import { toIsoDate } from '../domain/expiry.ts';
import { reportPeriod, type PeriodKind } from '../domain/report-period.ts';
import type { ReportSheet } from '../domain/report-sheet.ts';
import {
  KIND_RULES,
  SUBMISSION_KINDS,
  diffFigures,
  dueOn,
  isPeriodOfKind,
  periodEnd,
  periodState,
  startsKind,
  submitsKind,
  sumFigures,
  type ChildIncluded,
  type ChildMissing,
  type Figures,
  type SubmissionKind,
  type SubmissionSnapshot,
} from '../domain/report-submissions.ts';
import { PRODUCT_CLASSES, type DepotTier } from '../schemas/constants.ts';
import { audit } from './audit.ts';
import { depotOrThrow } from './depot-lookup.ts';
import { userCounts } from './people-counts.ts';
import { followUpSummary } from './follow-ups-summary.ts';
import { usageReport } from './reports/usage.ts';
import { ptsReport } from './reports/pts.ts';
import { METHOD_NAMES } from './reports/context.ts';

type Depot = ReturnType<typeof depotOrThrow>;
type Row = q.ReportSubmissionRow;

export interface PeriodInput {
  depotId: number;
  kind: SubmissionKind;
  year: number;
  period: PeriodKind;
}

const today = (deps: Deps) => toIsoDate(deps.clock.now(), deps.config.timeZone);
const tierOf = (depot: { tier: string }) => depot.tier as DepotTier;

function assertPeriodOfKind(kind: SubmissionKind, period: PeriodKind) {
  if (!isPeriodOfKind(kind, period)) {
    const periods = KIND_RULES[kind].periods;
    throw new DomainError('report_period_invalid', `The ${kind} report is made for ${periods.join(', ')}, not ${period}`, { periods }, [{ path: 'period', message: `one of ${periods.join(', ')}` }]);
  }
}

function assertSubmitsKind(kind: SubmissionKind, depot: Depot) {
  if (!submitsKind(kind, tierOf(depot))) {
    throw new DomainError('report_not_here', `A ${depot.tier} does not submit the ${kind} report (submitted by ${KIND_RULES[kind].tiers.join(', ')})`, { tiers: KIND_RULES[kind].tiers });
  }
}

/** The numeric columns of a report sheet as figures, one line per product code. */
function figuresOfSheet(sheet: ReportSheet): Figures {
  const columns = sheet.columns.filter((c) => c.kind === 'int' || c.kind === 'money').map((c) => ({ key: c.key, header: c.group ? { zh: `${c.group.zh}·${c.header.zh}`, en: `${c.group.en} · ${c.header.en}` } : c.header }));
  const lines = sheet.rows
    .filter((r) => typeof r.code === 'string')
    .map((r) => ({
      key: r.code as string,
      label: { zh: String(r.product ?? r.code), en: String(r.productEn ?? r.product ?? r.code) },
      ...(typeof r.unit === 'string' && { unit: { zh: r.unit, en: String(r.unitEn ?? r.unit) } }),
      values: Object.fromEntries(columns.map((c) => [c.key, typeof r[c.key] === 'number' ? (r[c.key] as number) : 0])),
    }));
  return { columns, lines };
}

/**
 * A depot's own figures from the live data, as the report views compute them. `scope` matters
 * for 购调存 only: the county sends its 县级汇总表 (its townships keep stock but send no 购调存),
 * a city adds its own level (地本级) to what its counties sent.
 */
function liveFigures(deps: Deps, actor: Actor, depot: Depot, kind: SubmissionKind, year: number, period: PeriodKind, scope: 'own' | 'summary'): Figures {
  switch (kind) {
    case 'users': {
      const counts = userCounts(deps, actor, depot.id, year, period === 'h1' ? 1 : 2);
      const own = counts.rows.filter((r) => r.depotId === depot.id);
      return {
        columns: [{ key: 'users', header: { zh: '使用人数', en: 'Users' } }],
        lines: PRODUCT_CLASSES.map((m) => ({ key: m, label: METHOD_NAMES[m]!, values: { users: own.reduce((n, r) => n + r.users[m], 0) } })),
      };
    }
    case 'usage':
      return figuresOfSheet(usageReport(deps, actor, { depotId: depot.id, year, period, scope: 'own' }));
    case 'pts':
      return figuresOfSheet(ptsReport(deps, actor, { depotId: depot.id, year, period, scope }));
    case 'follow_up_summary': {
      const s = followUpSummary(deps, actor, depot.id, year, Number(period.slice(1)));
      const columns = [
        { key: 'users', header: { zh: '季末使用人数', en: 'Users at quarter end' } },
        { key: 'followedUp', header: { zh: '随访人数', en: 'People followed up' } },
        { key: 'visits', header: { zh: '随访人次', en: 'Visits' } },
        { key: 'sideEffects', header: { zh: '副作用人次', en: 'Side effects found' } },
        { key: 'switched', header: { zh: '换用', en: 'Switched' } },
        { key: 'stopped', header: { zh: '停用', en: 'Stopped' } },
      ];
      return { columns, lines: [{ key: 'all', label: { zh: '合计', en: 'Total' }, values: Object.fromEntries(columns.map((c) => [c.key, s.totals[c.key as keyof typeof s.totals]])) }] };
    }
  }
}

/** The newest version of each depot's report for the period, by depot. */
function latestByDepot(deps: Deps, depotIds: readonly number[], kind: SubmissionKind, year: number, period: PeriodKind) {
  const latest = new Map<number, Row>();
  for (const s of q.submissionsOf(deps.db, depotIds, year, kind)) if (s.period === period) latest.set(s.depotId, s);
  return latest;
}

/**
 * The 汇总表 of a depot: the accepted reports of the depots directly below that submit this
 * report, summed line by line, plus its own level where it has one (a city's 购调存), saying
 * which children it includes and which are missing (and why).
 */
function consolidate(deps: Deps, actor: Actor, depot: Depot, kind: SubmissionKind, year: number, period: PeriodKind) {
  const children = findChildren(deps.db, depot.id).filter((c) => submitsKind(kind, tierOf(c)));
  const latest = latestByDepot(deps, children.map((c) => c.id), kind, year, period);
  const included: ChildIncluded[] = [];
  const missing: ChildMissing[] = [];
  const parts: Figures['lines'][] = [];
  for (const c of children) {
    const s = latest.get(c.id);
    if (s?.status === 'accepted') {
      included.push({ depotId: c.id, code: c.code, name: c.name, submissionId: s.id, version: s.version });
      parts.push(s.snapshot.lines);
    } else missing.push({ depotId: c.id, code: c.code, name: c.name, status: s ? s.status : 'none' });
  }
  const live = liveFigures(deps, actor, depot, kind, year, period, 'own');
  const own = kind === 'pts' ? live.lines : null;
  const fromChildren = sumFigures(live.columns, parts);
  return { columns: live.columns, lines: sumFigures(live.columns, own ? [own, fromChildren] : [fromChildren]), own, fromChildren, children: { included, missing } };
}

/**
 * What the depot would send now: at the tier that starts the report, its own live figures; above
 * it, the consolidation of what its children sent and had accepted. Nothing is stored.
 */
function prepare(deps: Deps, actor: Actor, depot: Depot, kind: SubmissionKind, year: number, period: PeriodKind): SubmissionSnapshot {
  const p = reportPeriod(year, period);
  const head = { title: KIND_RULES[kind].title, period: { year, kind: period, from: p.from, to: p.to, label: p.label }, depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier } };
  if (startsKind(kind, tierOf(depot))) return { ...head, ...liveFigures(deps, actor, depot, kind, year, period, 'summary'), children: null, own: null };
  const c = consolidate(deps, actor, depot, kind, year, period);
  return { ...head, columns: c.columns, lines: c.lines, children: c.children, own: c.own };
}

const nameOf = (deps: Deps, id: number | null) => (id === null ? null : userName(deps.db, id));

function present(deps: Deps, row: Row) {
  const versions = q.submissionsOf(deps.db, [row.depotId], row.year, row.kind).filter((s) => s.period === row.period);
  return {
    id: row.id,
    depot: row.snapshot.depot,
    kind: row.kind,
    title: row.snapshot.title,
    year: row.year,
    period: row.period as PeriodKind,
    periodLabel: row.snapshot.period.label,
    version: row.version,
    status: row.status,
    /** Newest version of its report and period: only that one is open to a decision. */
    current: versions.at(-1)?.id === row.id,
    dueOn: row.dueOn,
    late: toIsoDate(new Date(row.signedAt), deps.config.timeZone) > row.dueOn,
    signedBy: row.signedBy,
    signedByName: nameOf(deps, row.signedBy),
    signedAt: row.signedAt,
    decidedBy: row.decidedBy,
    decidedByName: nameOf(deps, row.decidedBy),
    decidedAt: row.decidedAt,
    returnReason: row.returnReason,
    snapshot: row.snapshot,
    diff: row.diff,
    versions: versions.map((s) => ({ id: s.id, version: s.version, status: s.status, signedAt: s.signedAt, decidedAt: s.decidedAt, returnReason: s.returnReason })),
  };
}

/** The figures a depot would submit now, not stored, with its newest version and what changed since. */
export function preparedReport(deps: Deps, actor: Actor, input: PeriodInput) {
  assertPeriodOfKind(input.kind, input.period);
  const depot = depotOrThrow(deps, input.depotId);
  assertCanRead(actor, depot);
  assertSubmitsKind(input.kind, depot);
  const snapshot = prepare(deps, actor, depot, input.kind, input.year, input.period);
  const latest = q.latestSubmission(deps.db, depot.id, input.kind, input.year, input.period);
  return {
    snapshot,
    dueOn: dueOn(input.kind, input.year, input.period, tierOf(depot), deps.config.reportSubmissions),
    periodEnded: today(deps) > periodEnd(input.year, input.period),
    latest: latest ? present(deps, latest) : null,
    changes: latest ? diffFigures(latest.snapshot, snapshot) : [],
  };
}

/**
 * The leader signs the report and sends it to the depot above (S0:370 「自下而上、按时上报」): the
 * figures are frozen as they are now. After a return, the same call sends a new version, with
 * what changed against the returned one.
 */
export function submitReport(deps: Deps, actor: Actor, input: PeriodInput) {
  assertPeriodOfKind(input.kind, input.period);
  const depot = depotOrThrow(deps, input.depotId);
  assertCanWriteAt(actor, depot, 'leader');
  assertSubmitsKind(input.kind, depot);
  const end = periodEnd(input.year, input.period);
  if (today(deps) <= end) throw new DomainError('report_period_not_ended', `The period ends on ${end}: its report is sent after`, { periodEnd: end });
  const now = deps.clock.now();
  const row = deps.db.transaction((tx) => {
    const latest = q.latestSubmission(tx, depot.id, input.kind, input.year, input.period);
    if (latest && latest.status !== 'returned') {
      throw new DomainError('report_already_submitted', `Version ${latest.version} of this report is ${latest.status}`, { submissionId: latest.id, status: latest.status });
    }
    const snapshot = prepare(deps, actor, depot, input.kind, input.year, input.period);
    const version = (latest?.version ?? 0) + 1;
    const diff = latest ? diffFigures(latest.snapshot, snapshot) : null;
    const due = dueOn(input.kind, input.year, input.period, tierOf(depot), deps.config.reportSubmissions);
    const row = q.insertSubmission(tx, { depotId: depot.id, kind: input.kind, year: input.year, period: input.period, version, status: 'submitted', snapshot, diff, dueOn: due, signedBy: actor.userId, signedAt: now.toISOString() });
    const detail = { kind: input.kind, year: input.year, period: input.period, version, ...(diff && { changes: diff.length }), ...(snapshot.children && { missingChildren: snapshot.children.missing.map((c) => c.depotId) }) };
    audit(tx, { actorId: actor.userId, depotId: depot.id, action: latest ? 'resubmit' : 'submit', entity: 'report_submission', entityId: row.id, detail }, now);
    if (depot.parentId !== null) {
      audit(tx, { actorId: actor.userId, depotId: depot.parentId, action: 'received', entity: 'report_submission', entityId: row.id, detail }, now);
      const what = `${snapshot.title.zh}（${snapshot.period.label.zh}）`;
      insertNotification(tx, {
        depotId: depot.parentId,
        role: 'leader',
        kind: latest ? 'report_resubmitted' : 'report_submitted',
        entity: 'report_submission',
        entityId: row.id,
        message: latest ? `${depot.name} 重新上报 ${what}（第${version}版），请审核` : `${depot.name} 上报 ${what}，请审核`,
        createdAt: now.toISOString(),
      });
    }
    return row;
  });
  return present(deps, row);
}

/** Who may decide on a depot's report: a leader or planner of the depot directly above, never the depot itself. */
function decidable(deps: Deps, actor: Actor, id: number) {
  const row = q.findSubmission(deps.db, id);
  if (!row) throw new DomainError('report_submission_not_found', `No report submission ${id}`);
  const depot = depotOrThrow(deps, row.depotId);
  if (!canRead(actor, depot)) throw new DomainError('out_of_scope', 'This depot is outside your jurisdiction', { depotId: depot.id });
  if (actor.depotId === depot.id) throw new DomainError('own_report', 'A depot does not accept or return its own report: the depot above does', { depotId: depot.id });
  if (actor.depotId !== depot.parentId) throw new DomainError('not_parent_depot', 'Only the depot directly above accepts or returns a report', { parentId: depot.parentId });
  assertRole(actor, 'leader', 'planner');
  if (row.status === 'returned') throw new DomainError('report_returned', `Version ${row.version} was returned: it is decided again once resubmitted`, { submissionId: row.id });
  if (row.status === 'accepted') throw new DomainError('report_already_decided', `Version ${row.version} is already accepted`, { submissionId: row.id });
  return { row, depot };
}

function decide(deps: Deps, actor: Actor, id: number, decision: 'accepted' | 'returned', reason?: string) {
  const { row, depot } = decidable(deps, actor, id);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    q.decideSubmission(tx, id, { status: decision, decidedBy: actor.userId, decidedAt: now.toISOString(), ...(reason !== undefined && { returnReason: reason }) });
    const detail = { kind: row.kind, year: row.year, period: row.period, version: row.version, ...(reason !== undefined && { reason }) };
    audit(tx, { actorId: actor.userId, depotId: actor.depotId, action: decision === 'accepted' ? 'accept' : 'return', entity: 'report_submission', entityId: id, detail }, now);
    const what = `${row.snapshot.title.zh}（${row.snapshot.period.label.zh}）`;
    insertNotification(tx, {
      depotId: depot.id,
      role: 'leader',
      kind: decision === 'accepted' ? 'report_accepted' : 'report_returned',
      entity: 'report_submission',
      entityId: id,
      message: decision === 'accepted' ? `上级已接收 ${what}` : `上级退回 ${what}：${reason}`,
      createdAt: now.toISOString(),
    });
  });
  return present(deps, q.findSubmission(deps.db, id)!);
}

/** The depot above accepts the newest version: its figures count in the 汇总表 above. */
export const acceptReport = (deps: Deps, actor: Actor, id: number) => decide(deps, actor, id, 'accepted');

/** The depot above sends the newest version back with a reason (S3:107: the reasons in writing, at once). */
export const returnReport = (deps: Deps, actor: Actor, id: number, reason: string) => decide(deps, actor, id, 'returned', reason);

export function getReportSubmission(deps: Deps, actor: Actor, id: number) {
  const row = q.findSubmission(deps.db, id);
  if (!row) throw new DomainError('report_submission_not_found', `No report submission ${id}`);
  assertCanRead(actor, depotOrThrow(deps, row.depotId));
  return present(deps, row);
}

/** The newest version of each report a depot sent in a year, or of those its children sent (what it decides on). */
export function listReportSubmissions(deps: Deps, actor: Actor, input: { depotId: number; year: number; kind?: SubmissionKind; from: 'own' | 'children' }) {
  const depot = depotOrThrow(deps, input.depotId);
  assertCanRead(actor, depot);
  const ids = input.from === 'own' ? [depot.id] : findChildren(deps.db, depot.id).map((c) => c.id);
  const latest = new Map<string, Row>();
  for (const s of q.submissionsOf(deps.db, ids, input.year, input.kind)) latest.set(`${s.depotId}:${s.kind}:${s.period}`, s);
  return { items: [...latest.values()].sort((a, b) => b.signedAt.localeCompare(a.signedAt) || b.id - a.id).map((s) => present(deps, s)) };
}

/** The 汇总表 of a depot for a report and period, from its children's accepted reports. */
export function reportSummary(deps: Deps, actor: Actor, input: PeriodInput) {
  assertPeriodOfKind(input.kind, input.period);
  const depot = depotOrThrow(deps, input.depotId);
  assertCanRead(actor, depot);
  if (!findChildren(deps.db, depot.id).some((c) => submitsKind(input.kind, tierOf(c)))) {
    throw new DomainError('report_not_here', `No depot directly below ${depot.name} submits the ${input.kind} report`, { tiers: KIND_RULES[input.kind].tiers });
  }
  const c = consolidate(deps, actor, depot, input.kind, input.year, input.period);
  const p = reportPeriod(input.year, input.period);
  return {
    kind: input.kind,
    title: KIND_RULES[input.kind].title,
    depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier },
    year: input.year,
    period: input.period,
    periodLabel: p.label,
    columns: c.columns,
    lines: c.lines,
    own: c.own,
    fromChildren: c.fromChildren,
    children: c.children,
  };
}

/**
 * The demand plan keeps its own flow (/demand-plans); here only where it stands, beside the
 * reports: next year's plan is compiled in this year's fourth quarter and closes at its end
 * (S0:348), so it is due on 31 December. Villages make none.
 */
function demandPlanState(deps: Deps, depot: Depot, planYear: number, now: string) {
  if (depot.tier === 'village') return null;
  const plan = findDemandPlanOf(deps.db, depot.id, planYear) ?? null;
  const due = `${planYear - 1}-12-31`;
  const opens = `${planYear - 1}-${String(deps.config.planning.demandOpensMonth).padStart(2, '0')}-01`;
  const state = plan?.status === 'submitted' || plan?.status === 'returned' ? plan.status : now < opens ? 'upcoming' : now > due ? 'late' : 'due';
  return { year: planYear, planId: plan?.id ?? null, dueOn: due, state };
}

/**
 * Where a depot stands on its reports of a year (each period's due date, and whether it is
 * upcoming, due, late, submitted, returned or accepted), and for each report and ended period
 * which depots directly below have not reported and which wait for its decision.
 */
export function reportStatus(deps: Deps, actor: Actor, depotId: number, year: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const now = today(deps);
  const rule = deps.config.reportSubmissions;
  const mine = q.submissionsOf(deps.db, [depot.id], year);
  const own = SUBMISSION_KINDS.filter((k) => submitsKind(k, tierOf(depot))).flatMap((kind) =>
    KIND_RULES[kind].periods.map((period) => {
      const latest = mine.filter((s) => s.kind === kind && s.period === period).at(-1) ?? null;
      const end = periodEnd(year, period);
      const due = dueOn(kind, year, period, tierOf(depot), rule);
      const state = periodState(latest, end, due, now);
      return {
        kind,
        title: KIND_RULES[kind].title,
        period,
        periodLabel: reportPeriod(year, period).label,
        periodEnd: end,
        dueOn: due,
        state,
        late: state === 'late' || (state === 'returned' && now > due) || (latest !== null && toIsoDate(new Date(latest.signedAt), deps.config.timeZone) > due),
        submissionId: latest?.id ?? null,
        version: latest?.version ?? null,
        returnReason: latest?.status === 'returned' ? latest.returnReason : null,
      };
    }),
  );
  const children = findChildren(deps.db, depot.id);
  const below = SUBMISSION_KINDS.flatMap((kind) => {
    const expected = children.filter((c) => submitsKind(kind, tierOf(c)));
    if (expected.length === 0) return [];
    return KIND_RULES[kind].periods
      .filter((period) => now > periodEnd(year, period))
      .map((period) => {
        const latest = latestByDepot(deps, expected.map((c) => c.id), kind, year, period);
        const due = dueOn(kind, year, period, tierOf(expected[0]!), rule);
        const states = expected.map((c) => ({ depotId: c.id, code: c.code, name: c.name, state: periodState(latest.get(c.id) ?? null, periodEnd(year, period), due, now), submissionId: latest.get(c.id)?.id ?? null }));
        return {
          kind,
          title: KIND_RULES[kind].title,
          period,
          periodLabel: reportPeriod(year, period).label,
          dueOn: due,
          expected: expected.length,
          accepted: states.filter((s) => s.state === 'accepted').length,
          notReported: states.filter((s) => s.state === 'due' || s.state === 'late' || s.state === 'returned'),
          awaiting: states.filter((s) => s.state === 'submitted'),
        };
      });
  });
  return {
    depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier },
    year,
    today: now,
    own,
    demandPlan: demandPlanState(deps, depot, year + 1, now),
    below,
    counts: {
      due: own.filter((o) => o.state === 'due').length,
      late: own.filter((o) => o.late && o.state !== 'accepted' && o.state !== 'submitted').length,
      returned: own.filter((o) => o.state === 'returned').length,
      awaiting: below.reduce((n, b) => n + b.awaiting.length, 0),
      notReported: below.reduce((n, b) => n + b.notReported.length, 0),
    },
  };
}
