/**
 * `node --import tsx bench/assessment.ts [--runs 3]`
 *
 * The yearly assessment (issue 21, "Bench: the region's assessment computed for every depot
 * < 5 s"): the real Ningxia tree (1 region, 5 cities, 22 counties, 259 townships, 2,912
 * villages), every assessor item of every depot scored, a year of report submissions from the
 * townships; then, in process on a file database with the shipped synchronous=FULL, a region-wide
 * round computed (indicators read in bulk, own scores, samples drawn, results combined from the
 * villages up, ranks and grades, 3,198 results written) `--runs` times; then the region
 * leader's overview (the dashboard, which reads the subtree). Prints the figures.
 */
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, closeDb } from '../db/client.ts';
import { defaultConfig, systemClock } from '../server/config.ts';
import { createUserUnchecked, importCatalogue, importDepots } from '../server/services/bootstrap.ts';
import { loadDivisions } from '../seed/divisions.ts';
import { CATALOGUE } from '../seed/catalogue.ts';
import { findDepotByCode } from '../db/queries/depots.ts';
import { findUserByUsername } from '../db/queries/users.ts';
import { computeRoundResults, createRound, depotSheet, finaliseRound, roundRanking } from '../server/services/assessment.ts';
import { EXAMPLE_RUBRIC_V2 } from '../server/domain/assessment-rubric.ts';
import { dashboard } from '../server/services/dashboards.ts';
import type { AssessedTier } from '../server/domain/assessment.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Deps } from '../server/deps.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Number(args.runs);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const line = (what: string, figure: string, note = '') => console.log(`  ${what.padEnd(58)} ${figure.padStart(16)}  ${note}`);

let seed = 21;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

const dir = mkdtempSync(join(tmpdir(), 'fp-assessment-bench-'));
const db = openDb(join(dir, 'bench.db'));
const config = { ...defaultConfig, passwordHash: { memoryCost: 1024, timeCost: 1 } };
const deps: Deps = { db, clock: systemClock, config };
try {
  const t0 = performance.now();
  importDepots(db, await loadDivisions('64'));
  importCatalogue(db, CATALOGUE);
  for (const [username, roles] of [['bench-leader', ['leader']], ['bench-inspector', ['inspector']]] as const) {
    await createUserUnchecked(db, config, { username, displayName: username, depotCode: '64', roles: [...roles], password: 'bench-pass-1' }, new Date());
  }
  const actorOf = (username: string): Actor => {
    const u = findUserByUsername(db, username)!;
    const depot = findDepotByCode(db, '64')!;
    return { userId: u.id, username, displayName: username, depotId: depot.id, depotPath: depot.path, roles: username === 'bench-leader' ? ['leader'] : ['inspector'] };
  };
  const leader = actorOf('bench-leader');
  const inspector = actorOf('bench-inspector');
  const year = Number(new Date().toISOString().slice(0, 4)) - 1;
  const round = createRound(deps, leader, { year, rubricVersion: 2 });

  // Every assessor item of every depot scored, and the townships' 使用人数 of the first half-year sent.
  const depots = db.$client.prepare(`select id, tier from depots where tier in ('city', 'county', 'township', 'village')`).all() as { id: number; tier: AssessedTier }[];
  const insertScore = db.$client.prepare('insert into assessment_scores (round_id, depot_id, item_key, score, note, scored_by, scored_at) values (?, ?, ?, ?, ?, ?, ?)');
  const insertSubmission = db.$client.prepare(
    `insert into report_submissions (depot_id, kind, year, period, version, status, snapshot, due_on, signed_by, signed_at) values (?, 'users', ?, 'h1', 1, 'accepted', '{}', ?, ?, ?)`,
  );
  let scores = 0;
  db.$client.transaction(() => {
    const at = new Date().toISOString();
    for (const d of depots) {
      for (const item of EXAMPLE_RUBRIC_V2.tiers[d.tier].filter((i) => i.source === 'assessor')) {
        insertScore.run(round.id, d.id, item.key, Math.round(item.points * (0.5 + random() / 2) * 10) / 10, '抽查记录', inspector.userId, at);
        scores += 1;
      }
      if (d.tier === 'township') insertSubmission.run(d.id, year, `${year}-07-10`, leader.userId, `${year}-07-${random() < 0.8 ? '05' : '20'}T02:00:00.000Z`);
    }
  })();
  console.log(`\nAssessment bench: ${fmt(depots.length)} depots assessed, ${fmt(scores)} assessor scores, built in ${fmt((performance.now() - t0) / 1000, 1)} s\n`);

  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    computeRoundResults(deps, leader, round.id);
    times.push(performance.now() - t);
  }
  const best = Math.min(...times);
  line(`region round computed for every depot (best of ${RUNS})`, `${fmt(best / 1000, 2)} s`, best < 5000 ? 'target < 5 s: met' : 'target < 5 s: MISSED');
  line('  each run', times.map((x) => `${fmt(x / 1000, 2)} s`).join(' · '));
  let t = performance.now();
  const villages = roundRanking(deps, leader, round.id, 'village');
  line(`village ranking read (${fmt(villages.rows.length)} rows)`, `${fmt(performance.now() - t)} ms`);
  const county = db.$client.prepare(`select id from depots where tier = 'county' order by code limit 1`).pluck().get() as number;
  t = performance.now();
  depotSheet(deps, leader, round.id, county);
  line('a county’s sheet read', `${fmt(performance.now() - t)} ms`);
  // The overview reads the subtree too (training cadence, facility gaps, reports, supervision).
  const region = findDepotByCode(db, '64')!.id;
  const reads: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    dashboard(deps, leader, region);
    reads.push(performance.now() - t);
  }
  line(`the region leader’s overview (best of ${RUNS})`, `${fmt(Math.min(...reads))} ms`);
  t = performance.now();
  finaliseRound(deps, leader, round.id);
  line('round finalised (computed once more, then frozen)', `${fmt((performance.now() - t) / 1000, 2)} s`);
  console.log('');
} finally {
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
}
