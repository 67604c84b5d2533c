import type { Db } from '../db/client.ts';
import { findDepotByCode } from '../db/queries/depots.ts';
import { findUserByUsername } from '../db/queries/users.ts';
import type { Clock, Config } from '../server/config.ts';
import type { Deps } from '../server/deps.ts';
import { addDays, toIsoDate } from '../server/domain/expiry.ts';
import { ROLES, type Role, type StorageZone } from '../server/schemas/constants.ts';
import { createUserUnchecked, importCatalogue, importDepots } from '../server/services/bootstrap.ts';
import { recordEducation, recordTraining } from '../server/services/training.ts';
import { confirmOpeningBalance, createOpeningBalance } from '../server/services/opening-balances.ts';
import { recordInspection } from '../server/services/inspections.ts';
import { CHECKLISTS } from '../server/domain/inspection.ts';
import { CATALOGUE } from './catalogue.ts';
import { loadDivisions } from './divisions.ts';
import { seedClimateDemo } from './climate-demo.ts';
import { seedPeopleDemo } from './people-demo.ts';
import { seedFacilitiesDemo } from './facilities-demo.ts';
import { seedServiceDeskDemo } from './service-desk-demo.ts';
import { requestWriteOff } from '../server/services/write-offs.ts';
import { sweepExpiredHere } from '../server/services/expiry.ts';
import { findBatchByLot, findProductByCode } from '../db/queries/catalogue.ts';
import type { Actor } from '../server/auth/scope.ts';

export const DEMO_PASSWORD = 'demo-2026';

/** The demo depots: one per tier along one real chain of Ningxia divisions. */
export const DEMO_DEPOTS = {
  region: '64', // 宁夏回族自治区
  city: '6401', // 银川市
  county: '640121', // 永宁县
  township: '640121100', // 杨和镇
  village: '640121100200', // 王太村委会
} as const;

const ROLE_ZH: Record<Role, string> = {
  storekeeper: '库房管理员',
  inspector: '质量管理员',
  planner: '计划调拨员',
  leader: '主管领导',
  finance: '财务',
  dispenser: '药具发放员',
  admin: '系统管理员',
  clinician: '技术服务人员',
};

export const demoLogins = () =>
  Object.entries(DEMO_DEPOTS).flatMap(([tier, code]) => ROLES.map((role) => ({ username: `${tier}-${role}`, tier, code, role })));

interface DemoLine {
  product: string;
  lot: string;
  /** Days from the seed day to expiry; negative for an already expired lot. */
  expiresInDays: number;
  producedDaysAgo: number;
  manufacturer: string;
  zone: StorageZone;
  quantity: number;
}

const XIANJU = '浙江仙琚制药股份有限公司';
const ZIZHU = '北京紫竹药业有限公司';
const GUILIN = '桂林紫竹乳胶制品有限公司';
const YANTAI = '烟台计生药械有限公司';
const SHANGHAI = '上海新华联制药有限公司';

