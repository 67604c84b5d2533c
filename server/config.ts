import type { DepotTier, Role } from './schemas/constants.ts';
import type { ExpiredFrom } from './domain/expiry.ts';
import type { ThrottleRule } from './domain/login-throttle.ts';

/**
 * Rule parameters the regulation leaves open (docs/regulation.md section 5), with the defaults the
 * product ships. Passed to createApp so tests and depots can change them.
 */
export interface Config {
  /** 近效期: days before expiry at which a batch counts as near expiry (gap 1). */
  nearExpiryDays: number;
  /** The depots' calendar: "today" for expiry and day-based rules. */
  timeZone: string;
  /**
   * When a batch stops being issuable: on its expiry date (the default, as the product asks), or
   * the day after, reading 「有效期至」 as "valid through".
   */
  expiredFrom: ExpiredFrom;
  /** Roles at the posting's depot that may reverse a wrong posting. */
  reversalRoles: readonly Role[];
  session: { ttlHours: number; idleMinutes: number };
  /** Password throttling (server/domain/login-throttle.ts): per account and client address, and per address. */
  login: ThrottleRule;
  /** argon2id cost; tests lower it to keep the suite fast. */
  passwordHash: { memoryCost: number; timeCost: number };
  /**
   * One-person depots: let the same user sign a receipt as planner and as storekeeper
   * (S0:356 asks for both; S0:414 for separated duties). Off by default; recorded when used.
   */
  allowSameSigner: boolean;
  /**
   * Tiers whose depots inspect goods on receipt (S0:396: 省、地、县); elsewhere a counted
   * receipt goes straight to the qualified zone and the pack is checked at dispensing (S0:398).
   */
  goodsInInspectionTiers: readonly DepotTier[];
  /**
   * Pre-issue check (S0:397): a batch held at a depot `heldDays` or more and last inspected over
   * `sinceInspectionDays` ago is inspected before it leaves. The regulation's sentence can be read
   * with both conditions (`and`, the default) or either (`or`).
   */
  preIssueCheck: { heldDays: number; sinceInspectionDays: number; combine: 'and' | 'or' };
  /** Tiers whose depots dispense to people (S0:398, 415). */
  dispensingTiers: readonly DepotTier[];
  /**
   * Storage climate (S0:325, 380): default limits of a new storage area, whether RH exactly at
   * the limit is a breach (「小于65%」; 「65%以内」 would allow it), how long without a reading
   * is a missing log (the regulation names no frequency: a day fits the twice-daily round), and
   * how often the server looks for missing logs.
   */
  climate: {
    minC: number;
    maxC: number;
    maxRh: number;
    rhAtLimitBreaches: boolean;
    expectedIntervalMinutes: number;
    sweepMinutes: number;
    /** Tiers whose depots keep a store log; a village keeps its supplies in a dispensing box (S0:316). */
    logTiers: readonly DepotTier[];
  };
  /**
   * Planning (S0:343-351): the month of year N-1 in which the demand plan for year N opens (the
   * fourth quarter: October), and the turnover stock (库存周转量) a depot holds, in months of use.
   */
  planning: { demandOpensMonth: number; turnoverMonths: number };
  /**
   * The months-of-stock report: below `lowStockMonths` of average use a product is low, above
   * `overStockMonths` overstocked.
   */
  reports: { lowStockMonths: number; overStockMonths: number };
  /** Mark the session cookie Secure (behind HTTPS). */
  cookieSecure: boolean;
}

export const defaultConfig: Config = {
  nearExpiryDays: 180,
  timeZone: 'Asia/Shanghai',
  expiredFrom: 'expiry_date',
  reversalRoles: ['leader', 'storekeeper'],
  session: { ttlHours: 12, idleMinutes: 120 },
  login: { maxFailures: 5, addressMaxFailures: 30, lockMinutes: 15, maxLockMinutes: 24 * 60, forgetHours: 24 },
  passwordHash: { memoryCost: 19456, timeCost: 2 },
  allowSameSigner: false,
  goodsInInspectionTiers: ['region', 'city', 'county'],
  preIssueCheck: { heldDays: 90, sinceInspectionDays: 30, combine: 'and' },
  dispensingTiers: ['township', 'village'],
  climate: { minC: 5, maxC: 25, maxRh: 65, rhAtLimitBreaches: true, expectedIntervalMinutes: 1440, sweepMinutes: 15, logTiers: ['region', 'city', 'county', 'township'] },
  planning: { demandOpensMonth: 10, turnoverMonths: 3 },
  reports: { lowStockMonths: 2, overStockMonths: 12 },
  cookieSecure: false,
};

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
