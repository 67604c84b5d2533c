import type { Deps } from '../server/deps.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { ProductClass } from '../server/schemas/constants.ts';
import { addDays } from '../server/domain/expiry.ts';
import { changeStatus, closePerson, recordFollowUp, registerPerson } from '../server/services/people.ts';
import { dispense } from '../server/services/dispensing.ts';
import { findBatchByLot, findProductByCode } from '../db/queries/catalogue.ts';

/**
 * A modest users register (花名册, docs/people.md) at the demo village and its township, entered
 * through the services by each depot's dispenser: people on each method, started at different
 * days before the seed day so that some follow-ups are overdue and some due within the month,
 * visits already made (one with side effects), a switch, a stop, a move and a closed record, and
 * condoms handed to two registered people. Dates count back from the seed day: deterministic for
 * a given day. No pills are dispensed here: the planning journey counts the village's pills.
 */
interface DemoPerson {
  name: string;
  born: string;
  group: string;
  contact?: string;
  method: ProductClass;
  /** Days before the seed day the method started. */
  since: number;
  /** Follow-up visits, days before the seed day: continuing unless `sideEffects`. */
  visits?: { daysAgo: number; sideEffects?: string }[];
  change?: { daysAgo: number; status: 'switched' | 'stopped' | 'moved_away'; method?: ProductClass; reason?: string; close?: string };
}

const VILLAGE_PEOPLE: DemoPerson[] = [
  { name: '李秀英', born: '1994-03', group: '王太村三组', contact: '13909510021', method: 'oral', since: 100 },
  { name: '王芳', born: '1990-07', group: '王太村一组', method: 'oral', since: 80 },
  { name: '马桂兰', born: '1988-11', group: '王太村二组', contact: '13995120456', method: 'iud', since: 420, visits: [{ daysAgo: 390 }, { daysAgo: 330 }, { daysAgo: 240 }, { daysAgo: 60 }] },
  { name: '张丽', born: '1996-02', group: '王太村三组', method: 'injectable', since: 200, visits: [{ daysAgo: 110, sideEffects: '月经量减少，无其他不适' }] },
  { name: '杨海燕', born: '1992-05', group: '王太村四组', contact: '15009581133', method: 'implant', since: 380 },
  { name: '刘晓梅', born: '1999-09', group: '王太村一组', method: 'oral', since: 30 },
  { name: '田春花', born: '1985-04', group: '王太村五组', method: 'iud', since: 45 },
  { name: '苏玉兰', born: '1991-12', group: '王太村二组', method: 'condom', since: 150 },
  { name: '何静', born: '1993-08', group: '王太村四组', contact: '18709512287', method: 'oral', since: 190, visits: [{ daysAgo: 100 }] },
  { name: '丁红梅', born: '1987-01', group: '王太村五组', method: 'injectable', since: 75 },
  { name: '马兰花', born: '1995-06', group: '王太村三组', method: 'oral', since: 300, visits: [{ daysAgo: 210 }], change: { daysAgo: 120, status: 'switched', method: 'iud' } },
  { name: '韩雪', born: '1997-10', group: '王太村一组', method: 'oral', since: 260, change: { daysAgo: 90, status: 'stopped', reason: '计划怀孕' } },
  { name: '罗翠萍', born: '1989-03', group: '王太村二组', method: 'iud', since: 700, visits: [{ daysAgo: 670 }, { daysAgo: 610 }, { daysAgo: 520 }, { daysAgo: 340 }], change: { daysAgo: 40, status: 'moved_away', reason: '随家人迁至银川市', close: '已迁出本村' } },
  { name: '周燕', born: '1998-12', group: '王太村四组', method: 'oral', since: 20 },
];

const TOWNSHIP_PEOPLE: DemoPerson[] = [
  { name: '赵敏', born: '1993-04', group: '杨和镇杨和社区', contact: '13895008812', method: 'oral', since: 95 },
  { name: '孙丽娟', born: '1990-09', group: '杨和镇永红社区', method: 'iud', since: 35 },
  { name: '马小花', born: '1994-01', group: '杨和镇杨和社区', method: 'implant', since: 500, visits: [{ daysAgo: 140 }] },
  { name: '冯娟', born: '1986-06', group: '杨和镇南方社区', method: 'injectable', since: 110, visits: [{ daysAgo: 20, sideEffects: '注射后头晕两天，已缓解' }] },
  { name: '陈玲', born: '1997-02', group: '杨和镇永红社区', contact: '15109517740', method: 'oral', since: 60 },
  { name: '郭美玲', born: '1992-11', group: '杨和镇南方社区', method: 'condom', since: 220 },
  { name: '白玉梅', born: '1988-08', group: '杨和镇杨和社区', method: 'iud', since: 250, visits: [{ daysAgo: 220 }, { daysAgo: 160 }] },
  { name: '吴霞', born: '1995-05', group: '杨和镇永红社区', method: 'oral', since: 280, visits: [{ daysAgo: 190 }, { daysAgo: 100 }] },
];

function seedRegister(deps: Deps, dispenser: Actor, people: DemoPerson[], today: string) {
  return people.map((p) => {
    const since = addDays(today, -p.since);
    const row = registerPerson(deps, dispenser, {
      depotId: dispenser.depotId,
      name: p.name,
      birthYearMonth: p.born,
      community: p.group,
      ...(p.contact ? { contact: p.contact } : {}),
      method: p.method,
      methodSince: since,
      consent: true,
      consentOn: since,
    });
    for (const v of p.visits ?? []) {
      const on = addDays(today, -v.daysAgo);
      recordFollowUp(deps, dispenser, row.id, v.sideEffects ? { on, outcome: 'side_effects', sideEffects: v.sideEffects } : { on, outcome: 'continuing' });
    }
    if (p.change) {
      const { status, method, reason, close } = p.change;
      changeStatus(deps, dispenser, row.id, { status, on: addDays(today, -p.change.daysAgo), ...(method ? { method } : {}), ...(reason ? { reason } : {}) });
      if (close) closePerson(deps, dispenser, row.id, { reason: close });
    }
    return row;
  });
}

export function seedPeopleDemo(deps: Deps, dispensers: { village: Actor; township: Actor }, today: string) {
  const village = seedRegister(deps, dispensers.village, VILLAGE_PEOPLE, today);
  seedRegister(deps, dispensers.township, TOWNSHIP_PEOPLE, today);
  const condoms = findBatchByLot(deps.db, findProductByCode(deps.db, 'KJ-0701')!.id, '20240815')!;
  for (const i of [7, 9]) dispense(deps, dispensers.village, { depotId: dispensers.village.depotId, batchId: condoms.id, quantity: 1, packIntact: true, expiryChecked: true, personId: village[i]!.id });
}
