import type { Excursion, StorageArea } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { t } from './i18n.ts';
import { formatC, formatLimits, formatRh } from './climate-format.ts';

type Limits = StorageArea['limits'];

export const AREA_KINDS = ['room', 'cabinet', 'refrigerator'] as const satisfies readonly StorageArea['kind'][];

export function ExcursionKindTag({ kind }: { kind: Excursion['kind'] }) {
  return <span class={`tag excursion-${kind}`}>{t(`excursionKind.${kind}`)}</span>;
}

/** The limits kept now, and the products whose stricter storage conditions set them. */
export function LimitsText({ limits }: { limits: Limits }) {
  return (
    <span class="limits" data-testid="area-limits">
      {formatLimits(limits)}
      {limits.limitedBy.length > 0 && (
        <span class="tag warn" data-testid="limited-by" title={t('climate.limitedByHint')}>
          {t('climate.limitedBy', { products: limits.limitedBy.join(lang.value === 'en' ? ', ' : '、') })}
        </span>
      )}
    </span>
  );
}

/** The worst value of an excursion with its unit; none for a missing log. */
export function extremeText(e: Pick<Excursion, 'kind' | 'extreme'>) {
  if (e.extreme === null || e.kind === 'gap') return '—';
  return e.kind === 'humidity_high' ? `${formatRh(e.extreme)} %` : `${formatC(e.extreme)} °C`;
}

/** Where an excursion stands: going on, back within limits but not yet acknowledged, or acknowledged. */
export function ExcursionState({ excursion: e }: { excursion: Excursion }) {
  if (e.status === 'acknowledged')
    return (
      <span class="excursion-state done" data-state="acknowledged">
        {t(e.resolution === 'sensor_fault' ? 'climate.resolution.sensor_fault' : 'climate.resolution.corrective_action')}
      </span>
    );
  if (e.endAt === null)
    return (
      <span class="excursion-state ongoing" data-state="ongoing">
        {t(e.kind === 'gap' ? 'climate.state.gapOngoing' : 'climate.state.ongoing')}
      </span>
    );
  return (
    <span class="excursion-state awaiting" data-state="awaiting">
      {t('label.awaitingAction')}
    </span>
  );
}