/** Opening stock per demo depot: realistic lots, one near expiry, one expired, some pending and red. */
const DEMO_STOCK: Record<keyof typeof DEMO_DEPOTS, DemoLine[]> = {
  region: [
    { product: 'KJ-0101', lot: '20250603', expiresInDays: 560, producedDaysAgo: 530, manufacturer: SHANGHAI, zone: 'qualified', quantity: 12000 },
    { product: 'KJ-0103', lot: 'B2504017', expiresInDays: 700, producedDaysAgo: 400, manufacturer: XIANJU, zone: 'qualified', quantity: 8000 },
    { product: 'KJ-0103', lot: 'B2510022', expiresInDays: 910, producedDaysAgo: 40, manufacturer: XIANJU, zone: 'pending', quantity: 2000 },
    { product: 'KJ-0104', lot: '250118', expiresInDays: 120, producedDaysAgo: 600, manufacturer: ZIZHU, zone: 'qualified', quantity: 1500 },
    { product: 'KJ-0201', lot: '2409051', expiresInDays: 240, producedDaysAgo: 440, manufacturer: XIANJU, zone: 'qualified', quantity: 3000 },
    { product: 'KJ-0301', lot: 'S231102', expiresInDays: -12, producedDaysAgo: 740, manufacturer: SHANGHAI, zone: 'nonconforming', quantity: 200 },
    { product: 'KJ-0601', lot: 'GC250301', expiresInDays: 1400, producedDaysAgo: 260, manufacturer: YANTAI, zone: 'qualified', quantity: 2000 },
    { product: 'KJ-0701', lot: '20240815', expiresInDays: 400, producedDaysAgo: 460, manufacturer: GUILIN, zone: 'qualified', quantity: 50000 },
    { product: 'KJ-0702', lot: '20250110', expiresInDays: 860, producedDaysAgo: 310, manufacturer: GUILIN, zone: 'qualified', quantity: 20000 },
    { product: 'KJ-0801', lot: 'IM240612', expiresInDays: 950, producedDaysAgo: 530, manufacturer: XIANJU, zone: 'qualified', quantity: 300 },
  ],
  city: [
    { product: 'KJ-0101', lot: '20250603', expiresInDays: 560, producedDaysAgo: 530, manufacturer: SHANGHAI, zone: 'qualified', quantity: 2400 },
    { product: 'KJ-0104', lot: '250118', expiresInDays: 120, producedDaysAgo: 600, manufacturer: ZIZHU, zone: 'qualified', quantity: 300 },
    { product: 'KJ-0701', lot: '20240815', expiresInDays: 400, producedDaysAgo: 460, manufacturer: GUILIN, zone: 'qualified', quantity: 9000 },
    { product: 'KJ-0601', lot: 'GC250301', expiresInDays: 1400, producedDaysAgo: 260, manufacturer: YANTAI, zone: 'qualified', quantity: 400 },
  ],
  county: [
    { product: 'KJ-0101', lot: '20250603', expiresInDays: 560, producedDaysAgo: 530, manufacturer: SHANGHAI, zone: 'qualified', quantity: 600 },
    // A second, later-expiring lot of the same product: picking it first is off FEFO and needs a reason.
    { product: 'KJ-0101', lot: '20251108', expiresInDays: 900, producedDaysAgo: 20, manufacturer: SHANGHAI, zone: 'qualified', quantity: 200 },
    { product: 'KJ-0103', lot: 'B2504017', expiresInDays: 700, producedDaysAgo: 400, manufacturer: XIANJU, zone: 'qualified', quantity: 400 },
    { product: 'KJ-0301', lot: 'S231102', expiresInDays: -12, producedDaysAgo: 740, manufacturer: SHANGHAI, zone: 'qualified', quantity: 30 },
    { product: 'KJ-0701', lot: '20240815', expiresInDays: 400, producedDaysAgo: 460, manufacturer: GUILIN, zone: 'qualified', quantity: 2000 },
    { product: 'KJ-0701', lot: '20240815', expiresInDays: 400, producedDaysAgo: 460, manufacturer: GUILIN, zone: 'nonconforming', quantity: 20 },
  ],
  township: [
    { product: 'KJ-0101', lot: '20250603', expiresInDays: 560, producedDaysAgo: 530, manufacturer: SHANGHAI, zone: 'qualified', quantity: 120 },
    { product: 'KJ-0104', lot: '250118', expiresInDays: 120, producedDaysAgo: 600, manufacturer: ZIZHU, zone: 'qualified', quantity: 40 },
    { product: 'KJ-0701', lot: '20240815', expiresInDays: 400, producedDaysAgo: 460, manufacturer: GUILIN, zone: 'qualified', quantity: 300 },
    // Expired in the cabinet: the storekeeper's sweep sets it apart, and the write-off request below asks the county to approve it.
    { product: 'KJ-0701', lot: '20231020', expiresInDays: -35, producedDaysAgo: 1130, manufacturer: GUILIN, zone: 'qualified', quantity: 48 },
  ],
  village: [
    { product: 'KJ-0101', lot: '20250603', expiresInDays: 560, producedDaysAgo: 530, manufacturer: SHANGHAI, zone: 'qualified', quantity: 24 },
    { product: 'KJ-0701', lot: '20240815', expiresInDays: 400, producedDaysAgo: 460, manufacturer: GUILIN, zone: 'qualified', quantity: 60 },
  ],
};

