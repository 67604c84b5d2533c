import type { Deps } from '../server/deps.ts';
import type { Actor } from '../server/auth/scope.ts';
import { zonedTimeToUtc } from '../server/domain/climate-csv.ts';
import { toIsoDate } from '../server/domain/expiry.ts';
import { acknowledgeExcursion, createArea, createSensor, importCsv, recordReading } from '../server/services/climate.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A store's day: coolest at dawn, warmest mid-afternoon, drier when warmer; deterministic. */
function weather(t: number, base: number) {
  const hour = ((t / HOUR + 8) % 24 + 24) % 24; // local hour in Ningxia
  const day = Math.floor(t / DAY);
  const wobble = Math.sin(day * 1.7) * 0.8;
  const temperatureC = base + wobble + 2.5 * Math.sin(((hour - 9) / 24) * 2 * Math.PI);
  const humidityPct = 48 - (temperatureC - base) * 2 + Math.cos(day * 0.9) * 4;
  return { temperatureC: Math.round(temperatureC * 10) / 10, humidityPct: Math.round(humidityPct) };
}

/**
 * Climate logs for the demo: the county store has a data logger (30 days every 30 minutes)
 * with one hot afternoon, acknowledged, and a damp spell still open; the township records its
 * twice-daily round by hand and missed a day; the village has no log at all.
 */
export function seedClimateDemo(deps: Deps, actors: Record<'region' | 'city' | 'county' | 'township', Actor>) {
  const now = deps.clock.now().getTime();
  const tz = deps.config.timeZone;
  const [y, m, d] = toIsoDate(new Date(now), tz).split('-').map(Number) as [number, number, number];
  const midnight = zonedTimeToUtc(y, m, d, 0, 0, 0, tz);

  const county = actors.county;
  const store = createArea(deps, county, county.depotId, { name: '一号库房', kind: 'room', expectedIntervalMinutes: 120 });
  createSensor(deps, county, store.id, '库房温湿度记录仪');
  const lines = ['时间,温度(℃),湿度(%RH)'];
  const hotStart = midnight - 3 * DAY + 14 * HOUR;
  const dampStart = midnight - DAY + 2 * HOUR;
  for (let t = midnight - 30 * DAY; t <= now - HOUR; t += HOUR / 2) {
    const w = weather(t, 16); // cool: the store holds suppositories (KJ-0301, 20 °C at most)
    if (t >= hotStart && t < hotStart + 2.5 * HOUR) w.temperatureC = 26.2 + (t - hotStart) / HOUR / 2;
    if (t >= dampStart && t < dampStart + 5 * HOUR) w.humidityPct = 67 + Math.round((t - dampStart) / HOUR);
    lines.push(`${new Date(t).toISOString()},${w.temperatureC},${w.humidityPct}`);
  }
  const imported = importCsv(deps, county, store.id, lines.join('\n'), {});
  for (const e of imported.excursions) {
    if (e.kind === 'temperature_high') acknowledgeExcursion(deps, actors.county, e.id, { action: '下午西晒，开启空调降至 22 ℃，拉上窗帘', resolution: 'corrective_action' });
  }

  const rounds = (actor: Actor, name: string, base: number, skipDay?: number) => {
    const area = createArea(deps, actor, actor.depotId, { name, kind: name.includes('柜') ? 'cabinet' : 'room' });
    for (let day = 30; day >= 0; day--) {
      if (day === skipDay) continue;
      for (const hour of [9, 15]) {
        const t = midnight - day * DAY + hour * HOUR + ((day * 7) % 11) * 60_000;
        if (t > now) continue;
        recordReading(deps, actor, area.id, { takenAt: t, ...weather(t, base) });
      }
    }
  };
  rounds(actors.region, '自治区药具库', 15);
  rounds(actors.city, '市药具库房', 18);
  rounds(actors.township, '药具柜', 20, 6);
}
