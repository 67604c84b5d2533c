import { DomainError } from './errors.ts';
import { toIsoDate } from './expiry.ts';
import type { PostingLine } from './ledger.ts';
import { quantitiesByUnit, type UnitLine } from './units.ts';
import { STORAGE_ZONES, type StorageZone } from '../schemas/constants.ts';

/**
 * Stock count rules (盘库, docs/regulation.md 3.6): counted at least every year and the surplus or
 * shortage reported to the leader (SC-1, S0:384); the count sheet signed by the storekeeper
 * (SC-2, S0:415); books agreeing with the goods once the variances post (SC-4, S0:404).
 */

export type StockCountStatus = 'counting' | 'submitted' | 'posted' | 'cancelled';
export type CountMode = 'add' | 'set';

/**
 * SC-1 (S0:384 「每年要对库存药具进行定期盘库」): a depot whose last posted count was approved
 * more than this many months before today is overdue, and so is one that has never counted.
 * The regulation gives no date (SC-R3); this may move to config.
 */
export const COUNT_INTERVAL_MONTHS = 12;

export interface CountLineFigures {
  /** Frozen when the count started; 0 for stock found that the books did not have. */
  expected: number;
  /** null until someone counts the line. */
  counted: number | null;
  unitPriceFen: number;
}

export interface CountLine extends CountLineFigures {
  zone: StorageZone;
  batchId: number;
}

/** The zones a count covers, each once, in the yellow-green-red order; all three when none are named. */
export function normaliseZones(zones?: readonly StorageZone[]): StorageZone[] {
  if (!zones || zones.length === 0) return [...STORAGE_ZONES];
  return STORAGE_ZONES.filter((z) => zones.includes(z));
}

/** `PD-640121-0003`: the depot's third count (盘点). */
export function countNumber(depotCode: string, sequence: number): string {
  return `PD-${depotCode}-${String(sequence).padStart(4, '0')}`;
}

/** Counted minus expected: positive is surplus (盘盈), negative shortage (盘亏); null before the line is counted. */
export function lineVariance(line: Pick<CountLineFigures, 'expected' | 'counted'>): number | null {
  return line.counted === null ? null : line.counted - line.expected;
}

/** The variance valued at the line's unit price, in fen. */
export function varianceValueFen(line: CountLineFigures): number | null {
  const variance = lineVariance(line);
  return variance === null ? null : variance * line.unitPriceFen;
}

/**
 * A scan adds to what is already counted on the line; typing a figure replaces it.
 * Example: a line counted 20, a scan of a carton of 10 gives 30; typing 28 gives 28.
 */
export function countedAfter(current: number | null, quantity: number, mode: CountMode): number {
  return mode === 'add' ? (current ?? 0) + quantity : quantity;
}

export function isCounted(line: { counted: number | null }): boolean {
  return line.counted !== null;
}

/** A blind count shows nobody what the books expect while it is being counted. */
export function isExpectedHidden(count: { blind: boolean; status: StockCountStatus }): boolean {
  return count.blind && count.status === 'counting';
}

/** A line as a reader sees it: the book figure and everything derived from it hidden in a blind count. */
export function viewLine<L extends CountLineFigures>(line: L, hidden: boolean) {
  if (hidden) return { ...line, expected: null, variance: null, varianceValueFen: null };
  return { ...line, variance: lineVariance(line), varianceValueFen: varianceValueFen(line) };
}

/** The figures of a set of lines: what the books expect, what was counted, surplus and shortage with their values. */
interface CountFigures {
  countedLines: number;
  expected: number;
  counted: number;
  over: number;
  short: number;
  overValueFen: number;
  shortValueFen: number;
}

function figuresOf(lines: readonly CountLineFigures[]): CountFigures {
  const f: CountFigures = { countedLines: 0, expected: 0, counted: 0, over: 0, short: 0, overValueFen: 0, shortValueFen: 0 };
  for (const line of lines) {
    f.expected += line.expected;
    if (line.counted === null) continue;
    f.countedLines += 1;
    f.counted += line.counted;
    const variance = line.counted - line.expected;
    if (variance > 0) {
      f.over += variance;
      f.overValueFen += variance * line.unitPriceFen;
    } else if (variance < 0) {
      f.short -= variance;
      f.shortValueFen -= variance * line.unitPriceFen;
    }
  }
  return f;
}

/** One unit's figures on the sheet; the book figures and the variances are null while hidden. */
export interface CountUnitTotals {
  unitZh: string;
  unitEn: string;
  lines: number;
  countedLines: number;
  expected: number | null;
  counted: number;
  over: number | null;
  short: number | null;
  overValueFen: number | null;
  shortValueFen: number | null;
}

export interface CountTotals {
  lines: number;
  countedLines: number;
  /** Quantities per unit (server/domain/units.ts): 板 and 盒 are never added into one figure. */
  byUnit: CountUnitTotals[];
  overValueFen: number | null;
  shortValueFen: number | null;
  netValueFen: number | null;
}

