/**
 * The climate chart drawn with uPlot. Only ClimateChart's `import()` reaches this file, so uPlot
 * and its CSS are a chunk of their own, loaded when a chart is first shown.
 *
 * Temperature is a band between each point's lowest and highest reading on the °C axis (left,
 * upper part of the plot), humidity the same on the % axis (right, lower part), so that the two
 * do not cross. Limits are dashed lines; excursions shade their period (red temperature, blue
 * humidity, grey hatching for a missing log).
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ClimateSeries, Excursion } from '../../api.ts';
import { formatInstant } from './climate-format.ts';
import { depotTimeZone } from '../../components/datetime.ts';

/** A Date whose local fields read the depots' clock: uPlot lays out and labels the time axis with it. */
const onDepotClock = (ms: number) => uPlot.tzDate(new Date(ms), depotTimeZone.value);

export interface ChartText {
  time: string;
  minC: string;
  maxC: string;
  minRh: string;
  maxRh: string;
  axisC: string;
  axisRh: string;
  lang: 'zh-CN' | 'en';
}

export interface ChartHandle {
  setSize(width: number): void;
  destroy(): void;
}

const HEIGHT = 340;
const DAY = 86_400_000;
const TEMPERATURE = '#c2410c';
const TEMPERATURE_FILL = 'rgba(234, 88, 12, 0.28)';
const HUMIDITY = '#1d6fb8';
const HUMIDITY_FILL = 'rgba(29, 111, 184, 0.2)';
const SHADE = { temperature: 'rgba(220, 38, 38, 0.13)', humidity: 'rgba(37, 99, 235, 0.12)' };
/** Share of the plot height each quantity keeps: temperature on top, humidity below. */
const TOP_SHARE = 0.58;
const BOTTOM_SHARE = 0.36;

const pad = (n: number) => String(n).padStart(2, '0');

/** Series with a null point where readings are further apart than a missing log, so the lines break there. */
function alignedData(s: ClimateSeries, breakMs: number): uPlot.AlignedData {
  const out: [number[], (number | null)[], (number | null)[], (number | null)[], (number | null)[]] = [[], [], [], [], []];
  s.t.forEach((t, i) => {
    if (i > 0 && t - s.t[i - 1]! > breakMs) {
      out[0].push(s.t[i - 1]! + 1);
      for (let k = 1; k <= 4; k++) out[k as 1 | 2 | 3 | 4].push(null);
    }
    out[0].push(t);
    out[1].push(s.minC[i]!);
    out[2].push(s.maxC[i]!);
    out[3].push(s.minRh[i] ?? null);
    out[4].push(s.maxRh[i] ?? null);
  });
  return out;
}

function extent(values: readonly (number | null)[], ...more: number[]): [number, number] | null {
  const all = [...values.filter((v): v is number => v !== null), ...more];
  return all.length ? [Math.min(...all), Math.max(...all)] : null;
}

/** Dates and times on the depots' clock on the time axis; the date under the first time of each day. */
function timeValues(text: ChartText) {
  const zh = text.lang === 'zh-CN';
  const day = (d: Date) => (zh ? `${d.getMonth() + 1}月${d.getDate()}日` : d.toLocaleDateString('en', { month: 'short', day: 'numeric' }));
  const month = (d: Date) => (zh ? `${d.getMonth() + 1}月` : d.toLocaleDateString('en', { month: 'short' }));
  const year = (d: Date) => (zh ? `${d.getFullYear()}年` : String(d.getFullYear()));
  return (_u: uPlot, splits: number[], _axis: number, _space: number, incr: number) => {
    let lastDay = '';
    return splits.map((ms, i) => {
      const d = onDepotClock(ms);
      // Months: the year under the first one and under each January.
      if (incr >= 28 * DAY) return i === 0 || d.getMonth() === 0 ? `${month(d)}\n${year(d)}` : month(d);
      if (incr >= DAY) return day(d);
      const label = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
      const date = day(d);
      if (date === lastDay) return label;
      lastDay = date;
      return `${label}\n${date}`;
    });
  };
}

function hatch(ctx: CanvasRenderingContext2D): CanvasPattern | string {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 10;
  const g = tile.getContext('2d');
  if (!g) return 'rgba(120, 120, 120, 0.15)';
  g.fillStyle = 'rgba(120, 120, 120, 0.10)';
  g.fillRect(0, 0, 10, 10);
  g.strokeStyle = 'rgba(90, 90, 90, 0.45)';
  g.lineWidth = 1.5;
  g.beginPath();
  g.moveTo(0, 10);
  g.lineTo(10, 0);
  g.moveTo(-5, 5);
  g.lineTo(5, -5);
  g.moveTo(5, 15);
  g.lineTo(15, 5);
  g.stroke();
  return ctx.createPattern(tile, 'repeat') ?? 'rgba(120, 120, 120, 0.15)';
}

function shadeExcursions(u: uPlot, excursions: readonly Excursion[], to: number, gapFill: CanvasPattern | string) {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  for (const e of excursions) {
    const x0 = Math.max(left, u.valToPos(e.startAt, 'x', true));
    const x1 = Math.min(left + width, u.valToPos(e.endAt ?? to, 'x', true));
    if (x1 < left || x0 > left + width) continue;
    ctx.fillStyle = e.kind === 'gap' ? gapFill : e.kind === 'humidity_high' ? SHADE.humidity : SHADE.temperature;
    // At least 2 px: a short excursion in a year's range still shows.
    ctx.fillRect(x0, top, Math.max(2 * devicePixelRatio, x1 - x0), height);
  }
  ctx.restore();
}

