import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { openDb, closeDb } from '../../db/client.ts';
import { verifyLedger } from '../../server/services/verify-ledger.ts';
import { DEMO_PASSWORD } from '../../seed/demo.ts';
import { startServerProcess, httpLogin, httpPost, compiledCli } from '../helpers/http.ts';

const dir = mkdtempSync(join(tmpdir(), 'fp-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How long the write load runs before the server is killed; FP_CRASH_MS lengthens it. */
const LOAD_MS = Number(process.env.FP_CRASH_MS ?? (process.env.FP_LONG ? 15000 : 1500));

describe('a server killed with SIGKILL in the middle of a write load', () => {
  it('keeps every acknowledged posting and none that was refused; verify passes after restart', async () => {
    const dbFile = join(dir, 'crash.db');
    const { child, url, exited } = await startServerProcess({ DB_FILE: dbFile, SEED: 'demo', DB_SYNCHRONOUS: 'FULL' });
    const clients = await Promise.all(['region', 'city', 'county', 'township'].map((tier) => httpLogin(url, `${tier}-storekeeper`, DEMO_PASSWORD)));
    const batches = ((await (await fetch(`${url}/api/batches?pageSize=100`, { headers: { cookie: clients[0].cookie } })).json()) as { items: { id: number; productId: number; lot: string; expiresOn: string }[] }).items;
    expect(batches.length).toBeGreaterThan(3);

    const acknowledged: string[] = [];
    const refused: string[] = [];
    let seq = 0;
    let stop = false;
    const load = clients.map(async (s, c) => {
      while (!stop) {
        const n = seq++;
        const note = `crash-${c}-${n}`;
        // Every fifth request is one the server must refuse: a known lot with another expiry.
        const bad = n % 5 === 4;
        const b = batches[n % batches.length];
        const line = bad ? { batch: { productId: b.productId, lot: b.lot, expiresOn: '2099-01-01' }, quantity: 1 } : { batchId: b.id, quantity: 1 + (n % 7) };
        try {
          const res = await httpPost(url, s, '/api/opening-balances', { depotId: s.depotId, note, lines: [line, { batchId: batches[(n + 1) % batches.length].id, quantity: 2 }] });
          if (res.status === 201) acknowledged.push(note);
          else if (res.status === 409) refused.push(note);
        } catch {
          return; // the connection died with the server: this one was never acknowledged
        }
      }
    });
    await new Promise((r) => setTimeout(r, LOAD_MS));
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(load);
    await exited;
    expect(acknowledged.length).toBeGreaterThan(10);
    expect(refused.length).toBeGreaterThan(1);

    // Restart on the same file: the server opens it (WAL recovery) and serves what was acknowledged.
    const again = await startServerProcess({ DB_FILE: dbFile, SEED: 'demo' });
    const county = await httpLogin(again.url, 'county-storekeeper', DEMO_PASSWORD);
    expect(county.depotId).toBeGreaterThan(0);
    again.child.kill('SIGTERM');
    await again.exited;

    const db = openDb(dbFile);
    const notes = new Set(db.$client.prepare('select note from opening_balances').pluck().all() as string[]);
    const posted = db.$client.prepare('select count(*) from opening_balances where posting_id is null').pluck().get();
    expect(acknowledged.filter((n) => !notes.has(n))).toEqual([]);
    expect(refused.filter((n) => notes.has(n))).toEqual([]);
    expect(posted).toBe(0);
    expect(verifyLedger(db).violations).toEqual([]);
    closeDb(db);

    const verify = spawnSync(process.execPath, [compiledCli('verify')], { env: { ...process.env, DB_FILE: dbFile }, encoding: 'utf8' });
    expect(verify.stdout).toContain('verify: OK');
    expect(verify.status).toBe(0);
  }, 120_000);
});
