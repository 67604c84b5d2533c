import { z } from '@hono/zod-openapi';
import { DEPOT_TIERS } from './constants.ts';
import { FACILITY_ITEMS } from '../domain/facility-standard.ts';
import { EQUIPMENT_KINDS, EQUIPMENT_REQUEST_KINDS, EQUIPMENT_REQUEST_STATUSES, EQUIPMENT_STATUSES } from '../domain/equipment.ts';

/** Facilities (S0:304-332) and the equipment register with its maintenance log (S0:450-461, 512). */

const id = z.coerce.number().int().positive();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const item = z.enum(FACILITY_ITEMS).openapi({
  description:
    'sign 标识, fire_extinguishers 灭火设备, theft_proof_doors_windows 门窗具防盗功能, curtains 窗帘, ventilation 通风设备, thermo_hygrometer 温、湿度测量仪器, climate_control 调温、调湿设备, flat_trolley 平板推车, store_computer 库房管理用计算机, sample_cabinet 药具样品柜, stock_cards 药具保管卡, shelving 药具架, display 药具陈列室或陈列柜, supply_cabinet 药具柜, supply_box 药具箱, work_bag 药具包',
});
const area = z.number().min(0).max(100000).nullable();
const DepotRefSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), tier: z.enum(DEPOT_TIERS) });

export const DepotParamSchema = z.object({ depotId: id.openapi({ param: { name: 'depotId', in: 'path' } }) });
export const IdParamSchema = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) });
export const DepotQuerySchema = z.object({ depotId: id });
export const LogQuerySchema = z.object({ format: z.enum(['html', 'xlsx']).default('html'), lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

export const FacilityProfileSaveSchema = z
  .strictObject({
    officeAreaM2: area.openapi({ description: 'office area in m² (S0:306-308); null: not measured' }),
    storeAreaM2: area.openapi({ description: 'store area in m² (S0:319-320); null: not measured' }),
    zonesMarked: z.boolean().openapi({ description: 'the yellow, green and red zones are marked in the store (S0:323-324)' }),
    items: z.array(item).max(FACILITY_ITEMS.length).openapi({ description: 'the equipment the depot has' }),
    note: z.string().trim().max(1000).nullable().optional(),
  })
  .openapi('FacilityProfileSave');

const StandardSchema = z.object({
  officeArea: z.object({ minM2: z.number(), ref: z.string() }).nullable(),
  storeArea: z.object({ minM2: z.number(), orItem: item.nullable(), ref: z.string() }).nullable(),
  zonesMarked: z.object({ ref: z.string() }).nullable(),
  items: z.array(z.object({ anyOf: z.array(item), ref: z.string() })),
});

export const FacilityGapSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('office_area'), requiredM2: z.number(), actualM2: z.number().nullable(), ref: z.string() }),
    z.object({ kind: z.literal('store_area'), requiredM2: z.number(), actualM2: z.number().nullable(), orItem: item.nullable(), ref: z.string() }),
    z.object({ kind: z.literal('zones_not_marked'), ref: z.string() }),
    z.object({ kind: z.literal('item_missing'), anyOf: z.array(item), ref: z.string() }),
  ])
  .openapi('FacilityGap');

export const FacilityProfileSchema = z
  .object({
    depot: DepotRefSchema,
    filled: z.boolean().openapi({ description: 'false until the leader first saves it' }),
    profile: z.object({ officeAreaM2: z.number().nullable(), storeAreaM2: z.number().nullable(), zonesMarked: z.boolean(), items: z.array(item), note: z.string().nullable() }),
    updatedAt: z.string().nullable(),
    updatedByName: z.string().nullable(),
    standard: StandardSchema.openapi({ description: 'the tier’s standard (config), each requirement with its line of the regulation' }),
    askedItems: z.array(item).openapi({ description: 'the items the tier’s standard names' }),
    requirements: z.number().int(),
    met: z.number().int(),
    gaps: z.array(FacilityGapSchema),
  })
  .openapi('FacilityProfile');

export const FacilityHistorySchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })).openapi({ description: 'for items: `from` lists those removed, `to` those added' }),
        changedBy: z.number().int(),
        changedByName: z.string().nullable(),
        changedAt: z.string(),
      }),
    ),
  })
  .openapi('FacilityHistory');

const ProposalSchema = z.strictObject({
  kind: z.enum(EQUIPMENT_KINDS),
  model: z.string().trim().min(1).max(120),
  serial: z.string().trim().max(120).nullable().optional(),
  location: z.string().trim().max(120).nullable().optional(),
  responsibleId: z.number().int().positive().openapi({ description: 'an active user of the depot (422 equipment_responsible_invalid)' }),
  sensorId: z.number().int().positive().nullable().optional().openapi({ description: 'a climate sensor of the depot this item is (422 equipment_sensor_invalid)' }),
});

