import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { ApiProblem, toProblem, type StorageArea } from '../../api.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { details, loadDetail } from '../depots/depot-state.ts';
import { t } from './i18n.ts';
import { keepsClimate } from './access.ts';
import { currentMonth, formatC, formatInstant, formatMinutes, formatRh, outOfLimits } from './climate-format.ts';
import { LimitsText } from './labels.tsx';
import { ReadingEntry } from './ReadingEntry.tsx';
import { ClimateChart } from './ClimateChart.tsx';
import { ExcursionList } from './ExcursionList.tsx';
import { CsvImport } from './CsvImport.tsx';
import { SensorsPanel } from './SensorsPanel.tsx';
import { AreaForm } from './AreaForm.tsx';

/**
 * One storage area: the round's manual entry first (the everyday task), the chart, the
 * excursions to acknowledge, a data logger's CSV, the networked sensors and the settings.
 * `version` moves on after every write so that the chart and the excursions read again.
 */
export function AreaScreen({ areaId }: { areaId: number }) {
  const [area, setArea] = useState<StorageArea | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [version, setVersion] = useState(0);
  const reload = () =>
    api.storageArea(areaId).then(
      (a) => {
        setArea(a);
        void loadDetail(a.depotId);
      },
      (e) => setProblem(toProblem(e)),
    );
  useEffect(() => {
    setArea(null);
    setProblem(null);
    void reload();
  }, [areaId]);
  const changed = () => {
    setVersion((v) => v + 1);
    void reload();
  };

  if (!area) return problem ? <ProblemMessage problem={problem} onRetry={() => void reload()} /> : <p class="note">{t('label.loading')}</p>;
  const keeper = keepsClimate(area.depotId);
  return (
    <section class="area-screen" data-testid="area-screen" data-area={area.id}>
      <AreaHead area={area} />
      {keeper && area.active && <ReadingEntry area={area} onSaved={changed} />}
      {!area.active && <p class="notice attention">{t('error.area_inactive')}</p>}
      <ClimateChart area={area} version={version} />
      <ExcursionList areaId={area.id} keeper={keeper} version={version} onChanged={changed} />
      {keeper && area.active && <CsvImport areaId={area.id} onImported={changed} />}
      <SensorsPanel area={area} keeper={keeper} onChanged={() => void reload()} />
      {keeper && <AreaForm depotId={area.depotId} area={area} onSaved={(a) => (setArea(a), setVersion((v) => v + 1))} />}
    </section>
  );
}

function AreaHead({ area }: { area: StorageArea }) {
  const depot = details.value.get(area.depotId);
  const depotName = depot && !(depot instanceof ApiProblem) ? depot.name : '';
  const latest = area.latest;
  return (
    <header class="page-head area-head">
      <nav class="breadcrumb" aria-label={t('label.breadcrumb')}>
        <a href={paths.climate(area.depotId)} data-testid="area-back">
          {depotName} · {t('label.climate')}
        </a>
        <span class="crumb-sep" aria-hidden="true">
          ›
        </span>
      </nav>
      <div class="area-title">
        <h1 data-testid="area-title">
          {area.name} <span class="tier-badge">{t(`areaKind.${area.kind}`)}</span>
        </h1>
        <a class="button" href={paths.climateRecord(area.id, currentMonth())} data-testid="area-record-link">
          {t('climate.monthlyRecord')}
        </a>
      </div>
      <dl class="facts">
        <div>
          <dt>{t('climate.limits')}</dt>
          <dd>
            <LimitsText limits={area.limits} />
          </dd>
        </div>
        <div>
          <dt>{t('climate.latest')}</dt>
          <dd data-testid="area-latest" class={latest && outOfLimits(latest, area.limits) ? 'out' : undefined}>
            {latest ? `${formatC(latest.temperatureC)} °C · ${formatRh(latest.humidityPct)} % · ${formatInstant(latest.takenAt)}` : t('climate.noReadings')}
          </dd>
        </div>
        <div>
          <dt>{t('climate.interval')}</dt>
          <dd>{formatMinutes(area.expectedIntervalMinutes)}</dd>
        </div>
      </dl>
    </header>
  );
}
