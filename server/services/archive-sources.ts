import type { Deps } from '../deps.ts';
import * as q from '../../db/queries/archive.ts';
import * as tq from '../../db/queries/training.ts';
import * as sq from '../../db/queries/service-desk.ts';
import type { ArchiveCategory } from '../domain/archive.ts';
import { toIsoDate } from '../domain/expiry.ts';
import { KIND_RULES } from '../domain/report-submissions.ts';
import { reportPeriod, type PeriodKind } from '../domain/report-period.ts';
import type { Text } from '../domain/report-sheet.ts';
import type { ServiceKind } from '../domain/service-desk.ts';

/** One document as the archive index (form 1.1) lists it: its number, title and date (YYYY-MM-DD, the depots' calendar). */
export interface ArchiveDocument {
  id: number;
  number: string;
  title: Text;
  date: string;
}

/**
 * A kind of document the system produces, read from its own table (the archive keeps no copy):
 * the category it is bound in, a depot's documents of the kind, and the depot one document
 * belongs to (for scope checks; undefined when there is no such document, or it does not count,
 * e.g. a cancelled receipt). Further kinds are appended to ARCHIVE_SOURCES.
 */
export interface ArchiveSource {
  kind: string;
  category: ArchiveCategory;
  title: Text;
  list(deps: Deps, depotId: number): ArchiveDocument[];
  depotOf(deps: Deps, id: number): number | undefined;
}

/** A stored timestamp as the depots' date; a stored date as it is. */
const day = (deps: Deps, at: string) => (at.length === 10 ? at : toIsoDate(new Date(at), deps.config.timeZone));
const t = (zh: string, en: string): Text => ({ zh, en });

const SERVICE_KIND_TITLES: Record<ServiceKind, Text> = { supplies: t('药具需求', 'supplies'), question: t('咨询', 'question'), complaint: t('投诉', 'complaint'), other: t('其他', 'other') };

