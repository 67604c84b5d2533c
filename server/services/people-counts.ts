import type { Deps } from '../deps.ts';
import { assertCanRead, type Actor } from '../auth/scope.ts';
import { activeUsersUnder, currentUsersUnder, depotsOfTiersUnder, registersUnder } from '../../db/queries/people.ts';
import type { DbOrTx } from '../../db/client.ts';
import { usersByMethodUnder } from '../../db/queries/reports.ts';
import { subtreeEnd } from '../../db/queries/depots.ts';
import { toIsoDate } from '../domain/expiry.ts';
import { totalRow, type ReportColumn, type ReportSheet } from '../domain/report-sheet.ts';
import { METHOD_NAMES, STANDARD_SIGNATURES } from './reports/context.ts';
import { PRODUCT_CLASSES, type ProductClass } from '../schemas/constants.ts';
import { depotOrThrow } from './depot-lookup.ts';

type Source = 'register' | 'entered' | 'none';

/**
 * Users by method and registering depot on a date: replayed from the register's history, or, for
 * today or later, read from each person's current status (no change is dated after today).
 */
export function usersOnDate(deps: Deps, db: DbOrTx, path: string, date: string) {
  return date >= toIsoDate(deps.clock.now(), deps.config.timeZone) ? currentUsersUnder(db, path) : activeUsersUnder(db, path, date);
}

const emptyByMethod = () => Object.fromEntries(PRODUCT_CLASSES.map((m) => [m, 0])) as Record<ProductClass, number>;

/**
 * 使用人数 for a half-year (S0:372), per township (the level that starts the report, 乡级起报):
 * counted from the users register on the half-year's last day where the township or any of its
 * villages kept a register by then, from the figures the township entered where none did, and
 * saying which (`source`), with how many of its depots kept a register. A village asked for
 * alone is its own row. Example: 杨和镇's villages keep registers with 40 pill users on 30 June:
 * its row is 40, source register, even if the township had entered 35.
 */
export function userCounts(deps: Deps, actor: Actor, depotId: number, year: number, half: 1 | 2) {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  const counts = countsByTownship(deps, depot, year, half);
  return { ...counts, rows: counts.rows.map(({ path: _path, ...row }) => row) };
}

/** userCounts for a depot already read and checked, each row with its depot's path (for summing by subtree). */
export function countsByTownship(deps: Deps, depot: { id: number; code: string; name: string; tier: string; path: string }, year: number, half: 1 | 2) {
  const periodEnd = half === 1 ? `${year}-06-30` : `${year}-12-31`;
  const tiers = deps.config.people.registerTiers;
  const places = depotsOfTiersUnder(deps.db, depot.path, tiers);
  // The units reported: the townships of the subtree, or the depot itself below them.
  const units = depot.tier === 'village' || depot.tier === 'township' ? places.filter((p) => p.id === depot.id) : places.filter((p) => p.tier === 'township');
  const kept = registersUnder(deps.db, depot.path).filter((r) => toIsoDate(new Date(r.openedAt), deps.config.timeZone) <= periodEnd);
  const counted = usersOnDate(deps, deps.db, depot.path, periodEnd);
  const entered = usersByMethodUnder(deps.db, depot.path, subtreeEnd(depot.path), year, half);
  const within = (path: string, unit: { path: string }) => path.startsWith(unit.path);
  const rows = units.map((u) => {
    const registerDepots = kept.filter((r) => within(r.path, u)).length;
    const own = entered.filter((f) => f.path === u.path);
    const source: Source = registerDepots > 0 ? 'register' : own.length > 0 ? 'entered' : 'none';
    const users = emptyByMethod();
    if (source === 'register') for (const c of counted) if (within(c.path, u)) users[c.method] += c.users;
    if (source === 'entered') for (const f of own) if (f.method in users) users[f.method as ProductClass] += f.users;
    return {
      depotId: u.id,
      path: u.path,
      code: u.code,
      name: u.name,
      source,
      registerDepots,
      depots: places.filter((p) => within(p.path, u)).length,
      users,
      total: Object.values(users).reduce((a, b) => a + b, 0),
    };
  });
  const totals = emptyByMethod();
  for (const r of rows) for (const m of PRODUCT_CLASSES) totals[m] += r.users[m];
  const sources = { register: 0, entered: 0, none: 0 };
  for (const r of rows) sources[r.source] += 1;
  return { depotId: depot.id, year, half, periodEnd, rows, totals: { users: totals, total: Object.values(totals).reduce((a, b) => a + b, 0) }, sources, depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier } };
}

