import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { ApiProblem, toProblem, type ClimateSeries, type StorageArea } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { isoWithOffset } from '../../components/datetime.ts';
import { t } from './i18n.ts';
import type { ChartHandle } from './uplot-chart.ts';

type Span = '24h' | '7d' | '30d' | '1y';
const SPANS: Record<Span, number> = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000, '1y': 365 * 86_400_000 };

let chartModule: Promise<typeof import('./uplot-chart.ts')> | null = null;
const loadChart = () =>
  (chartModule ??= import('./uplot-chart.ts').catch((error: unknown) => {
    chartModule = null;
    throw new ApiProblem('network_error', 0, error instanceof Error ? error.message : String(error));
  }));

/** The first instant of a month ("2026-11") on the depots' calendar. */
const monthStart = (y: number, m: number) => Date.parse(isoWithOffset(`${y + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}-01T00:00`)!);

/** The window a span or a month stands for: up to now, or the calendar month on the depots' calendar. */
function windowOf(span: Span, month: string): { from: number; to: number } {
  if (month) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return { from: monthStart(y, m), to: Math.min(monthStart(y, m + 1), Date.now() + 60_000) };
  }
  const to = Math.ceil(Date.now() / 60_000) * 60_000;
  return { from: to - SPANS[span], to };
}

/** The chart's readable width: one point per pixel is all a line can show. */
const pointsFor = (width: number) => Math.max(10, Math.min(5000, Math.round(width)));

/**
 * Temperature and humidity of a range (24 hours to a year, or a month) with limits and
 * excursions; uPlot comes in its own chunk. Each point is a bucket's lowest and highest reading,
 * so a short spike survives a year's range.
 */
export function ClimateChart({ area, version }: { area: StorageArea; version: number }) {
  const [span, setSpan] = useState<Span>('7d');
  const [month, setMonth] = useState('');
  const [series, setSeries] = useState<ClimateSeries | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [drawn, setDrawn] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartHandle | null>(null);

  useEffect(() => {
    const width = box.current?.clientWidth ?? 800;
    let current = true;
    setProblem(null);
    // The previous chart stays in view until the new range is drawn over it; data-state and aria-busy say which.
    setDrawn(false);
    api.climateSeries(area.id, { ...windowOf(span, month), points: pointsFor(width) }).then(
      (s) => current && setSeries(s),
      (e) => current && setProblem(toProblem(e)),
    );
    return () => void (current = false);
  }, [area.id, span, month, version]);

  useEffect(() => {
    const el = box.current;
    if (!series || !el) return;
    let current = true;
    loadChart().then(
      (m) => {
        if (!current) return;
        chart.current?.destroy();
        const text = {
          time: t('climate.readingTime'),
          minC: t('climate.chart.minC'),
          maxC: t('climate.chart.maxC'),
          minRh: t('climate.chart.minRh'),
          maxRh: t('climate.chart.maxRh'),
          axisC: t('climate.chart.axisC'),
          axisRh: t('climate.chart.axisRh'),
          lang: lang.value,
        };
        chart.current = m.drawClimateChart(el, series, { width: el.clientWidth, expectedIntervalMinutes: area.expectedIntervalMinutes, text });
        setDrawn(true);
      },
      (e: ApiProblem) => current && setProblem(e),
    );
    return () => void (current = false);
  }, [series, lang.value]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => chart.current?.setSize(el.clientWidth));
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  const temperatureExcursions = series?.excursions.filter((e) => e.kind !== 'gap' && e.kind !== 'humidity_high').length ?? 0;
  return (
    <section class="panel climate-chart-panel" data-testid="climate-chart-panel">
      <div class="panel-head no-print">
        <h2>{t('climate.chart')}</h2>
        <div class="chart-ranges">
          <div class="segmented" role="group" aria-label={t('climate.chart.range')}>
            {(Object.keys(SPANS) as Span[]).map((s) => (
              <button
                key={s}
                type="button"
                data-testid={`chart-range-${s}`}
                aria-pressed={!month && span === s}
                onClick={() => {
                  setMonth('');
                  setSpan(s);
                }}
              >
                {t(`climate.chart.span.${s}`)}
              </button>
            ))}
          </div>
          <label class="field inline">
            <span>{t('climate.chart.month')}</span>
            <input type="month" data-testid="chart-month" value={month} onInput={(e) => setMonth(e.currentTarget.value)} />
          </label>
        </div>
      </div>
      <ProblemMessage problem={problem} />
      <div
        class="climate-chart"
        ref={box}
        data-testid="climate-chart"
        data-state={drawn && series ? 'ready' : 'loading'}
        aria-busy={!drawn}
        data-readings={series?.readings}
        data-temperature-excursions={temperatureExcursions}
        role="img"
        aria-label={t('climate.chart.label', { readings: series?.readings ?? 0 })}
      />
      {series && series.readings === 0 && <p class="note">{t('climate.chart.empty')}</p>}
      <ul class="chart-key" aria-hidden="true">
        <li>
          <span class="swatch band-c" /> {t('climate.chart.keyTemperature')}
        </li>
        <li>
          <span class="swatch band-rh" /> {t('climate.chart.keyHumidity')}
        </li>
        <li>
          <span class="swatch limit" /> {t('climate.chart.keyLimits')}
        </li>
        <li>
          <span class="swatch shade-c" /> {t('climate.chart.keyTemperatureExcursion')}
        </li>
        <li>
          <span class="swatch shade-rh" /> {t('climate.chart.keyHumidityExcursion')}
        </li>
        <li>
          <span class="swatch shade-gap" /> {t('climate.chart.keyGap')}
        </li>
      </ul>
    </section>
  );
}
