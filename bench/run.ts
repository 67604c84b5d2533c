/**
 * `npm run bench [-- --scale 1000000] [--country] [--clients 8] [--seconds 8] [--lines 10]`
 *
 * Builds a database at realistic scale (the Ningxia tree, the catalogue, `--scale`
 * synthetic movements over five years), then measures in one run: posting throughput through
 * the real HTTP API (a server child process, authenticated sessions, concurrent clients on
 * loopback) against the same writes made directly with better-sqlite3 prepared statements,
 * for synchronous=FULL (shipped) and NORMAL; read latency (p50/p99) of stock on hand and the
 * stock card; the gzipped web bundle and the login screen over slow 3G (bench/web-load.ts);
 * peak server memory. Prints a table and writes JSON under bench/results/.
 *
 * `BENCH_ONLY=login,import npm run bench` runs only the sections named that need none of the
 * built data (each starts a demo server of its own): `login`, a 150-request wrong-password burst
 * against the throttle; `import`, /api/health while a 100,000-row climate CSV is imported. Both
 * also run, last but the web, in the whole run.
 */
import { parseArgs } from 'node:util';
import http from 'node:http';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openDb, closeDb, type Db } from '../db/client.ts';
import { defaultConfig, systemClock } from '../server/config.ts';
import { getTransferOrder } from '../server/services/transfers.ts';
import { labelAsSvg, labelSheet, labelSheetPdf } from '../server/services/labels.ts';
import { findUserByUsername } from '../db/queries/users.ts';
import { createUserUnchecked, importCatalogue, importDepots } from '../server/services/bootstrap.ts';
import { verifyLedger } from '../server/services/verify-ledger.ts';
import { loadDivisions } from '../seed/divisions.ts';
import { CATALOGUE } from '../seed/catalogue.ts';
import { syntheticLots, writeSyntheticHistory } from '../seed/synthetic-history.ts';
import { benchTables, directWriter, ptsFromMovements } from '../db/queries/bench.ts';
import { rebuildPeriodTotals } from '../db/queries/period-totals.ts';
import { ptsReport } from '../server/services/reports/pts.ts';
import { detailLedger } from '../server/services/reports/ledgers.ts';
import { buildReport } from '../server/services/reports/registry.ts';
import { sheetToXlsx } from '../server/services/reports/export.ts';
import { addDays } from '../server/domain/expiry.ts';
import { parseClimateCsv } from '../server/domain/climate-csv.ts';
import { createArea, importCsv } from '../server/services/climate.ts';
import { areaSeries, monthlyRecord } from '../server/services/climate-reads.ts';
import { expiredStock, expirySummary, flagExpiredEverywhere } from '../server/services/expiry.ts';
import { consolidateDemand, demandPlanOverview } from '../server/services/planning.ts';
import { measureWebLoad, webLoadLines } from './web-load.ts';
import { DEMO_PASSWORD } from '../seed/demo.ts';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '1000000' },
    country: { type: 'boolean', default: false },
    clients: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '8' },
    lines: { type: 'string', default: '10' },
    reads: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
    'skip-verify': { type: 'boolean', default: false },
    'reports-scale': { type: 'string', default: '10000000' },
  },
});
const SCALE = Number(args.scale);
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);
const LINES = Number(args.lines);
const READS = Number(args.reads);
const PASSWORD = 'bench-pass-1';

const results: Record<string, unknown> = { startedAt: new Date().toISOString(), scale: SCALE, country: args.country, clients: CLIENTS, seconds: SECONDS, linesPerDocument: LINES };
const rows: [string, string, string][] = [];
const line = (what: string, figure: string, note = '') => {
  rows.push([what, figure, note]);
  console.log(`  ${what.padEnd(52)} ${figure.padStart(14)}  ${note}`);
};
/** Runs `f` n times: p50 and max in ms. */
function timed(n: number, f: () => unknown) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]! };
}
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// ---------- hardening (issue 19): a login burst, and the server during an import ----------
/** The sections BENCH_ONLY can name: each runs against a demo server of its own. */
const ALONE = ['login', 'import'] as const;
const only = new Set((process.env.BENCH_ONLY ?? '').split(',').filter((s) => s !== ''));
for (const name of only) if (!(ALONE as readonly string[]).includes(name)) throw new Error(`BENCH_ONLY: ${name} is not one of ${ALONE.join(', ')}`);

/** p50 and p99 of some times, in ms. */
const p50p99 = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length * 0.5)]!, p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!, n: sorted.length };
};

/** The server as shipped (argon2 cost, synchronous=FULL) on a fresh demo database of its own. */
async function startDemoServer(file: string) {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, DB_FILE: file, PORT: String(port), HOST: '127.0.0.1', SEED: 'demo', WEB_DIR: 'none', JOBS: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM'))));
  return { url, stop };
}

