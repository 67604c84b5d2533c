import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { ApiProblem, toProblem, type StorageAreaSummary } from '../../api.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { details } from '../depots/depot-state.ts';
import { t } from './i18n.ts';
import { keepsClimate } from './access.ts';
import { formatC, formatRh, formatShortInstant, outOfLimits } from './climate-format.ts';
import { LimitsText } from './labels.tsx';
import { AreaForm } from './AreaForm.tsx';
import { ClimateOverviewPanel } from './ClimateOverviewPanel.tsx';

/**
 * A depot's climate tab: its storage areas at a glance (limits, latest reading, open excursions
 * and missing logs), a new area for the depot's keepers, and for an upper level the depots below.
 */
export function ClimateScreen({ depotId }: { depotId: number }) {
  const [areas, setAreas] = useState<StorageAreaSummary[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [adding, setAdding] = useState(false);
  const reload = () => {
    setProblem(null);
    return api.storageAreas(depotId).then(
      (r) => setAreas(r.items),
      (e) => setProblem(toProblem(e)),
    );
  };
  useEffect(() => {
    setAreas(null);
    setAdding(false);
    void reload();
  }, [depotId]);

  const detail = details.value.get(depotId);
  const hasChildren = detail !== undefined && !(detail instanceof ApiProblem) && detail.childCount > 0;
  const keeper = keepsClimate(depotId);
  return (
    <section class="climate-screen" data-testid="climate-screen" data-state={areas ? 'ready' : problem ? 'error' : 'loading'}>
      <div class="panel-head">
        <h2>{t('climate.areas')}</h2>
        {keeper && !adding && (
          <button type="button" class="button primary" data-testid="area-new" onClick={() => setAdding(true)}>
            {t('climate.addArea')}
          </button>
        )}
      </div>
      {adding && <AreaForm depotId={depotId} onSaved={(area) => navigate(paths.climateArea(area.id))} onCancel={() => setAdding(false)} />}
      <ProblemMessage problem={problem} onRetry={() => void reload()} />
      {areas && areas.length === 0 && (
        <p class="note" data-testid="areas-empty">
          {t(keeper ? 'climate.noAreasKeeper' : 'climate.noAreas')}
        </p>
      )}
      {areas && areas.length > 0 && (
        <ul class="area-cards" data-testid="area-cards">
          {areas.map((a) => (
            <AreaCard key={a.id} area={a} />
          ))}
        </ul>
      )}
      {hasChildren && <ClimateOverviewPanel depotId={depotId} />}
    </section>
  );
}

function AreaCard({ area: a }: { area: StorageAreaSummary }) {
  const attention = a.active && (a.openExcursions > 0 || a.openGaps > 0);
  const out = a.latest !== null && outOfLimits(a.latest, a.limits);
  const sensors = a.sensors.filter((s) => s.revokedAt === null).length;
  return (
    <li>
      <a class={`area-card${attention ? ' attention' : ''}${a.active ? '' : ' inactive'}`} href={paths.climateArea(a.id)} data-testid="area-card" data-name={a.name} data-attention={String(attention)}>
        <span class="area-card-head">
          <strong class="area-card-name">{a.name}</strong>
          <span class="chip">{t(`areaKind.${a.kind}`)}</span>
          {!a.active && <span class="chip">{t('label.inactive')}</span>}
        </span>
        {a.latest ? (
          <span class={`area-latest${out ? ' out' : ''}`} data-testid="area-latest">
            <span class="reading-value">{formatC(a.latest.temperatureC)} °C</span>
            {a.latest.humidityPct !== null && <span class="reading-value">{formatRh(a.latest.humidityPct)} %</span>}
            <span class="muted">{formatShortInstant(a.latest.takenAt)}</span>
          </span>
        ) : (
          <span class="area-latest muted">{t('climate.noReadings')}</span>
        )}
        <LimitsText limits={a.limits} />
        <span class="area-card-foot">
          {a.openExcursions > 0 && (
            <span class="tag excursion-temperature_high" data-testid="area-open-excursions">
              {t('climate.openExcursions', { count: a.openExcursions })}
            </span>
          )}
          {a.openGaps > 0 && (
            <span class="tag excursion-gap" data-testid="area-open-gaps">
              {t('excursionKind.gap')}
            </span>
          )}
          {!attention && a.active && <span class="tag ok">{t('climate.allClear')}</span>}
          <span class="muted">{t('climate.sensorCount', { count: sensors })}</span>
        </span>
      </a>
    </li>
  );
}
