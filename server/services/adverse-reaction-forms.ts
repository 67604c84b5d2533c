import type { Deps } from '../deps.ts';
import type { DbOrTx } from '../../db/client.ts';
import * as q from '../../db/queries/adverse-reactions.ts';
import { DomainError } from '../domain/errors.ts';
import { toIsoDate } from '../domain/expiry.ts';
import { reportPeriod, type PeriodKind } from '../domain/report-period.ts';
import type { ReportSheet, Text } from '../domain/report-sheet.ts';
import { ageAtOnset } from '../domain/adverse-reactions.ts';
import { SERIOUS_CRITERIA, type AdrOutcome, type DiagnosingBody, type SeriousCriterion } from '../domain/adverse-vocabulary.ts';
import { assertCanRead, type Actor } from '../auth/scope.ts';
import { col, reportContext, sheet, type ReportContext } from './reports/context.ts';
import { depotOrThrow } from './depot-lookup.ts';
import { auditRead, caseNumberOf, presentDetail } from './adverse-reactions.ts';

/** The five serious criteria as the regulation words them (S0:427-432). */
export const CRITERION_NAMES: Record<SeriousCriterion, Text> = {
  death: { zh: '引起死亡', en: 'Death' },
  cancer_or_birth_defect: { zh: '致癌、致畸、致出生缺陷', en: 'Cancer, malformation or birth defect' },
  life_threatening_disability: { zh: '对生命有危险并能够导致人体永久的或显著的伤残', en: 'Life-threatening, with permanent or significant disability' },
  permanent_organ_damage: { zh: '对器官功能产生永久损伤', en: 'Permanent damage to an organ’s function' },
  hospitalisation: { zh: '导致住院或住院时间延长', en: 'Hospitalisation or a longer stay' },
};

export const OUTCOME_NAMES: Record<AdrOutcome, Text> = {
  recovered: { zh: '痊愈', en: 'Recovered' },
  improving: { zh: '好转', en: 'Improving' },
  not_recovered: { zh: '未好转', en: 'Not recovered' },
  sequelae: { zh: '有后遗症', en: 'With sequelae' },
  death: { zh: '死亡', en: 'Death' },
  unknown: { zh: '不详', en: 'Unknown' },
};

const BODY_NAMES: Record<DiagnosingBody, Text> = {
  fp_technical_service: { zh: '县级计划生育技术服务机构', en: 'County family-planning technical service' },
  health_body: { zh: '同级卫生医疗部门', en: 'Health body of the same level' },
};

const DEFINITION: Text = {
  zh: '药具不良反应是指合格药具在正常用法用量下出现的与用药具目的无关的、或意外的有害反应。严重不良反应须经县级计划生育技术服务机构或同级卫生医疗部门诊断确认，填写个例报告表上报自治区，随时上报，一例一报。',
  en: 'An adverse reaction is a harmful reaction, unrelated to the purpose or unexpected, to conforming supplies at normal use and dose. A serious reaction is diagnosed and confirmed by the county family-planning technical service or a health body of the same level, and its case report goes to the region at once, one report per case.',
};

const text = (key: string, zh: string, en: string) => ({ key, header: { zh, en }, kind: 'text' as const });
const say = (t: Text, key: string) => ({ [key]: t.zh, [`${key}En`]: t.en });

/**
 * Form 11 (计划生育药具不良反应报告表, S0:436, 499 #11) of a depot for a period: the reports
 * filed at the depot and below, one row each, in filing order. Names only where the reader sees
 * them (the reporting depot and the township above); that read is audited on `auditDb`, the
 * write connection.
 */
export function reportFormSheet(deps: Deps, actor: Actor, params: { depotId: number; year?: number; period: PeriodKind; month?: number }, auditDb: DbOrTx = deps.db): ReportSheet {
  const ctx = reportContext(deps, actor, { ...params, scope: 'own' });
  // Dates compare as text: every day of the last month sorts at or before its "-31".
  const rows = q.allReports(deps.db, { path: ctx.depot.path, filedFrom: `${ctx.period.from}-01`, filedTo: `${ctx.period.to}-31` });
  const shown = rows.map((row) => ({ row, detail: presentDetail(deps, actor, row) }));
  const read = shown.filter((s) => s.detail.personal !== null).map((s) => s.detail.id);
  if (read.length > 0) auditRead(auditDb, actor, read, ctx.now);
  return sheet(ctx, 'adverse-reactions', {
    title: { zh: '计划生育药具不良反应报告表', en: 'Adverse reactions to contraceptive supplies (form 11)' },
    columns: [
      col.int('seq', '序号', 'No.'),
      text('caseNumber', '病例编号', 'Case no.'),
      text('name', '姓名', 'Name'),
      col.int('age', '年龄', 'Age'),
      text('community', '村（居）', 'Village'),
      text('product', '药具名称', 'Product'),
      text('lot', '批号', 'Lot'),
      text('manufacturer', '生产厂家', 'Manufacturer'),
      text('useStartedOn', '开始使用日期', 'Use started'),
      text('onsetOn', '发生日期', 'Onset'),
      text('description', '不良反应表现', 'Reaction'),
      text('treatment', '处理情况', 'Treatment'),
      text('outcome', '转归', 'Outcome'),
      text('severity', '严重程度', 'Severity'),
      text('depot', '报告单位', 'Reporting unit'),
      text('reporter', '报告人', 'Reporter'),
      text('filedOn', '报告日期', 'Reported on'),
    ],
    rows: shown.map(({ row, detail }, i) => ({
      seq: i + 1,
      caseNumber: detail.caseNumber,
      name: detail.personal?.name ?? null,
      age: detail.ageAtOnset,
      community: detail.personal?.community ?? null,
      ...say({ zh: row.product.nameZh, en: row.product.nameEn }, 'product'),
      lot: row.batch.lot,
      manufacturer: row.batch.manufacturer,
      useStartedOn: row.report.useStartedOn,
      onsetOn: row.report.onsetOn,
      description: row.report.description,
      treatment: row.report.treatment,
      ...say(OUTCOME_NAMES[row.report.outcome], 'outcome'),
      ...say(severityOf(row.report.criteria), 'severity'),
      depot: row.depot.name,
      reporter: row.reporterName,
      filedOn: row.report.filedOn,
    })),
    totals: null,
    notes: [
      DEFINITION,
      { zh: '姓名、村（居）仅报告单位及其上级乡（镇）可见，其他单位以病例编号识别。', en: 'Names and villages are shown only to the reporting unit and the township above it; everyone else reads the case number.' },
    ],
    signatures: [
      { zh: '报告人', en: 'Reporter' },
      { zh: '单位负责人', en: 'Head of unit' },
      { zh: '报告日期', en: 'Date reported' },
    ],
  });
}