/**
 * The figures a depot above the townships entered for itself (rare, but kept): the reports add
 * them to what its townships count. Nothing for a township or village, whose own count is theirs.
 */
export function ownEnteredAbove(deps: Deps, depot: { tier: string; path: string }, year: number, half: 1 | 2) {
  if (depot.tier === 'township' || depot.tier === 'village') return [];
  return usersByMethodUnder(deps.db, depot.path, subtreeEnd(depot.path), year, half).filter((f) => f.path === depot.path);
}

/** Users by method over a depot's subtree for a half-year: its townships as counted above, plus its own entered figures. */
export function usersByMethodOver(deps: Deps, depot: { id: number; code: string; name: string; tier: string; path: string }, year: number, half: 1 | 2): Record<ProductClass, number> {
  const users = emptyByMethod();
  for (const r of countsByTownship(deps, depot, year, half).rows) for (const m of PRODUCT_CLASSES) users[m] += r.users[m];
  for (const f of ownEnteredAbove(deps, depot, year, half)) if (f.method in users) users[f.method as ProductClass] += f.users;
  return users;
}

const SOURCE_NAMES: Record<Source, { zh: string; en: string }> = {
  register: { zh: '花名册', en: 'register' },
  entered: { zh: '填报数', en: 'entered' },
  none: { zh: '未报', en: 'not reported' },
};

/** The same counts as the form 计划生育药具使用人数表, for the XLSX. */
export function userCountsSheet(counts: ReturnType<typeof userCounts>, now: Date): ReportSheet {
  const columns: ReportColumn[] = [
    { key: 'unitCode', header: { zh: '区划代码', en: 'Code' }, kind: 'text' },
    { key: 'unit', header: { zh: '单位', en: 'Unit' }, kind: 'text' },
    { key: 'source', header: { zh: '数据来源', en: 'Source' }, kind: 'text' },
    ...PRODUCT_CLASSES.map((m): ReportColumn => ({ key: m, header: METHOD_NAMES[m]!, kind: 'int', group: { zh: '使用人数', en: 'Users' } })),
    { key: 'total', header: { zh: '合计', en: 'Total' }, kind: 'int' },
  ];
  const rows = counts.rows.map((r) => ({
    unitCode: r.code,
    unit: r.name,
    source: r.source === 'register' ? `${SOURCE_NAMES.register.zh}（${r.registerDepots}/${r.depots}）` : SOURCE_NAMES[r.source].zh,
    sourceEn: r.source === 'register' ? `${SOURCE_NAMES.register.en} (${r.registerDepots}/${r.depots})` : SOURCE_NAMES[r.source].en,
    ...r.users,
    total: r.total,
  }));
  const label = { zh: `${counts.year}年${counts.half === 1 ? '上' : '下'}半年`, en: `${counts.year} H${counts.half}` };
  return {
    report: 'user-counts',
    title: { zh: '计划生育药具使用人数表', en: 'Number of users by method' },
    depot: { id: counts.depot.id, code: counts.depot.code, name: counts.depot.name, tier: counts.depot.tier },
    period: { from: counts.periodEnd.slice(0, 7), to: counts.periodEnd.slice(0, 7), label },
    columns,
    rows,
    totals: totalRow(columns, rows, 'unit'),
    unitTotals: [],
    notes: [
      { zh: `人数为${counts.periodEnd}在用人数：建有花名册的乡镇按花名册统计（括号内为建册单位数/可建册单位数），其余取乡级填报数。`, en: `Users on ${counts.periodEnd}: from the users register where the township keeps one (register-keeping depots / depots in brackets), else the township’s entered figures.` },
    ],
    signatures: STANDARD_SIGNATURES,
    generatedAt: now.toISOString(),
  };
}
