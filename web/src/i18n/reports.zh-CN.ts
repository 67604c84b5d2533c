import type { ReportGroup } from '../features/reports/reports-api.ts';
import type { PeriodKind } from '../features/reports/report-params.ts';

/**
 * Messages of the reports screen (报表), loaded with its chunk (features/reports/i18n.ts);
 * reports.en.ts must have the same keys. The tab label and the error codes are in zh-CN.ts. The
 * report titles, column headers, notes and signature captions come from the server in both languages.
 */
export const reportsZhCN = {
  'reportGroup.statistics': '统计报表',
  'reportGroup.finance': '财务账',
  'reportGroup.risk': '风险',
  'reportGroup.indicators': '指标',

  'reportPeriod.year': '全年',
  'reportPeriod.h1': '上半年',
  'reportPeriod.h2': '下半年',
  'reportPeriod.q1': '第一季度',
  'reportPeriod.q2': '第二季度',
  'reportPeriod.q3': '第三季度',
  'reportPeriod.q4': '第四季度',
  'reportPeriod.month': '月份',

  'reportScope.own': '本级',
  'reportScope.summary': '汇总',

  'report.report': '报表',
  'report.picker': '选择报表',
  'report.year': '年度',
  'report.yearOption': '{year} 年',
  'report.period': '期间',
  'report.month': '月份',
  'report.scope': '本级或汇总',
  'report.scopeHint': '汇总：本级及所辖各级之和',
  'report.exportXlsx': '导出 Excel',
  'report.exportCsv': '导出 CSV',
  'report.unit': '填报单位',
  'report.periodLabel': '统计期间',
  'report.colon': '：',
  'report.empty': '所选期间没有发生额，也没有期初或期末库存。',
  'report.notes': '注：',
  'report.tableRegion': '{title}：表格（可滚动，方向键移动）',
  'report.generatedAt': '生成时间：{time}',
  'report.noReports': '暂无可用的报表。',

  'report.cypFactors': '折算系数（CYP）',
  'report.cypFactorsHint': '每单位药具折合的夫妇保护年数；修改后全区各单位的 CYP 指标即按新系数计算。',
  'report.code': '编码',
  'report.cypPerUnit': '折算系数',
  'report.cypPerUnitOf': '{product}的折算系数',
  'report.cypInvalid': '请填写大于 0、不超过 {max} 的数（可写成分数，如 1/120）',
  'report.unitsPerCyp': '{units} {unit}合 1 CYP',
  'report.cypPerOneUnit': '1 {unit}合 {cyp} CYP',
  'report.cypSaved': '已保存',
} satisfies Record<`reportGroup.${ReportGroup}` | `reportPeriod.${PeriodKind}`, string> & Record<string, string>;
