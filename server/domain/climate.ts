/**
 * Storage climate rules (S0:325, 380, 510; docs/regulation.md Z-R5): a store keeps 5-25 °C and
 * relative humidity below 65 %. Readings are logged; every period outside the limits and every
 * period without readings is found, shown and acknowledged. Times are epoch milliseconds.
 */

export interface Reading {
  takenAt: number;
  temperatureC: number;
  /** null when the instrument logs temperature only. */
  humidityPct: number | null;
}

export interface ClimateLimits {
  minC: number;
  maxC: number;
  maxRh: number;
  /**
   * S0:325 says RH 「小于65%」 (below 65 %, so 65 % is a breach), S0:380 says 「65%以内」
   * (within 65 %). True, the default, reads the stricter rule.
   */
  rhAtLimitBreaches: boolean;
}

export type OutOfLimitsKind = 'temperature_high' | 'temperature_low' | 'humidity_high';
export type ExcursionKind = OutOfLimitsKind | 'gap';

export interface DerivedExcursion {
  kind: ExcursionKind;
  startAt: number;
  /** The first reading back within limits (or the reading that ends a gap); null: still going on. */
  endAt: number | null;
  /** Highest °C, lowest °C or highest RH seen; null for a gap. */
  extreme: number | null;
  readings: number;
}

/** Physically plausible readings: anything else is a broken instrument or a typing error. */
export const PLAUSIBLE = { minC: -50, maxC: 70, minPct: 0, maxPct: 100 } as const;

export function isPlausible(temperatureC: number, humidityPct: number | null): boolean {
  if (!Number.isFinite(temperatureC) || temperatureC < PLAUSIBLE.minC || temperatureC > PLAUSIBLE.maxC) return false;
  return humidityPct === null || (Number.isFinite(humidityPct) && humidityPct >= PLAUSIBLE.minPct && humidityPct <= PLAUSIBLE.maxPct);
}

/**
 * Which limits one reading breaches. 25 °C and 5 °C are within 5-25 °C; 65 % RH is a breach
 * unless `rhAtLimitBreaches` is off. A reading without humidity says nothing about humidity.
 */
export function breaches(r: Reading, limits: ClimateLimits): Record<OutOfLimitsKind, boolean | null> {
  return {
    temperature_high: r.temperatureC > limits.maxC,
    temperature_low: r.temperatureC < limits.minC,
    humidity_high: r.humidityPct === null ? null : limits.rhAtLimitBreaches ? r.humidityPct >= limits.maxRh : r.humidityPct > limits.maxRh,
  };
}

/** Within every limit: a reading that separates one excursion from the next. */
export function isCalm(r: Reading, limits: ClimateLimits): boolean {
  const b = breaches(r, limits);
  return !b.temperature_high && !b.temperature_low && b.humidity_high !== true;
}

const KINDS: readonly OutOfLimitsKind[] = ['temperature_high', 'temperature_low', 'humidity_high'];

const valueOf = (r: Reading, kind: OutOfLimitsKind) => (kind === 'humidity_high' ? r.humidityPct! : r.temperatureC);
const moreExtreme = (kind: OutOfLimitsKind, a: number, b: number) => (kind === 'temperature_low' ? Math.min(a, b) : Math.max(a, b));

/**
 * Every excursion in a series of readings (sorted here, so out-of-order input is fine).
 *
 * - Out of limits: from the first reading beyond a limit to the first reading back within it,
 *   one excursion per kind; the extreme is the worst value seen. A single spike of 27 °C at
 *   10:00 between 22 °C at 09:55 and 22 °C at 10:05 is one excursion 10:00-10:05 (5 minutes).
 * - Gap: two consecutive readings further apart than `expectedIntervalMs` (a 09:00 reading
 *   followed by one at 09:00 two days later, with a day expected, is a gap of 48 hours).
 *   With `now`, the time since the last reading counts too: a gap still open.
 * - A series that ends beyond a limit gives an excursion still going on (endAt null).
 */
export function detectExcursions(input: readonly Reading[], limits: ClimateLimits, options: { expectedIntervalMs: number; now?: number }): DerivedExcursion[] {
  const readings = isSorted(input) ? input : [...input].sort((a, b) => a.takenAt - b.takenAt);
  const found: DerivedExcursion[] = [];
  for (const kind of KINDS) {
    let open: DerivedExcursion | undefined;
    for (const r of readings) {
      const breach = breaches(r, limits)[kind];
      if (breach === null) continue;
      if (breach) {
        const value = valueOf(r, kind);
        if (open) {
          open.extreme = moreExtreme(kind, open.extreme!, value);
          open.readings++;
        } else open = { kind, startAt: r.takenAt, endAt: null, extreme: value, readings: 1 };
      } else if (open) {
        open.endAt = r.takenAt;
        found.push(open);
        open = undefined;
      }
    }
    if (open) found.push(open);
  }
  for (let i = 1; i < readings.length; i++) {
    const prev = readings[i - 1]!.takenAt;
    const next = readings[i]!.takenAt;
    if (next - prev > options.expectedIntervalMs) found.push({ kind: 'gap', startAt: prev, endAt: next, extreme: null, readings: 0 });
  }
  const last = readings.at(-1);
  if (last && options.now !== undefined && options.now - last.takenAt > options.expectedIntervalMs) {
    found.push({ kind: 'gap', startAt: last.takenAt, endAt: null, extreme: null, readings: 0 });
  }
  return found.sort((a, b) => a.startAt - b.startAt || KINDS.indexOf(a.kind as OutOfLimitsKind) - KINDS.indexOf(b.kind as OutOfLimitsKind));
}

