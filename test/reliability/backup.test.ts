import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { openDb, closeDb } from '../../db/client.ts';
import { verifyLedger } from '../../server/services/verify-ledger.ts';
import { makeWorld, PASSWORD } from '../helpers/world.ts';
import { buildBatch } from '../helpers/factories.ts';
import { serveWorld, httpLogin, httpPost, compiledCli } from '../helpers/http.ts';

const dir = mkdtempSync(join(tmpdir(), 'fp-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runBackup(dbFile: string, to: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [compiledCli('backup'), '--to', to], { env: { ...process.env, DB_FILE: dbFile } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run backup', () => {
  it('copies a live database under write load consistently; the copy passes verify and restores', async () => {
    const dbFile = join(dir, 'live.db');
    const w = await makeWorld({ dbFile });
    const server = await serveWorld(w);
    const s = await httpLogin(server.url, '640121-storekeeper', PASSWORD);
    const batch = buildBatch(w);
    let stop = false;
    let written = 0;
    const load = (async () => {
      while (!stop) {
        const res = await httpPost(server.url, s, '/api/opening-balances', { depotId: s.depotId, lines: [{ batchId: batch.id, quantity: 1 }, { batchId: batch.id, quantity: 2, zone: 'pending' }] });
        if (res.status === 201) written += 1;
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    const copy = join(dir, 'copy.db');
    const result = await runBackup(dbFile, copy);
    stop = true;
    await load;
    await server.close();
    expect(result.out).toContain('verify OK');
    expect(result.code).toBe(0);

    const restored = openDb(copy);
    const docs = restored.$client.prepare('select count(*) from opening_balances').pluck().get() as number;
    expect(docs).toBeGreaterThan(0);
    expect(docs).toBeLessThanOrEqual(written);
    expect(verifyLedger(restored).violations).toEqual([]);
    closeDb(restored);
    w.db.$client.close();
  }, 60_000);
});
