import { describe, it, expect } from 'vitest';
import {
  ASSESSED_TIERS,
  combineScore,
  computeRound,
  computedPoints,
  gradeOf,
  prng,
  rankResults,
  rubricTotal,
  sampleChildren,
  sampleSeed,
  scoreOwn,
  type RubricItem,
  type RubricTiers,
  type TreeDepot,
} from '../../server/domain/assessment.ts';
import { EXAMPLE_RUBRIC } from '../../server/domain/assessment-rubric.ts';
import { defaultConfig } from '../../server/config.ts';

const rules = defaultConfig.assessment;
const t = (zh: string) => ({ zh, en: zh });

describe('computed items turn values into points', () => {
  it('a share: 3 of 4 reports on time against a 95 % target earns 10 × 0.75 ÷ 0.95 = 7.9 of 10', () => {
    expect(computedPoints(10, { kind: 'share', target: 0.95 }, 0.75)).toBe(7.9);
    expect(computedPoints(10, { kind: 'share', target: 0.95 }, 0.97)).toBe(10);
  });
  it('done or not: all the points or none', () => {
    expect(computedPoints(20, { kind: 'done' }, 1)).toBe(20);
    expect(computedPoints(20, { kind: 'done' }, 0)).toBe(0);
  });
  it('a loss: 1 % expired against a 5 % limit keeps 8 of 10; at or past the limit 0', () => {
    expect(computedPoints(10, { kind: 'loss', limit: 0.05 }, 0.01)).toBe(8);
    expect(computedPoints(10, { kind: 'loss', limit: 0.05 }, 0.08)).toBe(0);
  });
  it('nothing to measure (no picks, no report yet due) earns all the points', () => {
    expect(computedPoints(10, { kind: 'share', target: 1 }, null)).toBe(10);
  });
});

describe('a depot’s own score', () => {
  const items: RubricItem[] = [
    { key: 'count', label: t('盘库'), points: 30, source: 'computed', indicator: 'yearly_count_done', rule: { kind: 'done' } },
    { key: 'expiry', label: t('过期'), points: 20, source: 'computed', indicator: 'expiry_losses', rule: { kind: 'loss', limit: 0.05 } },
    { key: 'box', label: t('药具箱'), points: 30, source: 'assessor' },
    { key: 'register', label: t('花名册'), points: 20, source: 'assessor' },
  ];
  it('worked example: 30 + 16 + 25 + 15 = 86, complete', () => {
    const own = scoreOwn(
      items,
      { yearly_count_done: { value: 1, inputs: { countsPosted: 1 } }, expiry_losses: { value: 0.01, inputs: { expiredWrittenOff: 10, received: 1000 } } },
      new Map([
        ['box', { score: 25, note: '整洁' }],
        ['register', { score: 15, note: null }],
      ]),
    );
    expect(own.own).toBe(86);
    expect(own.complete).toBe(true);
    expect(own.items.find((i) => i.key === 'expiry')).toMatchObject({ score: 16, value: 0.01, inputs: { expiredWrittenOff: 10, received: 1000 } });
    expect(own.items.find((i) => i.key === 'box')).toMatchObject({ score: 25, note: '整洁' });
  });
  it('an assessor item not yet scored counts 0 and leaves the sheet incomplete', () => {
    const own = scoreOwn(items, { yearly_count_done: { value: 0, inputs: {} }, expiry_losses: { value: 0, inputs: {} } }, new Map([['box', { score: 30, note: null }]]));
    expect(own.own).toBe(50);
    expect(own.complete).toBe(false);
    expect(own.items.find((i) => i.key === 'register')!.score).toBeNull();
  });
});

describe('the sample of children (S0:491: 2-3 drawn at random), recorded and reproducible', () => {
  it('the same round and depot give the same seed, and the seed the same sample, whatever order the ids come in', () => {
    const seed = sampleSeed(7, 42);
    expect(seed).toBe(sampleSeed(7, 42));
    expect(seed).not.toBe(sampleSeed(7, 43));
    expect(seed).not.toBe(sampleSeed(8, 42));
    const ids = [11, 12, 13, 14, 15, 16, 17, 18];
    const a = sampleChildren(ids, seed, { min: 2, max: 3 });
    expect(sampleChildren([...ids].reverse(), seed, { min: 2, max: 3 })).toEqual(a);
    expect(a.length).toBeGreaterThanOrEqual(2);
    expect(a.length).toBeLessThanOrEqual(3);
    expect(new Set(a).size).toBe(a.length);
    for (const x of a) expect(ids).toContain(x);
  });
  it('pins the generator: a stored seed redraws the same sample on any machine', () => {
    const r = prng(1);
    expect([r(), r(), r()].map((x) => x.toFixed(6))).toEqual(['0.627074', '0.002736', '0.527447']);
    expect(sampleSeed(1, 2)).toBe(sampleSeed(1, 2));
  });
  it('draws 2 and 3 over many depots, and every child sometimes', () => {
    const sizes = new Set<number>();
    const seen = new Set<number>();
    for (let d = 1; d <= 200; d++) {
      const sample = sampleChildren([1, 2, 3, 4, 5], sampleSeed(1, d), { min: 2, max: 3 });
      sizes.add(sample.length);
      for (const x of sample) seen.add(x);
    }
    expect(sizes.has(2) && sizes.has(3)).toBe(true);
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5]);
  });
  it('takes every child when there are fewer than the sample asks', () => {
    expect(sampleChildren([9], 123, { min: 2, max: 3 })).toEqual([9]);
    expect(sampleChildren([], 123, { min: 2, max: 3 })).toEqual([]);
  });
});

