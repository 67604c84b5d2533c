/**
 * The yearly assessment (考核评估, S0:484-495): a rubric per tier, each depot's own score from its
 * items, and the bottom-up combination (S0:488-492): a village's score is its own; a township's is
 * half its own and half the mean of 2-3 of its villages drawn at random; counties over townships and
 * cities over counties the same way. Pure functions over plain data; no clock, no database.
 */

export const ASSESSED_TIERS = ['city', 'county', 'township', 'village'] as const;
export type AssessedTier = (typeof ASSESSED_TIERS)[number];

/**
 * What the system computes for a depot and a year (server/services/assessment-indicators.ts).
 * `training_held`: how far the depot met its training and public education cadence (services/training.ts trainingHeld).
 */
export const COMPUTED_INDICATORS = ['reports_on_time', 'climate_compliance', 'fefo_compliance', 'yearly_count_done', 'expiry_losses', 'adverse_reaction_reporting', 'facility_standard', 'training_held'] as const;
export type ComputedIndicator = (typeof COMPUTED_INDICATORS)[number];

export interface Text {
  zh: string;
  en: string;
}

/**
 * How a computed value in [0, 1] turns into points:
 * - `share`: points × min(1, value ÷ target) (a share to reach, e.g. 95 % of reports on time);
 * - `done`: all the points when the value is 1, none otherwise;
 * - `loss`: all the points at 0, none at `limit` or above, straight in between (a rate to keep low).
 */
export type ComputedRule = { kind: 'share'; target: number } | { kind: 'done' } | { kind: 'loss'; limit: number };

export type RubricItem =
  | { key: string; label: Text; points: number; source: 'computed'; indicator: ComputedIndicator; rule: ComputedRule }
  | { key: string; label: Text; points: number; source: 'assessor'; guidance?: Text };

export type RubricTiers = Record<AssessedTier, RubricItem[]>;

/** What the system found for one indicator: the value in [0, 1] (null: nothing to measure) and the figures it came from. */
export interface IndicatorValue {
  value: number | null;
  inputs: Record<string, number | string>;
}

export interface ItemResult {
  key: string;
  source: 'computed' | 'assessor';
  points: number;
  /** null: an assessor item not yet scored. */
  score: number | null;
  value?: number | null;
  inputs?: Record<string, number | string>;
  note?: string | null;
}

export interface AssessmentRules {
  /** The share of a depot's own score in its result; the rest is the mean of its sampled children (S0:491: 50 %). */
  ownWeight: number;
  /** How many children are drawn, at least and at most (S0:491: 2-3). */
  sample: { min: number; max: number };
  /** Award grades by result, the highest first (S0:494-495 leaves the criteria to the locality). */
  grades: readonly { grade: AwardGrade; min: number }[];
}

export const AWARD_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type AwardGrade = (typeof AWARD_GRADES)[number];

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Points for a computed value. A value of null (nothing to measure: no picks, no reports due)
 * earns all the points: a depot is not marked down for what it had no occasion to do.
 *
 * Worked example, 10 points: `share` with target 0.95 and 3 of 4 reports on time (0.75) gives
 * 10 × 0.75 ÷ 0.95 = 7.9; `loss` with limit 0.05 and 1 % expired gives 10 × (1 − 0.01 ÷ 0.05) = 8.
 */
export function computedPoints(points: number, rule: ComputedRule, value: number | null): number {
  if (value === null) return points;
  switch (rule.kind) {
    case 'share':
      return round1(points * Math.min(1, rule.target > 0 ? value / rule.target : 1));
    case 'done':
      return value >= 1 ? points : 0;
    case 'loss':
      return round1(points * Math.max(0, 1 - (rule.limit > 0 ? value / rule.limit : value > 0 ? 1 : 0)));
  }
}

/** The most an assessor can give for an item: its points; at least 0. */
export const isValidAssessorScore = (item: RubricItem, score: number) => item.source === 'assessor' && score >= 0 && score <= item.points;

/**
 * A depot's own score: each item's points, computed items from their values, assessor items
 * from what the assessors gave (an item not yet scored counts 0 and leaves the sheet incomplete).
 *
 * Worked example (village rubric of 100): 30 of 30 for the count done, 16 of 20 for expiry losses,
 * assessor items 25 of 30 and 15 of 20 → own = 86.
 */
export function scoreOwn(items: readonly RubricItem[], computed: Partial<Record<ComputedIndicator, IndicatorValue>>, assessor: ReadonlyMap<string, { score: number; note: string | null }>) {
  const results: ItemResult[] = items.map((item) => {
    if (item.source === 'computed') {
      const found = computed[item.indicator] ?? { value: null, inputs: {} };
      return { key: item.key, source: 'computed', points: item.points, score: computedPoints(item.points, item.rule, found.value), value: found.value, inputs: found.inputs };
    }
    const given = assessor.get(item.key);
    return { key: item.key, source: 'assessor', points: item.points, score: given?.score ?? null, note: given?.note ?? null };
  });
  const own = round2(results.reduce((s, r) => s + (r.score ?? 0), 0));
  return { own, items: results, complete: results.every((r) => r.score !== null) };
}

