import type { Deps } from '../deps.ts';
import type { DbOrTx } from '../../db/client.ts';
import { assertCanRead, assertRole, canRead, type Actor } from '../auth/scope.ts';
import * as q from '../../db/queries/assessment.ts';
import { subtreeEnd } from '../../db/queries/depots.ts';
import { depotsUnder, type DepotRow } from '../../db/queries/risk-reports.ts';
import { userName } from '../../db/queries/transfers.ts';
import {
  ASSESSED_TIERS,
  computeRound as scoreRound,
  isValidAssessorScore,
  rubricTotal,
  type AssessedTier,
  type ItemResult,
  type RubricItem,
  type RubricTiers,
} from '../domain/assessment.ts';
import { DomainError } from '../domain/errors.ts';
import type { ReportSheet } from '../domain/report-sheet.ts';
import type { Role } from '../schemas/constants.ts';
import { audit } from './audit.ts';
import { depotOrThrow } from './depot-lookup.ts';
import { indicatorsUnder } from './assessment-indicators.ts';

/**
 * The yearly assessment (考核评估, S0:484-495; docs/assessment.md): rubric versions, rounds
 * organised by an upper depot over its subtree, assessor scores, the round computed from the
 * villages up, rankings and grades per level, a printable sheet per depot.
 */

/** Who scores the assessor items: these roles at the organising depot. */
const ASSESSOR_ROLES: Role[] = ['leader', 'planner', 'inspector'];
const isAssessed = (tier: string): tier is AssessedTier => (ASSESSED_TIERS as readonly string[]).includes(tier);
type Round = q.RoundRow;

const nameOf = (deps: Deps, id: number | null) => (id === null ? null : userName(deps.db, id));
const depotRef = (d: { id: number; code: string; name: string; tier: string }) => ({ id: d.id, code: d.code, name: d.name, tier: d.tier });

function presentRubric(row: q.RubricRow) {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    tiers: row.tiers,
    totals: Object.fromEntries(ASSESSED_TIERS.map((t) => [t, rubricTotal(row.tiers[t])])) as Record<AssessedTier, number>,
    example: row.createdBy === null,
    createdAt: row.createdAt,
  };
}

export const listRubrics = (deps: Deps) => ({ items: q.listRubrics(deps.db).map(presentRubric) });

function rubricOrThrow(deps: Deps, version: number) {
  const row = q.findRubricByVersion(deps.db, version);
  if (!row) throw new DomainError('rubric_version_unknown', `No rubric version ${version}`, { version }, [{ path: 'rubricVersion', message: 'unknown version' }]);
  return row;
}

export function getRubric(deps: Deps, version: number) {
  const row = q.findRubricByVersion(deps.db, version);
  if (!row) throw new DomainError('rubric_not_found', `No rubric version ${version}`, { version });
  return presentRubric(row);
}

/** A rubric is usable when each tier's items have distinct keys and add up to 100 points. */
function assertRubric(tiers: RubricTiers) {
  for (const tier of ASSESSED_TIERS) {
    const items = tiers[tier];
    const keys = new Set(items.map((i) => i.key));
    if (keys.size !== items.length) throw new DomainError('rubric_invalid', `The ${tier} items repeat a key`, { tier }, [{ path: `tiers.${tier}`, message: 'keys must be distinct' }]);
    if (Math.abs(rubricTotal(items) - 100) > 1e-9) {
      throw new DomainError('rubric_invalid', `The ${tier} items add up to ${rubricTotal(items)}, not 100`, { tier, total: rubricTotal(items) }, [{ path: `tiers.${tier}`, message: 'points must add up to 100' }]);
    }
  }
}

/**
 * A new rubric version, by a leader of the region (the regional standard, S0:485). Versions are
 * never edited once a round uses them (a trigger refuses it), so a change is always a new version.
 */
export function createRubric(deps: Deps, actor: Actor, input: { title: string; tiers: RubricTiers }) {
  assertRole(actor, 'leader');
  const depot = depotOrThrow(deps, actor.depotId);
  if (depot.tier !== 'region') throw new DomainError('forbidden', 'Only the region issues the assessment standard');
  assertRubric(input.tiers);
  const now = deps.clock.now();
  const row = deps.db.transaction((tx) => {
    const row = q.insertRubric(tx, { version: q.nextRubricVersion(tx), title: input.title, tiers: input.tiers, createdBy: actor.userId, createdAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: actor.depotId, action: 'create', entity: 'assessment_rubric', entityId: row.id, detail: { version: row.version } }, now);
    return row;
  });
  return presentRubric(row);
}

