/**
 * A depot's premises and storage equipment against its tier's standard (S0:304-332). Pure: the
 * standard comes from config (shipped as the regulation states it), the profile from the depot.
 */
import type { DepotTier } from '../schemas/constants.ts';

/** The storage equipment the regulation names (S0:321, 327-332), and the sign of S0:306-308. */
export const FACILITY_ITEMS = [
  'sign',
  'fire_extinguishers',
  'theft_proof_doors_windows',
  'curtains',
  'ventilation',
  'thermo_hygrometer',
  'climate_control',
  'flat_trolley',
  'store_computer',
  'sample_cabinet',
  'stock_cards',
  'shelving',
  'display',
  'supply_cabinet',
  'supply_box',
  'work_bag',
] as const;
export type FacilityItem = (typeof FACILITY_ITEMS)[number];

/** What a tier's depot must have; each requirement names the regulation's line. */
export interface FacilityStandard {
  /** Office area in m², at least (S0:306-308); null: none required. */
  officeArea: { minM2: number; ref: string } | null;
  /** Store area in m², at least; `orItem` stands in for the room (S0:320: 15㎡ 或配备药具柜). */
  storeArea: { minM2: number; orItem: FacilityItem | null; ref: string } | null;
  /** The yellow, green and red zones marked in the store (S0:323-324). */
  zonesMarked: { ref: string } | null;
  /** Equipment, each requirement met by any one of its items (S0:332: 药具架或药具柜). */
  items: { anyOf: FacilityItem[]; ref: string }[];
}

export type FacilityStandards = Record<DepotTier, FacilityStandard>;

const CITY_AND_COUNTY_STORE: FacilityStandard['items'] = [
  { anyOf: ['fire_extinguishers'], ref: 'S0:327' },
  { anyOf: ['theft_proof_doors_windows'], ref: 'S0:327' },
  { anyOf: ['curtains'], ref: 'S0:327' },
  { anyOf: ['ventilation'], ref: 'S0:327' },
  { anyOf: ['thermo_hygrometer'], ref: 'S0:328' },
  { anyOf: ['climate_control'], ref: 'S0:328' },
  { anyOf: ['flat_trolley'], ref: 'S0:329' },
  { anyOf: ['store_computer'], ref: 'S0:330' },
  { anyOf: ['sample_cabinet'], ref: 'S0:330' },
  { anyOf: ['stock_cards'], ref: 'S0:330' },
  { anyOf: ['shelving'], ref: 'S0:330' },
];

/**
 * The standard as the regulation states it. It names no regional standard: the regional station
 * is held to the city's (the largest). Townships and villages keep no zoned store (S0:320-321).
 */
export const REGULATION_STANDARDS: FacilityStandards = {
  region: {
    officeArea: { minM2: 40, ref: 'S0:306' },
    storeArea: { minM2: 200, orItem: null, ref: 'S0:319' },
    zonesMarked: { ref: 'S0:323-324' },
    items: [{ anyOf: ['sign'], ref: 'S0:306' }, ...CITY_AND_COUNTY_STORE],
  },
  city: {
    officeArea: { minM2: 40, ref: 'S0:306' },
    storeArea: { minM2: 200, orItem: null, ref: 'S0:319' },
    zonesMarked: { ref: 'S0:323-324' },
    items: [{ anyOf: ['sign'], ref: 'S0:306' }, ...CITY_AND_COUNTY_STORE],
  },
  county: {
    officeArea: { minM2: 20, ref: 'S0:307' },
    storeArea: { minM2: 100, orItem: null, ref: 'S0:319' },
    zonesMarked: { ref: 'S0:323-324' },
    items: [{ anyOf: ['sign'], ref: 'S0:307' }, ...CITY_AND_COUNTY_STORE],
  },
  township: {
    officeArea: { minM2: 20, ref: 'S0:308' },
    storeArea: { minM2: 15, orItem: 'supply_cabinet', ref: 'S0:320' },
    zonesMarked: null,
    items: [
      { anyOf: ['sign'], ref: 'S0:308' },
      { anyOf: ['display'], ref: 'S0:332' },
      { anyOf: ['shelving', 'supply_cabinet'], ref: 'S0:332' },
      { anyOf: ['fire_extinguishers'], ref: 'S0:332' },
    ],
  },
  village: {
    officeArea: null,
    storeArea: null,
    zonesMarked: null,
    items: [
      { anyOf: ['sign'], ref: 'S0:308' },
      { anyOf: ['display', 'supply_box'], ref: 'S0:321' },
      { anyOf: ['supply_cabinet'], ref: 'S0:332' },
      { anyOf: ['supply_box'], ref: 'S0:332' },
      { anyOf: ['work_bag'], ref: 'S0:332' },
    ],
  },
};