/** POST /api/auth/login from a given loopback address (127.0.0.0/8 all answer): status and time taken. */
function loginFrom(url: string, localAddress: string, username: string, password: string) {
  const body = JSON.stringify({ username, password });
  const started = performance.now();
  return new Promise<{ status: number; ms: number }>((resolve, reject) => {
    const req = http.request(`${url}/api/auth/login`, { method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function hardeningBench(sections: ReadonlySet<string>) {
  console.log('\nHardening (issue 19; a demo server of its own, as shipped)');
  const own = mkdtempSync(join(tmpdir(), 'fp-bench-hardening-'));
  const { url, stop } = await startDemoServer(join(own, 'demo.db'));
  try {
    if (sections.has('login')) {
      // The throttle counts every attempt before the password is checked (server/domain/login-throttle.ts):
      // five failures lock the account from that address; the owner's other computer is not locked.
      const burst = await Promise.all(Array.from({ length: 150 }, (_, i) => loginFrom(url, '127.0.0.1', 'county-leader', `wrong-password-${i}`)));
      const times = p50p99(burst.map((b) => b.ms));
      const refused = burst.filter((b) => b.status === 401).length;
      const throttled = burst.filter((b) => b.status === 429).length;
      const sameAddress = await loginFrom(url, '127.0.0.1', 'county-leader', DEMO_PASSWORD);
      const otherAddress = await loginFrom(url, '127.0.0.2', 'county-leader', DEMO_PASSWORD);
      results.loginBurst = { ...times, refused, throttled, rightPasswordSameAddress: sameAddress.status, rightPasswordOtherAddress: otherAddress.status };
      line('login, 150 wrong passwords at once', `${fmt(times.p50, 0)} / ${fmt(times.p99, 0)} ms`, `p50 / p99; ${refused} × 401 (checked), ${throttled} × 429 (throttled)`);
      line('then the right password, same address / another', `${sameAddress.status} / ${otherAddress.status}`, '429 while the lock holds there; the owner elsewhere logs in');
    }
    if (sections.has('import')) {
      const keeper = await (async () => {
        const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'county-storekeeper', password: DEMO_PASSWORD }) });
        const me = (await res.json()) as { csrfToken: string; depot: { id: number } };
        return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: me.csrfToken, depotId: me.depot.id };
      })();
      const post = (path: string, body: string) => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: keeper.cookie, 'x-csrf-token': keeper.csrf }, body });
      const area = (await (await post(`/api/depots/${keeper.depotId}/storage-areas`, JSON.stringify({ name: 'bench import', kind: 'room' }))).json()) as { id: number };
      const rows = 100_000;
      const csv = ['Time,Temperature(°C),Humidity(%RH)'];
      for (let i = 0; i < rows; i++) csv.push(`${new Date(Date.UTC(2025, 0, 1) + i * 300_000).toISOString().slice(0, 19).replace('T', ' ')},${(15 + (i % 50) / 10).toFixed(1)},${45 + (i % 15)}`);
      const body = JSON.stringify({ csv: csv.join('\n'), timeZone: 'Asia/Shanghai' });
      const probes: number[] = [];
      const inFlight: Promise<void>[] = [];
      const timer = setInterval(() => {
        const t = performance.now();
        inFlight.push(fetch(`${url}/api/health`).then((r) => r.arrayBuffer()).then(() => void probes.push(performance.now() - t)));
      }, 20);
      const started = performance.now();
      const res = await post(`/api/storage-areas/${area.id}/readings/import`, body);
      const importMs = performance.now() - started;
      clearInterval(timer);
      await Promise.all(inFlight);
      const imported = ((await res.json()) as { imported?: number }).imported ?? 0;
      const health = p50p99(probes);
      results.healthDuringImport = { ...health, rows, imported, importMs, status: res.status };
      line(`/api/health during a ${fmt(rows)}-row climate import`, `${fmt(health.p50, 0)} / ${fmt(health.p99, 0)} ms`, `p50 / p99 of ${health.n} probes every 20 ms; import ${res.status} in ${fmt(importMs / 1000, 1)} s; target p99 < 200 ms`);
    }
  } finally {
    await stop();
    rmSync(own, { recursive: true, force: true });
  }
}

if (only.size > 0) {
  await hardeningBench(only);
  process.exit(0);
}

// ---------- 1. data ----------
const dir = mkdtempSync(join(tmpdir(), 'fp-bench-'));
const dbFile = join(dir, 'bench.db');
console.log(`Building data in ${dbFile} (scale ${fmt(SCALE)} movements${args.country ? ', whole country tree' : ''})…`);
const t0 = performance.now();
let db: Db = openDb(dbFile, { synchronous: 'NORMAL' });
const divisions = await loadDivisions(args.country ? undefined : '64');
importDepots(db, divisions);
importCatalogue(db, CATALOGUE);
const tables = benchTables(db);
const products = tables.products();
const lots = syntheticLots(products, new Date());
tables.insertBatches(lots, new Date().toISOString());
const batches = tables.batches();
const allDepots = tables.depots();
// With --country the history and the measured region stay Ningxia (64); the tree around it is the country's.
const region = allDepots.find((d) => d.code === '64')!;
const writerDepots = tables
  .depotsOfTier('county')
  .filter((d) => d.code.startsWith('64'))
  .slice(0, Math.max(CLIENTS * 2, 8));