/** The depots a round assesses: those of its scope's subtree at the four assessed tiers, the organiser excepted. */
function assessedDepots(deps: Deps, round: Pick<Round, 'scopeDepotId' | 'depotId'>): { scope: { path: string }; depots: DepotRow[] } {
  const scope = depotOrThrow(deps, round.scopeDepotId);
  return { scope, depots: depotsUnder(deps.db, scope.path, subtreeEnd(scope.path)).filter((d) => isAssessed(d.tier) && d.id !== round.depotId) };
}

function roundOrThrow(deps: Deps, id: number) {
  const round = q.findRound(deps.db, id);
  if (!round) throw new DomainError('assessment_round_not_found', `No assessment round ${id}`);
  return round;
}

/** A round is seen by the users of its organiser and of every depot above it or in its scope. */
function assertCanSeeRound(deps: Deps, actor: Actor, round: Round) {
  const organiser = depotOrThrow(deps, round.depotId);
  const scope = depotOrThrow(deps, round.scopeDepotId);
  const inScope = actor.depotPath.startsWith(scope.path);
  if (!canRead(actor, organiser) && !inScope) throw new DomainError('out_of_scope', 'This assessment round is outside your jurisdiction', { roundId: round.id });
}

/** Only the organising depot's leader runs the round (compute, finalise). */
function assertOrganiserLeader(actor: Actor, round: Round) {
  if (actor.depotId !== round.depotId) throw new DomainError('out_of_scope', 'Only the depot that organised the round runs it', { depotId: round.depotId });
  assertRole(actor, 'leader');
}

function assertOpen(round: Round) {
  if (round.status === 'finalised') throw new DomainError('round_finalised', `Round ${round.id} is finalised: nothing in it changes`, { roundId: round.id });
}

function presentRound(deps: Deps, round: Round) {
  const rubric = q.findRubric(deps.db, round.rubricId)!;
  const organiser = depotOrThrow(deps, round.depotId);
  const scope = depotOrThrow(deps, round.scopeDepotId);
  const { depots } = assessedDepots(deps, round);
  const scores = q.scoresOf(deps.db, round.id);
  const lastScoredAt = scores.reduce<string | null>((m, s) => (m === null || s.scoredAt > m ? s.scoredAt : m), null);
  const assessorItems = depots.reduce((n, d) => n + rubric.tiers[d.tier as AssessedTier].filter((i) => i.source === 'assessor').length, 0);
  return {
    id: round.id,
    year: round.year,
    rubric: { id: rubric.id, version: rubric.version, title: rubric.title },
    depot: depotRef(organiser),
    scope: depotRef(scope),
    status: round.status,
    createdBy: round.createdBy,
    createdByName: nameOf(deps, round.createdBy),
    createdAt: round.createdAt,
    computedAt: round.computedAt,
    finalisedBy: round.finalisedBy,
    finalisedByName: nameOf(deps, round.finalisedBy),
    finalisedAt: round.finalisedAt,
    /** Scores were given after the last computation: the results do not show them yet. */
    stale: round.computedAt === null || (lastScoredAt !== null && lastScoredAt > round.computedAt),
    depots: Object.fromEntries(ASSESSED_TIERS.map((t) => [t, depots.filter((d) => d.tier === t).length])) as Record<AssessedTier, number>,
    assessorItems: { scored: scores.length, total: assessorItems },
  };
}

/**
 * A leader of a depot with depots below opens a round for a year over its subtree or a part of it
 * (`scopeDepotId`), on a stored rubric version (422 rubric_version_unknown).
 */
export function createRound(deps: Deps, actor: Actor, input: { year: number; rubricVersion: number; scopeDepotId?: number }) {
  assertRole(actor, 'leader');
  const organiser = depotOrThrow(deps, actor.depotId);
  if (organiser.tier === 'village') throw new DomainError('round_scope_invalid', 'A village has no depot below it to assess');
  const rubric = rubricOrThrow(deps, input.rubricVersion);
  const scope = depotOrThrow(deps, input.scopeDepotId ?? organiser.id);
  if (!scope.path.startsWith(organiser.path)) throw new DomainError('round_scope_invalid', 'A round covers the organiser’s own subtree', { scopeDepotId: scope.id }, [{ path: 'scopeDepotId', message: 'not in your subtree' }]);
  if (assessedDepots(deps, { scopeDepotId: scope.id, depotId: organiser.id }).depots.length === 0) {
    throw new DomainError('round_scope_invalid', 'There is no depot to assess in this scope', { scopeDepotId: scope.id }, [{ path: 'scopeDepotId', message: 'nothing to assess' }]);
  }
  const now = deps.clock.now();
  const round = deps.db.transaction((tx) => {
    const round = q.insertRound(tx, { year: input.year, rubricId: rubric.id, depotId: organiser.id, scopeDepotId: scope.id, status: 'open', createdBy: actor.userId, createdAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: organiser.id, action: 'create', entity: 'assessment_round', entityId: round.id, detail: { year: input.year, rubricVersion: rubric.version, scopeDepotId: scope.id } }, now);
    return round;
  });
  return presentRound(deps, round);
}

