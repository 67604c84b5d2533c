import type { ComponentChildren } from 'preact';
import type { StockLocation } from '../../../server/schemas/constants.ts';
import { t } from '../i18n/index.ts';

/** A zone as its colour (S0:323-324: yellow pending, green qualified, red non-conforming; blue in transit). */
export function ZoneBadge({ zone, children }: { zone: StockLocation; children?: ComponentChildren }) {
  return (
    <span class={`zone zone-${zone}`} data-zone={zone}>
      {t(`zone.${zone}`)}
      {children}
    </span>
  );
}