await Promise.all(
  writerDepots.map((d, i) =>
    createUserUnchecked(db, defaultConfig, { username: `bench-sk-${i}`, displayName: `bench storekeeper ${i}`, depotCode: d.code, roles: ['storekeeper'], password: PASSWORD }, new Date()),
  ),
);
await createUserUnchecked(db, defaultConfig, { username: 'bench-leader', displayName: 'bench leader', depotCode: region.code, roles: ['leader'], password: PASSWORD }, new Date());
// The writers' counties have history: they take opening stock only within an opening window
// their leader opens (server/services/opening-balances.ts). The set-up opens one for the run.
{
  const leaderId = db.$client.prepare('select id from users where username = ?').pluck().get('bench-leader');
  const openWindow = db.$client.prepare('insert into opening_windows (depot_id, ends_on, reason, opened_by, opened_at) values (?, ?, ?, ?, ?)');
  for (const d of writerDepots) openWindow.run(d.id, '2099-12-31', 'benchmark', leaderId, new Date().toISOString());
}
const historyDepots = args.country ? allDepots.filter((d) => d.code.startsWith('64')) : allDepots;
let lastReport = 0;
const history = writeSyntheticHistory(db, historyDepots, batches, {
  movements: SCALE,
  endsAt: new Date(),
  actorId: tables.userId('bench-leader'),
  onProgress: (n) => {
    if (n - lastReport >= 1_000_000) {
      lastReport = n;
      process.stdout.write(`  ${fmt(n)} movements…\n`);
    }
  },
});
rebuildPeriodTotals(db, defaultConfig.timeZone);
db.$client.pragma('wal_checkpoint(TRUNCATE)');
db.$client.exec('analyze');
const buildSeconds = (performance.now() - t0) / 1000;
results.data = { depots: allDepots.length, products: products.length, batches: batches.length, ...history, buildSeconds };
console.log('\nData');
line('depots', fmt(allDepots.length), args.country ? 'whole country' : 'Ningxia: 1 + 5 + 22 + 259 + 2,912');
line('batches (lots)', fmt(batches.length));
line('movements of synthetic history', fmt(history.movements), `${fmt(history.postings)} postings, ${fmt(history.balances)} balances`);
line('build time', `${fmt(buildSeconds, 1)} s`);
const busy = tables.busiestCard(region.id);

// A county holding 5,000 qualified batches over 40 products, and its planner: the pick-list bench.
const PICK_BATCHES = 5000;
const PICK_LINES = 30;
const pickDepot = tables.depotsOfTier('county').find((d) => d.code.startsWith('64') && !writerDepots.some((w) => w.id === d.id))!;
const pickChild = tables.firstChild(pickDepot.id);
tables.insertProducts(24, 'BENCH-P');
const pickProducts = tables.products();
const today = new Date().toISOString().slice(0, 10);
tables.insertBatches(
  Array.from({ length: PICK_BATCHES }, (_, i) => {
    const p = pickProducts[i % pickProducts.length];
    return { productId: p.id, lot: `PK${String(i).padStart(5, '0')}`, expiresOn: addDays(today, 200 + ((i * 37) % 1500)), producedOn: addDays(today, -((i * 13) % 700)), unitPriceFen: p.unitPriceFen };
  }),
  new Date().toISOString(),
);
const pickBatchIds = tables.batchIdsOfLots('PK');
{
  const writer = directWriter(db);
  const actor = tables.userId('bench-leader');
  for (let i = 0; i < pickBatchIds.length; i += 100) writer.postDocument(pickDepot.id, actor, pickBatchIds.slice(i, i + 100).map((batchId) => ({ batchId, zone: 'qualified', quantity: 40 })));
}
await createUserUnchecked(db, defaultConfig, { username: 'bench-planner', displayName: 'bench planner', depotCode: pickDepot.code, roles: ['planner'], password: PASSWORD }, new Date());
const pickDepotBatches = tables.qualifiedBatchesAt(db, pickDepot.id);
closeDb(db);

// ---------- 2. posting throughput ----------
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(synchronous: 'FULL' | 'NORMAL'): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, DB_FILE: dbFile, PORT: String(port), HOST: '127.0.0.1', SEED: 'none', DB_SYNCHRONOUS: synchronous, WEB_DIR: 'dist/web', JOBS: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { child, url };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

function peakMemoryMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function login(url: string, username: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const me = (await res.json()) as { csrfToken: string; depot: { id: number } };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0], csrf: me.csrfToken, depotId: me.depot.id };
}

function documentLines(seq: number) {
  // A county's opening stock goes to its pending zone, for the inspector.
  return Array.from({ length: LINES }, (_, i) => ({ batchId: batches[(seq * LINES + i) % batches.length].id, zone: 'pending' as const, quantity: 1 + ((seq + i) % 50) }));
}

