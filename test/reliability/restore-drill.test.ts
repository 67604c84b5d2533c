import { describe, it, expect, afterAll } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { startServer } from '../../server/serve.ts';
import { makeWorld, PASSWORD, testConfig } from '../helpers/world.ts';
import { buildBatch } from '../helpers/factories.ts';
import { serveWorld, httpLogin, httpPost, type HttpSession, compiledCli } from '../helpers/http.ts';

const dir = mkdtempSync(join(tmpdir(), 'fp-restore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A CLI of server/cli as `npm run <name>` runs it, on the database `dbFile`. */
function runCli(name: 'backup' | 'verify', dbFile: string, args: string[] = []): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [compiledCli(name), ...args], { env: { ...process.env, DB_FILE: dbFile } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

async function readStock(url: string, s: HttpSession, batchId: number) {
  const get = async (path: string) => {
    const res = await fetch(`${url}${path}`, { headers: { cookie: s.cookie } });
    expect(res.status).toBe(200);
    return res.json();
  };
  return { onHand: await get(`/api/stock?depotId=${s.depotId}`), card: await get(`/api/stock/card?depotId=${s.depotId}&batchId=${batchId}`) };
}

describe('the restore drill of docs/operations.md', () => {
  it('backs up, restores the copy in place of the database, passes verify and serves the stock as it was at the backup', async () => {
    const dbFile = join(dir, 'data', 'fp.db');
    const backups = join(dir, 'backups');
    mkdirSync(backups);
    const olderBackups = ['fp-2020-01-01T02-30-00Z.db', 'fp-2020-01-02T02-30-00Z.db'];
    const notOurs = ['other-2020-01-01T02-30-00Z.db', 'notes.txt'];
    for (const name of [...olderBackups, ...notOurs]) writeFileSync(join(backups, name), 'not a database');

    const w = await makeWorld({ dbFile });
    const live = await serveWorld(w);
    const s = await httpLogin(live.url, '640121-storekeeper', PASSWORD);
    const batch = buildBatch(w);
    expect((await httpPost(live.url, s, '/api/opening-balances', { depotId: s.depotId, lines: [{ batchId: batch.id, quantity: 40 }, { batchId: batch.id, quantity: 5, zone: 'pending' }] })).status).toBe(201);
    const atBackup = await readStock(live.url, s, batch.id);
    expect(atBackup.onHand.items.length).toBeGreaterThan(0);

    const backup = await runCli('backup', dbFile, ['--dir', backups, '--keep', '2']);
    expect(backup.out).toContain('verify OK');
    expect(backup.code).toBe(0);
    const copy = /^backup: (\S+) \(/m.exec(backup.out)![1];
    expect(readdirSync(backups).sort()).toEqual([copy.slice(backups.length + 1), olderBackups[1], ...notOurs].sort());

    // Posted after the backup: the restore loses it, which is why the drill can tell the copy from the live file.
    expect((await httpPost(live.url, s, '/api/opening-balances', { depotId: s.depotId, lines: [{ batchId: batch.id, quantity: 7 }] })).status).toBe(201);

    // 1. Stop the service. 2. Move the database aside with its -wal and -shm. 3. Copy the backup into place.
    await live.close();
    w.db.$client.close();
    const aside = join(dir, 'before-restore');
    mkdirSync(aside);
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(dbFile + suffix)) renameSync(dbFile + suffix, join(aside, `fp.db${suffix}`));
    copyFileSync(copy, dbFile);

    // 4. Verify the restored file.
    const verify = await runCli('verify', dbFile);
    expect(verify.out).toContain('verify: OK');
    expect(verify.code).toBe(0);

    // 5. Start the service on it and look at the stock.
    const restored = await startServer({ port: 0, host: '127.0.0.1', dbFile, seed: 'none', jobs: false, config: testConfig });
    try {
      const again = await httpLogin(restored.url, '640121-storekeeper', PASSWORD);
      expect(await readStock(restored.url, again, batch.id)).toEqual(atBackup);
    } finally {
      await restored.close();
    }
  }, 60_000);
});
