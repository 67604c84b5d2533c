import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { breaches, detectExcursions, downsampleMinMax, durationMinutes, effectiveLimits, exposureMinutes, isPlausible, type ClimateLimits, type Reading } from '../../server/domain/climate.ts';
import { climateCheckDue } from '../../server/domain/transfers.ts';

const LIMITS: ClimateLimits = { minC: 5, maxC: 25, maxRh: 65, rhAtLimitBreaches: true };
const T0 = Date.UTC(2026, 10, 23, 1, 0, 0); // 09:00 in Asia/Shanghai
const MIN = 60_000;
const DAY = 1440 * MIN;
/** Readings every 5 minutes from T0: [°C, RH] pairs. */
const series = (values: [number, number | null][], stepMinutes = 5): Reading[] => values.map(([t, h], i) => ({ takenAt: T0 + i * stepMinutes * MIN, temperatureC: t, humidityPct: h }));
const detect = (readings: Reading[], limits = LIMITS, options: { expectedIntervalMs?: number; now?: number } = {}) =>
  detectExcursions(readings, limits, { expectedIntervalMs: options.expectedIntervalMs ?? DAY, now: options.now });

describe('limits (S0:325: 5-25 °C, RH below 65 %)', () => {
  it('keeps 25 °C and 5 °C within the limits, and takes 65 % RH as a breach unless configured otherwise', () => {
    expect(breaches({ takenAt: 0, temperatureC: 25, humidityPct: 64.9 }, LIMITS)).toEqual({ temperature_high: false, temperature_low: false, humidity_high: false });
    expect(breaches({ takenAt: 0, temperatureC: 5, humidityPct: 65 }, LIMITS)).toEqual({ temperature_high: false, temperature_low: false, humidity_high: true });
    expect(breaches({ takenAt: 0, temperatureC: 25.1, humidityPct: 65 }, { ...LIMITS, rhAtLimitBreaches: false })).toEqual({ temperature_high: true, temperature_low: false, humidity_high: false });
    expect(breaches({ takenAt: 0, temperatureC: 4.9, humidityPct: null }, LIMITS)).toEqual({ temperature_high: false, temperature_low: true, humidity_high: null });
  });

  it('refuses physically implausible readings', () => {
    expect(isPlausible(-50, 0)).toBe(true);
    expect(isPlausible(70, 100)).toBe(true);
    expect(isPlausible(-50.1, 40)).toBe(false);
    expect(isPlausible(20, 100.1)).toBe(false);
    expect(isPlausible(20, -1)).toBe(false);
    expect(isPlausible(Number.NaN, null)).toBe(false);
  });

  it('tightens an area’s limits by the products stored in it', () => {
    const limits = effectiveLimits({ minC: 5, maxC: 25, maxRh: 65 }, [
      { code: 'GEL', storageMinC: null, storageMaxC: 20, storageMaxRh: null },
      { code: 'LOOSE', storageMinC: 2, storageMaxC: 30, storageMaxRh: 80 },
      { code: 'DRY', storageMinC: 8, storageMaxC: null, storageMaxRh: 60 },
    ], true);
    expect(limits).toEqual({ minC: 8, maxC: 20, maxRh: 60, rhAtLimitBreaches: true, limitedBy: ['GEL', 'DRY'] });
  });
});