/**
 * The rounds the actor's depot organised, those its ancestors organised over it, and those the
 * depots below it organised (every level above sees the levels below), newest year first.
 */
export function listRounds(deps: Deps, actor: Actor) {
  const ids = actor.depotPath.split('/').filter(Boolean).map(Number);
  const above = q.roundsOf(deps.db, ids).filter((r) => actor.depotPath.startsWith(depotOrThrow(deps, r.scopeDepotId).path) || r.depotId === actor.depotId);
  const rounds = [...above, ...q.roundsOrganisedBelow(deps.db, actor.depotPath)].sort((a, b) => b.year - a.year || b.id - a.id);
  return { items: rounds.map((r) => presentRound(deps, r)) };
}

export function getRound(deps: Deps, actor: Actor, id: number) {
  const round = roundOrThrow(deps, id);
  assertCanSeeRound(deps, actor, round);
  return presentRound(deps, round);
}

/**
 * An assessor of the organising depot scores an assessor item of a depot in the round, with a
 * note; scoring it again replaces the score. A depot never scores itself, whatever roles its
 * user holds (403 assess_own_depot).
 */
export function scoreItem(deps: Deps, actor: Actor, roundId: number, input: { depotId: number; itemKey: string; score: number; note?: string | null }) {
  const round = roundOrThrow(deps, roundId);
  if (actor.depotId === input.depotId) throw new DomainError('assess_own_depot', 'A depot does not score its own assessment: the depot above does', { depotId: input.depotId });
  if (actor.depotId !== round.depotId) throw new DomainError('out_of_scope', 'Only the assessors of the depot that organised the round score it', { depotId: round.depotId });
  assertRole(actor, ...ASSESSOR_ROLES);
  assertOpen(round);
  const { depots } = assessedDepots(deps, round);
  const depot = depots.find((d) => d.id === input.depotId);
  if (!depot) throw new DomainError('depot_not_in_round', `Depot ${input.depotId} is not assessed in round ${round.id}`, { depotId: input.depotId }, [{ path: 'depotId', message: 'not in the round' }]);
  const rubric = q.findRubric(deps.db, round.rubricId)!;
  const item = rubric.tiers[depot.tier as AssessedTier].find((i) => i.key === input.itemKey);
  if (!item || item.source !== 'assessor') {
    throw new DomainError('assessment_item_unknown', `${input.itemKey} is not an assessor item of the ${depot.tier} rubric`, { itemKey: input.itemKey }, [{ path: 'itemKey', message: 'not an assessor item of this tier' }]);
  }
  if (!isValidAssessorScore(item, input.score)) {
    throw new DomainError('assessment_score_out_of_range', `The score is from 0 to ${item.points}`, { points: item.points }, [{ path: 'score', message: `0 to ${item.points}` }]);
  }
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const before = q.scoresOf(tx, round.id).find((s) => s.depotId === depot.id && s.itemKey === item.key);
    q.upsertScore(tx, { roundId: round.id, depotId: depot.id, itemKey: item.key, score: input.score, note: input.note ?? null, scoredBy: actor.userId, scoredAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: round.depotId, action: 'score', entity: 'assessment_round', entityId: round.id, detail: { depotId: depot.id, itemKey: item.key, score: input.score, ...(before && { before: before.score }) } }, now);
  });
  return depotSheet(deps, actor, round.id, depot.id);
}