/** A lean keep-alive HTTP client (node:http), so that the load generator takes little of the 2 cores. */
function poster(url: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const { hostname, port } = new URL(url);
  return (path: string, body: string, headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const req = http.request(
        { hostname, port, path, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

async function apiThroughput(url: string) {
  const sessions = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => login(url, `bench-sk-${i}`)));
  const post = poster(url);
  let documents = 0;
  let failures = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    sessions.map(async (s, i) => {
      let seq = i * 1_000_000;
      while (performance.now() < deadline) {
        const status = await post('/api/opening-balances', JSON.stringify({ depotId: s.depotId, lines: documentLines(seq++) }), { cookie: s.cookie, 'x-csrf-token': s.csrf });
        if (status === 201) documents += 1;
        else failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { movementsPerSecond: (documents * LINES) / seconds, documents, failures, seconds };
}

/** Goods-in scans through the API: each client scans GS1 element strings into its own open receipt. */
async function scanThroughput(url: string) {
  const sessions = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => login(url, `bench-sk-${i}`)));
  const post = poster(url);
  const receipts = await Promise.all(
    sessions.map(async (s) => {
      const res = await fetch(`${url}/api/receipts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
        body: JSON.stringify({ depotId: s.depotId, supplierName: 'bench supplier', deliveryNote: `bench-${s.depotId}` }),
      });
      return ((await res.json()) as { id: number }).id;
    }),
  );
  // Two catalogue GTINs, twenty lots each: most scans hit a known batch, as on a real delivery.
  const gtins = ['06901234567892', '09506000134352'];
  let scans = 0;
  let refused = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    sessions.map(async (s, i) => {
      let n = i;
      while (performance.now() < deadline) {
        const raw = `]d201${gtins[n % 2]}17301231` + `10BENCH${n % 20}`;
        n += 1;
        const status = await post(`/api/receipts/${receipts[i]}/scans`, JSON.stringify({ raw }), { cookie: s.cookie, 'x-csrf-token': s.csrf });
        if (status === 200) scans += 1;
        else refused += 1;
      }
    }),
  );
  return { scansPerSecond: scans / ((performance.now() - started) / 1000), scans, refused };
}

function directThroughput(synchronous: 'FULL' | 'NORMAL') {
  const d = openDb(dbFile, { synchronous });
  const writer = directWriter(d);
  const depotIds = writerDepots.map((w) => w.id);
  const actor = tables.userIdIn(d, 'bench-sk-0');
  let documents = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  while (performance.now() < deadline) {
    writer.postDocument(depotIds[documents % depotIds.length], actor, documentLines(documents));
    documents += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  closeDb(d);
  return { movementsPerSecond: (documents * LINES) / seconds, documents, seconds };
}

async function percentiles(url: string, path: string, cookie: string) {
  const times: number[] = [];
  for (let i = 0; i < READS; i++) {
    const t = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)], p99: times[Math.floor(times.length * 0.99)], n: times.length };
}

/** GET of a 30-line transfer order, which proposes FEFO picks for every line from the county's 5,000 batches. */
async function pickListLatency(url: string) {
  const planner = await login(url, 'bench-planner');
  const res = await fetch(`${url}/api/transfer-orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: planner.cookie, 'x-csrf-token': planner.csrf },
    body: JSON.stringify({
      fromDepotId: pickDepot.id,
      toDepotId: pickChild.id,
      // Temporary: its pick list is proposed while it waits for the leader, as it is once approved.
      basis: 'temporary',
      lines: pickProducts.slice(0, PICK_LINES).map((p) => ({ productId: p.id, quantity: 250 })),
    }),
  });
  if (res.status !== 201) throw new Error(`transfer order: ${res.status} ${await res.text()}`);
  const order = (await res.json()) as { id: number; lines: { proposals: unknown[] }[] };
  const proposals = order.lines.reduce((s, l) => s + l.proposals.length, 0);
  return { ...(await percentiles(url, `/api/transfer-orders/${order.id}`, planner.cookie)), inProcess: pickListInProcess(order.id), lines: order.lines.length, proposals, batchesAtDepot: pickDepotBatches };
}

/** The same pick list computed by the service in this process, on its own connection: the proposal without HTTP. */
function pickListInProcess(orderId: number) {
  const d = openDb(dbFile);
  const u = findUserByUsername(d, 'bench-planner')!;
  const actor = { userId: u.id, username: u.username, displayName: u.displayName, depotId: u.depotId, depotPath: u.depotPath, roles: u.roles };
  const deps = { db: d, clock: systemClock, config: defaultConfig };
  const times: number[] = [];
  for (let i = 0; i < READS; i++) {
    const t = performance.now();
    getTransferOrder(deps, actor, orderId);
    times.push(performance.now() - t);
  }
  closeDb(d);
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)], p99: times[Math.floor(times.length * 0.99)] };
}