describe('excursion detection', () => {
  it('finds nothing when a series touches 25 °C exactly and stays below 65 %', () => {
    expect(detect(series([[22, 50], [25, 64.9], [25, 60], [24, 55]]))).toEqual([]);
  });

  it('makes a single spike an excursion from the spike to the next reading back within limits', () => {
    const found = detect(series([[22, 50], [27.5, 50], [22, 50]]));
    expect(found).toEqual([{ kind: 'temperature_high', startAt: T0 + 5 * MIN, endAt: T0 + 10 * MIN, extreme: 27.5, readings: 1 }]);
    expect(durationMinutes(found[0]!, T0 + DAY)).toBe(5);
  });

  it('takes 65 % RH as the start of a humidity excursion and keeps the highest value', () => {
    expect(detect(series([[20, 60], [20, 65], [20, 71], [20, 66], [20, 64]]))).toEqual([{ kind: 'humidity_high', startAt: T0 + 5 * MIN, endAt: T0 + 20 * MIN, extreme: 71, readings: 3 }]);
    expect(detect(series([[20, 60], [20, 65], [20, 64]]), { ...LIMITS, rhAtLimitBreaches: false })).toEqual([]);
  });

  it('keeps the kinds apart: hot and damp at once are two excursions, a cold spell its own', () => {
    const found = detect(series([[20, 50], [26, 70], [26, 60], [4, 60], [20, 50]]));
    expect(found.map((e) => [e.kind, (e.startAt - T0) / MIN, (e.endAt! - T0) / MIN, e.extreme])).toEqual([
      ['temperature_high', 5, 15, 26],
      ['humidity_high', 5, 10, 70],
      ['temperature_low', 15, 20, 4],
    ]);
  });

  it('gives the same excursions for readings out of order', () => {
    const ordered = series([[20, 50], [26, 50], [27, 50], [20, 50], [3, 40], [20, 50]]);
    const shuffled = [ordered[3]!, ordered[0]!, ordered[5]!, ordered[2]!, ordered[1]!, ordered[4]!];
    expect(detect(shuffled)).toEqual(detect(ordered));
  });

  it('leaves an excursion open when the series ends beyond a limit', () => {
    expect(detect(series([[20, 50], [26, 50], [28, 50]]))).toEqual([{ kind: 'temperature_high', startAt: T0 + 5 * MIN, endAt: null, extreme: 28, readings: 2 }]);
  });

  it('does not let a reading without humidity end a humidity excursion', () => {
    expect(detect(series([[20, 70], [20, null], [20, 50]]))).toEqual([{ kind: 'humidity_high', startAt: T0, endAt: T0 + 10 * MIN, extreme: 70, readings: 1 }]);
  });

  it('finds gaps longer than the expected interval, and the open gap since the last reading', () => {
    const readings = [T0, T0 + DAY, T0 + DAY + DAY + MIN].map((takenAt) => ({ takenAt, temperatureC: 20, humidityPct: 50 }));
    expect(detect(readings)).toEqual([{ kind: 'gap', startAt: T0 + DAY, endAt: T0 + 2 * DAY + MIN, extreme: null, readings: 0 }]);
    const last = T0 + 2 * DAY + MIN;
    expect(detect(readings, LIMITS, { now: last + DAY })).toHaveLength(1);
    expect(detect(readings, LIMITS, { now: last + DAY + 1 }).at(-1)).toEqual({ kind: 'gap', startAt: last, endAt: null, extreme: null, readings: 0 });
  });

  it('finds every breaching reading inside exactly one excursion of its kind (property)', () => {
    const reading = fc.record({ minute: fc.integer({ min: 0, max: 10_000 }), t: fc.integer({ min: 0, max: 300 }).map((x) => x / 10), h: fc.option(fc.integer({ min: 300, max: 800 }).map((x) => x / 10)) });
    fc.assert(
      fc.property(fc.array(reading, { maxLength: 60 }), (raw) => {
        const unique = [...new Map(raw.map((r) => [r.minute, r])).values()];
        const readings = unique.map((r) => ({ takenAt: T0 + r.minute * MIN, temperatureC: r.t, humidityPct: r.h }));
        const found = detect(readings);
        for (const r of readings) {
          const b = breaches(r, LIMITS);
          for (const kind of ['temperature_high', 'temperature_low', 'humidity_high'] as const) {
            const holding = found.filter((e) => e.kind === kind && e.startAt <= r.takenAt && (e.endAt === null || r.takenAt < e.endAt));
            if (b[kind] === true) expect(holding).toHaveLength(1);
            if (b[kind] === false) expect(holding).toHaveLength(0);
          }
        }
      }),
    );
  });
});