/** Computes every depot of the round (indicators, own scores, samples, results, ranks) and stores the results. */
function computeInto(deps: Deps, tx: DbOrTx, round: Round, now: Date) {
  const rubric = q.findRubric(tx, round.rubricId)!;
  const { scope, depots } = assessedDepots(deps, round);
  const computed = indicatorsUnder(deps, scope, depots, round.year);
  const assessor = new Map<number, Map<string, { score: number; note: string | null }>>();
  for (const s of q.scoresOf(tx, round.id)) {
    const m = assessor.get(s.depotId) ?? new Map();
    m.set(s.itemKey, { score: s.score, note: s.note });
    assessor.set(s.depotId, m);
  }
  const results = scoreRound({
    roundId: round.id,
    depots: depots.map((d) => ({ id: d.id, parentId: parentOf(d.path), tier: d.tier as AssessedTier })),
    rubric: rubric.tiers,
    computed,
    assessor,
    rules: deps.config.assessment,
  });
  q.replaceResults(
    tx,
    round.id,
    results.map((r) => ({ roundId: round.id, depotId: r.depotId, tier: r.tier, ownScore: r.own, items: r.items, complete: r.complete, sample: r.sample, sampleSeed: r.seed, childMean: r.childMean, total: r.total, rank: r.rank, grade: r.grade })),
  );
  q.updateRound(tx, round.id, { computedAt: now.toISOString() });
  return results;
}

/** The parent's id from a materialised path "/1/7/42/" → 7. */
const parentOf = (path: string) => {
  const ids = path.split('/').filter(Boolean).map(Number);
  return ids.length > 1 ? ids[ids.length - 2]! : null;
};

/** The organiser's leader computes the round: the system fills the computed items and the results; again at will until finalised. */
export function computeRoundResults(deps: Deps, actor: Actor, id: number) {
  const round = roundOrThrow(deps, id);
  assertOrganiserLeader(actor, round);
  assertOpen(round);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const results = computeInto(deps, tx, round, now);
    audit(tx, { actorId: actor.userId, depotId: round.depotId, action: 'compute', entity: 'assessment_round', entityId: round.id, detail: { depots: results.length } }, now);
  });
  return presentRound(deps, roundOrThrow(deps, id));
}

/** The organiser's leader finalises the round: computed once more with every score given, then frozen (triggers refuse any change). */
export function finaliseRound(deps: Deps, actor: Actor, id: number) {
  const round = roundOrThrow(deps, id);
  assertOrganiserLeader(actor, round);
  assertOpen(round);
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const results = computeInto(deps, tx, round, now);
    q.updateRound(tx, round.id, { status: 'finalised', finalisedBy: actor.userId, finalisedAt: now.toISOString() });
    audit(tx, { actorId: actor.userId, depotId: round.depotId, action: 'finalise', entity: 'assessment_round', entityId: round.id, detail: { depots: results.length, incomplete: results.filter((r) => !r.complete).length } }, now);
  });
  return presentRound(deps, roundOrThrow(deps, id));
}

/** The ranking of one level of a round, as last computed: result, own score, the mean of the sampled children, grade. */
export function roundRanking(deps: Deps, actor: Actor, id: number, tier: AssessedTier) {
  const round = roundOrThrow(deps, id);
  assertCanSeeRound(deps, actor, round);
  const { depots } = assessedDepots(deps, round);
  const byId = new Map(depots.map((d) => [d.id, d]));
  const rows = q
    .resultsOf(deps.db, round.id)
    .filter((r) => r.tier === tier && byId.has(r.depotId))
    .sort((a, b) => a.rank - b.rank || a.depotId - b.depotId)
    .map((r) => {
      const d = byId.get(r.depotId)!;
      const parent = byId.get(parentOf(d.path) ?? -1);
      return {
        rank: r.rank,
        depot: depotRef(d),
        parent: parent ? depotRef(parent) : null,
        own: r.ownScore,
        childMean: r.childMean,
        total: r.total,
        grade: r.grade,
        complete: r.complete,
        sample: (r.sample ?? []).map((s) => depotRef(byId.get(s)!)),
      };
    });
  return { round: presentRound(deps, round), tier, rows };
}

/**
 * A depot's sheet in a round: each item of its tier's rubric, computed items with the figures
 * they came from (as last computed), assessor items with the score and note given now, and its
 * result, the sample drawn and its seed.
 */