/**
 * The variance report to the leader (SC-1): per unit, the book and counted quantities, surplus
 * and shortage as positive magnitudes; the values in yuan add up across units into the net value.
 * Uncounted lines add nothing yet.
 *
 * Example: lot A (板) expected 100 counted 97 at 250 fen, lot B (板) expected 40 counted 40, lot C
 * (盒) expected 0 counted 12 at 180 fen: 板 expected 140 counted 137 short 3 (750 fen), 盒 expected
 * 0 counted 12 over 12 (2,160 fen); net +1,410 fen.
 */
export function countTotals(lines: readonly (CountLineFigures & Pick<UnitLine, 'unitZh' | 'unitEn'>)[], hidden: boolean): CountTotals {
  const shown = <T>(v: T) => (hidden ? null : v);
  // The largest quantity first, as every per-unit total: by the books, or by the count while the books are hidden (the order would tell them).
  const units = quantitiesByUnit(lines.map((l) => ({ unitZh: l.unitZh, unitEn: l.unitEn, quantity: hidden ? (l.counted ?? 0) : l.expected })));
  const byUnit = units.map(({ unitZh, unitEn }): CountUnitTotals => {
    const of = lines.filter((l) => l.unitZh === unitZh);
    const f = figuresOf(of);
    return {
      unitZh,
      unitEn,
      lines: of.length,
      countedLines: f.countedLines,
      expected: shown(f.expected),
      counted: f.counted,
      over: shown(f.over),
      short: shown(f.short),
      overValueFen: shown(f.overValueFen),
      shortValueFen: shown(f.shortValueFen),
    };
  });
  const all = figuresOf(lines);
  return {
    lines: lines.length,
    countedLines: all.countedLines,
    byUnit,
    overValueFen: shown(all.overValueFen),
    shortValueFen: shown(all.shortValueFen),
    netValueFen: shown(all.overValueFen - all.shortValueFen),
  };
}

/** Lines may be counted only while the count is open: after the storekeeper signs, the sheet is closed. */
export function assertCountOpen(count: { number: string; status: StockCountStatus }): void {
  if (count.status !== 'counting') throw new DomainError('count_not_open', `Stock count ${count.number} is ${count.status}`, { status: count.status });
}

/** The leader decides only on a submitted count; a posted one is final. */
export function assertCountSubmitted(count: { number: string; status: StockCountStatus }): void {
  if (count.status === 'posted') throw new DomainError('count_already_posted', `Stock count ${count.number} has already posted`);
  if (count.status !== 'submitted') throw new DomainError('count_not_submitted', `Stock count ${count.number} is ${count.status}, not submitted`, { status: count.status });
}

export function assertCountCancellable(count: { number: string; status: StockCountStatus }): void {
  if (count.status === 'posted') throw new DomainError('count_already_posted', `Stock count ${count.number} has already posted`);
  if (count.status === 'cancelled') throw new DomainError('count_not_open', `Stock count ${count.number} is cancelled`, { status: count.status });
}

/** The storekeeper signs a sheet only when every line has a figure (S0:415), or says the rest are zero. */
export function assertAllCounted<L extends { id: number; lot: string; zone: string; counted: number | null }>(lines: readonly L[]): void {
  const missing = lines.filter((l) => !isCounted(l));
  if (missing.length > 0) {
    throw new DomainError('lines_not_counted', `${missing.length} line(s) have no count`, { lines: missing.map((l) => ({ id: l.id, lot: l.lot, zone: l.zone })) });
  }
}

/**
 * What an approved count posts: one line per non-zero variance, at its zone and batch, valued
 * at the line's unit price, so that the books then equal the goods (SC-4).
 *
 * Example at depot 3: qualified lot A expected 100 counted 97 (250 fen), qualified lot B
 * expected 40 counted 40, pending lot C expected 0 counted 12 (180 fen) give
 * [{ qualified, A, -3, 250 }, { pending, C, +12, 180 }]; a count without variance posts nothing.
 */
export function planCountAdjustment(depotId: number, lines: readonly CountLine[]): PostingLine[] {
  return lines.flatMap((line) => {
    if (line.counted === null) throw new DomainError('lines_not_counted', `Batch ${line.batchId} in the ${line.zone} zone has no count`);
    const variance = line.counted - line.expected;
    return variance === 0 ? [] : [{ depotId, location: line.zone, batchId: line.batchId, quantity: variance, unitPriceFen: line.unitPriceFen }];
  });
}

/** A calendar date `months` later, the day clamped to the month's end: 2024-02-29 + 12 months is 2025-02-28. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The last day the next count is on time: the last count's date in the depots' calendar plus the interval. */
export function countDueOn(lastCountedAt: string, timeZone = 'UTC', months = COUNT_INTERVAL_MONTHS): string {
  return addMonths(toIsoDate(new Date(lastCountedAt), timeZone), months);
}

/**
 * Overdue (SC-1): never counted, or the last posted count more than the interval before today.
 * Example in Asia/Shanghai with 12 months: approved 2025-11-20T02:00Z (2025-11-20 in Beijing)
 * is due by 2026-11-20; on 2026-11-20 it is not overdue, on 2026-11-21 it is.
 */
export function isCountOverdue(lastCountedAt: string | null, now: Date, timeZone = 'UTC', months = COUNT_INTERVAL_MONTHS): boolean {
  if (lastCountedAt === null) return true;
  return toIsoDate(now, timeZone) > countDueOn(lastCountedAt, timeZone, months);
}
