import { DomainError } from './errors.ts';

/**
 * Planning rules (docs/regulation.md 3.7; S0:343-351): demand plans are compiled bottom-up
 * from the townships in the fourth quarter; allocation plans go top-down and are issued by the
 * end of February. The two proposals below are the system's suggestion: the planner may change
 * a demand quantity (with a reason) and any allocation within what is available.
 */

/** The eight inputs of a demand-plan line that the regulation names (DP-2, S0:346-347), prefilled from the ledger. */
export interface DemandInputs {
  /** 上年执行量: issued to the depots below and dispensed to people over the last twelve months. */
  lastYearIssued: number;
  lastYearDispensed: number;
  /** 当年期初库存量: what the depot holds now, qualified and awaiting inspection. */
  openingStock: number;
  /** 下级库存量: what the depots below hold. */
  stockBelow: number;
  /**
   * 使用人数: users of the product in the subtree: its method's users (latest half-year figures)
   * by its share of the method's use last year; null when unknown.
   */
  users: number | null;
  /** 年、人份标准使用量: units one user needs in a year (S0:514). */
  standardAnnualUse: number;
  /** 库存周转量 as months of use to hold in stock. */
  turnoverMonths: number;
  /** 群众用药具需求变化趋势: the expected change in use, in percent (from the users' trend). */
  trendPct: number;
  /** The quantities the depots directly below asked for in their submitted plans. */
  childrenRequested: number;
  /** Whether any depot below plans for itself (then their requests are the need). */
  hasPlanningChildren: boolean;
}

/**
 * The proposed quantity of a demand-plan line.
 *
 * Where the plan starts (a township, or any depot without planning depots below), the need is
 * what its users will use: users × standard annual use when the users are known, else last
 * year's execution; it grows with the trend; the depot keeps `turnoverMonths` of it in stock;
 * what it and the depots below already hold is deducted.
 *
 *   use       = (users × standard, or issued + dispensed) × (1 + trend)
 *   proposed  = max(0, ⌈use + use × turnoverMonths / 12 − openingStock − stockBelow⌉)
 *
 * A depot with planning depots below passes their requests up (they have deducted their own
 * stock) and adds what it needs to hold its own turnover stock of that total:
 *
 *   proposed  = childrenRequested + max(0, ⌈childrenRequested × turnoverMonths / 12 − openingStock⌉)
 *
 * Worked example (township, 1,200 pill users, 13 cycles a year each, trend +5 %, 3 months of
 * turnover, 1,500 in stock, 900 at its villages): use = 1,200 × 13 × 1.05 = 16,380; turnover
 * 4,095; proposed = ⌈16,380 + 4,095 − 1,500 − 900⌉ = 18,075. Its county, with two townships
 * asking 18,075 and 9,925 (28,000) and 5,000 of its own: 28,000 + ⌈7,000 − 5,000⌉ = 30,000.
 */
export function proposeDemand(i: DemandInputs): number {
  if (i.hasPlanningChildren) {
    return i.childrenRequested + Math.max(0, Math.ceil((i.childrenRequested * i.turnoverMonths) / 12 - i.openingStock));
  }
  const base = i.users !== null && i.users > 0 && i.standardAnnualUse > 0 ? i.users * i.standardAnnualUse : i.lastYearIssued + i.lastYearDispensed;
  const use = base * (1 + i.trendPct / 100);
  return Math.max(0, Math.ceil(use + (use * i.turnoverMonths) / 12 - i.openingStock - i.stockBelow - 1e-9));
}

/**
 * The trend of users between two half-years, in percent, rounded to a tenth; 0 when the
 * earlier figure is unknown or zero. Example: 1,000 → 1,050 users is +5 %.
 */
export function usersTrendPct(earlier: number | null, later: number | null): number {
  if (earlier === null || later === null || earlier <= 0) return 0;
  return Math.round(((later - earlier) / earlier) * 1000) / 10;
}