export function depotSheet(deps: Deps, actor: Actor, roundId: number, depotId: number) {
  const round = roundOrThrow(deps, roundId);
  const depot = depotOrThrow(deps, depotId);
  assertCanSeeRound(deps, actor, round);
  // The organiser and the depots above it see every sheet of the round; a depot in the scope sees its own and those below it.
  if (!canRead(actor, depotOrThrow(deps, round.depotId))) assertCanRead(actor, depot);
  const { depots } = assessedDepots(deps, round);
  const byId = new Map(depots.map((d) => [d.id, d]));
  if (!byId.has(depot.id)) throw new DomainError('depot_not_in_round', `Depot ${depot.id} is not assessed in round ${round.id}`, { depotId: depot.id });
  const rubric = q.findRubric(deps.db, round.rubricId)!;
  const tier = depot.tier as AssessedTier;
  const result = q.findResult(deps.db, round.id, depot.id) ?? null;
  const scores = new Map(q.scoresOf(deps.db, round.id).filter((s) => s.depotId === depot.id).map((s) => [s.itemKey, s]));
  const computedItems = new Map((result?.items ?? []).map((i) => [i.key, i]));
  const items = rubric.tiers[tier].map((item: RubricItem) => {
    const base = { key: item.key, label: item.label, points: item.points, source: item.source };
    if (item.source === 'computed') {
      const found: ItemResult | undefined = computedItems.get(item.key);
      return { ...base, indicator: item.indicator, rule: item.rule, score: found?.score ?? null, value: found?.value ?? null, inputs: found?.inputs ?? null, note: null, scoredByName: null, scoredAt: null, guidance: null };
    }
    const s = scores.get(item.key);
    return { ...base, indicator: null, rule: null, score: s?.score ?? null, value: null, inputs: null, note: s?.note ?? null, scoredByName: s ? nameOf(deps, s.scoredBy) : null, scoredAt: s?.scoredAt ?? null, guidance: item.guidance ?? null };
  });
  return {
    round: presentRound(deps, round),
    depot: depotRef(depot),
    tier,
    items,
    result: result && {
      own: result.ownScore,
      childMean: result.childMean,
      total: result.total,
      rank: result.rank,
      of: q.resultsOf(deps.db, round.id).filter((r) => r.tier === tier).length,
      grade: result.grade,
      complete: result.complete,
      sample: (result.sample ?? []).map((id) => ({ ...depotRef(byId.get(id)!), total: q.findResult(deps.db, round.id, id)?.total ?? null })),
      sampleSeed: result.sampleSeed,
    },
    canScore: round.status === 'open' && actor.depotId === round.depotId && actor.depotId !== depot.id && ASSESSOR_ROLES.some((r) => actor.roles.includes(r)),
  };
}

const TIER_NAMES: Record<AssessedTier, { zh: string; en: string }> = {
  city: { zh: '市级', en: 'City' },
  county: { zh: '县级', en: 'County' },
  township: { zh: '乡级', en: 'Township' },
  village: { zh: '村级', en: 'Village' },
};
/** The figures behind the computed indicators (assessment-indicators.ts), as the printed sheet names them. */
const INPUT_NAMES: Record<string, { zh: string; en: string }> = {
  due: { zh: '应报', en: 'due' },
  onTime: { zh: '按时', en: 'on time' },
  late: { zh: '迟报', en: 'late' },
  missing: { zh: '未报', en: 'missing' },
  areas: { zh: '库房数', en: 'storage areas' },
  monitoredHours: { zh: '监测小时', en: 'hours monitored' },
  outOfLimitsOrUnloggedHours: { zh: '超限或漏记小时', en: 'hours out of limits or unlogged' },
  picks: { zh: '拣货行数', en: 'picks' },
  overrides: { zh: '未按近效期先出', en: 'FEFO overrides' },
  countsPosted: { zh: '已过账盘库次数', en: 'counts posted' },
  lastPostedOn: { zh: '最近盘库', en: 'last count' },
  expiredWrittenOff: { zh: '过期报损数量', en: 'written off as expired' },
  received: { zh: '入库数量', en: 'received' },
  filed: { zh: '已报告', en: 'filed' },
};
const GRADE_NAMES = { excellent: { zh: '优秀', en: 'Excellent' }, good: { zh: '良好', en: 'Good' }, pass: { zh: '合格', en: 'Pass' }, fail: { zh: '不合格', en: 'Fail' } } as const;

