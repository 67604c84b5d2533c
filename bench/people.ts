/**
 * `node --import tsx bench/people.ts [--people 100000] [--follow-ups 1000000] [--reads 300]`
 *
 * The people served (issue 20, "Speed"): a county's users register of `--people` people spread
 * over its townships and villages, with `--follow-ups` follow-ups, then, through the real HTTP
 * API (a server child process with the shipped synchronous=FULL, on loopback):
 * - the due-follow-up list of the busiest township, with names (read audited) and as the
 *   county sees it (case numbers); target p99 < 100 ms;
 * - a dispensing to a registered person; target p99 < 50 ms;
 * - the quarter's follow-up summary (随访汇总表) of the region; target < 1 s;
 * and in process the half-year's 使用人数 of the county from the register. Prints the figures.
 */
import { parseArgs } from 'node:util';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, closeDb } from '../db/client.ts';
import { defaultConfig, systemClock } from '../server/config.ts';
import { createUserUnchecked, importCatalogue, importDepots } from '../server/services/bootstrap.ts';
import { loadDivisions } from '../seed/divisions.ts';
import { CATALOGUE } from '../seed/catalogue.ts';
import { findDepotByCode } from '../db/queries/depots.ts';
import { depotsOfTiersUnder } from '../db/queries/people.ts';
import { findUserByUsername } from '../db/queries/users.ts';
import { insertBenchPeople, type BenchPerson } from '../db/queries/people-bench.ts';
import { addDays, addMonths, nextFollowUpDue } from '../server/domain/follow-ups.ts';
import { caseNumberOf } from '../server/domain/people.ts';
import { toIsoDate } from '../server/domain/expiry.ts';
import { createOpeningBalance, confirmOpeningBalance } from '../server/services/opening-balances.ts';
import { userCounts } from '../server/services/people-counts.ts';
import { listDueFollowUps } from '../server/services/people.ts';
import type { Actor } from '../server/auth/scope.ts';
import type { Deps } from '../server/deps.ts';
import type { ProductClass } from '../server/schemas/constants.ts';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    'follow-ups': { type: 'string', default: '1000000' },
    reads: { type: 'string', default: '300' },
    county: { type: 'string', default: '640121' },
    keep: { type: 'boolean', default: false },
  },
});
const PEOPLE = Number(args.people);
const FOLLOW_UPS = Number(args['follow-ups']);
const READS = Number(args.reads);
const PASSWORD = 'bench-pass-1';
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const line = (what: string, figure: string, note = '') => console.log(`  ${what.padEnd(58)} ${figure.padStart(16)}  ${note}`);

/** A small deterministic generator, so that two runs build the same register. */
let seed = 20;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const METHODS: [ProductClass, number][] = [
  ['iud', 0.45],
  ['oral', 0.15],
  ['injectable', 0.08],
  ['implant', 0.05],
  ['condom', 0.22],
  ['external', 0.05],
];
const pickMethod = () => {
  let r = random();
  for (const [m, share] of METHODS) if ((r -= share) < 0) return m;
  return 'iud';
};