/** A child's claim on one product in an allocation plan (AP-2, S0:350). */
export interface AllocationClaim {
  childId: number;
  /** 各基层单位申请量: the quantity in the child's submitted demand plan, null if it sent none. */
  requested: number | null;
  /** 上年使用量: what the child's subtree used (was issued or dispensed) last year. */
  lastYearUse: number;
  /** 上年药具使用人数. */
  lastYearUsers: number;
  /** 预测变化量, in percent. */
  forecastChangePct: number;
}

/**
 * The proposed split of what a depot holds and expects to receive of one product among its
 * children, never more than `available` in total (AP-1 满足需要,保障供给).
 *
 * Each child's target is its request; without one, last year's use grown by the forecast
 * change. When the targets fit in what is available, each child gets its target. Otherwise
 * each gets the same share of its target, rounded down, and the units left over go one by one
 * to the largest remainders (then the larger target, then the lower id).
 *
 * Worked example: 1,000 available; A asks 600, B asks 300, C sent no plan and used 180 last
 * year with +10 % forecast (target 198). Targets 1,098 > 1,000, so the share is 1,000 / 1,098:
 * A 546.45, B 273.22, C 180.33 → 546, 273, 180 = 999, and the one left goes to A (remainder
 * .45): A 547, B 273, C 180.
 */
export function proposeAllocation(claims: readonly AllocationClaim[], available: number): Map<number, number> {
  const targets = claims.map((c) => ({ id: c.childId, target: Math.max(0, c.requested ?? Math.round(c.lastYearUse * (1 + c.forecastChangePct / 100))) }));
  const total = targets.reduce((s, t) => s + t.target, 0);
  const pool = Math.max(0, Math.floor(available));
  if (total <= pool) return new Map(targets.map((t) => [t.id, t.target]));
  const shares = targets.map((t) => {
    const exact = (t.target * pool) / total;
    return { ...t, quantity: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let left = pool - shares.reduce((s, t) => s + t.quantity, 0);
  for (const s of [...shares].sort((a, b) => b.remainder - a.remainder || b.target - a.target || a.id - b.id)) {
    if (left <= 0) break;
    s.quantity++;
    left--;
  }
  return new Map(shares.map((s) => [s.id, s.quantity]));
}

/** An allocation within what is available: per product, the sum over children never exceeds it. */
export function assertWithinAvailable(lines: readonly { productId: number; productCode?: string; allocated: number }[], available: ReadonlyMap<number, number>): void {
  const sums = new Map<number, number>();
  for (const l of lines) sums.set(l.productId, (sums.get(l.productId) ?? 0) + l.allocated);
  for (const [productId, sum] of sums) {
    const have = available.get(productId) ?? 0;
    if (sum > have) {
      const code = lines.find((l) => l.productId === productId)?.productCode ?? String(productId);
      throw new DomainError('exceeds_available', `${code}: ${sum} allocated but only ${have} available`, { productId, available: have, allocated: sum });
    }
  }
}

/**
 * When plans for a year may be made. A demand plan for year Y opens on 1 October of Y-1 (the
 * fourth quarter, DP-3) and closes once Y has begun; an allocation plan for Y may be made from
 * the same day until the end of Y, and is late when issued after the end of February of Y
 * (AP-3). Dates are the depots' calendar dates "YYYY-MM-DD".
 */
export function demandYearState(year: number, today: string, opensMonth = 10): 'not_open' | 'open' | 'closed' {
  if (today < `${year - 1}-${String(opensMonth).padStart(2, '0')}-01`) return 'not_open';
  return today < `${year}-01-01` ? 'open' : 'closed';
}

export function allocationDeadline(year: number): string {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}-02-${leap ? '29' : '28'}`;
}

export function isAllocationLate(year: number, issuedOn: string | null, today: string): boolean {
  const deadline = allocationDeadline(year);
  return issuedOn === null ? today > deadline : issuedOn > deadline;
}
