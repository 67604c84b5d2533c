import type { DosageForm, DepotTier } from '../schemas/constants.ts';
import { DomainError, type FieldError } from './errors.ts';

/**
 * The appearance checklist of each dosage form, after the inspection-record titles of
 * S0:503-509 (片剂, 注射剂, 栓剂, 膜剂, 凝胶, 宫内节育器, 避孕套, 皮下埋植剂). Every form checks the
 * outer pack and its markings (maker, production date, lot, expiry: S0:419 item 4).
 */
const COMMON = ['outer_pack_intact', 'markings_complete', 'count_matches_label'] as const;

export const CHECKLISTS: Record<DosageForm, readonly string[]> = {
  oral_tablet: [...COMMON, 'blister_sealed', 'tablets_intact_colour_uniform'],
  injection: [...COMMON, 'ampoule_intact', 'solution_clear_no_particles'],
  suppository: [...COMMON, 'inner_pack_sealed', 'shape_intact_not_melted'],
  film: [...COMMON, 'inner_pack_sealed', 'film_intact_not_brittle'],
  gel: [...COMMON, 'tube_sealed_not_leaking', 'gel_uniform'],
  iud: [...COMMON, 'sterile_pack_sealed', 'device_intact'],
  condom: [...COMMON, 'foil_sealed', 'no_sticking_or_brittleness'],
  implant: [...COMMON, 'sterile_pack_sealed', 'rods_intact'],
};

/** Region, city and county inspect on receipt (S0:396); townships and villages check when dispensing (S0:398). */
export const DEFAULT_GOODS_IN_INSPECTION_TIERS: readonly DepotTier[] = ['region', 'city', 'county'];

/** Quality problem reports are made at county level and above (S0:399). */
export const reportsQualityProblems = (tier: DepotTier) => tier === 'region' || tier === 'city' || tier === 'county';

export interface InspectionInput {
  checklist: Record<string, boolean>;
  passedQuantity: number;
  failedQuantity: number;
  nonconformities: string[];
}

/**
 * Checks an inspection record against its batch: every checklist item of the dosage form
 * answered, something inspected, a reason for any failure, and nothing expired passed
 * (S0:419: expired goods are non-conforming).
 */
export function validateInspection(input: InspectionInput, dosageForm: DosageForm, expired: boolean): void {
  const errors: FieldError[] = [];
  const items = CHECKLISTS[dosageForm];
  for (const item of items) if (typeof input.checklist[item] !== 'boolean') errors.push({ path: `checklist.${item}`, message: 'answer yes or no' });
  for (const key of Object.keys(input.checklist)) if (!items.includes(key)) errors.push({ path: `checklist.${key}`, message: `not an item for ${dosageForm}` });
  if (input.passedQuantity + input.failedQuantity === 0) errors.push({ path: 'passedQuantity', message: 'inspect at least one unit' });
  if (input.failedQuantity > 0 && input.nonconformities.length === 0) errors.push({ path: 'nonconformities', message: 'name why it failed' });
  if (errors.length > 0) throw new DomainError('validation_failed', 'The inspection record is incomplete', undefined, errors);
  if (expired && input.passedQuantity > 0) throw new DomainError('batch_expired', 'An expired batch can never pass to the qualified zone');
}