export const EquipmentRequestCreateSchema = z
  .strictObject({
    depotId: z.number().int().positive(),
    kind: z.enum(EQUIPMENT_REQUEST_KINDS).openapi({ description: 'S0:461 装、拆、更换: add, replace, retire, scrap' }),
    itemId: z.number().int().positive().nullable().optional().openapi({ description: 'the item replaced, retired or scrapped' }),
    item: ProposalSchema.nullable().optional().openapi({ description: 'the new item, for add and replace' }),
    reason: z.string().trim().min(2).max(1000),
  })
  .openapi('EquipmentRequestCreate');
export const EquipmentDecisionSchema = z
  .strictObject({ decision: z.enum(['approved', 'declined']), note: z.string().trim().max(1000).nullable().optional().openapi({ description: 'required to decline' }) })
  .openapi('EquipmentDecision');
export const MaintenanceCreateSchema = z
  .strictObject({
    doneOn: date.openapi({ description: 'today or earlier' }),
    work: z.string().trim().min(2).max(1000).openapi({ description: 'the fault found or the work done' }),
    doneBy: z.string().trim().min(1).max(120).openapi({ description: 'who did it: a user or an outside technician' }),
    result: z.string().trim().min(1).max(1000),
    status: z.enum(['in_service', 'faulty']).optional().openapi({ description: 'the item’s state after it' }),
  })
  .openapi('MaintenanceCreate');

const ItemFields = {
  id: z.number().int(),
  depotId: z.number().int(),
  kind: z.enum(EQUIPMENT_KINDS),
  model: z.string(),
  serial: z.string().nullable(),
  location: z.string().nullable(),
  responsibleId: z.number().int(),
  responsibleName: z.string().nullable(),
  status: z.enum(EQUIPMENT_STATUSES),
  onRegister: z.boolean().openapi({ description: 'in service or faulty; replaced, retired and scrapped items have left the register' }),
  sensorId: z.number().int().nullable(),
  sensorName: z.string().nullable(),
  replacesId: z.number().int().nullable(),
  createdAt: z.string(),
  leftAt: z.string().nullable(),
};

export const EquipmentRequestSchema = z
  .object({
    id: z.number().int(),
    depotId: z.number().int(),
    kind: z.enum(EQUIPMENT_REQUEST_KINDS),
    itemId: z.number().int().nullable(),
    item: z.object({ id: z.number().int(), kind: z.enum(EQUIPMENT_KINDS), model: z.string(), serial: z.string().nullable() }).nullable(),
    proposal: z
      .object({ kind: z.enum(EQUIPMENT_KINDS), model: z.string(), serial: z.string().nullable(), location: z.string().nullable(), responsibleId: z.number().int(), responsibleName: z.string().nullable(), sensorId: z.number().int().nullable() })
      .nullable(),
    reason: z.string(),
    status: z.enum(EQUIPMENT_REQUEST_STATUSES),
    requestedBy: z.number().int(),
    requestedByName: z.string().nullable(),
    requestedAt: z.string(),
    decidedBy: z.number().int().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    resultItemId: z.number().int().nullable().openapi({ description: 'the item an approval put on the register' }),
  })
  .openapi('EquipmentRequest');

export const EquipmentItemSchema = z.object(ItemFields).openapi('EquipmentItem');
export const EquipmentListSchema = z
  .object({ items: z.array(EquipmentItemSchema), requests: z.array(EquipmentRequestSchema), pending: z.number().int().openapi({ description: 'requests waiting for a decision' }) })
  .openapi('EquipmentList');
export const EquipmentItemDetailSchema = z
  .object({
    ...ItemFields,
    maintenance: z.array(z.object({ id: z.number().int(), doneOn: z.string(), work: z.string(), doneBy: z.string(), result: z.string(), recordedByName: z.string().nullable(), recordedAt: z.string() })),
    requests: z.array(EquipmentRequestSchema),
  })
  .openapi('EquipmentItemDetail');

/** The dashboard's facilities panel (server/services/facilities.ts facilityGlance). */
export const FacilityGlanceSchema = z
  .object({
    filled: z.boolean(),
    requirements: z.number().int(),
    met: z.number().int(),
    gaps: z.array(FacilityGapSchema),
    below: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string(), filled: z.boolean(), gaps: z.number().int() })).openapi({ description: 'depots directly below short of their standard' }),
    pendingRequests: z.number().int().openapi({ description: 'equipment change requests of this depot waiting for a leader' }),
  })
  .openapi('DashboardFacilities', { description: 'this depot’s facility gaps against its tier’s standard, the depots directly below with gaps, and equipment changes waiting (GET /depots/{depotId}/facility-profile, /equipment)' });