/** The depot's sheet as a printable form (考核评估表): one row an item, the result and the sample under it. */
export function depotSheetForm(deps: Deps, actor: Actor, roundId: number, depotId: number): ReportSheet {
  const s = depotSheet(deps, actor, roundId, depotId);
  const inputsText = (inputs: Record<string, number | string> | null, lang: 'zh' | 'en') =>
    inputs ? Object.entries(inputs).map(([k, v]) => `${INPUT_NAMES[k]?.[lang] ?? k} ${v}`).join(lang === 'zh' ? '，' : ', ') : '';
  const valueText = (i: (typeof s.items)[number], lang: 'zh' | 'en') =>
    i.value === null ? (lang === 'zh' ? '无可计算（得满分）' : 'nothing to measure (full points)') : i.rule?.kind === 'done' ? (i.value >= 1 ? (lang === 'zh' ? '已完成' : 'done') : lang === 'zh' ? '未完成' : 'not done') : `${Math.round(i.value * 1000) / 10}%`;
  const rows = s.items.map((i, n) => ({
    no: n + 1,
    item: i.label.zh,
    itemEn: i.label.en,
    source: i.source === 'computed' ? '系统计算' : '考核人员评分',
    sourceEn: i.source === 'computed' ? 'Computed' : 'Assessor',
    points: i.points,
    score: i.score,
    basis: i.source === 'computed' ? `${valueText(i, 'zh')}；${inputsText(i.inputs, 'zh')}` : (i.note ?? ''),
    basisEn: i.source === 'computed' ? `${valueText(i, 'en')}; ${inputsText(i.inputs, 'en')}` : (i.note ?? ''),
  }));
  const r = s.result;
  const notes = [
    { zh: `考核标准：${s.round.rubric.title}（第${s.round.rubric.version}版）；${TIER_NAMES[s.tier].zh}考核，满分100分。`, en: `Standard: ${s.round.rubric.title} (version ${s.round.rubric.version}); ${TIER_NAMES[s.tier].en} level, out of 100.` },
    r
      ? {
          zh: `本级得分 ${r.own}${r.childMean === null ? '' : `；抽查下级（${r.sample.map((x) => `${x.name} ${x.total ?? ''}`).join('、')}）平均分 ${r.childMean}，随机种子 ${r.sampleSeed}`}；综合得分 ${r.total}；${TIER_NAMES[s.tier].zh}第 ${r.rank} 名（共 ${r.of} 个）；等次：${GRADE_NAMES[r.grade].zh}${r.complete ? '' : '（尚有未评分项目）'}。`,
          en: `Own score ${r.own}${r.childMean === null ? '' : `; sampled below (${r.sample.map((x) => `${x.name} ${x.total ?? ''}`).join(', ')}) mean ${r.childMean}, seed ${r.sampleSeed}`}; result ${r.total}; rank ${r.rank} of ${r.of} at ${TIER_NAMES[s.tier].en.toLowerCase()} level; grade: ${GRADE_NAMES[r.grade].en}${r.complete ? '' : ' (items not yet scored)'}.`,
        }
      : { zh: '本轮尚未计算。', en: 'The round has not been computed yet.' },
    { zh: `乡、县、市综合得分＝本级得分×${deps.config.assessment.ownWeight}＋随机抽查的${deps.config.assessment.sample.min}-${deps.config.assessment.sample.max}个下级综合得分平均分×${1 - deps.config.assessment.ownWeight}（S0:490-492）。`, en: `Township, county and city result = own score × ${deps.config.assessment.ownWeight} + the mean result of ${deps.config.assessment.sample.min}-${deps.config.assessment.sample.max} units below drawn at random × ${1 - deps.config.assessment.ownWeight} (S0:490-492).` },
  ];
  return {
    report: 'assessment-sheet',
    title: { zh: `${s.round.year}年度计划生育药具工作考核评估表`, en: `Contraceptive supplies assessment ${s.round.year}` },
    depot: s.depot,
    period: { from: `${s.round.year}-01`, to: `${s.round.year}-12`, label: { zh: `${s.round.year}年度`, en: String(s.round.year) } },
    columns: [
      { key: 'no', header: { zh: '序号', en: 'No.' }, kind: 'int' },
      { key: 'item', header: { zh: '考核项目', en: 'Item' }, kind: 'text' },
      { key: 'source', header: { zh: '评分方式', en: 'Scored by' }, kind: 'text' },
      { key: 'points', header: { zh: '分值', en: 'Points' }, kind: 'decimal' },
      { key: 'score', header: { zh: '得分', en: 'Score' }, kind: 'decimal' },
      { key: 'basis', header: { zh: '计算依据／评分说明', en: 'Basis / note' }, kind: 'text' },
    ],
    rows,
    totals: { item: '本级得分', itemEn: 'Own score', points: 100, score: r?.own ?? null },
    unitTotals: [],
    notes,
    signatures: [{ zh: '考核人员：', en: 'Assessor:' }, { zh: '被考核单位负责人：', en: 'Head of the assessed unit:' }],
    generatedAt: deps.clock.now().toISOString(),
  };
}
