import type { Deps } from '../../deps.ts';
import type { Actor } from '../../auth/scope.ts';
import { DomainError } from '../../domain/errors.ts';
import type { ReportSheet, Text } from '../../domain/report-sheet.ts';
import type { ReportParams } from './context.ts';
import { ptsReport } from './pts.ts';
import { detailLedger, generalLedger } from './ledgers.ts';
import { usageReport, usersReport } from './usage.ts';
import { expiringReport, monthsOfStockReport, writeOffsReport } from './risk.ts';
import { climateComplianceReport, cypByDepotReport, cypReport, fefoComplianceReport, fefoOverridesReport, methodMixReport } from './indicators.ts';

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
  expiring: { title: { zh: '近效期药具统计表', en: 'Stock expiring' }, group: 'risk', hasScope: false, build: expiringReport },
  'months-of-stock': { title: { zh: '库存可供月数与断货风险表', en: 'Months of stock and stock-out risk' }, group: 'risk', hasScope: false, build: monthsOfStockReport },
  'write-offs': { title: { zh: '药具报损统计表', en: 'Write-offs by reason' }, group: 'risk', hasScope: false, build: writeOffsReport },
  'climate-compliance': { title: { zh: '库房温湿度记录合规情况表', en: 'Storage climate log compliance' }, group: 'indicators', hasScope: false, build: climateComplianceReport },
  'fefo-compliance': { title: { zh: '近效期先出执行情况表', en: 'FEFO compliance' }, group: 'indicators', hasScope: false, build: fefoComplianceReport },
  'fefo-overrides': { title: { zh: '未按近效期先出明细表', en: 'FEFO overrides' }, group: 'indicators', hasScope: false, build: fefoOverridesReport },
  cyp: { title: { zh: '夫妇保护年(CYP)统计表', en: 'Couple-years of protection by product' }, group: 'indicators', hasScope: false, build: cypReport },
  'cyp-by-depot': { title: { zh: '夫妇保护年(CYP)分单位统计表', en: 'Couple-years of protection by depot' }, group: 'indicators', hasScope: false, build: cypByDepotReport },
  'method-mix': { title: { zh: '避孕方法构成表', en: 'Method mix' }, group: 'indicators', hasScope: false, build: methodMixReport },
};

export function buildReport(deps: Deps, actor: Actor, report: string, params: ReportParams): ReportSheet {
  const definition = Object.hasOwn(REPORTS, report) ? REPORTS[report] : undefined;
  if (!definition) throw new DomainError('report_not_found', `No report ${report}`, { reports: Object.keys(REPORTS) });
  return definition.build(deps, actor, params);
}

export const reportCatalogue = () => Object.entries(REPORTS).map(([id, d]) => ({ id, title: d.title, group: d.group, hasScope: d.hasScope }));