describe('exposure of batches to an excursion', () => {
  const at = (minutes: number) => T0 + minutes * MIN;
  it('counts the minutes each batch had stock in the area’s zones during the excursion', () => {
    const events = [
      { at: at(-100), batchId: 1, zone: 'qualified', balanceAfter: 40 }, // held before, all issued 20 minutes in
      { at: at(20), batchId: 1, zone: 'qualified', balanceAfter: 0 },
      { at: at(30), batchId: 2, zone: 'pending', balanceAfter: 10 }, // arrives 30 minutes in
      { at: at(45), batchId: 2, zone: 'pending', balanceAfter: 0 }, // moved to qualified: still in the area
      { at: at(45), batchId: 2, zone: 'qualified', balanceAfter: 10 },
      { at: at(-500), batchId: 3, zone: 'qualified', balanceAfter: 5 }, // gone before the excursion
      { at: at(-400), batchId: 3, zone: 'qualified', balanceAfter: 0 },
      { at: at(70), batchId: 4, zone: 'qualified', balanceAfter: 5 }, // arrives after it
    ];
    expect(Object.fromEntries(exposureMinutes(new Map(), events, at(0), at(60)))).toEqual({ 1: 20, 2: 30 });
  });
});

describe('downsampling for the chart', () => {
  it('keeps a 10-minute spike that an average would hide', () => {
    const day = Array.from({ length: 288 }, (_, i) => ({ takenAt: T0 + i * 5 * MIN, temperatureC: i === 100 || i === 101 ? 31 : 20, humidityPct: i === 200 ? 90 : 50 }));
    const buckets = downsampleMinMax(day, T0, T0 + DAY, 24);
    expect(buckets).toHaveLength(24);
    expect(Math.max(...buckets.map((b) => b.maxC))).toBe(31);
    expect(Math.max(...buckets.map((b) => b.maxRh!))).toBe(90);
    expect(Math.min(...buckets.map((b) => b.minC))).toBe(20);
    expect(buckets.reduce((s, b) => s + b.n, 0)).toBe(288);
    const mean = day.slice(96, 108).reduce((s, r) => s + r.temperatureC, 0) / 12;
    expect(mean).toBeLessThan(25); // what averaging would have drawn
  });

  it('returns each reading as its own point when there are fewer than buckets, and leaves empty spans out', () => {
    const few = series([[20, 50], [21, null]]);
    expect(downsampleMinMax(few, T0, T0 + DAY, 100)).toEqual([
      { t: T0, minC: 20, maxC: 20, minRh: 50, maxRh: 50, n: 1 },
      { t: T0 + 5 * MIN, minC: 21, maxC: 21, minRh: null, maxRh: null, n: 1 },
    ]);
    const sparse = [...series([[20, 50], [22, 50], [21, 50]]), { takenAt: T0 + DAY - MIN, temperatureC: 19, humidityPct: 40 }];
    expect(downsampleMinMax(sparse, T0, T0 + DAY, 2).map((b) => [b.t, b.minC, b.maxC, b.n])).toEqual([
      [T0, 20, 22, 3],
      [T0 + DAY / 2, 19, 19, 1],
    ]);
  });
});

describe('the climate part of the pre-issue check', () => {
  it('is due after an exposure until an inspection follows its end', () => {
    expect(climateCheckDue(undefined, null)).toBe(false);
    expect(climateCheckDue(null, '2026-11-23T05:00:00.000Z')).toBe(true);
    const end = Date.parse('2026-11-23T04:00:00.000Z');
    expect(climateCheckDue(end, null)).toBe(true);
    expect(climateCheckDue(end, '2026-11-23T04:00:00.000Z')).toBe(true);
    expect(climateCheckDue(end, '2026-11-23T04:00:01.000Z')).toBe(false);
  });
});
