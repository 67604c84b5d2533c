import type { RubricItem, RubricTiers, Text } from './assessment.ts';

/**
 * The example rubric shipped as version 1. The official 《宁夏计划生育药具考核评估标准》 is issued
 * separately (S0:485) and is not in the text we have; this example is built from the regulation's
 * own duties of each level, 100 points a tier. A region replaces it by storing a new version.
 * In version 1 an assessor scores "training held" (S0:293-295): the system kept no training
 * record then. Version 2 (EXAMPLE_RUBRIC_V2) computes it from the training records, and adds the
 * facility standard (S0:304-332) as a computed item.
 */

const t = (zh: string, en: string): Text => ({ zh, en });

const reportsOnTime = (points: number): RubricItem => ({ key: 'reports_on_time', label: t('报表按时逐级上报（S0:370）', 'Reports submitted on time, level by level (S0:370)'), points, source: 'computed', indicator: 'reports_on_time', rule: { kind: 'share', target: 1 } });
const climate = (points: number): RubricItem => ({ key: 'climate_compliance', label: t('库房温湿度记录合规（S0:325、380）', 'Store climate log compliance (S0:325, 380)'), points, source: 'computed', indicator: 'climate_compliance', rule: { kind: 'share', target: 0.95 } });
const fefo = (points: number): RubricItem => ({ key: 'fefo_compliance', label: t('近效期先出执行（S0:358、379）', 'First-expiry-first-out followed (S0:358, 379)'), points, source: 'computed', indicator: 'fefo_compliance', rule: { kind: 'share', target: 0.95 } });
const count = (points: number): RubricItem => ({ key: 'yearly_count_done', label: t('年度盘库完成（S0:384）', 'Yearly stock count done (S0:384)'), points, source: 'computed', indicator: 'yearly_count_done', rule: { kind: 'done' } });
const expiry = (points: number): RubricItem => ({ key: 'expiry_losses', label: t('过期失效损失（S0:379、421）', 'Losses to expiry (S0:379, 421)'), points, source: 'computed', indicator: 'expiry_losses', rule: { kind: 'loss', limit: 0.02 } });
const adverse = (points: number): RubricItem => ({ key: 'adverse_reaction_reporting', label: t('不良反应按时报告（S0:436-439）', 'Adverse reactions reported on time (S0:436-439)'), points, source: 'computed', indicator: 'adverse_reaction_reporting', rule: { kind: 'share', target: 1 } });
const assessor = (key: string, points: number, label: Text, guidance: Text): RubricItem => ({ key, label, points, source: 'assessor', guidance });

const training = (points: number, line: string) =>
  assessor('training_held', points, t(`培训举办（${line}）`, `Training held (${line})`), t('系统尚无培训记录，由考核人员查阅培训通知、签到和教材后评分。', 'The system keeps no training record yet: the assessor scores from the notices, attendance lists and materials.'));
const supervision = (points: number) =>
  assessor('supervision_of_lower', points, t('对下级监督指导（S0:293-294、473-481）', 'Supervision and guidance of the levels below (S0:293-294, 473-481)'), t('查阅监督检查记录、整改跟踪。', 'Supervision records and the follow-up of corrective actions.'));
const accounts = (points: number) =>
  assessor('accounts_archives', points, t('账目、票据与档案（S0:336-337、415）', 'Accounts, vouchers and archives (S0:336-337, 415)'), t('账物相符，出入库单、盘点表签字齐全，档案分类装订。', 'Books match stock, vouchers and count sheets carry their signatures, archives bound by category.'));
const funds = (points: number) => assessor('special_funds', points, t('专款专用（S0:474）', 'Special funds used for their purpose (S0:474)'), t('药具经费专款专用，无挪用。', 'Supply funds spent only on their purpose.'));
const register = (points: number) =>
  assessor('register_follow_up', points, t('花名册与随访服务（S0:296、437）', 'Users register and follow-up service (S0:296, 437)'), t('花名册完整，随访按时，记录真实。', 'The register is complete, follow-ups on time, records true.'));
