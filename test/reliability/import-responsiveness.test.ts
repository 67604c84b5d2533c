import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOGUE } from '../../seed/catalogue.ts';
import { startServerProcess, httpLogin, httpPost, type HttpSession } from '../helpers/http.ts';
import { makeWorld, snapshotCounts, expectLedgerConsistent, PASSWORD } from '../helpers/world.ts';
import { closeDb } from '../../db/client.ts';
import { loginAs } from '../helpers/client.ts';
import { buildBatch } from '../helpers/factories.ts';

/**
 * Issue 19, point 4: a large import must not freeze the server. The real server runs as its own
 * process on a database file; while it imports a 100,000-row climate CSV and the largest
 * opening-stock CSV taken (1 MB, 2,000 rows), this process asks /api/health every 20 ms and times
 * every answer. Parsed and written in one go (before the fix), the two held the probes for
 * up to seconds: p50 0.4 to 1.4 s, p99 0.8 to 2.7 s here; in slices, p50 10 to 40 ms, p99 90 to 330 ms.
 */
const dir = mkdtempSync(join(tmpdir(), 'fp-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The probes' p99 during the imports: the aim is 200 ms (90 to 120 ms when the machine is quiet,
 * measured by `npm run bench`). A freeze of F ms holds about F / 20 probes, the first for F ms,
 * so the p99 is about the longest freeze. The test allows 600 ms: the old code fails it (p99 0.8
 * to 2.7 s), and it leaves room for the two cores shared with other test runs (414 ms seen in a
 * CI run with 400 ms allowed). When the server got
 * only part of a core meanwhile (its CPU time well below the imports' wall time), or the idle
 * server's probes are slow already, the limit grows with it. FP_IMPORT_P99_MS sets a fixed one.
 */
const P99_LIMIT_MS = Number(process.env.FP_IMPORT_P99_MS ?? 600);

/** The CPU time a process has used, in ms, from /proc (Linux, 100 ticks a second); undefined elsewhere. */
function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};

/** Runs `work` while asking /api/health every 20 ms, each probe timed from its own start. */
async function probed<T>(url: string, work: () => Promise<T>): Promise<{ result: T; latencies: number[] }> {
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  const timer = setInterval(() => {
    const started = performance.now();
    inFlight.push(
      fetch(`${url}/api/health`)
        .then((res) => res.arrayBuffer())
        .then(() => void latencies.push(performance.now() - started)),
    );
  }, 20);
  try {
    return { result: await work(), latencies };
  } finally {
    clearInterval(timer);
    await Promise.all(inFlight);
  }
}

async function postText(url: string, s: HttpSession, path: string, text: string, contentType: string) {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': contentType, cookie: s.cookie, 'x-csrf-token': s.csrf }, body: text });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A data logger's year and a half of 5-minute readings, mostly within the limits. */
function loggerCsv(rows: number): string {
  const start = Date.UTC(2025, 0, 1);
  const lines = ['Time,Temperature(°C),Humidity(%RH)'];
  for (let i = 0; i < rows; i++) {
    const stamp = new Date(start + i * 300_000).toISOString().slice(0, 19).replace('T', ' ');
    lines.push(`${stamp},${(15 + (i % 50) / 10).toFixed(1)},${45 + (i % 15)}`);
  }
  return lines.join('\n');
}

/** 2,000 new lots of the catalogue, about 490 bytes a row: the largest file taken (1 MiB, 2,000 rows). */
function openingCsv(rows: number): string {
  const codes = CATALOGUE.map((p) => p.code);
  const lines = ['product_code,lot,expires_on,zone,quantity,unit_price,manufacturer'];
  for (let i = 0; i < rows; i++) {
    lines.push(`${codes[i % codes.length]},IMP${String(i).padStart(5, '0')},2029-0${1 + (i % 9)}-15,,${1 + (i % 40)},${(i % 90) / 10 + 0.5},${'某某药业有限公司'.repeat(5)}第${i % 7}分厂（${'x'.repeat(320)}）`);
  }
  return lines.join('\n');
}

describe('imports while other requests are answered (issue 19, point 4)', () => {
  it('imports 100,000 climate readings and a 1 MB opening-stock file with /api/health answered within its p99 limit meanwhile', async () => {
    // The small test tree on a file, then the server on it as its own process (no demo to seed).
    const dbFile = join(dir, 'import.db');
    closeDb((await makeWorld({ dbFile })).db);
    const { child, url, exited } = await startServerProcess({ DB_FILE: dbFile, SEED: 'none', JOBS: 'false', LOG_LEVEL: 'warn' });
    try {
      const county = await httpLogin(url, '640121-storekeeper', PASSWORD);
      const township = await httpLogin(url, '640121100-storekeeper', PASSWORD);
      const area = await httpPost(url, county, `/api/depots/${county.depotId}/storage-areas`, { name: '导入测试库房', kind: 'room' });
      expect(area.status).toBe(201);

      const climate = JSON.stringify({ csv: loggerCsv(100_000), timeZone: 'Asia/Shanghai' });
      const opening = openingCsv(2000);
      expect(Buffer.byteLength(opening)).toBeGreaterThan(900_000);
      expect(Buffer.byteLength(opening)).toBeLessThanOrEqual(1024 * 1024);

      const idle = (await probed(url, () => new Promise((r) => setTimeout(r, 2000)))).latencies;
      const cpuBefore = cpuMsOf(child.pid);
      const { result, latencies } = await probed(url, async () => {
        const started = performance.now();
        const readings = await postText(url, county, `/api/storage-areas/${area.body.id}/readings/import`, climate, 'application/json');
        const climateMs = performance.now() - started;
        const stock = await postText(url, township, `/api/opening-balances/import?depotId=${township.depotId}`, opening, 'text/csv');
        return { readings, stock, climateMs, stockMs: performance.now() - started - climateMs };
      });
      expect(result.readings.status, JSON.stringify(result.readings.body).slice(0, 300)).toBe(201);
      expect(result.readings.body).toMatchObject({ imported: 100_000, duplicates: 0, errors: [] });
      expect(result.stock.status, JSON.stringify(result.stock.body).slice(0, 300)).toBe(201);
      expect(result.stock.body.lines).toHaveLength(2000);

      const cpuAfter = cpuMsOf(child.pid);
      // Busy nearly all along, the server took about its CPU time when it had a core to itself.
      const load = cpuBefore === undefined || cpuAfter === undefined ? 1 : Math.max(1, (result.climateMs + result.stockMs) / Math.max(cpuAfter - cpuBefore, 1));
      const p50 = percentile(latencies, 0.5);
      const p99 = percentile(latencies, 0.99);
      const idleP99 = percentile(idle, 0.99);
      const limit = process.env.FP_IMPORT_P99_MS ? P99_LIMIT_MS : Math.max(P99_LIMIT_MS, 200 * load, idleP99 + 200);
      const summary = `${latencies.length} probes over ${Math.round(result.climateMs)} + ${Math.round(result.stockMs)} ms of imports: p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms; idle server p99 ${idleP99.toFixed(0)} ms, load ×${load.toFixed(1)}, limit ${limit.toFixed(0)} ms`;
      console.log(summary);
      expect(latencies.length).toBeGreaterThan(30);
      // Frozen, most probes wait behind the import (p50 0.4 s or more before the fix).
      expect(p50, summary).toBeLessThan(100);
      expect(p99, summary).toBeLessThan(limit);

      // Both are there, whole, for a reader.
      const series = await fetch(`${url}/api/storage-areas/${area.body.id}/series?from=${Date.UTC(2024, 11, 31)}&to=${Date.UTC(2027, 0, 1)}&points=10`, { headers: { cookie: county.cookie } });
      expect(series.status).toBe(200);
      const stock = await fetch(`${url}/api/opening-balances/${result.stock.body.id}`, { headers: { cookie: township.cookie } });
      expect(((await stock.json()) as { lines: unknown[] }).lines).toHaveLength(2000);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 120_000);

  it('leaves nothing behind when a row is refused while a large file is being written, and the next change goes through', async () => {
    const w = await makeWorld();
    const township = w.depot('640121100').id;
    const keeper = await loginAs(w, '640121100-storekeeper');
    buildBatch(w, { productCode: 'KJ-0101', lot: 'KNOWN-1', expiresOn: '2028-06-30' });
    const before = snapshotCounts(w.db);
    // 300 lines: written in slices; line 290 names a known lot with another expiry (409 batch_conflict).
    const rows = Array.from({ length: 300 }, (_, i) => (i === 289 ? 'KJ-0101,KNOWN-1,2029-01-31,,5' : `KJ-0102,SL${String(i).padStart(4, '0')},2028-09-30,,${i + 1}`));
    const refused = await keeper.post(`/api/opening-balances/import?depotId=${township}`, `product_code,lot,expires_on,zone,quantity\n${rows.join('\n')}`, { 'content-type': 'text/csv' });
    expect([refused.status, refused.body.code]).toEqual([409, 'batch_conflict']);
    expect(snapshotCounts(w.db)).toEqual(before);

    rows[289] = 'KJ-0101,KNOWN-1,2028-06-30,,5';
    const taken = await keeper.post(`/api/opening-balances/import?depotId=${township}`, `product_code,lot,expires_on,zone,quantity\n${rows.join('\n')}`, { 'content-type': 'text/csv' });
    expect(taken.status).toBe(201);
    expect(taken.body.lines).toHaveLength(300);
    expectLedgerConsistent(w.db);
  });

  it('refuses a data logger file past its configured bytes or lines unread (413 payload_too_large)', async () => {
    const w = await makeWorld({ config: { climateCsv: { maxBytes: 2000, maxRows: 20 } } });
    const keeper = await loginAs(w, '640121-storekeeper');
    const area = await keeper.post(`/api/depots/${w.depot('640121').id}/storage-areas`, { name: '一号库房', kind: 'room' });
    const before = snapshotCounts(w.db);
    const lines = (n: number, pad = '') => ['Time,Temperature(°C),Humidity(%RH)', ...Array.from({ length: n }, (_, i) => `2026-11-20 ${String(i % 24).padStart(2, '0')}:00,21.5,55${pad}`)].join('\n');
    for (const path of ['preview', 'import']) {
      const long = await keeper.post(`/api/storage-areas/${area.body.id}/readings/${path}`, { csv: lines(20) });
      expect([long.status, long.body.code, long.body.data]).toEqual([413, 'payload_too_large', { maxRows: 20 }]);
      const wide = await keeper.post(`/api/storage-areas/${area.body.id}/readings/${path}`, { csv: lines(10, ' '.repeat(200)) });
      expect([wide.status, wide.body.code, wide.body.data]).toEqual([413, 'payload_too_large', { maxBytes: 2000 }]);
    }
    expect(snapshotCounts(w.db)).toEqual(before);
    expect((await keeper.post(`/api/storage-areas/${area.body.id}/readings/import`, { csv: lines(19) })).body).toMatchObject({ imported: 19 });
  });
});
