import { describe, it, expect } from 'vitest';
import { EMPTY_PROFILE, REGULATION_STANDARDS, facilityGaps, itemsOfStandard, type FacilityProfile } from '../../server/domain/facility-standard.ts';

const township = REGULATION_STANDARDS.township;
const county = REGULATION_STANDARDS.county;
const profile = (p: Partial<FacilityProfile>): FacilityProfile => ({ ...EMPTY_PROFILE, ...p });
const CITY_STORE_ITEMS = ['sign', 'fire_extinguishers', 'theft_proof_doors_windows', 'curtains', 'ventilation', 'thermo_hygrometer', 'climate_control', 'flat_trolley', 'store_computer', 'sample_cabinet', 'stock_cards', 'shelving'] as const;

describe('facilityGaps: a profile against its tier’s standard (S0:304-332)', () => {
  it('the worked example: a township of 18 m² office, 10 m² store and a cabinet meets 4 of 6 (office short, no extinguisher)', () => {
    const check = facilityGaps(profile({ officeAreaM2: 18, storeAreaM2: 10, items: ['sign', 'display', 'supply_cabinet'] }), township);
    expect(check).toEqual({
      requirements: 6,
      met: 4,
      gaps: [
        { kind: 'office_area', requiredM2: 20, actualM2: 18, ref: 'S0:308' },
        { kind: 'item_missing', anyOf: ['fire_extinguishers'], ref: 'S0:332' },
      ],
    });
  });

  it('an area exactly at the minimum meets it; a hair below does not (「不小于100㎡」)', () => {
    const full = { zonesMarked: true, items: [...CITY_STORE_ITEMS] };
    expect(facilityGaps(profile({ ...full, officeAreaM2: 20, storeAreaM2: 100 }), county)).toMatchObject({ requirements: 15, met: 15, gaps: [] });
    expect(facilityGaps(profile({ ...full, officeAreaM2: 20, storeAreaM2: 99.9 }), county).gaps).toEqual([{ kind: 'store_area', requiredM2: 100, actualM2: 99.9, orItem: null, ref: 'S0:319' }]);
  });

  it('a township store under 15 m² is a gap without a cabinet and met with one (S0:320 或配备药具柜)', () => {
    const base = { officeAreaM2: 20, storeAreaM2: 12, items: ['sign', 'display', 'shelving', 'fire_extinguishers'] as const };
    expect(facilityGaps(profile({ ...base, items: [...base.items] }), township).gaps).toEqual([{ kind: 'store_area', requiredM2: 15, actualM2: 12, orItem: 'supply_cabinet', ref: 'S0:320' }]);
    expect(facilityGaps(profile({ ...base, items: [...base.items, 'supply_cabinet'] }), township).gaps).toEqual([]);
  });

  it('shelving or a cabinet meets the township’s 药具架或药具柜 either way', () => {
    const base = { officeAreaM2: 25, storeAreaM2: 16 };
    expect(facilityGaps(profile({ ...base, items: ['sign', 'display', 'shelving', 'fire_extinguishers'] }), township).met).toBe(6);
    expect(facilityGaps(profile({ ...base, items: ['sign', 'display', 'supply_cabinet', 'fire_extinguishers'] }), township).met).toBe(6);
    expect(facilityGaps(profile({ ...base, items: ['sign', 'display', 'fire_extinguishers'] }), township).gaps).toEqual([{ kind: 'item_missing', anyOf: ['shelving', 'supply_cabinet'], ref: 'S0:332' }]);
  });

  it('an empty profile misses everything: unmeasured areas and unmarked zones are gaps at a county', () => {
    const check = facilityGaps(EMPTY_PROFILE, county);
    expect(check.met).toBe(0);
    expect(check.gaps.slice(0, 3)).toEqual([
      { kind: 'office_area', requiredM2: 20, actualM2: null, ref: 'S0:307' },
      { kind: 'store_area', requiredM2: 100, actualM2: null, orItem: null, ref: 'S0:319' },
      { kind: 'zones_not_marked', ref: 'S0:323-324' },
    ]);
    expect(check.gaps).toHaveLength(15);
  });

  it('a village needs no areas nor zones: its sign, cabinet, box and bag (S0:308, 321, 332)', () => {
    expect(facilityGaps(profile({ items: ['sign', 'supply_cabinet', 'supply_box', 'work_bag'] }), REGULATION_STANDARDS.village)).toEqual({ requirements: 5, met: 5, gaps: [] });
    expect(facilityGaps(profile({ items: ['sign', 'supply_cabinet', 'work_bag'] }), REGULATION_STANDARDS.village).gaps.map((g) => g.kind === 'item_missing' && g.anyOf)).toEqual([['display', 'supply_box'], ['supply_box']]);
  });

  it('a changed standard changes the gaps (the standard is config)', () => {
    const lenient = { ...township, officeArea: { minM2: 15, ref: 'local' }, items: township.items.filter((r) => !r.anyOf.includes('fire_extinguishers')) };
    expect(facilityGaps(profile({ officeAreaM2: 18, storeAreaM2: 10, items: ['sign', 'display', 'supply_cabinet'] }), lenient)).toEqual({ requirements: 5, met: 5, gaps: [] });
  });

  it('the form asks about the items the tier’s standard names', () => {
    expect(itemsOfStandard(township)).toEqual(['sign', 'fire_extinguishers', 'shelving', 'display', 'supply_cabinet']);
  });
});