const throughput: Record<string, unknown> = {};
let peakMiB = 0;
for (const sync of ['FULL', 'NORMAL'] as const) {
  console.log(`\nPosting throughput, synchronous=${sync}${sync === 'FULL' ? ' (shipped)' : ''}, ${CLIENTS} clients, ${LINES}-line documents, ${SECONDS} s each`);
  const direct = directThroughput(sync);
  const server = await startServer(sync);
  process.on('exit', () => server.child.kill('SIGKILL'));
  const api = await apiThroughput(server.url);
  let reads: Record<string, unknown> | undefined;
  let scans: Awaited<ReturnType<typeof scanThroughput>> | undefined;
  if (sync === 'FULL') {
    scans = await scanThroughput(server.url);
    const leader = await login(server.url, 'bench-leader');
    const county = writerDepots[0];
    reads = {
      stockOneDepot: await percentiles(server.url, `/api/stock?depotId=${county.id}`, leader.cookie),
      stockRegionSubtree: await percentiles(server.url, `/api/stock?depotId=${region.id}&scope=subtree`, leader.cookie),
      stockCard: await percentiles(server.url, `/api/stock/card?depotId=${region.id}&batchId=${busy.batchId}`, leader.cookie),
      stockCardMovements: busy.movements,
      pickList: await pickListLatency(server.url),
    };
  }
  const mem = peakMemoryMiB(server.child.pid!);
  peakMiB = Math.max(peakMiB, mem);
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  const ratio = api.movementsPerSecond / direct.movementsPerSecond;
  throughput[sync] = { direct, api, ratio, serverPeakMiB: mem, scans };
  line(`direct (better-sqlite3 prepared statements)`, `${fmt(direct.movementsPerSecond)} mov/s`, `${fmt(direct.documents)} documents`);
  line(`API (HTTP, sessions, CSRF, zod, posting module)`, `${fmt(api.movementsPerSecond)} mov/s`, `${fmt(api.documents)} documents, ${api.failures} refused`);
  line(`API / direct`, `${fmt(ratio * 100, 1)} %`, sync === 'FULL' ? 'target ≥ 30 % and ≥ 2,000 mov/s' : '');
  if (scans) line('goods-in scans into open receipts (API)', `${fmt(scans.scansPerSecond)} scans/s`, `${fmt(scans.scans)} scans, ${scans.refused} refused`);
  if (reads) {
    results.reads = reads;
    const r = reads as Record<string, { p50: number; p99: number }>;
    console.log(`\nReads at ${fmt(history.movements)} movements (${READS} requests each, through the API)`);
    line('stock on hand, one county depot', `${fmt(r.stockOneDepot.p50, 1)} / ${fmt(r.stockOneDepot.p99, 1)} ms`, 'p50 / p99');
    line('stock on hand, whole region subtree', `${fmt(r.stockRegionSubtree.p50, 1)} / ${fmt(r.stockRegionSubtree.p99, 1)} ms`, 'p50 / p99; target p99 < 50 ms at 10 M');
    line(`stock card, busiest batch at region (${fmt(busy.movements)} lines)`, `${fmt(r.stockCard.p50, 1)} / ${fmt(r.stockCard.p99, 1)} ms`, 'p50 / p99; target < 10 ms at 10 M');
    const pick = reads.pickList as { p50: number; p99: number; inProcess: { p50: number; p99: number }; lines: number; proposals: number; batchesAtDepot: number };
    line(`pick list, ${pick.lines}-line order, depot of ${fmt(pick.batchesAtDepot)} batches`, `${fmt(pick.p50, 1)} / ${fmt(pick.p99, 1)} ms`, `p50 / p99 through the API; ${pick.proposals} proposals; target p99 < 10 ms`);
    line(`pick list, same order, computed in process`, `${fmt(pick.inProcess.p50, 1)} / ${fmt(pick.inProcess.p99, 1)} ms`, 'p50 / p99 of the service without HTTP');
  }
}
results.throughput = throughput;

// ---------- labels ----------
{
  console.log('\nLabels (in process, from the database: lookups, barcode encoding, SVG)');
  const d = openDb(dbFile);
  const u = findUserByUsername(d, 'bench-planner')!;
  const actor = { userId: u.id, username: u.username, displayName: u.displayName, depotId: u.depotId, depotPath: u.depotPath, roles: u.roles };
  const deps = { db: d, clock: systemClock, config: defaultConfig };
  const ids = pickBatchIds;
  // The first renders compile bwip-js's encoders (about 40 ms once per process): not a label's cost.
  for (const id of ids.slice(-5)) labelAsSvg(deps, actor, { kind: 'batch', id }, { widthMm: 50, heightMm: 30 });
  const times: number[] = [];
  for (let i = 0; i < Math.min(READS, 500); i++) {
    const t = performance.now();
    labelAsSvg(deps, actor, { kind: 'batch', id: ids[i % ids.length]! }, { widthMm: 50, heightMm: 30 });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const one = { p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.floor(times.length * 0.99)]! };
  const t = performance.now();
  const html = labelSheet(deps, actor, 'a4-3x8', ids.slice(1000, 2000).map((id) => ({ ref: { kind: 'batch' as const, id }, copies: 1 })));
  const sheetMs = performance.now() - t;
  const t2 = performance.now();
  const pdf = await labelSheetPdf(deps, actor, 'a4-3x8', ids.slice(2000, 3000).map((id) => ({ ref: { kind: 'batch' as const, id }, copies: 1 })));
  const pdfMs = performance.now() - t2;
  closeDb(d);
  results.labels = { one, sheet1000Ms: sheetMs, sheetBytes: html.length, pdf1000Ms: pdfMs, pdfBytes: pdf.length };
  line('one batch label (50×30 mm SVG)', `${fmt(one.p50, 1)} / ${fmt(one.p99, 1)} ms`, 'p50 / p99; target < 20 ms');
  line('sheet of 1,000 different batch labels (A4 3×8)', `${fmt(sheetMs / 1000, 2)} s`, `${fmt(html.length / 1024 / 1024, 1)} MiB of HTML, 42 pages; target < 3 s`);
  line('the same as a PDF download (fonts embedded)', `${fmt(pdfMs / 1000, 2)} s`, `${fmt(pdf.length / 1024, 0)} KiB`);
}

