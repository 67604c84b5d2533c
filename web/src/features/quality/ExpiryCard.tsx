import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import type { ExpirySummary } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { formatByUnit, formatYuan, type UnitQuantity, unitsData } from '../../components/format.ts';


/**
 * The home screen's expiry line: expired and near-expiry stock of the user's depot and the depots
 * below, with values, leading to the non-conforming tab. Nothing when both are zero or unreadable.
 */
export function ExpiryCard({ depotId }: { depotId: number }) {
  const [summary, setSummary] = useState<ExpirySummary | null>(null);
  useEffect(() => {
    setSummary(null);
    api.expirySummary(depotId).then(setSummary, () => setSummary(null));
  }, [depotId]);

  if (!summary || summary.depotId !== depotId) return null;
  const s = summary.total;
  const u = summary.totalByUnit;
  if (u.expired.length === 0 && u.near.length === 0) return null;
  const below = summary.depots.some((d) => d.id !== depotId);
  return (
    <a class={`expiry-card no-print${u.expired.length > 0 ? ' has-expired' : ''}`} href={paths.quality(depotId)} data-testid="expiry-card" data-expired={unitsData(u.expired)} data-near={unitsData(u.near)}>
      <strong>{t('label.expiryCard')}</strong>
      <span class={u.expired.length > 0 ? 'expiry-card-expired' : undefined}>{t('label.expiryCardExpired', { quantity: formatByUnit(u.expired), value: formatYuan(s.expiredValueFen) })}</span>
      <span aria-hidden="true">·</span>
      <span>{t('label.expiryCardNear', { quantity: formatByUnit(u.near), value: formatYuan(s.nearValueFen) })}</span>
      {u.expiredInQualified.length > 0 && <span class="tag tag-expired">{t('label.expiryCardInQualified', { quantity: formatByUnit(u.expiredInQualified) })}</span>}
      {below && <span class="muted">{t('label.expiryCardBelow')}</span>}
    </a>
  );
}
