import type { Deps } from '../deps.ts';
import type { DbOrTx } from '../../db/client.ts';
import { assertCanRead, assertRole, type Actor } from '../auth/scope.ts';
import { listPeopleUnder } from '../../db/queries/people.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { DomainError } from '../domain/errors.ts';
import { toIsoDate } from '../domain/expiry.ts';
import { seesPersonalData } from '../domain/people.ts';
import type { ReportColumn, ReportSheet } from '../domain/report-sheet.ts';
import { METHOD_NAMES } from './reports/context.ts';
import { depotOrThrow } from './depot-lookup.ts';
import { audit } from './audit.ts';
import { getPerson } from './people.ts';

export const STATUS_NAMES = {
  using: { zh: '使用中', en: 'using' },
  switched: { zh: '已换用', en: 'switched' },
  stopped: { zh: '停用', en: 'stopped' },
  moved_away: { zh: '迁出', en: 'moved away' },
} as const;

const COLUMNS: ReportColumn[] = [
  { key: 'caseNumber', header: { zh: '编号', en: 'Case no.' }, kind: 'text' },
  { key: 'name', header: { zh: '姓名', en: 'Name' }, kind: 'text' },
  { key: 'birth', header: { zh: '出生年月', en: 'Born' }, kind: 'text' },
  { key: 'community', header: { zh: '村（组）/社区', en: 'Village group / community' }, kind: 'text' },
  { key: 'contact', header: { zh: '联系方式', en: 'Contact' }, kind: 'text' },
  { key: 'method', header: { zh: '避孕方法', en: 'Method' }, kind: 'text' },
  { key: 'since', header: { zh: '开始日期', en: 'Since' }, kind: 'text' },
  { key: 'status', header: { zh: '状态', en: 'Status' }, kind: 'text' },
  { key: 'statusOn', header: { zh: '状态日期', en: 'Status date' }, kind: 'text' },
  { key: 'consentOn', header: { zh: '知情同意日期', en: 'Consent' }, kind: 'text' },
  { key: 'nextFollowUp', header: { zh: '下次随访', en: 'Next follow-up' }, kind: 'text' },
];

/** At most this many people in one export: a village or township register is far smaller. */
const MAX_EXPORT = 20_000;

/**
 * 使用药具妇女花名册 (form 8.2, S0:513) of one depot as a list with names, for the XLSX: only a
 * leader who sees the names of that depot's people (its own depot, or the township above a
 * village), and every export is in the audit log (`auditDb`: the write connection, as in people.ts).
 */
export function peopleRegisterSheet(deps: Deps, actor: Actor, depotId: number, auditDb: DbOrTx = deps.db): ReportSheet {
  const depot = depotOrThrow(deps, depotId);
  assertCanRead(actor, depot);
  assertRole(actor, 'leader');
  const parent = depot.parentId === null ? undefined : findDepotPlace(deps.db, depot.parentId);
  if (!seesPersonalData(actor, { id: depot.id, parentId: depot.parentId, tier: depot.tier, parentTier: parent?.tier ?? null }, deps.config.people.personalDataRoles)) {
    throw new DomainError('personal_data_restricted', 'The register with names is exported at the depot that keeps it or the township above');
  }
  const { items: mine } = listPeopleUnder(deps.db, depot.path, { closed: 'open', depotId: depot.id }, { limit: MAX_EXPORT, offset: 0 });
  const now = deps.clock.now();
  const today = toIsoDate(now, deps.config.timeZone);
  audit(auditDb, { actorId: actor.userId, depotId: depot.id, action: 'export', entity: 'people_register', entityId: depot.id, detail: { people: mine.length } }, now);
  const rows = mine.map((p) => ({
    caseNumber: p.caseNumber,
    name: p.name,
    birth: p.birthYearMonth,
    community: p.community,
    contact: p.contact,
    method: METHOD_NAMES[p.method]?.zh ?? p.method,
    methodEn: METHOD_NAMES[p.method]?.en ?? p.method,
    since: p.methodSince,
    status: STATUS_NAMES[p.status].zh,
    statusEn: STATUS_NAMES[p.status].en,
    statusOn: p.statusOn,
    consentOn: p.consentOn,
    nextFollowUp: p.nextFollowUpOn,
  }));
  return {
    report: 'people-register',
    title: { zh: '使用药具妇女花名册', en: 'Register of women using contraceptives' },
    depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier },
    period: { from: today.slice(0, 7), to: today.slice(0, 7), label: { zh: `截至 ${today}`, en: `As of ${today}` } },
    columns: COLUMNS,
    rows,
    totals: null,
    unitTotals: [],
    notes: [
      { zh: `在册 ${rows.length} 人。本表含敏感个人信息，导出已记录；仅用于本单位随访服务，不得外传。`, en: `${rows.length} people on the register. Sensitive personal data: this export is logged; for this depot's follow-up work only, not to be passed on.` },
    ],
    signatures: [{ zh: '药具发放员', en: 'Dispenser' }, { zh: '单位负责人', en: 'Head of unit' }, { zh: '导出日期', en: 'Exported on' }],
    generatedAt: now.toISOString(),
  };
}