/**
 * A depot's go-live: its storekeeper enters the opening stock, its planner confirms it, and
 * where the tier inspects goods-in the stock waits in the pending zone until the inspector passes
 * it to the qualified zone, as the two-person controls ask (docs/design.md).
 */
function goLive(deps: Deps, tier: keyof typeof DEMO_DEPOTS, lines: DemoLine[], today: string) {
  const actor = (role: Role): Actor => {
    const u = findUserByUsername(deps.db, `${tier}-${role}`)!;
    return { userId: u.id, username: u.username, displayName: u.displayName, depotId: u.depotId, depotPath: u.depotPath, roles: u.roles };
  };
  const depot = findDepotByCode(deps.db, DEMO_DEPOTS[tier])!;
  const inspects = deps.config.goodsInInspectionTiers.includes(depot.tier);
  const doc = createOpeningBalance(deps, actor('storekeeper'), {
    depotId: depot.id,
    note: '演示数据:纸质保管卡期初库存',
    lines: lines.map((l) => ({
      batch: { productCode: l.product, lot: l.lot, expiresOn: addDays(today, l.expiresInDays), producedOn: addDays(today, -l.producedDaysAgo), manufacturer: l.manufacturer },
      zone: inspects && l.zone === 'qualified' ? 'pending' : l.zone,
      quantity: l.quantity,
    })),
  });
  confirmOpeningBalance(deps, actor('planner'), doc.id);
  if (!inspects) return;
  lines.forEach((l, i) => {
    if (l.zone !== 'qualified') return;
    const batchId = doc.lines[i]!.batchId;
    const form = findProductByCode(deps.db, l.product)!.dosageForm;
    recordInspection(deps, actor('inspector'), {
      depotId: depot.id,
      batchId,
      kind: 'receipt',
      openingBalanceId: doc.id,
      checklist: Object.fromEntries(CHECKLISTS[form].map((item) => [item, true])),
      passedQuantity: l.quantity,
      failedQuantity: 0,
      nonconformities: [],
    });
  });
}

/**
 * Seeds the demo on an empty database: the real Ningxia depot tree, the catalogue, one user
 * per role at each demo depot, and opening stock posted by each depot's storekeeper, confirmed by
 * its planner and, where the tier inspects goods-in, passed by its inspector; and a users register
 * (花名册) at the village and the township, kept by their dispensers (seed/people-demo.ts).
 */
