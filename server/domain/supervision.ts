/**
 * Supervision visits (监督检查, S0:473-483): the checklist of S0:479 and how what the system
 * already knows about the visited depot fills it in. Pure: the service gathers the facts.
 */

/** S0:479: 药具经费开支明细, 调拨上下对应情况, 发放范围, 发放环节, 账目记载; storage (S0:477 保障药具质量) added as its own item. */
export const CHECKLIST_ITEMS = ['funds', 'transfers', 'dispensing_scope', 'dispensing_steps', 'accounts', 'storage'] as const;
export type ChecklistKey = (typeof CHECKLIST_ITEMS)[number];

/** S0:481: 询问、走访、查账、跟踪药具去向. */
export const VISIT_METHODS = ['questioning', 'visiting', 'auditing_accounts', 'tracking_supplies'] as const;
/** `cancelled`: called off before its findings were signed (a planned visit that will not take place). */
export const VISIT_STATUSES = ['planned', 'in_progress', 'findings_recorded', 'closed', 'cancelled'] as const;
export const FINDING_SEVERITIES = ['minor', 'major', 'serious'] as const;
export const ACTION_STATUSES = ['open', 'closed', 'verified'] as const;

export type Verdict = 'pass' | 'attention';

export interface Text {
  zh: string;
  en: string;
}

/** One thing the system knows, worded; `flag` when it calls for attention. */
export interface Evidence {
  label: Text;
  value: Text;
  flag: boolean;
}

export interface ChecklistItem {
  key: ChecklistKey;
  title: Text;
  evidence: Evidence[];
  /** From the evidence; null when the system holds nothing to judge by (the funds: vouchers on site). */
  suggested: Verdict | null;
  /** The inspector's own decision, which the suggestion never takes. */
  result: Verdict | null;
  note: string | null;
}

export const CHECKLIST_TITLES: Record<ChecklistKey, Text> = {
  funds: { zh: '药具经费开支明细', en: 'Spending of the special funds' },
  transfers: { zh: '药具调拨上下对应情况', en: 'Transfers matching above and below' },
  dispensing_scope: { zh: '药具发放范围', en: 'Scope of dispensing' },
  dispensing_steps: { zh: '药具发放环节', en: 'Dispensing steps' },
  accounts: { zh: '药具账目记载', en: 'Accounts' },
  storage: { zh: '药具储存', en: 'Storage' },
};

/** What the system knows about a depot when the visit starts; quantities in each product's unit. */
export interface DepotFacts {
  /** The window the period figures cover, as printed: 2026年度. */
  period: Text;
  ledger: { violations: number; movementsChecked: number };
  transfers: { received: number; notCorresponding: number; shortQuantity: number; inTransit: number };
  expired: { batches: number; quantity: number; valueFen: number };
  /** Null at a tier that keeps no store log (config.climate.logTiers). */
  climate: { areas: number; compliance: number; unacknowledged: number; gaps: number } | null;
  count: { lastCountedAt: string | null; overdue: boolean; open: boolean };
  fefo: { picks: number; overrides: number };
  writeOffs: { requests: number; valueFen: number; pending: number };
  /** Subtree-wide (跟踪药具去向): dispensed to registered people and anonymously, and what is unaccounted for per product. */
  trace: { toPeople: number; people: number; anonymous: number; unaccounted: { product: Text; quantity: number; unit: Text }[] };
  reports: { late: number; returned: number };
}

/** A climate log kept less than this share of the time within limits calls for attention. */
export const CLIMATE_COMPLIANCE_FLOOR = 0.95;
/** Overrides of the FEFO proposal on more than this share of picks call for attention (each carries a reason, S0:397). */
export const FEFO_OVERRIDE_CEILING = 0.1;

const yuan = (fen: number) => (fen / 100).toFixed(2);
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const same = (s: string): Text => ({ zh: s, en: s });
const ev = (zh: string, en: string, value: Text, flag = false): Evidence => ({ label: { zh, en }, value, flag });