// ---------- climate ----------
{
  console.log('\nClimate (in process, through the services)');
  const d = openDb(dbFile);
  const depot = writerDepots[0]!;
  await createUserUnchecked(d, defaultConfig, { username: 'bench-climate', displayName: 'bench climate', depotCode: depot.code, roles: ['storekeeper'], password: PASSWORD }, new Date());
  const u = findUserByUsername(d, 'bench-climate')!;
  const actor = { userId: u.id, username: u.username, displayName: u.displayName, depotId: u.depotId, depotPath: u.depotPath, roles: u.roles };
  const deps = { db: d, clock: systemClock, config: defaultConfig };
  const area = createArea(deps, actor, depot.id, { name: 'bench store', kind: 'room', expectedIntervalMinutes: 30 });
  // A year of 5-minute logger readings ending now: a daily cycle, and one hot afternoon a month.
  const step = 5 * 60_000;
  const end = Math.floor(Date.now() / step) * step - step;
  const start = end - 365 * 24 * 3_600_000;
  const lines = ['Time,Celsius(°C),Humidity(%rh)'];
  for (let t = start; t <= end; t += step) {
    const hour = (t / 3_600_000 + 8) % 24;
    // 13-19 °C: the store may hold suppositories (KJ-0301), which keep it at 20 °C at most.
    let c = 15.5 + 2.5 * Math.sin(((hour - 9) / 24) * 2 * Math.PI) + Math.sin(t / 86_400_000);
    if (new Date(t).getUTCDate() === 15 && hour >= 14 && hour < 16) c = 26.5;
    lines.push(`${new Date(t).toISOString().slice(0, 19).replace('T', ' ')},${c.toFixed(1)},${(50 - (c - 15.5) * 2).toFixed(0)}`);
  }
  const csv = lines.join('\n');
  const tParse = performance.now();
  const parsed = parseClimateCsv(csv, { timeZone: 'UTC' });
  const parseMs = performance.now() - tParse;
  const tImport = performance.now();
  const imported = importCsv(deps, actor, area.id, csv, { timeZone: 'UTC' });
  const importMs = performance.now() - tImport;
  const chart = (days: number, points: number) => {
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      areaSeries(deps, actor, area.id, { from: end - days * 86_400_000, to: end + step, points });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { p50: times[30]!, p99: times[Math.floor(times.length * 0.99)]! };
  };
  const month = chart(30, 1000);
  const year = chart(365, 1000);
  const tRecord = performance.now();
  monthlyRecord(deps, actor, area.id, new Date(end).toISOString().slice(0, 7));
  const recordMs = performance.now() - tRecord;
  closeDb(d);
  results.climate = { rows: parsed.readings.length, csvBytes: csv.length, parseMs, importMs, imported: imported.imported, excursions: imported.excursions.length, month, year, recordMs };
  line(`import a year of 5-minute readings (${fmt(parsed.readings.length)} rows)`, `${fmt(importMs / 1000, 2)} s`, `${fmt(csv.length / 1024 / 1024, 1)} MiB CSV, parse ${fmt(parseMs, 0)} ms, ${imported.excursions.length} excursions found; target < 2 s`);
  line('chart a month (8,640 readings → 1,000 points)', `${fmt(month.p50, 1)} / ${fmt(month.p99, 1)} ms`, 'p50 / p99; target < 50 ms');
  line('chart a year (105,120 readings → 1,000 points)', `${fmt(year.p50, 1)} / ${fmt(year.p99, 1)} ms`, 'p50 / p99');
  line('monthly record (库房温湿度记录表)', `${fmt(recordMs, 1)} ms`);
}

// ---------- expiry ----------
{
  console.log('\nExpiry (in process, over the whole region)');
  const d = openDb(dbFile);
  const u = findUserByUsername(d, 'bench-leader')!;
  const actor = { userId: u.id, username: u.username, displayName: u.displayName, depotId: u.depotId, depotPath: u.depotPath, roles: u.roles };
  const deps = { db: d, clock: systemClock, config: defaultConfig };
  const time = <T>(f: () => T) => {
    const t = performance.now();
    const value = f();
    return { value, ms: performance.now() - t };
  };
  const sweep = time(() => flagExpiredEverywhere(deps));
  const again = time(() => flagExpiredEverywhere(deps));
  const listed = time(() => expiredStock(deps, actor, region.id));
  const summary = time(() => expirySummary(deps, actor, region.id));
  closeDb(d);
  results.expiry = { sweepMs: sweep.ms, depotsFlagged: sweep.value.depots, againMs: again.ms, listMs: listed.ms, expiredRows: listed.value.items.length, summaryMs: summary.ms };
  line('expiry sweep over the region (flags every depot)', `${fmt(sweep.ms, 0)} ms`, `${fmt(sweep.value.depots)} depots flagged, ${fmt(listed.value.items.length)} expired lots still in qualified zones`);
  line('the same sweep again (nothing changed)', `${fmt(again.ms, 0)} ms`);
  line('expired stock listing, region subtree', `${fmt(listed.ms, 0)} ms`);
  line('expired and near-expiry summary, region subtree', `${fmt(summary.ms, 0)} ms`, `${fmt(summary.value.depots.length)} depots`);
}