export async function seedDemo(db: Db, config: Config, clock: Clock): Promise<void> {
  const now = clock.now();
  importDepots(db, await loadDivisions('64'));
  importCatalogue(db, CATALOGUE);
  for (const [tier, code] of Object.entries(DEMO_DEPOTS)) {
    const depot = findDepotByCode(db, code)!;
    await Promise.all(
      ROLES.map((role) =>
        createUserUnchecked(db, config, { username: `${tier}-${role}`, displayName: `${depot.name}${ROLE_ZH[role]}`, depotCode: code, roles: [role], password: DEMO_PASSWORD }, now),
      ),
    );
  }
  const deps: Deps = { db, config, clock };
  const today = toIsoDate(now, config.timeZone);
  const userOf = (tier: keyof typeof DEMO_DEPOTS, role: Role): Actor => {
    const u = findUserByUsername(db, `${tier}-${role}`)!;
    return { userId: u.id, username: u.username, displayName: u.displayName, depotId: u.depotId, depotPath: u.depotPath, roles: u.roles };
  };
  const storekeeperOf = (tier: keyof typeof DEMO_DEPOTS) => userOf(tier, 'storekeeper');
  for (const [tier, lines] of Object.entries(DEMO_STOCK) as [keyof typeof DEMO_DEPOTS, DemoLine[]][]) {
    // Lots that expired on the shelf were entered while still good: on the day before their expiry.
    const current = lines.filter((l) => l.expiresInDays > 0 || l.zone !== 'qualified');
    const expiredOnShelf = lines.filter((l) => !current.includes(l));
    goLive(deps, tier, current, today);
    for (const l of expiredOnShelf) {
      const dayBefore = addDays(today, l.expiresInDays - 1);
      goLive({ ...deps, clock: { now: () => new Date(`${dayBefore}T02:00:00Z`) } }, tier, [l], today);
    }
  }
  const township = storekeeperOf('township');
  sweepExpiredHere(deps, township, township.depotId);
  const expired = findBatchByLot(db, findProductByCode(db, 'KJ-0701')!.id, '20231020')!;
  requestWriteOff(deps, { ...township, roles: ['storekeeper'] }, { depotId: township.depotId, note: '演示数据:药具柜清点发现过期', lines: [{ batchId: expired.id, quantity: 48, kind: 'expired', note: '已过有效期' }] });
  seedClimateDemo(deps, { region: storekeeperOf('region'), city: storekeeperOf('city'), county: storekeeperOf('county'), township: storekeeperOf('township') });
  seedPeopleDemo(deps, { village: userOf('village', 'dispenser'), township: userOf('township', 'dispenser') }, today);
  const leaderAndKeeper = (tier: 'city' | 'county' | 'township') => ({ leader: userOf(tier, 'leader'), storekeeper: storekeeperOf(tier) });
  seedFacilitiesDemo(deps, { city: leaderAndKeeper('city'), county: leaderAndKeeper('county'), township: leaderAndKeeper('township') }, today);
  seedServiceDeskDemo(deps, { township: storekeeperOf('township'), townshipPlanner: userOf('township', 'planner'), county: userOf('county', 'planner') }, userOf('village', 'dispenser').depotId);
  seedTrainingDemo(deps, userOf, today);
}

/**
 * Trainings level by level, two levels down (S0:467), and one public education session: every
 * demo depot within its cadence but the township, which held one training and one session of the
 * two a year each asks (S0:468, 472) and shows as overdue.
 */
function seedTrainingDemo(deps: Deps, userOf: (tier: keyof typeof DEMO_DEPOTS, role: Role) => Actor, today: string) {
  const attendee = (tier: keyof typeof DEMO_DEPOTS, role: Role) => ({ userId: userOf(tier, role).userId });
  recordTraining(deps, userOf('region', 'planner'), { heldOn: addDays(today, -200), title: '全区药具管理业务培训', topics: ['supplies_knowledge', 'business_skills', 'service_skills'], trainer: '自治区药具站', materials: '《药具规范化管理手册》', attendees: [attendee('city', 'planner'), attendee('county', 'planner')] });
  recordTraining(deps, userOf('city', 'planner'), { heldOn: addDays(today, -120), title: '县乡药具管理员培训', topics: ['business_skills'], trainer: '市药具站', attendees: [attendee('county', 'storekeeper'), attendee('township', 'planner')] });
  recordTraining(deps, userOf('county', 'planner'), { heldOn: addDays(today, -60), title: '乡村药具发放人员培训', topics: ['supplies_knowledge', 'service_skills'], trainer: '县药具站', attendees: [attendee('township', 'dispenser'), attendee('village', 'dispenser')] });
  recordTraining(deps, userOf('township', 'leader'), { heldOn: addDays(today, -30), title: '村组药具发放员培训', topics: ['service_skills'], trainer: '乡药具管理员', attendees: [attendee('village', 'dispenser'), { name: '王二组发放员', depotId: userOf('village', 'dispenser').depotId }] });
  recordEducation(deps, userOf('township', 'dispenser'), { heldOn: addDays(today, -45), place: '镇集市', topics: ['action_and_use', 'free_supply_policy'], attendance: 60, materials: '宣传折页' });
}
