import type { DepotTier, ProductClass, Role } from './schemas/constants.ts';
import type { ExpiredFrom } from './domain/expiry.ts';
import type { ThrottleRule } from './domain/login-throttle.ts';
import type { FollowUpSchedule } from './domain/follow-ups.ts';
import type { DueRule, SignalRule } from './domain/adverse-reactions.ts';
import type { DueRule as ReportDueRule } from './domain/report-submissions.ts';
import type { AssessmentRules } from './domain/assessment.ts';
import type { ArchiveCategory } from './domain/archive.ts';
import { REGULATION_STANDARDS, type FacilityStandards } from './domain/facility-standard.ts';
import type { ServiceDueRule } from './domain/service-desk.ts';
import type { CadenceRules } from './domain/training-cadence.ts';

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
   * How often a document screen left open (a plan, a write-off request, a count waiting for its
   * consequences) reads its document again, so that another person's signature or decision shows
   * without a reload. Sent with the session; 12 s by default, longer for depots on slow links.
   */
  liveRefreshSeconds: number;
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
  /**
   * The people served (docs/people.md; S0:296, 316, 365, 513): which tiers keep a users register
   * (花名册); the methods (product classes) a dispensing must name a registered person for, at a
   * depot that keeps a register, and the products of those methods that stay anonymous all the
   * same (emergency pills); the roles that see names and contacts where they are visible; the
   * days a closed record keeps its personal fields; and the follow-up schedule per method (null:
   * none), a visit up to `followUpEarlyDays` before a scheduled date counting for it; and when
   * the quarter's follow-up summary is due.
   */
  people: {
    registerTiers: readonly DepotTier[];
    personRequiredMethods: readonly ProductClass[];
    anonymousProducts: readonly string[];
    personalDataRoles: readonly Role[];
    retentionDays: number;
    followUps: Record<ProductClass, FollowUpSchedule | null>;
    followUpEarlyDays: number;
  };
  /**
   * Adverse reactions (docs/adverse-reactions.md; S0:423-439): the tiers whose depots file form 11
   * (S0:436: the village dispenser; the township too); the days from learning of a reaction to
   * reporting it (the national ADR rules: a death at once, the same day; another serious reaction
   * within 15 days; any other within 30); and the lot signal: `threshold` reports on one lot filed
   * within `windowDays` days tell the region's inspector.
   */
  adverseReactions: {
    reportingTiers: readonly DepotTier[];
    dueDays: DueRule;
    signal: SignalRule;
  };
  /**
   * Reports submitted level by level (docs/reports-submission.md; S0:370 「按时上报」 without a
   * date): days after a period's end by which the starting tier's report is due, per report, and
   * the days each level above it gets on top to consolidate what came up.
   */
  reportSubmissions: ReportDueRule;
  /**
   * The yearly assessment (docs/assessment.md; S0:488-495): the weight of a depot's own score
   * (S0:491: 50 %), how many children are drawn at random (2-3), and the award grades (the
   * regulation leaves the criteria to the locality).
   */
  assessment: AssessmentRules;
  /**
   * Training and public education (docs/training.md; S0:462-472): the cadence per organising tier
   * (server/domain/training-cadence.ts), and whether a user created through the users API works
   * only once trained or their leader waives it (S0:466 「先培训,后上岗」; seeded users are not held).
   */
  training: CadenceRules & { newStaffTrainedFirst: boolean };
  /**
   * The service desk (docs/service-desk.md): a reply within `replyHours` of receipt (S0:31: 24
   * hours), a resolution within `resolveDays` of the request's kind (限期办结; the regulation
   * names no figure: a supply request by the next delivery, a week; a question 3 days; a
   * complaint 15 days).
   */
  serviceDesk: ServiceDueRule;
  /**
   * The premises and storage equipment each tier's depot must have (docs/facilities.md; S0:304-332),
   * shipped as the regulation states them with the line of each requirement.
   */
  facilities: FacilityStandards;
  /**
   * The business archive (docs/archive.md; S0:335-337, form 1.1): years each category is kept
   * (S0:337 「按相关档案规定年限」 names none: these are the product's defaults), and the largest
   * scanned file a depot may attach, below the 5 MB body limit of every request.
   */
  archive: { retentionYears: Record<ArchiveCategory, number>; maxAttachmentBytes: number };
  /** Mark the session cookie Secure (behind HTTPS). */
  cookieSecure: boolean;
  /**
   * A data logger's CSV (climate import and preview) past either limit is refused unread (413
   * payload_too_large). A year of 5-minute readings is 105,120 rows of about 25 bytes.
   */
  climateCsv: { maxBytes: number; maxRows: number };
}

export const defaultConfig: Config = {
  nearExpiryDays: 180,
  timeZone: 'Asia/Shanghai',
  liveRefreshSeconds: 12,
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
  people: {
    registerTiers: ['township', 'village'],
    personRequiredMethods: ['oral', 'injectable', 'iud', 'implant'],
    anonymousProducts: ['KJ-0104'],
    personalDataRoles: ['dispenser', 'leader'],
    retentionDays: 3 * 365,
    followUps: {
      iud: { months: [1, 3, 6, 12], thenEvery: 12 },
      oral: { months: [], thenEvery: 3 },
      injectable: { months: [], thenEvery: 3 },
      implant: { months: [], thenEvery: 12 },
      condom: null,
      external: null,
    },
    followUpEarlyDays: 15,
  },
  adverseReactions: {
    reportingTiers: ['township', 'village'],
    dueDays: { death: 0, serious: 15, other: 30 },
    signal: { threshold: 3, windowDays: 30 },
  },
  reportSubmissions: { dueDays: { users: 10, usage: 10, pts: 31, follow_up_summary: 15 }, daysPerLevel: 10 },
  assessment: {
    ownWeight: 0.5,
    sample: { min: 2, max: 3 },
    grades: [
      { grade: 'excellent', min: 90 },
      { grade: 'good', min: 80 },
      { grade: 'pass', min: 60 },
      { grade: 'fail', min: 0 },
    ],
  },
  training: {
    newStaffTrainedFirst: true,
    staff: { region: { times: 1, everyMonths: 24 }, city: { times: 1, everyMonths: 12 }, county: { times: 1, everyMonths: 12 }, township: { times: 2, everyMonths: 12 }, village: null },
    education: { region: null, city: null, county: null, township: { times: 2, everyMonths: 12 }, village: null },
  },
  serviceDesk: { replyHours: 24, resolveDays: { supplies: 7, question: 3, complaint: 15, other: 7 } },
  facilities: REGULATION_STANDARDS,
  archive: {
    // Vouchers and accounts as accounting files (会计档案管理办法 2015: vouchers and ledgers 30 years); the rest as ordinary records, 10 years.
    retentionYears: { vouchers: 30, accounts: 30, plans: 10, reports: 10, business: 10, training: 10 },
    maxAttachmentBytes: 4 * 1024 * 1024,
  },
  cookieSecure: false,
  climateCsv: { maxBytes: 4 * 1024 * 1024, maxRows: 150_000 },
};

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
