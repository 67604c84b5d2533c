import type { Deps } from '../deps.ts';
import { dueOn } from '../domain/report-submissions.ts';
import { assertCanRead, type Actor } from '../auth/scope.ts';
import { changesBetweenUnder, depotsOfTiersUnder, followUpsBetweenUnder } from '../../db/queries/people.ts';
import { usersOnDate } from './people-counts.ts';
import { findChildren } from '../../db/queries/depots.ts';
import { addDays, addMonths } from '../domain/follow-ups.ts';
import { toIsoDate } from '../domain/expiry.ts';
import { totalRow, type ReportColumn, type ReportSheet } from '../domain/report-sheet.ts';
import { STANDARD_SIGNATURES } from './reports/context.ts';
import { depotOrThrow } from './depot-lookup.ts';

/** A quarter's first and last day. Example: 2026 Q4 is 2026-10-01..2026-12-31. */
export function quarterBounds(year: number, quarter: number) {
  const from = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(addMonths(from, 3), -1) };
}

/**
 * 育龄妇女使用避孕药具随访汇总表 (form 12, S0:437: townships, counties and cities each quarter, level
 * by level up to the region): one row per unit directly below the depot (at a township, itself and
 * each village), each summed over its subtree: users on the quarter's last day (from the
 * register), people followed up and visits in the quarter, visits that found side effects,
 * switches and stops that took effect in it. Counts only, no names. The form is due
 * the submission's due date (`reportSubmissions`: 15 days after the quarter from a township, 10 more per level above); a township that has users but recorded no
 * follow-up in the quarter is listed as not reported (there is no submission step yet).
 */
export function followUpSummary(deps: Deps, actor: Actor, depotId: number, year: number, quarter: number) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const { from, to } = quarterBounds(year, quarter);
  const users = usersOnDate(deps, deps.db, depot.path, to);
  const visits = followUpsBetweenUnder(deps.db, depot.path, from, to);
  const changes = changesBetweenUnder(deps.db, depot.path, from, to);
  const units =
    depot.tier === 'village'
      ? [{ ...depot, own: true }]
      : [{ ...depot, own: true }, ...findChildren(deps.db, depot.id).map((c) => ({ ...c, own: false }))];
  const sum = <T extends { path: string }>(rows: readonly T[], key: keyof T, unit: { path: string; own: boolean }) =>
    rows.filter((r) => (unit.own ? r.path === unit.path : r.path.startsWith(unit.path))).reduce((n, r) => n + Number(r[key]), 0);
  const townships = depotsOfTiersUnder(deps.db, depot.path, ['township', 'village']);
  const usersUnder = (path: string) => users.filter((u) => u.path.startsWith(path)).reduce((n, u) => n + u.users, 0);
  const visitsUnder = (path: string) => visits.filter((v) => v.path.startsWith(path)).reduce((n, v) => n + v.visits, 0);
  const notReported = townships.filter((t) => t.tier === 'township' && usersUnder(t.path) > 0 && visitsUnder(t.path) === 0).map((t) => ({ depotId: t.id, code: t.code, name: t.name }));
  const rows = units
    .map((u) => ({
      depotId: u.id,
      code: u.code,
      name: u.own && depot.tier !== 'village' ? `${u.name}（本级）` : u.name,
      users: sum(users, 'users', u),
      followedUp: sum(visits, 'people', u),
      visits: sum(visits, 'visits', u),
      sideEffects: sum(visits, 'sideEffects', u),
      switched: sum(changes, 'switched', u),
      stopped: sum(changes, 'stopped', u),
      notReported: notReported.filter((t) => (u.own ? t.depotId === u.id : townships.find((x) => x.id === t.depotId)!.path.startsWith(u.path))).length,
    }))
    .filter((r, i) => i > 0 || r.users + r.visits + r.switched + r.stopped > 0 || depot.tier === 'village');
  const totals = { users: 0, followedUp: 0, visits: 0, sideEffects: 0, switched: 0, stopped: 0, notReported: notReported.length };
  for (const r of rows) for (const k of ['users', 'followedUp', 'visits', 'sideEffects', 'switched', 'stopped'] as const) totals[k] += r[k];
  return {
    depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier },
    year,
    quarter,
    from,
    to,
    // The same due date as its submission level by level (reportSubmissions in server/config.ts).
    dueOn: dueOn('follow_up_summary', year, `q${quarter}` as 'q1', depot.tier, deps.config.reportSubmissions),
    rows,
    totals,
    notReported,
  };
}

const COLUMNS: ReportColumn[] = [
  { key: 'code', header: { zh: '区划代码', en: 'Code' }, kind: 'text' },
  { key: 'unit', header: { zh: '单位', en: 'Unit' }, kind: 'text' },
  { key: 'users', header: { zh: '季末使用人数', en: 'Users at quarter end' }, kind: 'int' },
  { key: 'followedUp', header: { zh: '随访人数', en: 'People followed up' }, kind: 'int' },
  { key: 'visits', header: { zh: '随访人次', en: 'Visits' }, kind: 'int' },
  { key: 'sideEffects', header: { zh: '副作用人次', en: 'Side effects found' }, kind: 'int' },
  { key: 'switched', header: { zh: '换用', en: 'Switched' }, kind: 'int' },
  { key: 'stopped', header: { zh: '停用', en: 'Stopped' }, kind: 'int' },
  { key: 'notReported', header: { zh: '未随访乡镇数', en: 'Townships without follow-ups' }, kind: 'int' },
];

/** The summary as the paper form, for HTML, PDF and XLSX. */
export function followUpSummarySheet(s: ReturnType<typeof followUpSummary>, now: Date, timeZone: string): ReportSheet {
  const rows = s.rows.map((r) => ({ code: r.code, unit: r.name, unitEn: r.name.replace('（本级）', ' (own)'), users: r.users, followedUp: r.followedUp, visits: r.visits, sideEffects: r.sideEffects, switched: r.switched, stopped: r.stopped, notReported: r.notReported }));
  return {
    report: 'follow-up-summary',
    title: { zh: '育龄妇女使用避孕药具随访汇总表', en: 'Quarterly follow-up summary of women using contraceptives' },
    depot: s.depot,
    period: { from: s.from.slice(0, 7), to: s.to.slice(0, 7), label: { zh: `${s.year}年第${s.quarter}季度`, en: `${s.year} Q${s.quarter}` } },
    columns: COLUMNS,
    rows,
    totals: totalRow(COLUMNS, rows, 'unit'),
    unitTotals: [],
    notes: [
      { zh: `${s.from} 至 ${s.to}；报送截止 ${s.dueOn}（制表 ${toIsoDate(now, timeZone)}）。使用人数取季末花名册在用人数。`, en: `${s.from} to ${s.to}; due ${s.dueOn} (made ${toIsoDate(now, timeZone)}). Users from the register on the quarter's last day.` },
      ...(s.notReported.length > 0
        ? [{ zh: `本季度有使用者但未记录随访的乡镇：${s.notReported.map((t) => t.name).join('、')}。`, en: `Townships with users but no follow-up recorded this quarter: ${s.notReported.map((t) => t.name).join(', ')}.` }]
        : []),
    ],
    signatures: STANDARD_SIGNATURES,
    generatedAt: now.toISOString(),
  };
}