const dispensing = (points: number) =>
  assessor('dispensing_practice', points, t('发放程序与范围（S0:398、476-477）', 'Dispensing steps and scope (S0:398, 476-477)'), t('发放前查验包装和有效期，按规定范围发放并登记。', 'Packs and expiry checked before dispensing, dispensed within scope and recorded.'));

export const EXAMPLE_RUBRIC: { title: string; tiers: RubricTiers } = {
  title: '考核评估标准（示例，依据规范条文编制）',
  tiers: {
    city: [reportsOnTime(15), climate(10), fefo(10), count(10), expiry(10), training(10, 'S0:293'), supervision(15), accounts(10), funds(10)],
    county: [reportsOnTime(15), climate(10), fefo(10), count(10), expiry(10), training(10, 'S0:294'), supervision(10), accounts(10), funds(15)],
    township: [
      reportsOnTime(10),
      climate(10),
      fefo(10),
      count(10),
      expiry(10),
      adverse(10),
      training(10, 'S0:295'),
      register(15),
      dispensing(15),
    ],
    village: [
      count(20),
      expiry(15),
      adverse(15),
      assessor('supply_box', 20, t('药具箱（柜）保管（S0:316）', 'Keeping the supply box (S0:316)'), t('药具箱专用、整洁，无过期药具。', 'The box is kept for supplies only, clean, with nothing expired.')),
      register(15),
      assessor('publicity', 15, t('药具知识宣传与指导（S0:296）', 'Publicity and guidance on contraceptive use (S0:296)'), t('宣传资料在位，群众知晓。', 'Materials on display; people know where to get supplies.')),
    ],
  },
};

const trainingComputed = (points: number, line: string): RubricItem => ({
  key: 'training_held',
  label: t(`培训与宣传按期举办（${line}、S0:471）`, `Training and public education held on cadence (${line}, S0:471)`),
  points,
  source: 'computed',
  indicator: 'training_held',
  rule: { kind: 'share', target: 1 },
});
const facility = (points: number): RubricItem => ({
  key: 'facility_standard',
  label: t('库房设施设备达标（S0:304-332）', 'Premises and storage equipment up to standard (S0:304-332)'),
  points,
  source: 'computed',
  indicator: 'facility_standard',
  rule: { kind: 'share', target: 1 },
});

/**
 * Version 2 of the example (migration 0020): training held is computed from the training and
 * public-education records against the cadence (docs/training.md), and each tier gains the
 * facility standard (docs/facilities.md); the points come from the supervision, funds and
 * dispensing items and, at a village, the supply box, which the facility standard now partly covers.
 */
export const EXAMPLE_RUBRIC_V2: { title: string; tiers: RubricTiers } = {
  title: '考核评估标准（示例第2版：培训与设施由系统计算）',
  tiers: {
    city: [reportsOnTime(15), climate(10), fefo(10), count(10), expiry(10), trainingComputed(10, 'S0:293'), facility(5), supervision(10), accounts(10), funds(10)],
    county: [reportsOnTime(15), climate(10), fefo(10), count(10), expiry(10), trainingComputed(10, 'S0:294'), facility(5), supervision(10), accounts(10), funds(10)],
    township: [reportsOnTime(10), climate(10), fefo(10), count(10), expiry(10), adverse(10), trainingComputed(10, 'S0:295'), facility(5), register(15), dispensing(10)],
    village: [
      count(20),
      expiry(15),
      adverse(15),
      facility(10),
      assessor('supply_box', 10, t('药具箱（柜）保管（S0:316）', 'Keeping the supply box (S0:316)'), t('药具箱专用、整洁，无过期药具。', 'The box is kept for supplies only, clean, with nothing expired.')),
      register(15),
      assessor('publicity', 15, t('药具知识宣传与指导（S0:296）', 'Publicity and guidance on contraceptive use (S0:296)'), t('宣传资料在位，群众知晓。', 'Materials on display; people know where to get supplies.')),
    ],
  },
};
