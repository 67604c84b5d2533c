/** Shared enumerations: the server validates with them and the web app renders them. */

export const DEPOT_TIERS = ['region', 'city', 'county', 'township', 'village'] as const;
export type DepotTier = (typeof DEPOT_TIERS)[number];

export const ROLES = [
  'storekeeper',
  'inspector',
  'planner',
  'leader',
  'finance',
  'dispenser',
  'admin',
  /** The county's family-planning technical service: confirms serious adverse reactions (S0:438). */
  'clinician',
] as const;
export type Role = (typeof ROLES)[number];

/** Storage zones inside a depot (S0:323-324): yellow, green, red. */
export const STORAGE_ZONES = ['pending', 'qualified', 'nonconforming'] as const;
export type StorageZone = (typeof STORAGE_ZONES)[number];

/**
 * Where a balance can sit. `in_transit` is not a storage zone: it holds stock that a parent
 * has dispatched and the receiving depot has not yet signed for, on the receiving depot.
 */
export const STOCK_LOCATIONS = [...STORAGE_ZONES, 'in_transit'] as const;
export type StockLocation = (typeof STOCK_LOCATIONS)[number];

export const ZONE_COLOURS: Record<StockLocation, string> = {
  pending: 'yellow',
  qualified: 'green',
  nonconforming: 'red',
  in_transit: 'blue',
};

/** Dosage forms named by the inspection-record titles (S0:503-509). */
export const DOSAGE_FORMS = [
  'oral_tablet',
  'injection',
  'suppository',
  'film',
  'gel',
  'iud',
  'condom',
  'implant',
] as const;
export type DosageForm = (typeof DOSAGE_FORMS)[number];

/**
 * Product classes, by which the qualified zone is divided (S0:323 names oral, external, IUD
 * and condom "and so on"; injectables and implants are the rest of the national list).
 */
export const PRODUCT_CLASSES = ['oral', 'injectable', 'external', 'iud', 'condom', 'implant'] as const;
export type ProductClass = (typeof PRODUCT_CLASSES)[number];

/** Kinds of stock movement. Later workflows add theirs here. */
export const MOVEMENT_KINDS = [
  'opening_balance',
  'reversal',
  'receipt',
  'inspection',
  'transfer_out',
  'transfer_in',
  'dispense',
  'count_adjustment',
  'write_off',
  'return_to_supplier',
  'zone_move',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** A password's length as the server takes it (UserCreate, UserUpdate); the change-password form checks the same. */
export const PASSWORD_LENGTH = { min: 10, max: 200 } as const;