function limitLine(u: uPlot, value: number, scale: 'c' | 'rh', color: string, label: string) {
  const { ctx } = u;
  const { left, width } = u.bbox;
  const y = Math.round(u.valToPos(value, scale, true)) + 0.5;
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5 * devicePixelRatio;
  ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
  ctx.beginPath();
  ctx.moveTo(left, y);
  ctx.lineTo(left + width, y);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
  ctx.fillStyle = color;
  // On the left: the newest readings, the ones looked at most, are on the right.
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  ctx.fillText(label, left + 4 * devicePixelRatio, y - 2 * devicePixelRatio);
  ctx.restore();
}

export function drawClimateChart(el: HTMLElement, s: ClimateSeries, options: { width: number; expectedIntervalMinutes: number; text: ChartText }): ChartHandle {
  const { limits } = s;
  const { text } = options;
  const bucket = (s.to - s.from) / Math.max(1, options.width);
  const data = alignedData(s, Math.max(options.expectedIntervalMinutes * 60_000, 3 * bucket));

  // The °C range covers the readings and both limits; it is stretched downwards so the band keeps to the top.
  const [cLo, cHi] = extent([...s.minC, ...s.maxC], limits.minC, limits.maxC)!;
  const cPad = Math.max(1, (cHi - cLo) * 0.08);
  const cMin = cLo - cPad;
  const cMax = cHi + cPad;
  const cRange: uPlot.Range.MinMax = [cMax - (cMax - cMin) / TOP_SHARE, cMax];
  const [rLo, rHi] = extent([...s.minRh, ...s.maxRh], limits.maxRh)!;
  const rMin = Math.max(0, rLo - 5);
  const rMax = Math.min(100, rHi + 5);
  const rhRange: uPlot.Range.MinMax = [rMin, rMin + (rMax - rMin) / BOTTOM_SHARE];
  const inC = (_u: uPlot, splits: number[]) => splits.map((v) => (v >= cMin - 1e-9 ? v : null));
  const inRh = (_u: uPlot, splits: number[]) => splits.map((v) => (v <= rMax + 1e-9 ? v : null));

  let gapFill: CanvasPattern | string = 'rgba(120, 120, 120, 0.15)';
  const degrees = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} °C`);
  const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v)} %`);
  const font = '12px system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif';

  const opts: uPlot.Options = {
    width: options.width,
    height: HEIGHT,
    ms: 1,
    tzDate: onDepotClock,
    cursor: { drag: { x: false, y: false } },
    legend: { show: true, live: true },
    scales: {
      x: { time: true, range: () => [s.from, s.to] },
      c: { range: () => cRange },
      rh: { range: () => rhRange },
    },
    series: [
      { label: text.time, value: (_u, v) => (v === null ? '—' : formatInstant(v)) },
      { label: text.minC, scale: 'c', stroke: TEMPERATURE, width: 1.5, value: (_u, v) => degrees(v) },
      { label: text.maxC, scale: 'c', stroke: TEMPERATURE, width: 1.5, value: (_u, v) => degrees(v) },
      { label: text.minRh, scale: 'rh', stroke: HUMIDITY, width: 1.5, value: (_u, v) => percent(v) },
      { label: text.maxRh, scale: 'rh', stroke: HUMIDITY, width: 1.5, value: (_u, v) => percent(v) },
    ],
    bands: [
      { series: [2, 1], fill: TEMPERATURE_FILL },
      { series: [4, 3], fill: HUMIDITY_FILL },
    ],
    axes: [
      { font, size: 52, values: timeValues(text), grid: { stroke: '#eceff3' } },
      {
        scale: 'c',
        font,
        labelFont: font,
        label: text.axisC,
        stroke: TEMPERATURE,
        filter: inC,
        grid: { stroke: '#eceff3', filter: inC },
        ticks: { filter: inC },
        values: (_u, splits) => splits.map((v) => (v === null ? '' : String(+v.toFixed(1)))),
      },
      {
        scale: 'rh',
        side: 1,
        font,
        labelFont: font,
        label: text.axisRh,
        stroke: HUMIDITY,
        filter: inRh,
        grid: { show: false },
        ticks: { filter: inRh },
        values: (_u, splits) => splits.map((v) => (v === null ? '' : String(Math.round(v)))),
      },
    ],
    hooks: {
      init: [(u) => void (gapFill = hatch(u.ctx))],
      drawClear: [(u) => shadeExcursions(u, s.excursions, s.to, gapFill)],
      draw: [
        (u) => {
          limitLine(u, limits.maxC, 'c', '#b42318', `${limits.maxC} °C`);
          limitLine(u, limits.minC, 'c', '#b42318', `${limits.minC} °C`);
          limitLine(u, limits.maxRh, 'rh', HUMIDITY, `${limits.maxRh} %`);
        },
      ],
    },
  };
  const plot = new uPlot(opts, data, el);
  return {
    setSize: (width) => plot.setSize({ width, height: HEIGHT }),
    destroy: () => plot.destroy(),
  };
}
