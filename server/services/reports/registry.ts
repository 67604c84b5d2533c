import type { Deps } from '../../deps.ts';
import type { Actor } from '../../auth/scope.ts';
import { DomainError } from '../../domain/errors.ts';
import type { ReportSheet, Text } from '../../domain/report-sheet.ts';
import type { ReportParams } from './context.ts';
import { ptsReport } from './pts.ts';
import { detailLedger, generalLedger } from './ledgers.ts';
import { usageReport, usersReport } from './usage.ts';

export interface ReportDefinition {
  title: Text;
  /** Which shelf of the reports screen it stands on. */
  group: 'statistics' | 'finance' | 'risk' | 'indicators';
  /** Whether the form exists both as own level (本级) and summary (汇总). */
  hasScope: boolean;
  build(deps: Deps, actor: Actor, params: ReportParams): ReportSheet;
}

/** Every report the product makes, by id: one screen, one print view and two exports serve them all. */
export const REPORTS: Record<string, ReportDefinition> = {
  pts: { title: { zh: '购调存报表', en: 'Purchase–transfer–stock report' }, group: 'statistics', hasScope: true, build: ptsReport },
  usage: { title: { zh: '使用情况统计表', en: 'Usage statistics' }, group: 'statistics', hasScope: false, build: usageReport },
  users: { title: { zh: '使用人数表', en: 'Users by method' }, group: 'statistics', hasScope: false, build: usersReport },
  'general-ledger': { title: { zh: '药具总账', en: 'General ledger' }, group: 'finance', hasScope: false, build: generalLedger },
  'detail-ledger': { title: { zh: '药具明细账', en: 'Detail ledger (by batch)' }, group: 'finance', hasScope: false, build: detailLedger },
};

export function buildReport(deps: Deps, actor: Actor, report: string, params: ReportParams): ReportSheet {
  const definition = Object.hasOwn(REPORTS, report) ? REPORTS[report] : undefined;
  if (!definition) throw new DomainError('report_not_found', `No report ${report}`, { reports: Object.keys(REPORTS) });
  return definition.build(deps, actor, params);
}

export const reportCatalogue = () => Object.entries(REPORTS).map(([id, d]) => ({ id, title: d.title, group: d.group, hasScope: d.hasScope }));
