/**
 * The equipment register and its changes (信息设备维护, S0:457-461): the vocabulary and the rule
 * of a change. Pure.
 */

export const EQUIPMENT_KINDS = ['computer', 'printer', 'scanner', 'sensor', 'climate_unit', 'other'] as const;
export type EquipmentKind = (typeof EQUIPMENT_KINDS)[number];

/** `replaced`, `retired` and `scrapped` items have left the register; their log stays. */
export const EQUIPMENT_STATUSES = ['in_service', 'faulty', 'replaced', 'retired', 'scrapped'] as const;
export type EquipmentStatus = (typeof EQUIPMENT_STATUSES)[number];

/** S0:461 「装、拆、更换」: installing, removing (retire, or scrap when it is broken for good) and replacing. */
export const EQUIPMENT_REQUEST_KINDS = ['add', 'replace', 'retire', 'scrap'] as const;
export type EquipmentRequestKind = (typeof EQUIPMENT_REQUEST_KINDS)[number];

export const EQUIPMENT_REQUEST_STATUSES = ['pending', 'approved', 'declined', 'withdrawn'] as const;
export type EquipmentRequestStatus = (typeof EQUIPMENT_REQUEST_STATUSES)[number];

/** The new item an addition or a replacement puts on the register once approved. */
export interface EquipmentProposal {
  kind: EquipmentKind;
  model: string;
  serial: string | null;
  location: string | null;
  responsibleId: number;
  sensorId: number | null;
}

/** An item still on the register: in service, or faulty and waiting for repair or a change. */
export const isOnRegister = (item: { status: EquipmentStatus }) => item.status === 'in_service' || item.status === 'faulty';

/** What an approved request leaves the item it names as. */
export const STATUS_AFTER: Record<Exclude<EquipmentRequestKind, 'add'>, EquipmentStatus> = { replace: 'replaced', retire: 'retired', scrap: 'scrapped' };

/** An addition or a replacement brings a new item; a replacement, retirement or scrapping names one on the register. */
export const needsProposal = (kind: EquipmentRequestKind) => kind === 'add' || kind === 'replace';
export const needsItem = (kind: EquipmentRequestKind) => kind !== 'add';