describe('combining, ranking and grading', () => {
  it('worked example: a township at 80 with villages at 90, 70, 85 (mean 81.67) → 0.5 × 80 + 0.5 × 81.67 = 80.84 (the mean rounded to 2 places as the sheet prints it)', () => {
    expect(combineScore(80, [90, 70, 85], 0.5)).toEqual({ childMean: 81.67, total: 80.84 });
  });
  it('a village, or a depot with nothing sampled, keeps its own score; the weight is configurable', () => {
    expect(combineScore(77.5, [], 0.5)).toEqual({ childMean: null, total: 77.5 });
    expect(combineScore(80, [60], 0.7)).toEqual({ childMean: 60, total: 74 });
  });
  it('equal results share a rank and the next one skips: 90, 85, 85, 80 → 1, 2, 2, 4', () => {
    const ranked = rankResults([
      { depotId: 4, total: 80 },
      { depotId: 2, total: 85 },
      { depotId: 1, total: 90 },
      { depotId: 3, total: 85 },
    ]);
    expect(ranked.map((r) => [r.depotId, r.rank])).toEqual([
      [1, 1],
      [2, 2],
      [3, 2],
      [4, 4],
    ]);
  });
  it('grades by the configured thresholds: 90 excellent, 80 good, 60 pass, below fail', () => {
    expect([95, 90, 89.99, 80, 60, 59.9].map((x) => gradeOf(x, rules.grades))).toEqual(['excellent', 'excellent', 'good', 'good', 'pass', 'fail']);
  });
});

describe('a whole round from the villages up (S0:488-492)', () => {
  const one = (key: string): RubricItem[] => [{ key, label: t(key), points: 100, source: 'assessor' }];
  const rubric: RubricTiers = { city: one('c'), county: one('k'), township: one('t'), village: one('v') };
  // county 1 → townships 2, 3 → villages 4, 5, 6 under 2 and 7 under 3
  const depots: TreeDepot[] = [
    { id: 1, parentId: null, tier: 'county' },
    { id: 2, parentId: 1, tier: 'township' },
    { id: 3, parentId: 1, tier: 'township' },
    { id: 4, parentId: 2, tier: 'village' },
    { id: 5, parentId: 2, tier: 'village' },
    { id: 6, parentId: 2, tier: 'village' },
    { id: 7, parentId: 3, tier: 'village' },
  ];
  const given = (scores: Record<number, number>) => new Map(Object.entries(scores).map(([id, s]) => [Number(id), new Map([[['c', 'k', 't', 'v'][id === '1' ? 1 : Number(id) <= 3 ? 2 : 3]!, { score: s, note: null }]])]));
  const scores = given({ 1: 70, 2: 80, 3: 60, 4: 90, 5: 70, 6: 85, 7: 50 });

  it('villages keep their score; townships and the county combine with their sampled children, the sample and seed recorded', () => {
    const results = computeRound({ roundId: 3, depots, rubric, computed: new Map(), assessor: scores, rules });
    const by = new Map(results.map((r) => [r.depotId, r]));
    expect(by.get(4)).toMatchObject({ own: 90, total: 90, sample: null, seed: null, childMean: null });
    const t2 = by.get(2)!;
    expect(t2.seed).toBe(sampleSeed(3, 2));
    expect(t2.sample).toEqual(sampleChildren([4, 5, 6], sampleSeed(3, 2), rules.sample));
    const villageScore: Record<number, number> = { 4: 90, 5: 70, 6: 85 };
    const mean = t2.sample!.reduce((s, id) => s + villageScore[id]!, 0) / t2.sample!.length;
    expect(t2.total).toBeCloseTo(0.5 * 80 + 0.5 * Math.round(mean * 100) / 100, 2);
    expect(by.get(3)).toMatchObject({ sample: [7], childMean: 50, total: 55 });
    const county = by.get(1)!;
    expect(county.sample).toEqual([2, 3]);
    expect(county.total).toBeCloseTo(0.5 * 70 + 0.5 * Math.round(((t2.total + 55) / 2) * 100) / 100, 2);
    expect(by.get(2)!.rank).toBe(1);
    expect(by.get(3)!.rank).toBe(2);
    expect(by.get(7)!.grade).toBe('fail');
  });
  it('computing twice gives the same results: the sample is reproducible', () => {
    const a = computeRound({ roundId: 3, depots, rubric, computed: new Map(), assessor: scores, rules });
    const b = computeRound({ roundId: 3, depots: [...depots].reverse(), rubric, computed: new Map(), assessor: scores, rules });
    const key = (rs: typeof a) => rs.map((r) => JSON.stringify(r)).sort();
    expect(key(b)).toEqual(key(a));
  });
});

describe('the shipped example rubric', () => {
  it('has 100 points a tier and distinct item keys', () => {
    for (const tier of ASSESSED_TIERS) {
      expect(rubricTotal(EXAMPLE_RUBRIC.tiers[tier])).toBe(100);
      const keys = EXAMPLE_RUBRIC.tiers[tier].map((i) => i.key);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
  it('leaves "training held" to the assessor: the system keeps no training record yet', () => {
    for (const tier of ['city', 'county', 'township'] as const) expect(EXAMPLE_RUBRIC.tiers[tier].find((i) => i.key === 'training_held')?.source).toBe('assessor');
  });
});
