import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import type { ClimateAlert } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { formatDateTime } from '../../components/format.ts';

const SHOWN = 5;

/**
 * Open excursions and missing logs of the user's depot and of the depots directly below, above
 * the home screen; each leads to its storage area. Nothing at all when there are none, or when
 * they cannot be read (the climate tab says why).
 */
export function ClimateAlerts({ depotId }: { depotId: number }) {
  const [items, setItems] = useState<ClimateAlert[]>([]);
  useEffect(() => {
    api.climateAlerts().then(
      (r) => setItems(r.items),
      () => setItems([]),
    );
  }, [depotId]);

  if (items.length === 0) return null;
  return (
    <aside class="climate-alerts no-print" data-testid="climate-alerts" aria-label={t('label.climateAlerts')}>
      <a class="climate-alerts-title" href={paths.climate(depotId)}>
        {t('label.climateAlerts')} ({items.length})
      </a>
      <ul>
        {items.slice(0, SHOWN).map((a) => (
          <li key={a.id} data-testid="climate-alert" data-kind={a.kind} data-own={String(a.own)}>
            <span class={`tag excursion-${a.kind}`}>{t(`excursionKind.${a.kind}`)}</span>{' '}
            <a href={paths.climateArea(a.areaId)}>{a.own || !a.depotName ? a.areaName : `${a.depotName} · ${a.areaName}`}</a>{' '}
            <span class="muted">
              {t('label.climateAlertSince', { time: formatDateTime(new Date(a.startAt).toISOString()) })} · {t(a.endAt === null ? 'label.ongoing' : 'label.awaitingAction')}
            </span>
          </li>
        ))}
      </ul>
      {items.length > SHOWN && (
        <a href={paths.climate(depotId)} class="muted">
          {t('label.moreClimateAlerts', { count: items.length - SHOWN })}
        </a>
      )}
    </aside>
  );
}
