import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { mkdtempSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema, type Db } from '../../db/client.ts';
import { createApp } from '../../server/app.ts';
import { makeWorld, type World } from '../helpers/world.ts';

/**
 * GET /api/ready against a real SQLite file. The tests run as root, which ignores file
 * permission bits, so a read-only database is made the way SQLite itself enforces for any
 * user: a connection opened read-only, and `PRAGMA query_only` on the server's own one.
 */
let dir: string;
let file: string;
let w: World;
const others: Database.Database[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fp-ready-'));
  file = join(dir, 'depot.db');
  w = await makeWorld({ dbFile: file, users: false });
});

afterEach(() => {
  for (const other of others.splice(0)) other.close();
  w.db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const ready = async (app = w.app) => {
  const res = await app.request('/api/ready');
  return { status: res.status, headers: res.headers, body: await res.json() };
};

const connect = (options?: Database.Options) => {
  const other = new Database(file, options);
  others.push(other);
  return other;
};

const shippedTags = () => readdirSync('db/migrations').filter((f) => f.endsWith('.sql')).sort().map((f) => f.replace(/\.sql$/, ''));

describe('liveness and readiness (GET /api/health, GET /api/ready)', () => {
  it('answers 200 with every check when the database is writable, migrated and its disk has room, without a session', async () => {
    const res = await ready(createApp(w.deps, { minFreeDiskBytes: 1024 * 1024 }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ok: true,
      checks: {
        database: { ok: true },
        migrations: { ok: true, applied: shippedTags().length, expected: shippedTags().length, missing: [] },
        disk: { ok: true, freeBytes: expect.any(Number), minFreeBytes: 1024 * 1024 },
      },
    });
    expect(res.body.checks.disk.freeBytes).toBeGreaterThan(1024 * 1024);
    const health = await w.app.request('/api/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
  });

  it('answers 503 not_ready naming the database when the server’s connection is read-only, with Retry-After', async () => {
    const readOnly = drizzle({ client: connect({ readonly: true, fileMustExist: true }), schema, casing: 'snake_case' }) as Db;
    const res = await ready(createApp({ ...w.deps, db: readOnly }));
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('retry-after')).toBe('10');
    expect(res.body).toMatchObject({ code: 'not_ready', status: 503, data: { failing: ['database'], checks: { database: { ok: false, reason: 'read_only' }, migrations: { ok: true } } } });
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
    // The process itself is up.
    expect((await createApp({ ...w.deps, db: readOnly }).request('/api/health')).status).toBe(200);
  });

  it('answers 503 for the server’s own connection under PRAGMA query_only, and 200 once writable again', async () => {
    w.db.$client.pragma('query_only = 1');
    const refused = await ready();
    expect(refused.status).toBe(503);
    expect(refused.body.data.checks.database).toEqual({ ok: false, reason: 'read_only' });
    w.db.$client.pragma('query_only = 0');
    expect((await ready()).status).toBe(200);
  });

  it('answers 503 within a fraction of the 5 s busy timeout while another connection holds the database exclusively', async () => {
    const other = connect();
    other.exec('BEGIN EXCLUSIVE');
    const started = performance.now();
    const res = await ready();
    const took = performance.now() - started;
    expect(res.status).toBe(503);
    expect(res.body.data.failing).toEqual(['database']);
    expect(res.body.data.checks.database).toEqual({ ok: false, reason: 'locked' });
    expect(took).toBeLessThan(1000);
    // The probe restores the connection's own busy timeout, and the database recovers.
    expect(w.db.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
    other.exec('ROLLBACK');
    expect((await ready()).status).toBe(200);
  });

  it('answers 503 naming the disk when the filesystem has less free space than the minimum', async () => {
    // A minimum above the filesystem's whole size: the real statfs of the database's directory falls short of it.
    const fs = statfsSync(dir);
    const minFreeDiskBytes = fs.blocks * fs.bsize + 1;
    const res = await ready(createApp(w.deps, { minFreeDiskBytes }));
    expect(res.status).toBe(503);
    expect(res.body.data.failing).toEqual(['disk']);
    expect(res.body.data.checks.disk).toMatchObject({ ok: false, reason: 'low_space', minFreeBytes: minFreeDiskBytes });
    expect(res.body.data.checks.disk.freeBytes).toBeLessThan(minFreeDiskBytes);
    expect(res.body.detail).toBe('Not ready: disk');
  });

  it('answers 503 naming the migrations when the database lacks one the code ships', async () => {
    w.db.$client.exec('delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)');
    const res = await ready();
    expect(res.status).toBe(503);
    expect(res.body.data.failing).toEqual(['migrations']);
    expect(res.body.data.checks.migrations).toEqual({ ok: false, applied: shippedTags().length - 1, expected: shippedTags().length, missing: [shippedTags().at(-1)] });
  });

  it('answers 503 once the database is closed, while the process still answers /api/health', async () => {
    w.db.$client.close();
    const res = await ready();
    expect(res.status).toBe(503);
    expect(res.body.data.failing).toEqual(['database', 'migrations']);
    expect(res.body.data.checks.database).toEqual({ ok: false, reason: 'closed' });
    expect((await w.app.request('/api/health')).status).toBe(200);
  });

  it('names every failing check at once', async () => {
    w.db.$client.pragma('query_only = 1');
    const res = await ready(createApp(w.deps, { minFreeDiskBytes: Number.MAX_SAFE_INTEGER }));
    expect(res.status).toBe(503);
    expect(res.body.data.failing).toEqual(['database', 'disk']);
    expect(res.body.detail).toBe('Not ready: database, disk');
  });

  it('lets the shared write transaction of requests in flight commit before probing, and keeps their writes', async () => {
    // As durableWrites does for a POST: the group's transaction is open and holds a write.
    const client = w.db.$client;
    client.exec('BEGIN');
    client.pragma('user_version = 42');
    const res = await ready();
    expect(res.status).toBe(200);
    expect(client.inTransaction).toBe(false);
    expect(connect({ readonly: true }).pragma('user_version', { simple: true })).toBe(42);
  });
});