// ---------- data ----------
const dir = mkdtempSync(join(tmpdir(), 'fp-people-bench-'));
const dbFile = join(dir, 'people.db');
console.log(`Building a county register in ${dbFile}: ${fmt(PEOPLE)} people, ${fmt(FOLLOW_UPS)} follow-ups…`);
const t0 = performance.now();
const db = openDb(dbFile, { synchronous: 'NORMAL' });
importDepots(db, await loadDivisions('64'));
importCatalogue(db, CATALOGUE);
const county = findDepotByCode(db, args.county)!;
const places = depotsOfTiersUnder(db, county.path, defaultConfig.people.registerTiers);
const townships = places.filter((p) => p.tier === 'township');
// Users never logged in by the bench are hashed cheaply; the two who log in get the shipped cost.
const cheap = { ...defaultConfig, passwordHash: { memoryCost: 1024, timeCost: 1 } };
const dispenserOf = new Map<number, number>();
for (const p of places) dispenserOf.set(p.id, await createUserUnchecked(db, cheap, { username: `disp-${p.code}`, displayName: `${p.name}药具发放员`, depotCode: p.code, roles: ['dispenser'], password: PASSWORD }, new Date()));
const today = toIsoDate(new Date(), defaultConfig.timeZone);
const perPerson = Math.floor(FOLLOW_UPS / PEOPLE);
const extra = FOLLOW_UPS - perPerson * PEOPLE;
const seq = new Map<number, number>();
const people: BenchPerson[] = [];
for (let i = 0; i < PEOPLE; i++) {
  const place = places[Math.floor(random() * places.length)]!;
  const n = (seq.get(place.id) ?? 0) + 1;
  seq.set(place.id, n);
  const method = pickMethod();
  const methodSince = addDays(today, -Math.floor(30 + random() * 8 * 365));
  const r = random();
  const status = r < 0.85 ? 'using' : r < 0.95 ? 'stopped' : 'moved_away';
  const statusOn = status === 'using' ? methodSince : addDays(methodSince, Math.floor(random() * Math.max(1, -daysFrom(methodSince))));
  const count = perPerson + (i < extra ? 1 : 0);
  const span = Math.max(1, daysFrom(methodSince) * -1);
  const followUps = Array.from({ length: count }, (_, k) => addDays(methodSince, Math.floor(((k + 1) * span) / (count + 1)))).sort();
  // Most users were last visited on time; a tenth are behind, so the due list has overdue people in it.
  const lastFollowUpOn = random() < 0.9 ? (followUps.at(-1) ?? null) : followUps.length > 1 ? followUps[Math.floor(followUps.length / 2)]! : null;
  const schedule = defaultConfig.people.followUps[method] ?? null;
  people.push({
    depotId: place.id,
    caseNumber: caseNumberOf(place.code, n),
    method,
    methodSince,
    status,
    statusOn,
    dispenserId: dispenserOf.get(place.id)!,
    lastFollowUpOn,
    nextFollowUpOn: status === 'using' ? nextFollowUpDue(schedule, methodSince, lastFollowUpOn, defaultConfig.people.followUpEarlyDays) : null,
    followUps,
  });
}
function daysFrom(date: string) {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
insertBenchPeople(db, people, dispenserOf.get(places[0]!.id)!, new Date().toISOString());

// The busiest township (with its villages) and one of its villages: a dispenser there, stock to dispense.
const pathOf = new Map(places.map((p) => [p.id, p.path]));
const busiest = townships.map((t) => ({ t, n: people.filter((p) => pathOf.get(p.depotId)!.startsWith(t.path)).length })).sort((a, b) => b.n - a.n)[0]!;
const village = places.find((p) => p.tier === 'village' && p.path.startsWith(busiest.t.path) && people.some((q) => q.depotId === p.id && q.status === 'using'))!;
await createUserUnchecked(db, defaultConfig, { username: 'bench-disp', displayName: 'bench dispenser', depotCode: village.code, roles: ['dispenser'], password: PASSWORD }, new Date());
await createUserUnchecked(db, defaultConfig, { username: 'bench-town', displayName: 'bench township dispenser', depotCode: busiest.t.code, roles: ['dispenser'], password: PASSWORD }, new Date());
await createUserUnchecked(db, defaultConfig, { username: 'bench-county', displayName: 'bench county leader', depotCode: county.code, roles: ['leader'], password: PASSWORD }, new Date());
await createUserUnchecked(db, defaultConfig, { username: 'bench-region', displayName: 'bench region leader', depotCode: '64', roles: ['leader'], password: PASSWORD }, new Date());
const regionId = findDepotByCode(db, '64')!.id;
await createUserUnchecked(db, cheap, { username: 'bench-keeper', displayName: 'k', depotCode: village.code, roles: ['storekeeper'], password: PASSWORD }, new Date());
await createUserUnchecked(db, cheap, { username: 'bench-planner', displayName: 'p', depotCode: village.code, roles: ['planner'], password: PASSWORD }, new Date());
const actorOf = (username: string): Actor => {
  const u = findUserByUsername(db, username)!;
  return { userId: u.id, username: u.username, displayName: u.displayName, depotId: u.depotId, depotPath: u.depotPath, roles: u.roles };
};
const deps: Deps = { db, clock: systemClock, config: defaultConfig };
const opening = createOpeningBalance(deps, actorOf('bench-keeper'), {
  depotId: village.id,
  lines: [{ batch: { productCode: 'KJ-0101', lot: 'BENCH-P1', expiresOn: addMonths(today, 24) }, zone: 'qualified', quantity: 100_000 }],
});
confirmOpeningBalance(deps, actorOf('bench-planner'), opening.id);
const batchId = opening.lines[0]!.batchId;
const pillUsers = people.map((p, i) => ({ p, id: i + 1 })).filter(({ p }) => p.depotId === village.id && p.status === 'using').map(({ id }) => id);
db.$client.exec('analyze');
db.$client.pragma('wal_checkpoint(TRUNCATE)');
console.log('\nData');
line('county', `${county.name} ${county.code}`, `${fmt(townships.length)} townships, ${fmt(places.length - townships.length)} villages`);
line('people in the register', fmt(PEOPLE), `${fmt(people.filter((p) => p.status === 'using').length)} using a method`);
line('follow-ups', fmt(FOLLOW_UPS));
line(`busiest township ${busiest.t.name}`, fmt(busiest.n), 'people with its villages');
line('build time', `${fmt((performance.now() - t0) / 1000, 1)} s`);

// ---------- in process ----------
console.log('\nIn process');
{
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    userCounts(deps, actorOf('bench-county'), county.id, Number(today.slice(0, 4)) - 1, 2);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  line('使用人数 of the county from the register (half-year)', `${fmt(times[2]!, 1)} ms`, `median of 5; max ${fmt(times[4]!, 1)} ms`);
  const due = listDueFollowUps(deps, actorOf('bench-county'), { depotId: busiest.t.id, withinDays: 30, page: 1, pageSize: 100 });
  line('due-follow-up list of the township', fmt(due.total), `due within 30 days, ${fmt(due.overdue)} overdue`);
}
closeDb(db);

// ---------- through the API ----------
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, DB_FILE: dbFile, PORT: String(port), HOST: '127.0.0.1', SEED: 'none', DB_SYNCHRONOUS: 'FULL', WEB_DIR: join(dir, 'no-web'), JOBS: 'false', LOG_LEVEL: 'error', MIN_FREE_DISK_MB: '0' },
    stdio: ['ignore', process.env.BENCH_SERVER_LOG ? 'inherit' : 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { child, url };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}
