import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import type { ExpirySummary } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { formatQuantity, formatYuan } from '../../components/format.ts';

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
  if (s.expiredQuantity === 0 && s.nearQuantity === 0) return null;
  const below = summary.depots.some((d) => d.id !== depotId);
  return (
    <a class={`expiry-card no-print${s.expiredQuantity > 0 ? ' has-expired' : ''}`} href={paths.quality(depotId)} data-testid="expiry-card" data-expired={s.expiredQuantity} data-near={s.nearQuantity}>
      <strong>{t('label.expiryCard')}</strong>
      <span class={s.expiredQuantity > 0 ? 'expiry-card-expired' : undefined}>{t('label.expiryCardExpired', { quantity: formatQuantity(s.expiredQuantity), value: formatYuan(s.expiredValueFen) })}</span>
      <span aria-hidden="true">·</span>
      <span>{t('label.expiryCardNear', { quantity: formatQuantity(s.nearQuantity), value: formatYuan(s.nearValueFen) })}</span>
      {s.expiredInQualified > 0 && <span class="tag tag-expired">{t('label.expiryCardInQualified', { quantity: formatQuantity(s.expiredInQualified) })}</span>}
      {below && <span class="muted">{t('label.expiryCardBelow')}</span>}
    </a>
  );
}
