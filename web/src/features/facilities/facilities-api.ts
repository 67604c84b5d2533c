import { asQuery, call, client } from '../../api.ts';

/** The calls of facility profiles and the equipment register (server/routes/facilities.ts), carried by the facilities chunk. */
const id = (n: number) => ({ id: String(n) });
const depot = (n: number) => ({ depotId: String(n) });

export type FacilityProfile = Awaited<ReturnType<typeof getProfile>>;
export type FacilityGap = FacilityProfile['gaps'][number];
export type FacilityItem = FacilityProfile['askedItems'][number];
export type ProfileInput = { officeAreaM2: number | null; storeAreaM2: number | null; zonesMarked: boolean; items: FacilityItem[]; note: string | null };
export type ProfileHistory = Awaited<ReturnType<typeof getHistory>>['items'];
export type EquipmentList = Awaited<ReturnType<typeof listEquipment>>;
export type EquipmentItem = EquipmentList['items'][number];
export type EquipmentRequest = EquipmentList['requests'][number];
export type EquipmentDetail = Awaited<ReturnType<typeof getItem>>;
export type EquipmentKind = EquipmentItem['kind'];
export type RequestKind = EquipmentRequest['kind'];
export type ProposalInput = { kind: EquipmentKind; model: string; serial: string | null; location: string | null; responsibleId: number };

export const getProfile = (depotId: number) => call(client.depots[':depotId']['facility-profile'].$get({ param: depot(depotId) }));
export const saveProfile = (depotId: number, json: ProfileInput) => call(client.depots[':depotId']['facility-profile'].$put({ param: depot(depotId), json }));
export const getHistory = (depotId: number) => call(client.depots[':depotId']['facility-profile'].history.$get({ param: depot(depotId) }));
export const listEquipment = (depotId: number) => call(client.equipment.$get({ query: asQuery({ depotId }) }));
export const getItem = (itemId: number) => call(client.equipment[':id'].$get({ param: id(itemId) }));
export const logMaintenance = (itemId: number, json: { doneOn: string; work: string; doneBy: string; result: string; status?: 'in_service' | 'faulty' }) =>
  call(client.equipment[':id'].maintenance.$post({ param: id(itemId), json }));
export const requestChange = (json: { depotId: number; kind: RequestKind; itemId?: number | null; item?: ProposalInput | null; reason: string }) => call(client['equipment-requests'].$post({ json }));
export const decideChange = (requestId: number, decision: 'approved' | 'declined', note: string | null) =>
  call(client['equipment-requests'][':id'].decision.$post({ param: id(requestId), json: { decision, note } }));
export const withdrawChange = (requestId: number) => call(client['equipment-requests'][':id'].withdraw.$post({ param: id(requestId) }));
export const maintenanceLogUrl = (itemId: number, format: 'html' | 'xlsx', lang: 'zh-CN' | 'en') => `/api/equipment/${itemId}/maintenance-log?format=${format}&lang=${lang}`;