// ---------- planning ----------
{
  console.log('\nPlanning (in process)');
  const d = openDb(dbFile);
  const u = findUserByUsername(d, 'bench-leader')!;
  const actor = { userId: u.id, username: u.username, displayName: u.displayName, depotId: u.depotId, depotPath: u.depotPath, roles: u.roles };
  const deps = { db: d, clock: systemClock, config: defaultConfig };
  const t = benchTables(d);
  const planDepots = allDepots.filter((x) => x.code.startsWith('64'));
  const planProducts = t.products().slice(0, 30).map((p) => p.id);
  const year = new Date().getFullYear() + 1;
  t.insertDemandPlans(planDepots.map((x) => x.id), planProducts, year, u.id);
  const times: number[] = [];
  let lines = 0;
  for (let i = 0; i < 30; i++) {
    const s0 = performance.now();
    lines = consolidateDemand(deps, actor, region.id, year).lines.length;
    times.push(performance.now() - s0);
  }
  times.sort((a, b) => a - b);
  const s1 = performance.now();
  const overview = demandPlanOverview(deps, actor, region.id, year);
  const overviewMs = performance.now() - s1;
  closeDb(d);
  results.planning = { depots: planDepots.length, products: planProducts.length, p50: times[15], p99: times[29], overviewMs };
  line(`consolidate the region's demand plans (${fmt(planDepots.length)} depots × ${planProducts.length} products)`, `${fmt(times[15]!, 1)} / ${fmt(times[29]!, 1)} ms`, 'p50 / max of 30; target < 200 ms');
  line('the region’s plan view with its cities’ breakdown', `${fmt(overviewMs, 1)} ms`, `${overview.children.length} cities`);
}

// ---------- reports ----------
{
  console.log('\nReports (in process, through the services)');
  const d = openDb(dbFile);
  const u = findUserByUsername(d, 'bench-leader')!;
  const actor = { userId: u.id, username: u.username, displayName: u.displayName, depotId: u.depotId, depotPath: u.depotPath, roles: u.roles };
  const deps = { db: d, clock: systemClock, config: defaultConfig };
  const year = new Date().getFullYear();
  const summary = timed(20, () => ptsReport(deps, actor, { depotId: region.id, year, period: 'year', scope: 'summary' }));
  const raw = timed(3, () => ptsFromMovements(d, region.id, `${year}-01-01`));
  closeDb(d);
  results.reports1M = { summary, raw };
  line(`region-wide yearly 购调存 summary (${fmt(SCALE)} movements)`, `${fmt(summary.p50, 1)} / ${fmt(summary.max, 1)} ms`, `p50 / max of 20; summing the movements instead: ${fmt(raw.p50, 0)} ms (${fmt(raw.p50 / summary.p50, 0)}×)`);
}
const REPORTS_SCALE = Number(args['reports-scale']);
if (REPORTS_SCALE > 0) {
  console.log(`\nReports at ${fmt(REPORTS_SCALE)} movements (a database of its own, Ningxia)`);
  const file = join(dir, 'reports.db');
  const t1 = performance.now();
  const d = openDb(file, { synchronous: 'NORMAL' });
  const ningxia = await loadDivisions('64');
  importDepots(d, ningxia);
  importCatalogue(d, CATALOGUE);
  const t = benchTables(d);
  t.insertBatches(syntheticLots(t.products(), new Date()), new Date().toISOString());
  await createUserUnchecked(d, defaultConfig, { username: 'bench-leader', displayName: 'bench leader', depotCode: '64', roles: ['leader'], password: PASSWORD }, new Date());
  let reported = 0;
  const built = writeSyntheticHistory(d, t.depots(), t.batches(), {
    movements: REPORTS_SCALE,
    endsAt: new Date(),
    actorId: t.userId('bench-leader'),
    onProgress: (n) => {
      if (n - reported >= 2_000_000) {
        reported = n;
        process.stdout.write(`  ${fmt(n)} movements…\n`);
      }
    },
  });
  const buildSeconds = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  const totalsRows = rebuildPeriodTotals(d, defaultConfig.timeZone);
  const rebuildSeconds = (performance.now() - t2) / 1000;
  d.$client.pragma('wal_checkpoint(TRUNCATE)');
  d.$client.exec('analyze');
  const u = findUserByUsername(d, 'bench-leader')!;
  const actor = { userId: u.id, username: u.username, displayName: u.displayName, depotId: u.depotId, depotPath: u.depotPath, roles: u.roles };
  const deps = { db: d, clock: systemClock, config: defaultConfig };
  const root = t.depots().find((x) => x.code === '64')!;
  const year = new Date().getFullYear();
  const cold = timed(1, () => ptsReport(deps, actor, { depotId: root.id, year: year - 1, period: 'year', scope: 'summary' }));
  const summary = timed(20, () => ptsReport(deps, actor, { depotId: root.id, year: year - 1, period: 'year', scope: 'summary' }));
  const current = timed(20, () => ptsReport(deps, actor, { depotId: root.id, year, period: 'year', scope: 'summary' }));
  const sheet = ptsReport(deps, actor, { depotId: root.id, year: year - 1, period: 'year', scope: 'summary' });
  const tx = performance.now();
  const xlsx = await sheetToXlsx(sheet, 'zh-CN');
  const xlsxMs = performance.now() - tx;
  const raw = timed(1, () => ptsFromMovements(d, root.id, `${year - 1}-01-01`, `${year}-01-01`));
  const ledger = timed(3, () => detailLedger(deps, actor, { depotId: root.id, year: year - 1, period: 'year', scope: 'own' }));
  const risk = Object.fromEntries(
    ['expiring', 'months-of-stock', 'cyp-by-depot', 'usage'].map((id) => [id, timed(3, () => buildReport(deps, actor, id, { depotId: root.id, year: year - 1, period: 'year', scope: 'own' }))]),
  );
  const sweep = timed(1, () => flagExpiredEverywhere(deps));
  const totalsBytes = d.$client.prepare(`select sum(pgsize) from dbstat where name = 'stock_period_totals'`).pluck().get() as number | null;
  closeDb(d);
  results.reports10M = { movements: built.movements, buildSeconds, rebuildSeconds, totalsRows, totalsBytes, cold, summary, current, xlsxMs, xlsxBytes: xlsx.length, raw, ledger, risk, sweep };
  line('movements of synthetic history', fmt(built.movements), `built in ${fmt(buildSeconds, 0)} s`);
  line('month totals rebuilt from every movement', `${fmt(rebuildSeconds, 1)} s`, `${fmt(totalsRows)} rows${totalsBytes ? `, ${fmt(totalsBytes / 1024 / 1024, 1)} MiB` : ''}`);
  line('region-wide yearly 购调存 summary, last year', `${fmt(summary.p50, 1)} / ${fmt(summary.max, 1)} ms`, `p50 / max of 20 (first call ${fmt(cold.p50, 1)} ms); target < 1 s`);
  line('the same for this year (to date)', `${fmt(current.p50, 1)} / ${fmt(current.max, 1)} ms`, 'p50 / max of 20');
  line('summing the year’s movements instead (no totals)', `${fmt(raw.p50, 0)} ms`, `${fmt(raw.p50 / summary.p50, 0)}× the report`);
  line('its XLSX export (official-form layout)', `${fmt(xlsxMs, 0)} ms`, `${fmt(xlsx.length / 1024, 1)} KiB, ${sheet.rows.length} products`);
  line('detail ledger (明细账) of the region depot for the year', `${fmt(ledger.p50, 0)} ms`, 'p50 of 3');
  for (const [id, r] of Object.entries(risk)) line(`${id} report of the whole region`, `${fmt(r.p50, 0)} ms`, 'p50 of 3');
  line('expiry sweep over the region', `${fmt(sweep.p50, 0)} ms`, `${fmt(REPORTS_SCALE)} movements`);
}