async function login(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const me = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: me.csrfToken };
}
/** Runs `n` requests one after another: p50 and p99 in ms. */
async function latency(n: number, request: (i: number) => Promise<Response>) {
  const times: number[] = [];
  for (let i = 0; i < n + 10; i++) {
    const t = performance.now();
    const res = await request(i);
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    if (i >= 10) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.floor(times.length * 0.99)]! };
}

const server = await startServer();
try {
  console.log(`\nThrough the API (server with synchronous=FULL, ${READS} requests each, one after another)`);
  const town = await login(server.url, 'bench-town');
  const countyLeader = await login(server.url, 'bench-county');
  const disp = await login(server.url, 'bench-disp');
  const dueUrl = `${server.url}/api/follow-ups/due?depotId=${busiest.t.id}&withinDays=30&pageSize=100`;
  const named = await latency(READS, () => fetch(dueUrl, { headers: { cookie: town.cookie } }));
  line('due follow-ups of the township, with names (audited)', `${fmt(named.p50, 1)} / ${fmt(named.p99, 1)} ms`, 'p50 / p99; target p99 < 100 ms');
  const counted = await latency(READS, () => fetch(dueUrl, { headers: { cookie: countyLeader.cookie } }));
  line('same list as the county reads it (case numbers)', `${fmt(counted.p50, 1)} / ${fmt(counted.p99, 1)} ms`, 'p50 / p99');
  const dispense = await latency(READS, (i) =>
    fetch(`${server.url}/api/dispensings`, {
      method: 'POST',
      headers: { cookie: disp.cookie, 'x-csrf-token': disp.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ depotId: village.id, raw: `FP1:B:${batchId}`, quantity: 1, packIntact: true, expiryChecked: true, personId: pillUsers[i % pillUsers.length] }),
    }),
  );
  line('dispense to a registered person (batch label scanned)', `${fmt(dispense.p50, 1)} / ${fmt(dispense.p99, 1)} ms`, 'p50 / p99; target p99 < 50 ms');
  const regionLeader = await login(server.url, 'bench-region');
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const summary = await latency(Math.min(READS, 30), () => fetch(`${server.url}/api/depots/${regionId}/follow-up-summary?year=${today.slice(0, 4)}&quarter=${quarter}`, { headers: { cookie: regionLeader.cookie } }));
  line('follow-up summary (随访汇总表) of the region, this quarter', `${fmt(summary.p50, 1)} / ${fmt(summary.p99, 1)} ms`, 'p50 / p99; target < 1 s');
} finally {
  server.child.kill();
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`\nKept ${dir}`);
}