function isSorted(readings: readonly Reading[]): boolean {
  for (let i = 1; i < readings.length; i++) if (readings[i]!.takenAt < readings[i - 1]!.takenAt) return false;
  return true;
}

/** How long an excursion lasted, or has lasted until `now`, in whole minutes (rounded up). */
export function durationMinutes(e: { startAt: number; endAt: number | null }, now: number): number {
  return Math.ceil(((e.endAt ?? now) - e.startAt) / 60_000);
}

/**
 * The limits an area must keep: its own, tightened by every product stored in it that carries
 * stricter ones. Example: a room at 5-25 °C / 65 % holding a gel limited to 20 °C keeps 5-20 °C.
 */
export function effectiveLimits(
  area: { minC: number; maxC: number; maxRh: number },
  products: readonly { code: string; storageMinC: number | null; storageMaxC: number | null; storageMaxRh: number | null }[],
  rhAtLimitBreaches: boolean,
): ClimateLimits & { limitedBy: string[] } {
  const limits = { minC: area.minC, maxC: area.maxC, maxRh: area.maxRh, rhAtLimitBreaches, limitedBy: [] as string[] };
  for (const p of products) {
    let stricter = false;
    if (p.storageMinC !== null && p.storageMinC > limits.minC) (limits.minC = p.storageMinC), (stricter = true);
    if (p.storageMaxC !== null && p.storageMaxC < limits.maxC) (limits.maxC = p.storageMaxC), (stricter = true);
    if (p.storageMaxRh !== null && p.storageMaxRh < limits.maxRh) (limits.maxRh = p.storageMaxRh), (stricter = true);
    if (stricter) limits.limitedBy.push(p.code);
  }
  return limits;
}

/** One change of a batch's stock in one zone of the area: the balance after it. */
export interface StockEvent {
  at: number;
  batchId: number;
  zone: string;
  balanceAfter: number;
}

/**
 * Minutes each batch stood in the area during [from, to]: the time its stock in the area's zones
 * was above zero, given its balances at `from` and the changes after. Example: 40 units held
 * from before a 60-minute excursion, all issued 20 minutes in: 20 minutes of exposure.
 */
export function exposureMinutes(
  opening: ReadonlyMap<string, number>,
  events: readonly StockEvent[],
  from: number,
  to: number,
): Map<number, number> {
  const balance = new Map(opening);
  const total = new Map<number, number>();
  const batchOf = (key: string) => Number(key.slice(key.indexOf(':') + 1));
  for (const [key, q] of balance) total.set(batchOf(key), (total.get(batchOf(key)) ?? 0) + q);
  const heldSince = new Map<number, number>();
  for (const [batchId, q] of total) if (q > 0) heldSince.set(batchId, from);
  const exposed = new Map<number, number>();
  const add = (batchId: number, ms: number) => exposed.set(batchId, (exposed.get(batchId) ?? 0) + ms);
  for (const e of events) {
    if (e.at > to) break;
    const at = Math.max(e.at, from);
    const key = `${e.zone}:${e.batchId}`;
    const sum = (total.get(e.batchId) ?? 0) + e.balanceAfter - (balance.get(key) ?? 0);
    balance.set(key, e.balanceAfter);
    total.set(e.batchId, sum);
    const since = heldSince.get(e.batchId);
    if (sum > 0 && since === undefined) heldSince.set(e.batchId, at);
    if (sum <= 0 && since !== undefined) {
      add(e.batchId, at - since);
      heldSince.delete(e.batchId);
    }
  }
  for (const [batchId, since] of heldSince) add(batchId, to - since);
  const minutes = new Map<number, number>();
  for (const [batchId, ms] of exposed) if (ms > 0) minutes.set(batchId, Math.ceil(ms / 60_000));
  return minutes;
}

export interface SeriesBucket {
  t: number;
  minC: number;
  maxC: number;
  minRh: number | null;
  maxRh: number | null;
  n: number;
}

/**
 * A long range drawn with fewer points: the range is cut into `buckets` equal spans and each
 * keeps the minimum and maximum of its readings (given in time order), so a spike survives (averaging would hide a
 * 10-minute 31 °C peak in a day of 20 °C). Empty spans are left out; the chart shows them as
 * breaks. With no more readings than buckets, each reading is its own point.
 */
export function downsampleMinMax(readings: readonly Reading[], from: number, to: number, buckets: number): SeriesBucket[] {
  const inRange = readings.filter((r) => r.takenAt >= from && r.takenAt < to);
  if (inRange.length <= buckets) {
    return inRange.map((r) => ({ t: r.takenAt, minC: r.temperatureC, maxC: r.temperatureC, minRh: r.humidityPct, maxRh: r.humidityPct, n: 1 }));
  }
  const span = (to - from) / buckets;
  const out: SeriesBucket[] = [];
  let current: SeriesBucket | undefined;
  let index = -1;
  for (const r of inRange) {
    const i = Math.min(buckets - 1, Math.floor((r.takenAt - from) / span));
    if (i !== index) {
      if (current) out.push(current);
      index = i;
      current = { t: Math.round(from + i * span), minC: r.temperatureC, maxC: r.temperatureC, minRh: r.humidityPct, maxRh: r.humidityPct, n: 1 };
      continue;
    }
    const b = current!;
    b.minC = Math.min(b.minC, r.temperatureC);
    b.maxC = Math.max(b.maxC, r.temperatureC);
    if (r.humidityPct !== null) {
      b.minRh = b.minRh === null ? r.humidityPct : Math.min(b.minRh, r.humidityPct);
      b.maxRh = b.maxRh === null ? r.humidityPct : Math.max(b.maxRh, r.humidityPct);
    }
    b.n++;
  }
  if (current) out.push(current);
  return out;
}
