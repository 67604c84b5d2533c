import type { FacilityGap, FacilityItem } from './facilities-api.ts';
import { t } from './i18n.ts';

/** Facility gaps in words: the profile screen and the dashboard both say them. */
export const itemName = (i: FacilityItem) => t(`facilities.item.${i}`);
export const area = (m2: number | null) => (m2 === null ? t('facilities.notMeasured') : `${m2}㎡`);

/** One gap in words, with the regulation's line. */
export function gapText(g: FacilityGap): string {
  switch (g.kind) {
    case 'office_area':
      return t('facilities.gap.office_area', { required: g.requiredM2, actual: area(g.actualM2) });
    case 'store_area':
      return g.orItem
        ? t('facilities.gap.store_area_or', { required: g.requiredM2, actual: area(g.actualM2), item: itemName(g.orItem) })
        : t('facilities.gap.store_area', { required: g.requiredM2, actual: area(g.actualM2) });
    case 'zones_not_marked':
      return t('facilities.gap.zones_not_marked');
    case 'item_missing':
      return t('facilities.gap.item_missing', { items: g.anyOf.map(itemName).join(t('facilities.or')) });
  }
}

