import { describe, it, expect, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { DatabaseHeldError } from '../../db/server-lock.ts';
import { makeWorld, snapshotCounts } from '../helpers/world.ts';
import { loginAs } from '../helpers/client.ts';
import { COMPILED_SERVER } from '../helpers/http.ts';
import { createServer } from 'node:net';
import { spawn } from 'node:child_process';
import { buildBatch } from '../helpers/factories.ts';

/** Issue 19, point 7: one server per database file, and a busy database answers 503, never 500. */
const dirs: string[] = [];
const servers: RunningServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'fp-lock-'));
  dirs.push(dir);
  return join(dir, 'depot.db');
};
const start = async (dbFile: string) => {
  const server = await startServer({ port: 0, host: '127.0.0.1', dbFile, seed: 'none', jobs: false });
  servers.push(server);
  return server;
};

describe('one server per database file', () => {
  it('refuses to start a second server on a file another holds, and starts once the first has stopped', async () => {
    const file = tempFile();
    const first = await start(file);
    await expect(startServer({ port: 0, host: '127.0.0.1', dbFile: file, seed: 'none', jobs: false })).rejects.toBeInstanceOf(DatabaseHeldError);
    // The first goes on answering.
    expect((await fetch(`${first.url}/api/ready`)).status).toBe(200);
    await first.close();
    servers.splice(0);
    const second = await start(file);
    expect((await fetch(`${second.url}/api/ready`)).status).toBe(200);
  });

  it('fails to start, instead of hanging, on a port another server holds, and lets its database go', async () => {
    const first = await start(tempFile());
    const file = tempFile();
    await expect(startServer({ port: first.port, host: '127.0.0.1', dbFile: file, seed: 'none', jobs: false })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    // The file is free again: a server on another port starts on it.
    const second = await start(file);
    expect((await fetch(`${second.url}/api/ready`)).status).toBe(200);
  });

  it('npm start on a port another program holds says so and exits 1', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const child = spawn(process.execPath, [`${COMPILED_SERVER}/index.js`], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DB_FILE: tempFile(), SEED: 'none', WEB_DIR: 'none' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(output).toContain(`port ${port} is in use by another program`);
    } finally {
      holder.close();
    }
  });

  it('answers a write that finds the database busy with 503 storage_unavailable and Retry-After, never 500, and records nothing', async () => {
    const file = tempFile();
    const w = await makeWorld({ dbFile: file });
    const keeper = await loginAs(w, '640121100-storekeeper');
    const batch = buildBatch(w);
    // Another process's connection holds the file; the server gives up after 100 ms instead of 5 s.
    const other = new Database(file);
    w.db.$client.pragma('busy_timeout = 100');
    other.exec('BEGIN EXCLUSIVE');
    const before = (() => {
      other.exec('ROLLBACK');
      const counts = snapshotCounts(w.db);
      other.exec('BEGIN EXCLUSIVE');
      return counts;
    })();
    const res = await keeper.post('/api/opening-balances', { depotId: w.depot('640121100').id, lines: [{ batchId: batch.id, quantity: 5 }] });
    other.exec('ROLLBACK');
    other.close();
    expect([res.status, res.body.code]).toEqual([503, 'storage_unavailable']);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(snapshotCounts(w.db)).toEqual(before);
    w.db.$client.close();
  });
});