function evidenceOf(key: ChecklistKey, f: DepotFacts): Evidence[] {
  switch (key) {
    case 'funds':
      return [
        ev('经费开支', 'Spending', { zh: '系统不记录经费开支，现场查阅账簿和凭证', en: 'Not kept in the system: check the books and vouchers on site' }),
        ev(`报损（${f.period.zh}）`, `Write-offs (${f.period.en})`, { zh: `${f.writeOffs.requests} 单，¥${yuan(f.writeOffs.valueFen)}`, en: `${f.writeOffs.requests}, ¥${yuan(f.writeOffs.valueFen)}` }),
      ];
    case 'transfers':
      return [
        ev(`收到调拨单（${f.period.zh}）`, `Transfers received (${f.period.en})`, same(String(f.transfers.received))),
        ev('上下不对应的调拨', 'Transfers not matching', same(String(f.transfers.notCorresponding)), f.transfers.notCorresponding > 0),
        ev('到货短少数量', 'Found short on arrival', same(String(f.transfers.shortQuantity)), f.transfers.shortQuantity > 0),
        ev('在途数量', 'In transit', same(String(f.transfers.inTransit))),
      ];
    case 'dispensing_scope': {
      const lost = f.trace.unaccounted;
      return [
        ev('发放给登记对象', 'Dispensed to registered people', { zh: `${f.trace.toPeople}（${f.trace.people} 人）`, en: `${f.trace.toPeople} (${f.trace.people} people)` }),
        ev('未登记对象的发放', 'Dispensed anonymously', same(String(f.trace.anonymous))),
        ev(
          '去向不明（跟踪药具去向）',
          'Unaccounted for (where supplies went)',
          lost.length === 0 ? { zh: '无', en: 'none' } : { zh: lost.map((l) => `${l.product.zh} ${l.quantity}${l.unit.zh}`).join('；'), en: lost.map((l) => `${l.product.en} ${l.quantity} ${l.unit.en}`).join('; ') },
          lost.length > 0,
        ),
      ];
    }
    case 'dispensing_steps': {
      const rate = f.fefo.picks === 0 ? 0 : f.fefo.overrides / f.fefo.picks;
      return [
        ev(`未按近效期先出（${f.period.zh}）`, `FEFO overrides (${f.period.en})`, { zh: `${f.fefo.overrides}/${f.fefo.picks} 拣货行（${pct(rate)}）`, en: `${f.fefo.overrides}/${f.fefo.picks} picks (${pct(rate)})` }, rate > FEFO_OVERRIDE_CEILING),
        ev('合格区内过期药具', 'Expired stock in the qualified zone', { zh: `${f.expired.batches} 批，${f.expired.quantity}`, en: `${f.expired.batches} lots, ${f.expired.quantity}` }, f.expired.quantity > 0),
      ];
    }
    case 'accounts':
      return [
        ev('账账相符校验', 'Ledger check', { zh: `${f.ledger.violations} 处不符（${f.ledger.movementsChecked} 笔）`, en: `${f.ledger.violations} violations (${f.ledger.movementsChecked} movements)` }, f.ledger.violations > 0),
        ev(
          '盘点',
          'Stock count',
          { zh: `${f.count.lastCountedAt ? `上次 ${f.count.lastCountedAt.slice(0, 10)}` : '从未盘点'}${f.count.overdue ? '，已逾期' : ''}${f.count.open ? '，盘点进行中' : ''}`, en: `${f.count.lastCountedAt ? `last ${f.count.lastCountedAt.slice(0, 10)}` : 'never counted'}${f.count.overdue ? ', overdue' : ''}${f.count.open ? ', a count is open' : ''}` },
          f.count.overdue,
        ),
        ev('报表逾期或被退回', 'Reports late or returned', { zh: `逾期 ${f.reports.late}，退回 ${f.reports.returned}`, en: `${f.reports.late} late, ${f.reports.returned} returned` }, f.reports.late + f.reports.returned > 0),
      ];
    case 'storage':
      return [
        f.climate === null
          ? ev('温湿度记录', 'Climate log', { zh: '本级不要求', en: 'Not kept at this level' })
          : ev(
              '温湿度记录合规率',
              'Climate log compliance',
              f.climate.areas === 0 ? { zh: '未建库房记录', en: 'No store log' } : { zh: `${pct(f.climate.compliance)}（${f.climate.areas} 个库房）`, en: `${pct(f.climate.compliance)} (${f.climate.areas} areas)` },
              f.climate.areas === 0 || f.climate.compliance < CLIMATE_COMPLIANCE_FLOOR,
            ),
        ...(f.climate === null ? [] : [ev('未处置的超限', 'Excursions not acknowledged', same(String(f.climate.unacknowledged)), f.climate.unacknowledged > 0)]),
        ev('合格区内过期药具', 'Expired stock in the qualified zone', { zh: `¥${yuan(f.expired.valueFen)}`, en: `¥${yuan(f.expired.valueFen)}` }, f.expired.quantity > 0),
        ev('待审批的报损', 'Write-offs waiting', same(String(f.writeOffs.pending))),
      ];
  }
}

/**
 * The checklist as the visit starts: each item of S0:479 with the evidence the system holds and a
 * suggestion, attention when any evidence is flagged, pass otherwise; none for the funds, which
 * the system does not keep. The inspector decides every item.
 * Example: a township with 2 lots (60 盒) expired in the qualified zone and 3 overrides of 40
 * picks: dispensing_steps is flagged on the expired stock (7.5% of overrides is under 10%) and
 * suggested attention, as is storage; with a clean ledger, a count within the year and no late
 * reports, accounts is suggested pass.
 */
export function prefillChecklist(facts: DepotFacts): ChecklistItem[] {
  return CHECKLIST_ITEMS.map((key) => {
    const evidence = evidenceOf(key, facts);
    const suggested = key === 'funds' ? null : evidence.some((e) => e.flag) ? 'attention' : 'pass';
    return { key, title: CHECKLIST_TITLES[key], evidence, suggested, result: null, note: null };
  });
}

/** An action is overdue once its deadline has passed and it is still open (closed but unverified is not late: it waits for the visiting depot). */
export const isActionOverdue = (action: { status: string; dueOn: string }, today: string) => action.status === 'open' && action.dueOn < today;