/** A 32-bit seed from a round and a depot (FNV-1a over "round:depot"), stored with the sample so anyone can redraw it. */
export function sampleSeed(roundId: number, depotId: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${roundId}:${depotId}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: a small seeded generator of numbers in [0, 1); the same seed gives the same sequence everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws the children whose scores count for a depot: between `min` and `max` of them (all when
 * fewer), chosen by a partial Fisher-Yates shuffle of the ids in ascending order, driven by the seed.
 * The same ids and seed always give the same sample, whatever order the ids came in.
 */
export function sampleChildren(childIds: readonly number[], seed: number, size: { min: number; max: number }): number[] {
  const ids = [...childIds].sort((a, b) => a - b);
  const rand = prng(seed);
  const span = Math.max(0, size.max - size.min);
  const want = size.min + Math.floor(rand() * (span + 1));
  const n = Math.min(ids.length, want);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (ids.length - i));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, n).sort((a, b) => a - b);
}

/**
 * A depot's result from its own score and its sampled children's results (S0:490-492).
 *
 * Worked example: a township scoring 80 itself, with villages sampled at 90, 70 and 85 (mean 81.67):
 * 0.5 × 80 + 0.5 × 81.67 = 80.835, shown 80.84 (the mean is rounded first, as the sheet prints it). A village, or a depot with no child to sample, keeps its own score.
 */
export function combineScore(own: number, sampled: readonly number[], ownWeight: number) {
  if (sampled.length === 0) return { childMean: null, total: round2(own) };
  const childMean = round2(sampled.reduce((s, x) => s + x, 0) / sampled.length);
  return { childMean, total: round2(ownWeight * own + (1 - ownWeight) * childMean) };
}

/** The award grade of a result: the first grade whose minimum it reaches. */
export function gradeOf(total: number, grades: AssessmentRules['grades']): AwardGrade {
  return grades.find((g) => total >= g.min)?.grade ?? 'fail';
}

/**
 * Ranks within one level, highest first; equal results share a rank and the next rank skips
 * (90, 85, 85, 80 → 1, 2, 2, 4).
 */
export function rankResults<T extends { depotId: number; total: number }>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total || a.depotId - b.depotId);
  return sorted.map((r) => ({ ...r, rank: sorted.findIndex((s) => s.total === r.total) + 1 }));
}

export interface TreeDepot {
  id: number;
  parentId: number | null;
  tier: AssessedTier;
}

export interface DepotResult {
  depotId: number;
  tier: AssessedTier;
  own: number;
  items: ItemResult[];
  complete: boolean;
  sample: number[] | null;
  seed: number | null;
  childMean: number | null;
  total: number;
  rank: number;
  grade: AwardGrade;
}

/**
 * The whole round, villages first and upwards (S0:488 「由下而上」): each depot's own score from
 * the rubric of its tier, then for a depot with assessed children a sample drawn with
 * `sampleSeed(roundId, depotId)`, the result combined from the sampled children's results, and
 * ranks and grades per tier.
 */
export function computeRound(input: {
  roundId: number;
  depots: readonly TreeDepot[];
  rubric: RubricTiers;
  computed: ReadonlyMap<number, Partial<Record<ComputedIndicator, IndicatorValue>>>;
  assessor: ReadonlyMap<number, ReadonlyMap<string, { score: number; note: string | null }>>;
  rules: AssessmentRules;
}): DepotResult[] {
  const children = new Map<number, number[]>();
  const ids = new Set(input.depots.map((d) => d.id));
  for (const d of input.depots) if (d.parentId !== null && ids.has(d.parentId)) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
  const totals = new Map<number, number>();
  const out: Omit<DepotResult, 'rank' | 'grade'>[] = [];
  for (const tier of [...ASSESSED_TIERS].reverse()) {
    for (const d of input.depots.filter((x) => x.tier === tier)) {
      const own = scoreOwn(input.rubric[tier], input.computed.get(d.id) ?? {}, input.assessor.get(d.id) ?? new Map());
      const kids = children.get(d.id) ?? [];
      const seed = kids.length > 0 ? sampleSeed(input.roundId, d.id) : null;
      const sample = seed === null ? null : sampleChildren(kids, seed, input.rules.sample);
      const combined = combineScore(own.own, (sample ?? []).map((id) => totals.get(id)!), input.rules.ownWeight);
      totals.set(d.id, combined.total);
      out.push({ depotId: d.id, tier, own: own.own, items: own.items, complete: own.complete, sample, seed, childMean: combined.childMean, total: combined.total });
    }
  }
  const ranked = new Map<number, number>();
  for (const tier of ASSESSED_TIERS) for (const r of rankResults(out.filter((o) => o.tier === tier))) ranked.set(r.depotId, r.rank);
  return out.map((o) => ({ ...o, rank: ranked.get(o.depotId)!, grade: gradeOf(o.total, input.rules.grades) }));
}

/** The rubric's items of each tier add up to this many points. */
export const rubricTotal = (items: readonly RubricItem[]) => items.reduce((s, i) => s + i.points, 0);