function severityOf(criteria: readonly SeriousCriterion[]): Text {
  if (criteria.length === 0) return { zh: '一般', en: 'Not serious' };
  return { zh: `严重：${criteria.map((c) => CRITERION_NAMES[c].zh).join('；')}`, en: `Serious: ${criteria.map((c) => CRITERION_NAMES[c].en).join('; ')}` };
}

/**
 * Form 13 (计划生育药具严重不良反应个例报告表, S0:438, 499 #13) of one serious report: item and value
 * rows, the five criteria each ticked or not, the county's diagnosis, under the case number. It
 * goes to the region, so it never carries the person's name.
 */
export function caseReportSheet(deps: Deps, actor: Actor, id: number): ReportSheet {
  const row = q.findReportDetail(deps.db, id);
  if (!row) throw new DomainError('adverse_reaction_not_found', `No adverse-reaction report ${id}`);
  assertCanRead(actor, row.depot);
  const r = row.report;
  if (r.status === 'filed') throw new DomainError('not_serious', 'Only a serious reaction has a case report');
  const now = deps.clock.now();
  const month = Number(r.filedOn.slice(5, 7));
  const ctx: ReportContext = { depot: depotOrThrow(deps, r.depotId), period: reportPeriod(Number(r.filedOn.slice(0, 4)), 'month', month), scope: 'own', today: toIsoDate(now, deps.config.timeZone), now };
  const item = (zh: string, en: string, value: string | number | null, valueEn?: string) => ({ item: zh, itemEn: en, value, ...(valueEn !== undefined && { valueEn }) });
  const birthYear = row.person?.birthYearMonth ? Number(row.person.birthYearMonth.slice(0, 4)) : r.birthYear;
  const confirmed = r.decision === 'confirmed';
  const rows = [
    item('报告编号', 'Report no.', r.number),
    item('病例编号', 'Case no.', caseNumberOf(row)),
    item('报告单位', 'Reporting unit', `${row.depot.name}（${row.depot.code}）`, `${row.depot.name} (${row.depot.code})`),
    item('年龄', 'Age', ageAtOnset(birthYear, r.onsetOn)),
    item('药具名称', 'Product', row.product.nameZh, row.product.nameEn),
    item('规格', 'Specification', row.product.specZh, row.product.specEn),
    item('批号', 'Lot', row.batch.lot),
    item('生产厂家', 'Manufacturer', row.batch.manufacturer),
    item('有效期至', 'Expires', row.batch.expiresOn),
    item('开始使用日期', 'Use started', r.useStartedOn),
    item('不良反应发生日期', 'Onset', r.onsetOn),
    item('获知日期', 'Learned of it', r.learnedOn),
    item('不良反应表现', 'Reaction', r.description),
    ...SERIOUS_CRITERIA.map((c, i) => {
      const met = r.criteria.includes(c);
      return item(`严重情形${i + 1}：${CRITERION_NAMES[c].zh}`, `Criterion ${i + 1}: ${CRITERION_NAMES[c].en}`, met ? '☑ 是' : '☐ 否', met ? '☑ Yes' : '☐ No');
    }),
    item('处理情况', 'Treatment', r.treatment),
    item('转归', 'Outcome', OUTCOME_NAMES[r.outcome].zh, OUTCOME_NAMES[r.outcome].en),
    item('诊断确认机构', 'Diagnosed by', confirmed ? `${r.institution}（${BODY_NAMES[r.diagnosingBody!].zh}）` : '待确认', confirmed ? `${r.institution} (${BODY_NAMES[r.diagnosingBody!].en})` : 'Awaiting confirmation'),
    item('诊断人', 'Diagnostician', confirmed ? r.diagnostician : null),
    item('诊断日期', 'Diagnosed on', confirmed ? r.diagnosedOn : null),
    item('报告人', 'Reporter', row.reporterName),
    item('报告日期', 'Reported on', r.filedOn),
    item('应报日期', 'Due on', r.dueOn),
    item('上报自治区日期', 'Sent to the region on', r.submittedOn),
  ];
  return sheet(ctx, 'serious-case', {
    title: { zh: '计划生育药具严重不良反应个例报告表', en: 'Serious adverse reaction: case report (form 13)' },
    columns: [text('item', '项目', 'Item'), text('value', '内容', 'Entry')],
    rows,
    totals: null,
    notes: [DEFINITION, { zh: '本表随时上报，一例一报，不填写姓名。', en: 'Sent at any time, one report per case, without the person’s name.' }],
    signatures: [
      { zh: '诊断确认人', en: 'Confirmed by' },
      { zh: '单位负责人', en: 'Head of unit' },
      { zh: '上报日期', en: 'Date sent' },
    ],
  });
}