export const ARCHIVE_SOURCES: ArchiveSource[] = [
  {
    kind: 'receipt',
    category: 'vouchers',
    title: t('入库单', 'Goods receipt'),
    list: (deps, depotId) =>
      q.receiptsOf(deps.db, depotId).map((r) => ({
        id: r.id,
        number: r.number,
        title: r.source === 'transfer' ? t(`调入入库单 · ${r.supplierName}`, `Receipt of a transfer · ${r.supplierName}`) : t(`入库单 · ${r.supplierName} · 送货单 ${r.deliveryNote}`, `Goods receipt · ${r.supplierName} · delivery note ${r.deliveryNote}`),
        date: r.date,
      })),
    depotOf: (deps, id) => q.receiptDepot(deps.db, id),
  },
  {
    kind: 'issue_note',
    category: 'vouchers',
    title: t('出库单（调拨单）', 'Issue note (transfer order)'),
    list: (deps, depotId) => q.issueNotesOf(deps.db, depotId).map((r) => ({ id: r.id, number: r.number, title: t(`出库单 → ${r.toName}`, `Issue note → ${r.toName}`), date: day(deps, r.date) })),
    depotOf: (deps, id) => q.issueNoteDepot(deps.db, id),
  },
  {
    kind: 'write_off',
    category: 'vouchers',
    title: t('不合格药具报废审批表', 'Write-off request'),
    list: (deps, depotId) => q.writeOffsOf(deps.db, depotId).map((r) => ({ id: r.id, number: r.number, title: t('不合格药具报废审批表', 'Write-off request'), date: day(deps, r.date) })),
    depotOf: (deps, id) => q.writeOffDepot(deps.db, id),
  },
  {
    kind: 'opening_balance',
    category: 'accounts',
    title: t('期初库存', 'Opening balance'),
    list: (deps, depotId) => q.openingBalancesOf(deps.db, depotId).map((r) => ({ id: r.id, number: r.number, title: t('期初库存', 'Opening balance'), date: day(deps, r.date) })),
    depotOf: (deps, id) => q.openingBalanceDepot(deps.db, id),
  },
  {
    kind: 'stock_count',
    category: 'accounts',
    title: t('盘点表', 'Stock count sheet'),
    list: (deps, depotId) => q.stockCountsOf(deps.db, depotId).map((r) => ({ id: r.id, number: r.number, title: t('盘点表', 'Stock count sheet'), date: day(deps, r.date) })),
    depotOf: (deps, id) => q.stockCountDepot(deps.db, id),
  },
  {
    kind: 'demand_plan',
    category: 'plans',
    title: t('避孕药具需求计划表', 'Demand plan'),
    list: (deps, depotId) => q.demandPlansOf(deps.db, depotId).map((r) => ({ id: r.id, number: `DP-${r.year}`, title: t(`${r.year}年避孕药具需求计划表`, `Demand plan ${r.year}`), date: day(deps, r.date) })),
    depotOf: (deps, id) => q.demandPlanDepot(deps.db, id),
  },
  {
    kind: 'allocation_plan',
    category: 'plans',
    title: t('避孕药具分配计划表', 'Allocation plan'),
    list: (deps, depotId) => q.allocationPlansOf(deps.db, depotId).map((r) => ({ id: r.id, number: r.number, title: t(`${r.year}年避孕药具分配计划表`, `Allocation plan ${r.year}`), date: day(deps, r.date) })),
    depotOf: (deps, id) => q.allocationPlanDepot(deps.db, id),
  },
  {
    kind: 'report_submission',
    category: 'reports',
    title: t('上报报表', 'Submitted report'),
    list: (deps, depotId) =>
      q.reportSubmissionsOf(deps.db, depotId).map((r) => {
        const title = KIND_RULES[r.kind].title;
        const period = reportPeriod(r.year, r.period as PeriodKind).label;
        return { id: r.id, number: `RS-${r.id}`, title: t(`${title.zh} · ${period.zh} · 第${r.version}版`, `${title.en} · ${period.en} · version ${r.version}`), date: day(deps, r.date) };
      }),
    depotOf: (deps, id) => q.reportSubmissionDepot(deps.db, id),
  },
  {
    kind: 'adverse_reaction',
    category: 'reports',
    title: t('避孕药具不良反应报告表', 'Adverse reaction report'),
    list: (deps, depotId) =>
      q.adverseReactionsOf(deps.db, depotId).map((r) => ({ id: r.id, number: r.number, title: r.serious ? t('避孕药具不良反应报告表（严重）', 'Adverse reaction report (serious)') : t('避孕药具不良反应报告表', 'Adverse reaction report'), date: r.date })),
    depotOf: (deps, id) => q.adverseReactionDepot(deps.db, id),
  },
  {
    kind: 'supervision_visit',
    category: 'business',
    title: t('药具监督检查记录表', 'Supervision visit record'),
    list: (deps, depotId) => q.supervisionVisitsOf(deps.db, depotId).map((r) => ({ id: r.id, number: `SV-${r.id}`, title: t(`药具监督检查记录表 · ${r.visitedName}`, `Supervision visit record · ${r.visitedName}`), date: r.date })),
    depotOf: (deps, id) => q.supervisionVisitDepot(deps.db, id),
  },
  {
    kind: 'assessment_round',
    category: 'business',
    title: t('考核评估', 'Assessment round'),
    list: (deps, depotId) => q.assessmentRoundsOf(deps.db, depotId).map((r) => ({ id: r.id, number: `AR-${r.id}`, title: t(`${r.year}年度考核评估`, `Assessment ${r.year}`), date: day(deps, r.date) })),
    depotOf: (deps, id) => q.assessmentRoundDepot(deps.db, id),
  },
  {
    kind: 'training',
    category: 'training',
    title: t('培训记录', 'Training record'),
    list: (deps, depotId) => tq.trainingsUnder(deps.db, { id: depotId, path: '' }, 'own').map((r) => ({ id: r.id, number: `TR-${r.id}`, title: t(`培训记录 · ${r.title}`, `Training record · ${r.title}`), date: r.heldOn })),
    depotOf: (deps, id) => tq.findTraining(deps.db, id)?.organiserDepotId,
  },
  {
    kind: 'education_session',
    category: 'training',
    title: t('药具知识宣传记录', 'Public education session'),
    list: (deps, depotId) => tq.educationUnder(deps.db, { id: depotId, path: '' }, 'own').map((r) => ({ id: r.id, number: `ED-${r.id}`, title: t(`药具知识宣传 · ${r.place}`, `Public education · ${r.place}`), date: r.heldOn })),
    depotOf: (deps, id) => tq.findEducation(deps.db, id)?.depotId,
  },
  {
    // The kind, never the subject: it may name the requester.
    kind: 'service_request',
    category: 'business',
    title: t('服务事项登记', 'Service request'),
    list: (deps, depotId) => sq.requestsForArchive(deps.db, depotId).map((r) => ({ id: r.id, number: r.number, title: t(`服务事项登记 · ${SERVICE_KIND_TITLES[r.kind].zh}`, `Service request · ${SERVICE_KIND_TITLES[r.kind].en}`), date: day(deps, r.receivedAt) })),
    depotOf: (deps, id) => sq.requestDepot(deps.db, id),
  },
];

export const sourceOf = (kind: string) => ARCHIVE_SOURCES.find((s) => s.kind === kind);