await hardeningBench(new Set(ALONE));

// ---------- 4. web ----------
console.log('\nWeb');
try {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const assets = join('dist/web/assets');
  const html = readFileSync('dist/web/index.html', 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  const all = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const gz = (files: string[]) => files.reduce((s, f) => s + gzipSync(readFileSync(join(assets, f))).length, 0);
  const initialKb = gz(initial) / 1024;
  const allKb = gz(all) / 1024;
  results.web = { initialGzipKiB: initialKb, allJsGzipKiB: allKb, files: all.length };
  line('JS loaded by login + stock screens, gzipped', `${fmt(initialKb, 1)} KiB`, `target < 80 KB; all JS ${fmt(allKb, 1)} KiB in ${all.length} files`);
} catch (e) {
  line('web build', 'failed', String(e));
}
try {
  const load = await measureWebLoad('dist/web');
  results.webLoad = load;
  for (const [what, figure, note] of webLoadLines(load)) line(what, figure, note);
} catch (e) {
  line('login form on slow 3G', 'failed', String(e));
}

// ---------- 5. memory, verify ----------
console.log('\nServer and ledger');
line('peak server memory (VmHWM)', `${fmt(peakMiB, 0)} MiB`);
results.serverPeakMiB = peakMiB;
if (!args['skip-verify']) {
  db = openDb(dbFile);
  const t = performance.now();
  const { violations, movementsChecked } = verifyLedger(db);
  const verifySeconds = (performance.now() - t) / 1000;
  results.verify = { violations: violations.length, movementsChecked, seconds: verifySeconds };
  line('verify after the run', violations.length === 0 ? 'OK' : `${violations.length} violations`, `${fmt(movementsChecked)} movements in ${fmt(verifySeconds, 1)} s`);
  closeDb(db);
}

mkdirSync('bench/results', { recursive: true });
const out = join('bench/results', `bench-${results.startedAt as string}.json`.replaceAll(':', '-'));
writeFileSync(out, JSON.stringify({ ...results, table: rows }, null, 2));
console.log(`\nWritten ${out}`);
if (!args.keep) rmSync(dir, { recursive: true, force: true });
else console.log(`Kept ${dbFile}`);