/** What a depot reports of its premises; null areas are not yet measured. */
export interface FacilityProfile {
  officeAreaM2: number | null;
  storeAreaM2: number | null;
  zonesMarked: boolean;
  items: readonly FacilityItem[];
}

export type FacilityGap =
  | { kind: 'office_area'; requiredM2: number; actualM2: number | null; ref: string }
  | { kind: 'store_area'; requiredM2: number; actualM2: number | null; orItem: FacilityItem | null; ref: string }
  | { kind: 'zones_not_marked'; ref: string }
  | { kind: 'item_missing'; anyOf: FacilityItem[]; ref: string };

export interface FacilityCheck {
  /** How many requirements the tier has, and how many the profile meets. */
  requirements: number;
  met: number;
  gaps: FacilityGap[];
}

/** A profile never filled in: nothing measured, nothing there. */
export const EMPTY_PROFILE: FacilityProfile = { officeAreaM2: null, storeAreaM2: null, zonesMarked: false, items: [] };

/**
 * The gaps between a profile and its tier's standard, in the standard's order.
 *
 * Worked example, a township (office ≥ 20 m², store ≥ 15 m² or a cabinet, sign, display, shelving
 * or cabinet, fire extinguishers: 6 requirements): office 18 m², store 10 m², items sign, display,
 * supply_cabinet. The office is 2 m² short (gap); the store is small but the cabinet stands in
 * for it (met); shelving-or-cabinet is met by the cabinet; no extinguisher (gap). 4 of 6 met.
 */
export function facilityGaps(profile: FacilityProfile, standard: FacilityStandard): FacilityCheck {
  const has = new Set(profile.items);
  const gaps: FacilityGap[] = [];
  let requirements = 0;
  if (standard.officeArea) {
    requirements += 1;
    const { minM2, ref } = standard.officeArea;
    if (profile.officeAreaM2 === null || profile.officeAreaM2 < minM2) gaps.push({ kind: 'office_area', requiredM2: minM2, actualM2: profile.officeAreaM2, ref });
  }
  if (standard.storeArea) {
    requirements += 1;
    const { minM2, orItem, ref } = standard.storeArea;
    const bigEnough = profile.storeAreaM2 !== null && profile.storeAreaM2 >= minM2;
    if (!bigEnough && !(orItem !== null && has.has(orItem))) gaps.push({ kind: 'store_area', requiredM2: minM2, actualM2: profile.storeAreaM2, orItem, ref });
  }
  if (standard.zonesMarked) {
    requirements += 1;
    if (!profile.zonesMarked) gaps.push({ kind: 'zones_not_marked', ref: standard.zonesMarked.ref });
  }
  for (const req of standard.items) {
    requirements += 1;
    if (!req.anyOf.some((i) => has.has(i))) gaps.push({ kind: 'item_missing', anyOf: [...req.anyOf], ref: req.ref });
  }
  return { requirements, met: requirements - gaps.length, gaps };
}

/** The items a tier's standard mentions, in vocabulary order: what its profile form asks about. */
export function itemsOfStandard(standard: FacilityStandard): FacilityItem[] {
  const named = new Set<FacilityItem>(standard.items.flatMap((r) => r.anyOf));
  if (standard.storeArea?.orItem) named.add(standard.storeArea.orItem);
  return FACILITY_ITEMS.filter((i) => named.has(i));
}
