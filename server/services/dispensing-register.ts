import type { z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import type { DbOrTx } from '../../db/client.ts';
import type { Actor } from '../auth/scope.ts';
import { assertCanRead } from '../auth/scope.ts';
import { dispensingRegisterRows } from '../../db/queries/people.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { DomainError } from '../domain/errors.ts';
import { toIsoDate } from '../domain/expiry.ts';
import { zonedTimeToUtc } from '../domain/climate-csv.ts';
import { addDays } from '../domain/follow-ups.ts';
import { seesPersonalData } from '../domain/people.ts';
import { totalRow, unitTotalRows, unitsOf, type ReportColumn, type ReportSheet } from '../domain/report-sheet.ts';
import { STANDARD_SIGNATURES } from './reports/context.ts';
import { depotOrThrow } from './depot-lookup.ts';
import { audit } from './audit.ts';
import type { DispensingRegisterQuerySchema } from '../schemas/people.ts';

const startOf = (isoDate: string, timeZone: string) => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(zonedTimeToUtc(y, m, d, 0, 0, 0, timeZone)).toISOString();
};

const COLUMNS: ReportColumn[] = [
  { key: 'date', header: { zh: '发放日期', en: 'Date' }, kind: 'text' },
  { key: 'person', header: { zh: '领取人（编号）', en: 'Recipient (case no.)' }, kind: 'text' },
  { key: 'product', header: { zh: '药具名称', en: 'Product' }, kind: 'text' },
  { key: 'spec', header: { zh: '规格', en: 'Specification' }, kind: 'text' },
  { key: 'lot', header: { zh: '批号', en: 'Lot' }, kind: 'text' },
  { key: 'expiresOn', header: { zh: '有效期至', en: 'Expires' }, kind: 'text' },
  { key: 'quantity', header: { zh: '数量', en: 'Quantity' }, kind: 'int', perUnit: true },
  { key: 'unit', header: { zh: '单位', en: 'Unit' }, kind: 'text' },
  { key: 'dispensedBy', header: { zh: '发放人', en: 'Dispensed by' }, kind: 'text' },
];

/**
 * 药具发放登记表 (form 8.3, S0:513; S0:398): what a depot handed out between two dates, one line a
 * dispensing: date, the person (name and case number where names are seen, else the case
 * number) or anonymous, product, lot, quantity and who dispensed it. A free-text recipient noted
 * on an anonymous dispensing is shown only where names are. A register showing names is in the
 * audit log (`auditDb`: the write connection, as in people.ts).
 */
export function dispensingRegister(deps: Deps, actor: Actor, query: z.infer<typeof DispensingRegisterQuerySchema>, auditDb: DbOrTx = deps.db): ReportSheet {
  const depot = depotOrThrow(deps, query.depotId);
  assertCanRead(actor, depot);
  const now = deps.clock.now();
  const tz = deps.config.timeZone;
  const today = toIsoDate(now, tz);
  const from = query.from ?? `${today.slice(0, 7)}-01`;
  const to = query.to ?? today;
  if (from > to) throw new DomainError('validation_failed', 'The first day is after the last', undefined, [{ path: 'from', message: 'after `to`' }]);
  const parent = depot.parentId === null ? undefined : findDepotPlace(deps.db, depot.parentId);
  const names = seesPersonalData(actor, { id: depot.id, parentId: depot.parentId, tier: depot.tier, parentTier: parent?.tier ?? null }, deps.config.people.personalDataRoles);
  const lines = dispensingRegisterRows(deps.db, depot.id, startOf(from, tz), startOf(addDays(to, 1), tz));
  const rows = lines.map((l) => {
    const who =
      l.personId !== null
        ? names && l.personName
          ? { zh: `${l.personName}（${l.caseNumber}）`, en: `${l.personName} (${l.caseNumber})` }
          : { zh: l.caseNumber!, en: l.caseNumber! }
        : names && l.recipient
          ? { zh: `${l.recipient}（未登记）`, en: `${l.recipient} (not registered)` }
          : { zh: '匿名', en: 'anonymous' };
    return {
      date: toIsoDate(new Date(l.dispensedAt), tz),
      person: who.zh,
      personEn: who.en,
      product: l.productNameZh,
      productEn: l.productNameEn,
      spec: l.specZh,
      specEn: l.specEn,
      lot: l.lot,
      expiresOn: l.expiresOn,
      quantity: l.quantity,
      unit: l.unitZh,
      unitEn: l.unitEn,
      dispensedBy: l.dispensedBy,
    };
  });
  const shown = names ? lines.filter((l) => l.personId !== null || l.recipient).map((l) => l.id) : [];
  if (shown.length > 0) audit(auditDb, { actorId: actor.userId, depotId: depot.id, action: 'read', entity: 'dispensing_register', entityId: depot.id, detail: { from, to, dispensings: shown.length } }, now);
  const anonymous = lines.filter((l) => l.personId === null).length;
  return {
    report: 'dispensing-register',
    title: { zh: '药具发放登记表', en: 'Dispensing register' },
    depot: { id: depot.id, code: depot.code, name: depot.name, tier: depot.tier },
    period: { from, to, label: { zh: `${from} 至 ${to}`, en: `${from} to ${to}` } },
    columns: COLUMNS,
    rows,
    // With several units the 合计 row would be empty (quantities of different units never add up): the per-unit rows say it all.
    totals: unitsOf(COLUMNS, rows).length > 1 ? null : totalRow(COLUMNS, rows, 'date'),
    unitTotals: unitTotalRows(COLUMNS, rows, 'date'),
    notes: [
      { zh: `共 ${lines.length} 次发放，其中匿名 ${anonymous} 次。`, en: `${lines.length} dispensings, ${anonymous} of them anonymous.` },
      names
        ? { zh: '本表含个人信息，仅限本级及上一级乡镇使用，查阅已记录。', en: 'This register holds personal data: for this depot and the township above only; the read is logged.' }
        : { zh: '领取人以编号表示；姓名仅在登记单位及其上一级乡镇可见。', en: 'Recipients appear by case number; names are seen only at the registering depot and the township above it.' },
    ],
    signatures: [{ zh: '药具发放员', en: 'Dispenser' }, ...STANDARD_SIGNATURES.slice(0, 1), STANDARD_SIGNATURES[3]!],
    generatedAt: now.toISOString(),
  };
}