const OUTCOME_NAMES = {
  continuing: { zh: '继续使用', en: 'continuing' },
  side_effects: { zh: '有副作用', en: 'side effects' },
  switched: { zh: '换用', en: 'switched' },
  stopped: { zh: '停用', en: 'stopped' },
} as const;

const FOLLOW_UP_COLUMNS: ReportColumn[] = [
  { key: 'on', header: { zh: '随访日期', en: 'Date' }, kind: 'text' },
  { key: 'dueOn', header: { zh: '应随访日期', en: 'Scheduled' }, kind: 'text' },
  { key: 'method', header: { zh: '避孕方法', en: 'Method' }, kind: 'text' },
  { key: 'outcome', header: { zh: '随访结果', en: 'Outcome' }, kind: 'text' },
  { key: 'details', header: { zh: '副作用 / 换用 / 停用原因', en: 'Side effects / new method / reason' }, kind: 'text' },
  { key: 'note', header: { zh: '指导意见', en: 'Guidance' }, kind: 'text' },
  { key: 'visitor', header: { zh: '随访人', en: 'Visited by' }, kind: 'text' },
];

/**
 * 育龄妇女使用药具随访表 (form 8.1, S0:513; S0:365) of one person: their details above, one line a
 * follow-up. Read as the person's record is (getPerson): only where names are seen, and audited.
 */
export function personFollowUpSheet(deps: Deps, actor: Actor, id: number, auditDb: DbOrTx = deps.db): ReportSheet {
  const p = getPerson(deps, actor, id, auditDb);
  const now = deps.clock.now();
  const method = (m: string | null) => (m ? (METHOD_NAMES[m] ?? { zh: m, en: m }) : { zh: '', en: '' });
  const rows = p.followUps.map((f) => {
    const details =
      f.outcome === 'side_effects' ? { zh: f.sideEffects ?? '', en: f.sideEffects ?? '' } : f.outcome === 'switched' ? method(f.switchedTo) : f.outcome === 'stopped' ? { zh: f.stopReason ?? '', en: f.stopReason ?? '' } : { zh: '', en: '' };
    return {
      on: f.on,
      dueOn: f.dueOn,
      method: method(f.method).zh,
      methodEn: method(f.method).en,
      outcome: OUTCOME_NAMES[f.outcome].zh,
      outcomeEn: OUTCOME_NAMES[f.outcome].en,
      details: details.zh,
      detailsEn: details.en,
      note: f.note,
      visitor: f.recordedBy,
    };
  });
  const depot = depotOrThrow(deps, p.depotId);
  const today = toIsoDate(now, deps.config.timeZone);
  const registered = p.history[0]?.on ?? p.methodSince;
  return {
    report: 'follow-up-form',
    title: { zh: '育龄妇女使用药具随访表', en: 'Follow-up form for women using contraceptives' },
    depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier },
    period: { from: registered.slice(0, 7), to: today.slice(0, 7), label: { zh: `${registered} 至 ${today}`, en: `${registered} to ${today}` } },
    columns: FOLLOW_UP_COLUMNS,
    rows,
    totals: null,
    unitTotals: [],
    notes: [
      {
        zh: `编号 ${p.caseNumber}；姓名 ${p.name ?? '（已删除）'}；出生年月 ${p.birthYearMonth ?? ''}；村（组）${p.community ?? ''}；现用方法 ${method(p.method).zh}，${p.methodSince} 起；状态 ${STATUS_NAMES[p.status].zh}；下次随访 ${p.nextFollowUpOn ?? '无'}。本表含个人信息，查阅已记录。`,
        en: `Case ${p.caseNumber}; ${p.name ?? '(erased)'}, born ${p.birthYearMonth ?? ''}, ${p.community ?? ''}; method ${method(p.method).en} since ${p.methodSince}; ${STATUS_NAMES[p.status].en}; next follow-up ${p.nextFollowUpOn ?? 'none'}. Personal data: this read is logged.`,
      },
    ],
    signatures: [{ zh: '随访人', en: 'Visited by' }, { zh: '单位负责人', en: 'Head of unit' }],
    generatedAt: now.toISOString(),
  };
}
