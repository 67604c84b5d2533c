import type { Deps } from '../server/deps.ts';
import type { Actor } from '../server/auth/scope.ts';
import { saveFacilityProfile } from '../server/services/facilities.ts';
import { decideEquipmentChange, logMaintenance, requestEquipmentChange, type ProposalInput } from '../server/services/equipment.ts';

type Tier = 'city' | 'county' | 'township';
type People = Record<Tier, { leader: Actor; storekeeper: Actor }>;

/**
 * Facility profiles and equipment for the demo (docs/facilities.md), through the services: the
 * city meets its standard, the county lacks a flat trolley (S0:329), the township is left for its
 * leader to fill in. Each depot's storekeeper asks for its equipment and the leader approves;
 * the county has a printer repaired in its log and a scanner replacement waiting for a decision.
 */
export function seedFacilitiesDemo(deps: Deps, people: People, today: string) {
  const store = ['sign', 'fire_extinguishers', 'theft_proof_doors_windows', 'curtains', 'ventilation', 'thermo_hygrometer', 'climate_control', 'store_computer', 'sample_cabinet', 'stock_cards', 'shelving'] as const;
  saveFacilityProfile(deps, people.city.leader, people.city.leader.depotId, { officeAreaM2: 60, storeAreaM2: 240, zonesMarked: true, items: [...store, 'flat_trolley'], note: '2025年库房改造完成' });
  saveFacilityProfile(deps, people.county.leader, people.county.leader.depotId, { officeAreaM2: 28, storeAreaM2: 120, zonesMarked: true, items: [...store], note: null });

  const add = (tier: Tier, item: Omit<ProposalInput, 'responsibleId'>, reason: string) => {
    const { leader, storekeeper } = people[tier];
    const r = requestEquipmentChange(deps, storekeeper, { depotId: storekeeper.depotId, kind: 'add', item: { ...item, responsibleId: storekeeper.userId }, reason });
    return decideEquipmentChange(deps, leader, r.id, { decision: 'approved' }).resultItemId!;
  };
  add('county', { kind: 'computer', model: '联想 启天 M430', serial: 'PC-2023-017', location: '库房办公室' }, '库房管理用计算机（S0:330）');
  const printer = add('county', { kind: 'printer', model: '得实 DS-1930 票据打印机', serial: 'DS19-0042', location: '库房办公室' }, '打印出入库单据');
  const scanner = add('county', { kind: 'scanner', model: '霍尼韦尔 1470g', serial: 'HW-88213', location: '待验区' }, '扫码收货');
  add('township', { kind: 'computer', model: '联想 扬天 T4900', serial: 'PC-2022-103', location: '药具室' }, '药具管理用计算机（S0:314）');

  const county = people.county.storekeeper;
  logMaintenance(deps, county, printer, { doneOn: today, work: '打印头卡纸，检查电源与接地', doneBy: county.displayName, result: '清理后打印正常', status: 'in_service' });
  requestEquipmentChange(deps, county, { depotId: county.depotId, kind: 'replace', itemId: scanner, item: { kind: 'scanner', model: '霍尼韦尔 1472g 无线', serial: null, location: '待验区', responsibleId: county.userId }, reason: '扫码器线缆损坏，读码不稳定' });
}
